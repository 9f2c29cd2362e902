package screens

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// violationsView lists the shop's violations; a new one is added and any one
// edited (resolved, penalty corrected) in a form dialog.
func (s *shopScreen) violationsView() fyne.CanvasObject {
	vs := s.violations
	cur := s.shop.Currency
	cols := []tableColumn{
		{title: msgKey("Date"), width: 110, less: func(a, b int) bool { return vs[a].Date < vs[b].Date }},
		{title: msgKey("Kind"), width: 220, less: func(a, b int) bool { return vs[a].Kind < vs[b].Kind }},
		{title: msgKey("Penalty"), width: 130, less: func(a, b int) bool { return vs[a].Penalty < vs[b].Penalty }},
		{title: msgKey("Resolved"), width: 110, less: func(a, b int) bool { return compareDates(vs[a].Resolved, vs[b].Resolved) < 0 }},
		{title: msgKey("Note"), width: 200, less: func(a, b int) bool { return vs[a].Note < vs[b].Note }},
	}
	s.violTable = newSortTable(cols, func(row, col int) tableCell {
		v := vs[row]
		switch col {
		case 0:
			return tableCell{text: v.Date.String()}
		case 1:
			return tableCell{text: v.Kind, bold: v.Open()}
		case 2:
			return tableCell{text: formatMoney(v.Penalty, cur), align: fyne.TextAlignTrailing}
		case 3:
			if v.Open() {
				return tableCell{text: lang.L("Unresolved"), warn: true}
			}
			return tableCell{text: v.Resolved.String()}
		case 4:
			return tableCell{text: v.Note}
		}
		return tableCell{}
	})
	s.violTable.flex = 4
	s.violTable.SetRows(seq(len(vs)))
	s.violTable.OnActivate = func(row int) { s.editViolation(vs[row]) }
	add := widget.NewButtonWithIcon(lang.L("Add a violation"), theme.ContentAddIcon(), func() {
		s.editViolation(data.Violation{ShopID: s.shop.ID, Date: s.desk().Today()})
	})
	edit := widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() {
		if r := s.violTable.Selected(); r >= 0 {
			s.editViolation(vs[r])
		}
	})
	hint := widget.NewLabel(lang.L("Penalties are deducted from the deposit; an open violation blocks the refund. Double-click a row to edit it."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	return container.NewBorder(container.NewBorder(nil, nil, nil, container.NewHBox(edit, add), hint), nil, nil, nil, s.violTable)
}

// violationForm is the dialog's fields, kept for tests.
type violationForm struct {
	date, kind, penalty, resolved, note *widget.Entry
	form                                *widget.Form
	problem                             *widget.Label
	dialog                              *dialog.CustomDialog
}

// lastViolationForm is the form shown last (tests fill it in).
var lastViolationForm *violationForm

// editViolation opens the form for a new (ID 0) or an existing violation.
func (s *shopScreen) editViolation(v data.Violation) {
	f := &violationForm{date: newDateEntry(v.Date), kind: widget.NewEntry(), penalty: widget.NewEntry(),
		resolved: newDateEntry(v.Resolved), note: widget.NewEntry(), problem: errorLabel()}
	f.date.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return requiredText(t)
		}
		return validateDate(t)
	}
	f.kind.SetText(v.Kind)
	f.kind.SetPlaceHolder(lang.L("As the platform names it, e.g. Late dispatch"))
	f.kind.Validator = requiredText
	if v.Penalty != 0 {
		f.penalty.SetText(v.Penalty.String())
	}
	f.penalty.SetPlaceHolder("0.00")
	f.penalty.Validator = validateAmount
	f.note.SetText(v.Note)
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("Date"), f.date),
		widget.NewFormItem(lang.L("Kind"), f.kind),
		widget.NewFormItem(lang.L("Penalty ({{.Currency}})", map[string]any{"Currency": s.shop.Currency}), f.penalty),
		widget.NewFormItem(lang.L("Resolved on"), f.resolved),
		widget.NewFormItem(lang.L("Note"), f.note),
	)
	f.form.SubmitText = lang.L("Save")
	f.form.CancelText = lang.L("Cancel")
	f.form.OnCancel = func() { f.dialog.Hide() }
	f.form.OnSubmit = func() {
		nv := v
		var err error
		if nv.Date, err = parseDateEntry(f.date.Text); err == nil {
			if nv.Resolved, err = parseDateEntry(f.resolved.Text); err == nil {
				nv.Penalty, err = parseAmount(f.penalty.Text)
			}
		}
		nv.Kind = strings.TrimSpace(f.kind.Text)
		nv.Note = strings.TrimSpace(f.note.Text)
		if err == nil {
			if nv.ID == 0 {
				_, err = s.desk().AddViolation(context.Background(), s.shop.Name, nv)
			} else {
				err = s.desk().SaveViolation(context.Background(), nv)
			}
		}
		if err != nil {
			f.problem.SetText(trError(err))
			f.problem.Show()
			return
		}
		f.dialog.Hide()
	}
	title := lang.L("Edit the violation")
	if v.ID == 0 {
		title = lang.L("Add a violation")
	}
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(f.form, f.problem), s.shell.win)
	f.dialog.Resize(fyne.NewSize(520, f.dialog.MinSize().Height))
	lastViolationForm = f
	f.dialog.Show()
}

