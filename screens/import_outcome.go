package screens

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// outcomeView is what a file's preview, import or failure came to.
func (s *importScreen) outcomeView(f *importFile) fyne.CanvasObject {
	var parts []fyne.CanvasObject
	note := func(icon fyne.Resource, text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		parts = append(parts, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l))
	}
	switch f.state {
	case fileQueued:
		if f.shop == "" {
			note(theme.InfoIcon(), lang.L("Choose the shop this file belongs to, then press Preview."), widget.MediumImportance)
		} else {
			note(theme.InfoIcon(), lang.L("Press Preview: the file is read and compared with what is stored. Nothing is written until you press Import."), widget.MediumImportance)
		}
	case fileCancelled:
		note(theme.CancelIcon(), lang.L("Cancelled. Nothing was written."), widget.MediumImportance)
	case fileFailed:
		note(theme.ErrorIcon(), trError(f.err), widget.DangerImportance)
		note(theme.InfoIcon(), lang.L("Nothing was written."), widget.MediumImportance)
	case filePreviewed, fileImported:
		b := f.plan.Batch
		if f.state == fileImported {
			b = f.batch
			note(theme.ConfirmIcon(), lang.L("Imported into {{.Shop}} as batch {{.ID}}. It can be undone from the shop's import history.",
				map[string]any{"Shop": f.shop, "ID": b.ID}), widget.SuccessImportance)
		} else if f.plan.AlreadyImported {
			note(theme.InfoIcon(), lang.L("This exact file was imported into this shop before; importing it again changes nothing."), widget.MediumImportance)
		} else {
			note(theme.InfoIcon(), lang.L("Nothing has been written yet. Check the counts and warnings, then press Import."), widget.MediumImportance)
		}
		parts = append(parts, s.summaryView(f, b), countTiles(b))
	}
	if f.state == filePreviewed || f.state == fileImported {
		parts = append(parts, s.warningsView(f.plan.Warnings))
		if choices := s.unknownValuesView(f); choices != nil {
			parts = append(parts, choices)
		}
	} else if len(s.reportMessages()) > 0 {
		parts = append(parts, container.NewHBox(layout.NewSpacer(), s.newSaveReportButton()))
	}
	return container.NewVBox(parts...)
}

// summaryView names what kind of file it is, how it was read and when it was exported.
func (s *importScreen) summaryView(f *importFile, b data.ImportBatch) fyne.CanvasObject {
	one, many := msgKey("{{.Records}} order"), msgKey("{{.Records}} orders")
	if b.Kind == data.KindReturns {
		one, many = msgKey("{{.Records}} after-sales case"), msgKey("{{.Records}} after-sales cases")
	}
	records := rowsText(b.Rows, groupDigits(b.Rows)) + lang.L(", ") +
		lang.L(data.Plural(b.Records, one, many), map[string]any{"Records": groupDigits(b.Records)})
	value := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("File"), value(kindLabel(b.Kind)+" · "+encodingText(b.Encoding, f.path))),
		widget.NewFormItem(lang.L("Export time"), value(exportTimeText(b.ExportedAt, f.plan.ExportTimeFrom))),
		widget.NewFormItem(lang.L("Contents"), value(records)),
	}
	if secs := f.took.Seconds(); secs >= 0.1 && f.state == filePreviewed && !f.plan.AlreadyImported {
		items = append(items, widget.NewFormItem(lang.L("Read in"), value(lang.L("{{.Seconds}} s ({{.Rate}} rows/s)", map[string]any{
			"Seconds": strconv.FormatFloat(secs, 'f', 1, 64), "Rate": groupDigits(int(float64(b.Rows) / secs))}))))
	}
	return widget.NewForm(items...)
}

// encodingText says how a file was read; a csv decoded from GB18030 or UTF-16 says so.
func encodingText(enc, path string) string {
	switch {
	case enc == "" && strings.EqualFold(fileExt(path), ".xlsx"):
		return lang.L("Excel workbook (.xlsx)")
	case enc == "" || strings.HasPrefix(enc, "UTF-8"):
		return lang.L("CSV, UTF-8")
	case enc == "GB18030":
		return lang.L("CSV read as GB18030 (Chinese text as Excel or WPS saves it on Chinese Windows)")
	case strings.HasPrefix(enc, "UTF-16"):
		return lang.L("CSV read as {{.Encoding}} (Excel's Unicode text)", map[string]any{"Encoding": enc})
	}
	return lang.L("CSV read as {{.Encoding}}", map[string]any{"Encoding": enc})
}

