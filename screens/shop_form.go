package screens

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// commonSites and commonCurrencies are offered in the shop form; any other
// code can be typed.
var (
	commonSites      = []string{"US", "UK", "MY", "TH", "VN", "ID", "PH", "SG"}
	commonCurrencies = []string{"USD", "GBP", "MYR", "THB", "VND", "IDR", "PHP", "SGD", "CNY"}
)

// shopForm holds the entries of a shop's details, for adding a shop and for
// editing one: name, site, deposit, currency, rule set, client, code, opened
// and contract end.
type shopForm struct {
	name, code, deposit *widget.Entry
	opened, contractEnd *widget.Entry
	site, currency      *widget.SelectEntry
	clientEntry         *widget.SelectEntry
	clientOptions       []string // the clients its list offers now
	rules               *widget.Select
	ruleIDs, ruleNames  []string
}

func newShopForm(sh data.Shop, ruleSets []data.RuleSet, clients []string) *shopForm {
	f := &shopForm{}
	f.name = widget.NewEntry()
	f.name.SetText(sh.Name)
	f.name.Validator = requiredText
	f.site = widget.NewSelectEntry(commonSites)
	f.site.SetText(sh.Site)
	f.site.Validator = requiredText
	f.deposit = widget.NewEntry()
	if sh.Deposit != 0 || sh.ID != 0 {
		f.deposit.SetText(sh.Deposit.String())
	}
	f.deposit.SetPlaceHolder("500.00")
	f.deposit.Validator = validateDeposit
	f.currency = widget.NewSelectEntry(commonCurrencies)
	f.currency.SetText(sh.Currency)
	f.currency.Validator = requiredText
	for _, r := range ruleSets {
		f.ruleIDs = append(f.ruleIDs, r.ID)
		f.ruleNames = append(f.ruleNames, r.Name+" ("+r.ID+")")
	}
	f.rules = widget.NewSelect(f.ruleNames, nil)
	for i, id := range f.ruleIDs {
		if id == sh.RuleSet {
			f.rules.SetSelectedIndex(i)
		}
	}
	f.clientEntry = widget.NewSelectEntry(clients)
	f.clientEntry.SetText(sh.Client)
	// The list under the field holds the clients matching what is typed.
	f.clientEntry.OnChanged = func(typed string) {
		f.clientOptions = matching(clients, typed)
		f.clientEntry.SetOptions(f.clientOptions)
	}
	f.code = widget.NewEntry()
	f.code.SetText(sh.Code)
	f.opened = newDateEntry(sh.Opened)
	f.contractEnd = newDateEntry(sh.ContractEnd)
	return f
}

// items are the form rows, labels in the UI language.
func (f *shopForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("Site"), f.site),
		widget.NewFormItem(lang.L("Deposit"), f.deposit),
		widget.NewFormItem(lang.L("Currency"), f.currency),
		widget.NewFormItem(lang.L("Rule set"), f.rules),
		widget.NewFormItem(lang.L("Client"), f.clientEntry),
		widget.NewFormItem(lang.L("Shop code"), f.code),
		widget.NewFormItem(lang.L("Opened"), f.opened),
		widget.NewFormItem(lang.L("Contract end"), f.contractEnd),
	}
}

// shop is base with the form's values; the error says what to fix.
func (f *shopForm) shop(base data.Shop) (data.Shop, error) {
	sh := base
	sh.Name = strings.TrimSpace(f.name.Text)
	sh.Site = strings.ToUpper(strings.TrimSpace(f.site.Text))
	sh.Currency = strings.ToUpper(strings.TrimSpace(f.currency.Text))
	sh.Client = strings.TrimSpace(f.clientEntry.Text)
	sh.Code = strings.TrimSpace(f.code.Text)
	if i := f.rules.SelectedIndex(); i >= 0 {
		sh.RuleSet = f.ruleIDs[i]
	}
	var err error
	if sh.Deposit, err = parseDeposit(f.deposit.Text); err != nil {
		return sh, err
	}
	if sh.Opened, err = parseDateEntry(f.opened.Text); err != nil {
		return sh, err
	}
	if sh.ContractEnd, err = parseDateEntry(f.contractEnd.Text); err != nil {
		return sh, err
	}
	return sh, nil
}

// newDateEntry is an entry for a YYYY-MM-DD date (empty allowed), typed or
// picked on Fyne's calendar from the button at its end.
func newDateEntry(d data.Date) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("YYYY-MM-DD")
	e.SetText(d.String())
	e.Validator = validateDate
	e.ActionItem = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { showCalendar(e) })
	return e
}

// showCalendar opens a calendar under a date entry, on its date (else today);
// the day picked is written into the entry.
func showCalendar(e *widget.Entry) *widget.PopUp {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return nil
	}
	start := time.Now()
	if d, err := parseDateEntry(e.Text); err == nil && d != data.NoDate {
		start = d.Time()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		e.SetText(t.Format("2006-01-02"))
		pop.Hide()
	})
	pop = widget.NewPopUp(cal, c)
	pop.ShowAtRelativePosition(fyne.NewPos(0, e.Size().Height), e)
	return pop
}

// matching are the names that hold text, any case (all of them for no text).
func matching(names []string, text string) []string {
	text = strings.ToLower(strings.TrimSpace(text))
	if text == "" {
		return names
	}
	var out []string
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), text) {
			out = append(out, n)
		}
	}
	return out
}

func requiredText(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New(lang.L("Required"))
	}
	return nil
}

func validateDate(s string) error {
	_, err := parseDateEntry(s)
	return err
}

// parseDateEntry reads a date typed as YYYY-MM-DD; empty is no date.
func parseDateEntry(s string) (data.Date, error) {
	d, err := data.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return data.NoDate, errors.New(lang.L("Enter the date as YYYY-MM-DD, e.g. 2026-11-24."))
	}
	return d, nil
}

// parseDeposit is parseAmount that refuses an empty field: a deposit left
// empty by mistake would read as 0 and make every refund 0.
func parseDeposit(s string) (data.Money, error) {
	if strings.TrimSpace(s) == "" {
		return 0, errors.New(lang.L("Enter the deposit the platform holds (0 if it holds none)."))
	}
	return parseAmount(s)
}

func validateDeposit(s string) error {
	_, err := parseDeposit(s)
	return err
}

func validateAmount(s string) error {
	_, err := parseAmount(s)
	return err
}

// parseAmount reads an amount typed with or without thousands separators.
func parseAmount(s string) (data.Money, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if s == "" {
		return 0, nil
	}
	m, err := data.ParseMoney(s)
	if err != nil || m < 0 {
		return 0, errors.New(lang.L("Enter an amount such as 500 or 1450.50."))
	}
	return m, nil
}
