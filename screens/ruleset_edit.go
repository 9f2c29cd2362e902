package screens

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// ruleSetEditor is the dialog that edits a copy of a rule set: its id (new
// copies only), name, the numbers of days and the required closure steps.
type ruleSetEditor struct {
	desk   ruleSetDesk
	base   data.RuleSet // the copy being edited, as it was
	isNew  bool
	taken  []string // ids of the rule sets there are
	saved  func(data.RuleSet)
	dialog *dialog.CustomDialog

	id, name         *widget.Entry
	minOperating     *widget.Entry
	defaultWindow    *widget.Entry
	quietDays        *widget.Entry
	noticeDays       *widget.Entry
	siteWindows      map[string]*widget.Entry
	sitesBox         *fyne.Container
	newSite, newDays *widget.Entry
	steps            *widget.CheckGroup
	problem          *widget.Label
	save             *widget.Button
}

func (s *settingsScreen) onCopyRuleSet(r data.RuleSet) {
	desk, ok := s.shell.desk.(ruleSetDesk)
	if !ok {
		return
	}
	c := app.CopyRuleSet(r, s.freeRuleSetID(r.ID+"-copy"), lang.L("{{.Name}} (copy)", map[string]any{"Name": ruleSetName(r)}))
	s.editor = showRuleSetEditor(s.shell.win, desk, c, true, s.onRuleSetSaved)
	for _, r := range s.ruleSets {
		s.editor.taken = append(s.editor.taken, r.ID)
	}
}

func (s *settingsScreen) onEditRuleSet(r data.RuleSet) {
	desk, ok := s.shell.desk.(ruleSetDesk)
	if !ok {
		return
	}
	s.editor = showRuleSetEditor(s.shell.win, desk, app.CopyRuleSet(r, r.ID, r.Name), false, s.onRuleSetSaved)
}

// freeRuleSetID is id, or id-2, id-3 … when taken.
func (s *settingsScreen) freeRuleSetID(id string) string {
	taken := func(c string) bool {
		return slices.ContainsFunc(s.ruleSets, func(r data.RuleSet) bool { return r.ID == c })
	}
	c := id
	for n := 2; taken(c); n++ {
		c = id + "-" + strconv.Itoa(n)
	}
	return c
}

func (s *settingsScreen) onRuleSetSaved(r data.RuleSet) {
	s.openRuleSet, s.ruleItems = r.ID, nil // show the saved one open
	// Other pages follow the desk's change signal; this one shows the saved rule set.
	s.shell.Reload(PageSettings)
}

func showRuleSetEditor(win fyne.Window, desk ruleSetDesk, r data.RuleSet, isNew bool, saved func(data.RuleSet)) *ruleSetEditor {
	e := &ruleSetEditor{desk: desk, base: r, isNew: isNew, saved: saved, siteWindows: map[string]*widget.Entry{}}
	p := r.Params
	e.id = widget.NewEntry()
	e.id.SetText(r.ID)
	if !isNew {
		e.id.Disable()
	}
	e.name = widget.NewEntry()
	e.name.SetText(r.Name)
	e.minOperating = daysEntry(p.MinOperatingDays)
	e.defaultWindow = daysEntry(p.DefaultWindow)
	e.quietDays = daysEntry(p.QuietDays)
	e.noticeDays = daysEntry(p.ClosureNoticeDays)

	e.sitesBox = container.NewGridWithColumns(4)
	for _, site := range slices.Sorted(maps.Keys(p.ReturnWindow)) {
		e.addSiteRow(site, p.ReturnWindow[site])
	}
	e.newSite = widget.NewEntry()
	e.newSite.SetPlaceHolder(lang.L("Site, e.g. MX"))
	e.newDays = widget.NewEntry()
	e.newDays.SetPlaceHolder(lang.L("days"))
	addSite := widget.NewButtonWithIcon(lang.L("Add site"), theme.ContentAddIcon(), e.onAddSite)

	var stepNames []string
	for _, st := range data.ClosureSteps {
		stepNames = append(stepNames, checkLabel(st))
	}
	e.steps = widget.NewCheckGroup(stepNames, nil)
	e.steps.Horizontal = true
	for _, st := range p.Steps {
		e.steps.Selected = append(e.steps.Selected, checkLabel(st))
	}

	hint := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.SizeName = theme.SizeNameCaptionText
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Rule set ID"), e.id),
		widget.NewFormItem(lang.L("Name"), e.name),
		widget.NewFormItem(lang.L("Minimum operating days"), e.minOperating),
		widget.NewFormItem(lang.L("Default return window (days)"), e.defaultWindow),
		widget.NewFormItem(lang.L("Return window by site"), container.NewVBox(
			e.sitesBox,
			container.NewGridWithColumns(3, e.newSite, e.newDays, addSite),
			hint(lang.L("Sites not listed use the default window. Clear a site's days to remove it.")))),
		widget.NewFormItem(lang.L("Quiet days"), container.NewVBox(e.quietDays,
			hint(lang.L("Days without orders after the last order closes; 0 switches the check off.")))),
		widget.NewFormItem(lang.L("Closure notice days"), container.NewVBox(e.noticeDays,
			hint(lang.L("How long the closure notice must show on the shop page; 0 switches the check off.")))),
		widget.NewFormItem(lang.L("Required closure steps"), e.steps),
	)
	e.problem = widget.NewLabel("")
	e.problem.Importance = widget.DangerImportance
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Hide()

	title := lang.L("Edit rule set {{.ID}}", map[string]any{"ID": r.ID})
	if isNew {
		title = lang.L("New copy of a rule set")
	}
	e.dialog = dialog.NewCustomWithoutButtons(title, container.NewVScroll(container.NewVBox(form, e.problem)), win)
	e.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), e.onSave)
	e.save.Importance = widget.HighImportance
	e.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), e.dialog.Hide), e.save})
	e.dialog.Resize(fyne.NewSize(760, min(win.Canvas().Size().Height-60, 720)))
	e.dialog.Show()
	return e
}