// exportTimeText is the export time and where it came from.
func exportTimeText(st data.Stamp, from string) string {
	var source string
	switch from {
	case "option":
		source = lang.L("as entered")
	case "file name":
		source = lang.L("from the file name")
	case "data":
		source = lang.L("the newest time in the data")
	case "import time":
		source = lang.L("the time of the import: the file holds no time")
	default:
		return shortStamp(st)
	}
	return lang.L("{{.Time}} ({{.Source}})", map[string]any{"Time": shortStamp(st), "Source": source})
}

// countTiles are the four numbers a preview is about.
func countTiles(b data.ImportBatch) fyne.CanvasObject {
	tile := func(n int, title, hint string) fyne.CanvasObject {
		num := widget.NewLabelWithStyle(groupDigits(n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		num.SizeName = theme.SizeNameHeadingText
		name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		h := widget.NewLabel(hint)
		h.Wrapping = fyne.TextWrapWord
		h.SizeName = theme.SizeNameCaptionText
		return widget.NewCard("", "", container.NewVBox(num, name, h))
	}
	return container.NewGridWithColumns(4,
		tile(b.Created, lang.X("import.count.new", "New"), lang.L("not stored before")),
		tile(b.Updated, lang.L("Updated"), lang.L("newer than what is stored")),
		tile(b.Unchanged, lang.L("Unchanged"), lang.L("same as what is stored")),
		tile(b.Skipped, lang.L("Skipped"), lang.L("a newer export is already stored")),
	)
}

// warningsView lists the reader's warnings, each with its rows.
func (s *importScreen) warningsView(warnings []data.Message) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Warnings: {{.Count}}", map[string]any{"Count": len(warnings)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head := container.NewBorder(nil, nil, nil, s.newSaveReportButton(), title)
	if len(warnings) == 0 {
		ok := widget.NewLabel(lang.L("No warnings: every row was read as expected."))
		return container.NewVBox(widget.NewSeparator(), head, ok)
	}
	list := container.NewVBox()
	for _, w := range warnings {
		l := widget.NewLabel(trFull(w))
		l.Wrapping = fyne.TextWrapWord
		list.Add(container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, l))
	}
	return container.NewVBox(widget.NewSeparator(), head, list)
}

// --- the report ---

func (s *importScreen) newSaveReportButton() *widget.Button {
	s.saveReport = widget.NewButtonWithIcon(lang.L("Save report…"), theme.DocumentSaveIcon(), s.onSaveReport)
	if len(s.reportMessages()) == 0 {
		s.saveReport.Disable()
	}
	return s.saveReport
}

// reportMessages are the errors and warnings of every queued file, in queue order.
func (s *importScreen) reportMessages() []data.Message {
	var out []data.Message
	for _, f := range s.files {
		if f.err != nil {
			var m *data.Message
			if errors.As(f.err, &m) {
				c := *m
				if c.File == "" {
					c.File = f.name()
				}
				out = append(out, c)
			} else {
				out = append(out, data.Message{File: f.name(), Text: f.err.Error()})
			}
		}
		if f.plan != nil && !f.plan.AlreadyImported && (f.state == filePreviewed || f.state == fileImported) {
			for _, w := range f.plan.Warnings {
				if w.File == "" {
					w.File = f.name()
				}
				out = append(out, w)
			}
		}
	}
	return out
}

func (s *importScreen) onSaveReport() {
	d := dialog.NewFileSave(s.onReportChosen, s.shell.win)
	d.SetFileName("import-report-" + time.Now().Format("2006-01-02-1504") + ".csv")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt"}))
	d.Show()
}

func (s *importScreen) onReportChosen(w fyne.URIWriteCloser, err error) {
	if err != nil {
		dialog.ShowError(errors.New(trError(err)), s.shell.win)
		return
	}
	if w == nil {
		return // dismissed
	}
	asText := strings.EqualFold(w.URI().Extension(), ".txt")
	err = writeReport(w, s.reportMessages(), asText)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		dialog.ShowError(errors.New(lang.L("The report could not be saved: {{.Error}}", map[string]any{"Error": trError(err)})), s.shell.win)
	}
}

// writeReport writes messages in the UI language as UTF-8: a csv (with a
// byte-order mark, so Excel reads the Chinese right) with file, row, column
// and message, or plain text lines with the place first.
func writeReport(w io.Writer, msgs []data.Message, asText bool) error {
	bw := bufio.NewWriter(w)
	if asText {
		for _, m := range msgs {
			bw.WriteString(trFull(m))
			bw.WriteString("\r\n")
		}
		return bw.Flush()
	}
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cw.Write([]string{lang.L("File"), lang.L("Row"), lang.L("Column"), lang.L("Message")})
	for _, m := range msgs {
		row := ""
		if m.Row > 0 {
			row = strconv.Itoa(m.Row)
		}
		cw.Write([]string{m.File, row, m.Column, tr(m)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
