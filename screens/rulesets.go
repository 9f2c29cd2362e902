package screens

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// ruleSetDesk is what the rule set part of Settings needs of the core.
type ruleSetDesk interface {
	RuleSets(ctx context.Context) ([]data.RuleSet, error)
	SaveRuleSet(context.Context, data.RuleSet) error
}

// builtInNames are the names of the built-in rule sets, translated for the
// window; copies keep the name their author gave them.
var builtInNames = []string{msgKey("TikTok Shop cross-border"), msgKey("Basic closure conditions")}

// builtInSources say where each built-in rule set comes from, in a seller's words.
var builtInSources = []string{
	msgKey("TikTok Shop's closure and deposit refund conditions C1–C6 (tt123.com/policy/3WU9htjm), with the return window after delivery of each site from its after-sales rules"),
	msgKey("The conditions sellers' guides give (2024-07-12): the operating period or contract is over, no open violation, every order and after-sales case settled"),
}

// ruleSetSource is where a rule set comes from, in the UI language.
func ruleSetSource(r data.RuleSet) string {
	if r.BuiltIn && slices.Contains(builtInSources, r.Source) {
		return lang.L(r.Source)
	}
	return r.Source
}

// ruleSetName is a rule set's name in the UI language.
func ruleSetName(r data.RuleSet) string {
	if r.BuiltIn && slices.Contains(builtInNames, r.Name) {
		return lang.L(r.Name)
	}
	return r.Name
}

// ruleSetsView lists the rule sets, each opening to its parameters, with
// Copy (every rule set) and Edit (copies only).
func (s *settingsScreen) ruleSetsView() fyne.CanvasObject {
	desk, ok := s.shell.desk.(ruleSetDesk)
	if !ok {
		return widget.NewLabel(lang.L("Rule sets are not available."))
	}
	sets, err := desk.RuleSets(context.Background())
	if err != nil {
		l := widget.NewLabel(trError(err))
		l.Importance = widget.DangerImportance
		return l
	}
	if s.ruleItems != nil { // a rebuild: keep what was open
		s.openRuleSet = ""
		for i, item := range s.ruleItems.Items {
			if item.Open && i < len(s.ruleSets) {
				s.openRuleSet = s.ruleSets[i].ID
			}
		}
	}
	s.ruleSets = sets
	s.ruleItems = widget.NewAccordion()
	s.ruleCopy, s.ruleEdit = map[string]*widget.Button{}, map[string]*widget.Button{}
	for _, r := range sets {
		title := ruleSetName(r) + " · " + r.Label()
		if r.BuiltIn {
			title += " · " + lang.L("built in")
		}
		s.ruleItems.Append(widget.NewAccordionItem(title, s.ruleSetDetail(r)))
	}
	for i, r := range sets {
		if r.ID == s.openRuleSet {
			s.ruleItems.Open(i)
		}
	}
	return s.ruleItems
}

// ruleSetDetail shows the parameters of a rule set.
func (s *settingsScreen) ruleSetDetail(r data.RuleSet) fyne.CanvasObject {
	value := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	p := r.Params
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Source"), value(ruleSetSource(r))),
		widget.NewFormItem(lang.L("In force since"), value(r.Effective.String())),
		widget.NewFormItem(lang.L("Minimum operating period"), value(daysOrNone(p.MinOperatingDays))),
		widget.NewFormItem(lang.L("Return window after delivery"), value(returnWindowText(p))),
		widget.NewFormItem(lang.L("Quiet period after the last order"), value(daysOrOff(p.QuietDays))),
		widget.NewFormItem(lang.L("Closure notice shown for"), value(daysOrOff(p.ClosureNoticeDays))),
		widget.NewFormItem(lang.L("Required closure steps"), value(stepsText(p.Steps))),
	)
	copyButton := widget.NewButtonWithIcon(lang.L("Copy…"), theme.ContentCopyIcon(), func() { s.onCopyRuleSet(r) })
	s.ruleCopy[r.ID] = copyButton
	buttons := container.NewHBox(layout.NewSpacer(), copyButton)
	if !r.BuiltIn {
		edit := widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { s.onEditRuleSet(r) })
		s.ruleEdit[r.ID] = edit
		buttons.Add(edit)
	} else {
		note := widget.NewLabel(lang.L("Built-in rule sets cannot be changed; copy one to adjust it."))
		note.SizeName = theme.SizeNameCaptionText
		buttons.Objects = append([]fyne.CanvasObject{note}, buttons.Objects...)
	}
	return container.NewVBox(form, buttons)
}

func daysText(n int) string {
	return lang.L(data.Plural(n, msgKey("{{.Days}} day"), msgKey("{{.Days}} days")), map[string]any{"Days": n})
}

func daysOrNone(n int) string {
	if n == 0 {
		return lang.L("none")
	}
	return daysText(n)
}

func daysOrOff(n int) string {
	if n == 0 {
		return lang.L("off (the check is left out)")
	}
	return daysText(n)
}

// returnWindowText is the default window and the sites that differ from it.
func returnWindowText(p data.Params) string {
	text := lang.L(data.Plural(p.DefaultWindow, msgKey("{{.Days}} day by default"), msgKey("{{.Days}} days by default")), map[string]any{"Days": p.DefaultWindow})
	var sites []string
	for _, site := range slices.Sorted(maps.Keys(p.ReturnWindow)) {
		sites = append(sites, site+" "+strconv.Itoa(p.ReturnWindow[site]))
	}
	if len(sites) > 0 {
		text += lang.L("; by site: {{.Sites}}", map[string]any{"Sites": strings.Join(sites, ", ")})
	}
	return text
}

func stepsText(steps []string) string {
	if len(steps) == 0 {
		return lang.L("none")
	}
	var names []string
	for _, st := range steps {
		names = append(names, checkLabel(st))
	}
	return strings.Join(names, lang.L(", "))
}