// daysEntry is an entry for a number of days; the numbers are checked on Save.
func daysEntry(n int) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(strconv.Itoa(n))
	return e
}

func parseDays(text string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 0 {
		return 0, errors.New(lang.L("Enter a whole number of days (0 or more)."))
	}
	return n, nil
}

func (e *ruleSetEditor) addSiteRow(site string, days int) {
	entry := daysEntry(days)
	e.siteWindows[site] = entry
	name := widget.NewLabelWithStyle(site, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	e.sitesBox.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(44, name.MinSize().Height), name), nil, entry))
}

func (e *ruleSetEditor) onAddSite() {
	site := strings.ToUpper(strings.TrimSpace(e.newSite.Text))
	days, err := parseDays(e.newDays.Text)
	switch {
	case site == "":
		e.showProblem(lang.L("Enter the site code, e.g. MX."))
		return
	case err != nil:
		e.showProblem(err.Error())
		return
	}
	if entry, ok := e.siteWindows[site]; ok {
		entry.SetText(strconv.Itoa(days))
	} else {
		e.addSiteRow(site, days)
	}
	e.newSite.SetText("")
	e.newDays.SetText("")
	e.problem.Hide()
}

// ruleSet is the edited rule set; the error names the field to fix.
func (e *ruleSetEditor) ruleSet() (data.RuleSet, error) {
	r := app.CopyRuleSet(e.base, strings.TrimSpace(e.id.Text), strings.TrimSpace(e.name.Text))
	if !e.isNew {
		r.Version = e.base.Version
	}
	fields := []struct {
		label string
		entry *widget.Entry
		dest  *int
	}{
		{lang.L("Minimum operating days"), e.minOperating, &r.Params.MinOperatingDays},
		{lang.L("Default return window (days)"), e.defaultWindow, &r.Params.DefaultWindow},
		{lang.L("Quiet days"), e.quietDays, &r.Params.QuietDays},
		{lang.L("Closure notice days"), e.noticeDays, &r.Params.ClosureNoticeDays},
	}
	for _, f := range fields {
		n, err := parseDays(f.entry.Text)
		if err != nil {
			return r, errors.New(f.label + lang.L(": ") + err.Error())
		}
		*f.dest = n
	}
	r.Params.ReturnWindow = map[string]int{}
	for site, entry := range e.siteWindows {
		if strings.TrimSpace(entry.Text) == "" {
			continue // cleared: the site uses the default
		}
		n, err := parseDays(entry.Text)
		if err != nil {
			return r, errors.New(site + lang.L(": ") + err.Error())
		}
		r.Params.ReturnWindow[site] = n
	}
	r.Params.Steps = nil
	for _, st := range data.ClosureSteps {
		if slices.Contains(e.steps.Selected, checkLabel(st)) {
			r.Params.Steps = append(r.Params.Steps, st)
		}
	}
	if err := app.ValidateRuleSet(r); err != nil {
		return r, err
	}
	if e.isNew && slices.Contains(e.taken, r.ID) {
		return r, errors.New(lang.L("A rule set with the id {{.ID}} exists already; choose another id.", map[string]any{"ID": r.ID}))
	}
	return r, nil
}

func (e *ruleSetEditor) onSave() {
	r, err := e.ruleSet()
	if err != nil {
		var m *data.Message
		if errors.As(err, &m) {
			e.showProblem(trFull(*m))
		} else {
			e.showProblem(err.Error()) // written in the UI language already
		}
		return
	}
	if err := e.desk.SaveRuleSet(context.Background(), r); err != nil {
		e.showProblem(trError(err))
		return
	}
	e.dialog.Hide()
	if e.saved != nil {
		e.saved(r)
	}
}

func (e *ruleSetEditor) showProblem(text string) {
	e.problem.SetText(text)
	e.problem.Show()
}