// importsView is the shop's import history, newest first, with an Undo for
// every import still in effect.
func (s *shopScreen) importsView() fyne.CanvasObject {
	bs := s.batches
	s.undoButtons = map[int64]*widget.Button{}
	if len(bs) == 0 {
		return container.NewPadded(widget.NewLabel(lang.L("Nothing has been imported into this shop yet.")))
	}
	list := container.NewVBox()
	for _, b := range bs {
		list.Add(s.batchRow(b))
		list.Add(widget.NewSeparator())
	}
	hint := widget.NewLabel(lang.L("Undo takes an import back out and restores what the shop's orders or cases were before it."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	return container.NewBorder(hint, nil, nil, nil, container.NewVScroll(list))
}

func (s *shopScreen) batchRow(b data.ImportBatch) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(b.FileName, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	facts := []string{
		kindLabel(b.Kind),
		lang.L("exported {{.Time}}", map[string]any{"Time": b.ExportedAt.String()}),
		lang.L("imported {{.Time}}", map[string]any{"Time": b.ImportedAt.Local().Format("2006-01-02 15:04")}),
		rowsText(b.Rows, b.Rows) + lang.L(", ") + lang.L(data.Plural(b.Records,
			msgKey("{{.Records}} record: {{.Created}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped"),
			msgKey("{{.Records}} records: {{.Created}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped")),
			map[string]any{"Records": b.Records, "Created": b.Created, "Updated": b.Updated, "Unchanged": b.Unchanged, "Skipped": b.Skipped}),
	}
	detail := widget.NewLabel(joinFacts(facts))
	detail.Wrapping = fyne.TextWrapWord
	var right fyne.CanvasObject
	if b.Undone {
		l := widget.NewLabel(lang.L("Undone"))
		l.Importance = widget.LowImportance
		right = l
	} else {
		undo := widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), func() { s.confirmUndo(b) })
		s.undoButtons[b.ID] = undo
		right = undo
	}
	lines := container.NewVBox(name, detail)
	if len(b.Warnings) > 0 {
		w := widget.NewLabel(lang.L("Warnings: {{.Count}}", map[string]any{"Count": len(b.Warnings)}))
		w.Importance = widget.WarningImportance
		lines.Add(w)
	}
	return container.NewBorder(nil, nil, nil, container.NewVBox(right, layout.NewSpacer()), lines)
}

// confirmUndo asks before taking an import back out.
func (s *shopScreen) confirmUndo(b data.ImportBatch) {
	msg := lang.L("Undo the import of {{.File}}? The orders or cases it changed go back to what they were before it.",
		map[string]any{"File": b.FileName})
	d := dialog.NewConfirm(lang.L("Undo this import"), msg, func(ok bool) {
		if ok {
			s.undo(b.ID)
		}
	}, s.shell.win)
	d.SetConfirmText(lang.L("Undo"))
	d.SetDismissText(lang.L("Cancel"))
	s.undoDialog = d
	d.Show()
}

// undo takes a batch back out off the UI goroutine and shows the new verdict.
func (s *shopScreen) undo(id int64) {
	desk := s.desk()
	s.shell.background(func() {
		_, err := desk.Undo(context.Background(), id)
		s.shell.ui(func() {
			if err != nil {
				dialog.ShowError(fmt.Errorf("%s", lang.L("The import could not be undone: {{.Error}}", map[string]any{"Error": trError(err)})), s.shell.win)
				return
			}
			if s.status != nil {
				s.status.SetText(lang.L("Import undone"))
			}
		})
	})
}
