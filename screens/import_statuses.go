package screens

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/exports"
)

// statusDesk is what teaching a status value from the import preview needs.
type statusDesk interface {
	MapStatus(ctx context.Context, value, class string) (app.StatusChange, error)
}

var _ statusDesk = (*app.Desk)(nil)

// statusChoice is one unknown value of a preview and the choice of what it means.
type statusChoice struct {
	value   exports.UnknownValue
	classes []string // the classes offered, in the select's order
	means   *widget.Select
	mapIt   *widget.Button
}

// unknownValuesView offers, beside the warnings, a choice of what each
// status value the preview did not know means; mapping one remembers it,
// re-classifies what is stored with it and previews the file again.
func (s *importScreen) unknownValuesView(f *importFile) fyne.CanvasObject {
	if _, ok := s.shell.desk.(statusDesk); !ok || f.state != filePreviewed || f.plan == nil || len(f.plan.Unknown) == 0 {
		return nil
	}
	title := widget.NewLabelWithStyle(lang.L("Status values not known yet: {{.Count}}", map[string]any{"Count": len(f.plan.Unknown)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(lang.L("Choose what each value means. It is remembered, applied at once to the orders and cases already stored with it, and the file is previewed again. Remove a mapping with depositdesk status unmap."))
	hint.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox(title, hint)
	for _, u := range f.plan.Unknown {
		c := s.newStatusChoice(f, u)
		text := lang.L("{{.Value}} in {{.Column}}: orders {{.Count}}, first on row {{.Row}}", map[string]any{"Value": u.Value, "Column": u.Column, "Count": u.Count, "Row": u.Row})
		if u.Case {
			text = lang.L("{{.Value}} in {{.Column}}: after-sales cases {{.Count}}, first on row {{.Row}}", map[string]any{"Value": u.Value, "Column": u.Column, "Count": u.Count, "Row": u.Row})
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		rows.Add(container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.QuestionIcon())), container.NewHBox(c.means, c.mapIt), l))
	}
	return container.NewVBox(widget.NewSeparator(), rows)
}

func (s *importScreen) newStatusChoice(f *importFile, u exports.UnknownValue) *statusChoice {
	c := &statusChoice{value: u}
	var names []string
	if u.Case {
		c.classes = []string{data.CaseOpen, data.CaseFinal}
		names = []string{lang.L("Open (still being handled)"), lang.L("Final (closed)")}
	} else {
		for _, cl := range app.MappableClasses() {
			if cl == data.CaseOpen || cl == data.CaseFinal {
				continue
			}
			c.classes = append(c.classes, cl)
			names = append(names, classLabel(data.StatusClass(cl)))
		}
	}
	c.means = widget.NewSelect(names, func(string) { c.mapIt.Enable() })
	c.means.PlaceHolder = lang.L("Means…")
	c.mapIt = widget.NewButton(lang.L("Map value"), func() { s.onMapStatus(f, c) })
	c.mapIt.Disable()
	return c
}

// onMapStatus teaches the chosen meaning off the UI goroutine, then previews
// the file again, which now reads the value as taught.
func (s *importScreen) onMapStatus(f *importFile, c *statusChoice) {
	d, ok := s.shell.desk.(statusDesk)
	i := c.means.SelectedIndex()
	if !ok || i < 0 || s.working() {
		return
	}
	value, class := c.value.Value, c.classes[i]
	c.mapIt.Disable()
	s.shell.background(func() {
		_, err := d.MapStatus(context.Background(), value, class)
		s.shell.ui(func() {
			if err != nil {
				c.mapIt.Enable()
				dialog.ShowError(errorMessage(trError(err)), s.shell.win)
				return
			}
			// Stored orders and cases may have changed class.
			s.shell.Reload(PageOverview)
			s.shell.Reload(PageShop)
			f.forget()
			if s.current() == f {
				s.onPreview()
			}
		})
	})
}
