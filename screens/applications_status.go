package screens

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// statusDialog records the day an application moved on, with a note.
type statusDialog struct {
	a       *applicationsScreen
	shop    string
	version int64 // of the application shown: a change on a stale one is refused
	to      data.ApplicationStatus
	date    *widget.Entry
	note    *widget.Entry
	dlg     *dialog.FormDialog
}

// onSetStatus asks for the day and a note, then moves the selected application to status to.
func (a *applicationsScreen) onSetStatus(to data.ApplicationStatus) {
	v := a.selected()
	if v == nil {
		return
	}
	today := a.asOf
	if d := a.desk(); d != nil {
		today = d.Today()
	}
	s := &statusDialog{a: a, shop: v.Shop, version: v.Version, to: to}
	a.status = s
	s.date = widget.NewEntry()
	s.date.SetPlaceHolder("YYYY-MM-DD")
	s.date.SetText(today.String())
	s.date.Validator = func(text string) error { return validStatusDate(text, today) }
	s.note = widget.NewMultiLineEntry()
	s.note.Wrapping = fyne.TextWrapWord
	s.note.SetMinRowsVisible(3)
	s.note.SetPlaceHolder(notePlaceholder(to))

	dayLabel := lang.L("Day")
	intro := lang.L("Record that the application of {{.Shop}} was {{.Status}}.", map[string]any{"Shop": v.Shop, "Status": strings.ToLower(appStatusLabel(to))})
	explain := widget.NewLabel(intro)
	explain.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", explain),
		{Text: dayLabel, Widget: s.date, HintText: lang.L("The day it happened, as YYYY-MM-DD; not in the future.")},
		{Text: lang.L("Note"), Widget: s.note, HintText: lang.L("Optional; replaces the note kept with the application.")},
	}
	s.dlg = dialog.NewForm(nextStatusTitle(to, v.Shop), lang.L("Save"), lang.L("Cancel"), items, s.onConfirm, a.shell.win)
	s.dlg.Resize(fyne.NewSize(520, 0))
	s.dlg.Show()
}

func nextStatusTitle(to data.ApplicationStatus, shop string) string {
	return lang.L("{{.Shop}}: {{.Status}}", map[string]any{"Shop": shop, "Status": appStatusLabel(to)})
}

func notePlaceholder(to data.ApplicationStatus) string {
	switch to {
	case data.AppSubmitted:
		return lang.L("e.g. the ticket number the platform gave")
	case data.AppRejected:
		return lang.L("Why the platform rejected it")
	case data.AppRefunded:
		return lang.L("e.g. the amount received and the transfer reference")
	}
	return lang.L("Anything worth remembering")
}

// validStatusDate accepts a YYYY-MM-DD day that is not after today.
func validStatusDate(text string, today data.Date) error {
	d, err := data.ParseDate(strings.TrimSpace(text))
	if err != nil || d == data.NoDate {
		return errors.New(lang.L("Enter the day as YYYY-MM-DD."))
	}
	if today != data.NoDate && d > today {
		return errors.New(lang.L("The day cannot be in the future."))
	}
	return nil
}

func (s *statusDialog) onConfirm(ok bool) {
	if !ok {
		return
	}
	on, err := data.ParseDate(strings.TrimSpace(s.date.Text))
	if err != nil {
		return // the form does not confirm an invalid date
	}
	s.a.setStatus(s.shop, s.version, s.to, on, strings.TrimSpace(s.note.Text))
}

// setStatus moves a shop's application, as seen at version, on, off the UI
// goroutine; the list is read again afterwards, and a refusal is explained.
// When someone else changed the application meanwhile (team mode), the list
// is kept as it was until the person chooses to reload it.
func (a *applicationsScreen) setStatus(shop string, version int64, to data.ApplicationStatus, on data.Date, note string) {
	d := a.desk()
	if d == nil {
		return
	}
	a.shell.background(func() {
		err := d.SetApplicationStatus(context.Background(), shop, version, to, on, note)
		a.shell.ui(func() {
			a.lastErr = err
			var stale data.Stale
			switch {
			case errors.As(err, &stale):
				askReload(a.shell.win, trAppError(err), lang.L("Close"), a.refresh)
				return
			case err != nil:
				dialog.ShowError(errorMessage(trAppError(err)), a.shell.win)
			}
			a.refresh()
		})
	})
}

// onExportAudit asks where to save the audit log (.xlsx or .csv).
func (a *applicationsScreen) onExportAudit() {
	d := dialog.NewFileSave(a.onAuditChosen, a.shell.win)
	name := "DepositDesk-audit-log"
	if a.asOf != data.NoDate {
		name += "-" + a.asOf.String()
	}
	d.SetFileName(name + ".xlsx")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".csv"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(existingParent(a.lastFolder()))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (a *applicationsScreen) onAuditChosen(w fyne.URIWriteCloser, err error) {
	if err != nil {
		dialog.ShowError(errorMessage(trError(err)), a.shell.win)
		return
	}
	if w == nil {
		return
	}
	a.exportAuditTo(chosenPath(w))
}

// exportAuditTo writes the audit log of every shop to path, off the UI goroutine.
func (a *applicationsScreen) exportAuditTo(path string) {
	d := a.desk()
	if d == nil {
		return
	}
	a.shell.background(func() {
		err := d.ExportAudit(context.Background(), path, "")
		a.shell.ui(func() {
			a.lastErr = err
			if err != nil {
				dialog.ShowError(errorMessage(trAppError(err)), a.shell.win)
				return
			}
			text := widget.NewLabel(lang.L("The audit log was saved to {{.File}}. It lists every import, undo, shop edit, verdict change, export and status change, with who did it and when.",
				map[string]any{"File": path}))
			text.Wrapping = fyne.TextWrapWord
			c := dialog.NewCustomConfirm(lang.L("Audit log saved"), lang.L("Open it"), lang.L("Close"), text, func(open bool) {
				if open {
					a.openFile(path)
				}
			}, a.shell.win)
			c.Resize(fyne.NewSize(480, 0))
			c.Show()
		})
	})
}
