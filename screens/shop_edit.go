package screens

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// accountFields edit the refund account; the number stays masked until a
// person asks to see it.
type accountFields struct {
	holder, bank, swift *widget.Entry
	number              *widget.Entry // the full number, only once revealed
	masked              *widget.Label // the number as •••• 1234 until then
	reveal              *widget.Button
	numberBox           *fyne.Container
}

// detailsView is the shop's details, refund account and notes, saved together.
func (s *shopScreen) detailsView() fyne.CanvasObject {
	s.details = newShopForm(s.shop, s.ruleSets, s.shell.overview.clientNames())
	a := &accountFields{holder: widget.NewEntry(), bank: widget.NewEntry(), swift: widget.NewEntry(), number: widget.NewEntry()}
	a.holder.SetText(s.shop.Account.Holder)
	a.bank.SetText(s.shop.Account.Bank)
	a.swift.SetText(s.shop.Account.Swift)
	a.number.SetText(s.shop.Account.Number)
	a.masked = widget.NewLabel(maskedOrNone(s.shop.Account))
	a.masked.TextStyle.Monospace = true
	a.reveal = widget.NewButtonWithIcon(lang.L("Show"), theme.VisibilityIcon(), s.onReveal)
	a.numberBox = container.NewStack()
	s.account = a
	s.showAccountNumber()

	notes := widget.NewMultiLineEntry()
	notes.SetText(s.shop.Notes)
	notes.SetMinRowsVisible(3)
	notes.Wrapping = fyne.TextWrapWord

	items := s.details.items()
	items = append(items,
		widget.NewFormItem(lang.L("Account holder"), a.holder),
		widget.NewFormItem(lang.L("Bank"), a.bank),
		widget.NewFormItem(lang.L("Account number"), a.numberBox),
		widget.NewFormItem(lang.L("SWIFT / branch"), a.swift),
		widget.NewFormItem(lang.L("Notes"), notes),
	)
	form := widget.NewForm(items...)
	s.detailsErr = errorLabel()
	s.saveDetails = widget.NewButtonWithIcon(lang.L("Save changes"), theme.DocumentSaveIcon(), func() {
		sh, err := s.details.shop(s.shop)
		if err == nil {
			sh.Account.Holder = strings.TrimSpace(a.holder.Text)
			sh.Account.Bank = strings.TrimSpace(a.bank.Text)
			sh.Account.Swift = strings.TrimSpace(a.swift.Text)
			sh.Account.Number = strings.TrimSpace(a.number.Text)
			sh.Notes = notes.Text
			err = s.desk().SaveShop(context.Background(), sh)
		}
		s.saved(s.detailsErr, err, sh.Name)
	})
	s.saveDetails.Importance = widget.HighImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(form, s.detailsErr, container.NewHBox(s.saveDetails))))
}

func maskedOrNone(a data.RefundAccount) string {
	if a.Number == "" {
		return "—"
	}
	return a.MaskedNumber()
}

// showAccountNumber puts the masked number and "Show", or the entry, in place.
func (s *shopScreen) showAccountNumber() {
	a := s.account
	if s.revealed || s.shop.Account.Number == "" {
		a.numberBox.Objects = []fyne.CanvasObject{a.number}
	} else {
		a.numberBox.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, a.reveal, a.masked)}
	}
	a.numberBox.Refresh()
}

func (s *shopScreen) onReveal() {
	s.revealed = true
	s.showAccountNumber()
}

// saved reports a save: the error in the user's language, or a fresh verdict.
func (s *shopScreen) saved(problem *widget.Label, err error, name string) {
	if err != nil {
		problem.SetText(trError(err))
		problem.Show()
		if s.status != nil {
			s.status.SetText("") // nothing was saved
		}
		var stale data.Stale
		if errors.As(err, &stale) {
			s.offerReload(err)
		}
		return
	}
	problem.Hide()
	if name != "" && name != s.name {
		s.name = name // renamed
	}
	if s.status != nil {
		s.status.SetText(lang.L("Saved"))
	}
}

// offerReload asks, when someone else changed the shop meanwhile (team
// mode), whether to load their version; the edit is kept until then.
func (s *shopScreen) offerReload(err error) {
	askReload(s.shell.win, trError(err), lang.L("Keep my edit"), s.reload)
}

// askReload shows why a change was refused as stale (text) and offers to
// load what is stored now; dismiss names what not reloading does.
func askReload(win fyne.Window, text, dismiss string, reload func()) {
	d := dialog.NewConfirm(lang.L("Changed by someone else"), text, func(ok bool) {
		if ok {
			reload()
		}
	}, win)
	d.SetConfirmText(lang.L("Reload"))
	d.SetDismissText(dismiss)
	d.Show()
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// stepsView dates the closure steps; the rule set says which it requires.
func (s *shopScreen) stepsView() fyne.CanvasObject {
	var rules data.RuleSet
	for _, r := range s.ruleSets {
		if r.ID == s.shop.RuleSet {
			rules = r
		}
	}
	s.steps = map[string]*widget.Entry{}
	form := widget.NewForm()
	for _, step := range append([]string{data.StepClosureNotice}, data.ClosureSteps...) {
		e := newDateEntry(s.shop.Steps.Get(step))
		s.steps[step] = e
		today := widget.NewButton(lang.L("Today"), func() { e.SetText(s.desk().Today().String()) })
		label := checkLabel(step)
		required := step == data.StepClosureNotice && rules.Params.ClosureNoticeDays > 0 || step != data.StepClosureNotice && rules.Requires(step)
		if !required {
			label = lang.L("{{.Step}} (not required by {{.Rules}})", map[string]any{"Step": label, "Rules": rules.Name})
		}
		form.Append(label, container.NewBorder(nil, nil, nil, today, e))
	}
	intro := widget.NewLabel(lang.L("Record the day each step was done (YYYY-MM-DD). Leave a step empty while it is not done."))
	intro.Wrapping = fyne.TextWrapWord
	s.stepsErr = errorLabel()
	s.saveSteps = widget.NewButtonWithIcon(lang.L("Save dates"), theme.DocumentSaveIcon(), func() {
		sh := s.shop
		var err error
		for step, e := range s.steps {
			d, perr := parseDateEntry(e.Text)
			if perr != nil {
				// The bad date is marked and has the keyboard.
				e.SetValidationError(perr)
				s.shell.win.Canvas().Focus(e)
				err = perr
				break
			}
			sh.Steps.Set(step, d)
		}
		if err == nil {
			err = s.desk().SaveShop(context.Background(), sh)
		}
		s.saved(s.stepsErr, err, "")
	})
	s.saveSteps.Importance = widget.HighImportance
	return container.NewVScroll(container.NewPadded(container.NewVBox(intro, form, s.stepsErr, container.NewHBox(s.saveSteps))))
}
