package screens

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/filename"
)

// prefExportFolder is the folder tables were last exported into.
const prefExportFolder = "export.folder"

// checkState is a check's result in words: passed (on), passes by itself
// on, or needs action.
func checkState(c app.Check) string {
	switch {
	case c.OK && c.Due != data.NoDate:
		return lang.L("Passed on {{.Date}}", map[string]any{"Date": c.Due.String()})
	case c.OK:
		return lang.L("Passed")
	case c.Kind == app.KindTime && c.Due != data.NoDate:
		return lang.L("Passes by itself on {{.Date}}", map[string]any{"Date": c.Due.String()})
	}
	return lang.L("Needs action")
}

// exportedTable is one file of an export: its name without extension and its rows.
type exportedTable struct {
	base  string
	table app.Table
}

// tableExport is the dialog that saves what a page shows as .xlsx or .csv:
// a folder, a format and, for the overview, one file per client.
type tableExport struct {
	shell     *Shell
	dlg       *dialog.CustomDialog
	folder    *widget.Entry
	format    *widget.RadioGroup
	perClient *widget.Check // nil when the page has no clients to split by
	run       *widget.Button
	build     func(perClient bool) []exportedTable
	written   []string // the files of the last export (tests)
	err       error
}

var exportFormats = []string{".xlsx", ".csv"}

// showTableExport opens the export dialog; build makes the tables when the
// person presses Export (one per client when asked).
func showTableExport(s *Shell, title string, clients bool, build func(perClient bool) []exportedTable) *tableExport {
	e := &tableExport{shell: s, build: build}
	e.folder = widget.NewEntry()
	e.folder.SetText(rememberedFolder(s.app.Preferences(), prefExportFolder, "Documents"))
	choose := widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), e.onChooseFolder)
	e.format = widget.NewRadioGroup([]string{"Excel (.xlsx)", "CSV (.csv)"}, nil)
	e.format.Horizontal, e.format.Required = true, true
	e.format.SetSelected("Excel (.xlsx)")
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, choose, e.folder)),
		widget.NewFormItem(lang.L("Format"), e.format),
	}
	if clients {
		e.perClient = widget.NewCheck(lang.L("One file per client"), nil)
		items = append(items, widget.NewFormItem("", e.perClient))
	}
	note := widget.NewLabel(lang.L("The rows are saved as the page shows them now, filter and order included. An existing file is never overwritten."))
	note.Wrapping = fyne.TextWrapWord
	e.run = widget.NewButtonWithIcon(lang.L("Export"), theme.DocumentSaveIcon(), e.onRun)
	e.run.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { e.dlg.Hide() })
	e.dlg = dialog.NewCustomWithoutButtons(title, container.NewVBox(note, widget.NewForm(items...)), s.win)
	e.dlg.SetButtons([]fyne.CanvasObject{cancel, e.run})
	e.dlg.Resize(fyne.NewSize(620, 0))
	e.dlg.Show()
	return e
}

func (e *tableExport) onChooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err == nil && dir != nil {
			e.folder.SetText(dir.Path())
		}
	}, e.shell.win)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// onRun writes the tables off the UI goroutine and says where they went.
func (e *tableExport) onRun() {
	dir := strings.TrimSpace(e.folder.Text)
	if dir == "" {
		return
	}
	ext := exportFormats[0]
	if e.format.Selected == "CSV (.csv)" {
		ext = exportFormats[1]
	}
	tables := e.build(e.perClient != nil && e.perClient.Checked)
	e.shell.app.Preferences().SetString(prefExportFolder, dir)
	e.dlg.Hide()
	e.shell.background(func() {
		written, err := saveTables(dir, ext, tables)
		e.shell.ui(func() { e.done(written, err) })
	})
}

// saveTables writes each table into dir under its own safe, unused name.
func saveTables(dir, ext string, tables []exportedTable) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, t := range tables {
		path, err := filename.Unique(dir, t.base, ext)
		if err == nil {
			err = app.SaveTable(path, t.table)
		}
		if err != nil {
			return written, err
		}
		written = append(written, path)
	}
	return written, nil
}

func (e *tableExport) done(written []string, err error) {
	e.written, e.err = written, err
	if err != nil {
		dialog.ShowError(errors.New(lang.L("The export stopped: {{.Error}}", map[string]any{"Error": trError(err)})), e.shell.win)
		return
	}
	if len(written) == 0 {
		return
	}
	text := widget.NewLabel(lang.L("Saved {{.Count}} files in {{.Folder}}", map[string]any{"Count": len(written), "Folder": filepath.Dir(written[0])}))
	if len(written) == 1 {
		text.SetText(lang.L("Saved to {{.File}}", map[string]any{"File": written[0]}))
	}
	text.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("Exported"), lang.L("Open it"), lang.L("Close"), text, func(open bool) {
		if open {
			e.shell.openFile(written[0])
		}
	}, e.shell.win)
	c.Resize(fyne.NewSize(480, 0))
	c.Show()
}

// openFile opens a file (or folder) in the program the OS has for it.
func (s *Shell) openFile(path string) {
	if path == "" {
		return
	}
	if err := s.app.OpenURL(fileURL(path)); err != nil {
		dialog.ShowError(errorMessage(lang.L("{{.File}} could not be opened: {{.Error}}",
			map[string]any{"File": path, "Error": err.Error()})), s.win)
	}
}

// onExport saves the overview as filtered and ordered, one file or one per client.
func (o *overviewScreen) onExport() {
	o.export = showTableExport(o.shell, lang.L("Export the overview"), o.hasClients(), o.exportTables)
}

func (o *overviewScreen) hasClients() bool {
	for _, v := range o.verdicts {
		if v.Client != "" {
			return true
		}
	}
	return false
}

// exportTables are the shown rows in the shown order, in one table or one per client.
func (o *overviewScreen) exportTables(perClient bool) []exportedTable {
	base := lang.L("Deposit Desk overview {{.Date}}", map[string]any{"Date": o.asOf.String()})
	header := []string{lang.L("Shop name"), lang.L("Client"), lang.L("Site"), lang.L("Shop code"), lang.L("Status"), lang.L("Ready on"),
		lang.L("Refundable"), lang.L("Currency"), lang.L("Application"), lang.L("Data as of"), lang.L("Main blocker")}
	newTable := func() app.Table {
		return app.Table{Sheet: lang.L("Overview"), Header: header, Widths: []float64{24, 18, 6, 14, 10, 12, 14, 9, 16, 12, 60}, Wrap: 10}
	}
	var out []exportedTable
	byClient := map[string]int{}
	for _, r := range o.table.Rows() {
		v := &o.verdicts[r]
		i := 0
		if perClient {
			var ok bool
			if i, ok = byClient[v.Client]; !ok {
				client := v.Client
				if client == "" {
					client = lang.L("No client")
				}
				i = len(out)
				byClient[v.Client] = i
				out = append(out, exportedTable{base: base + " - " + client, table: newTable()})
			}
		} else if len(out) == 0 {
			out = append(out, exportedTable{base: base, table: newTable()})
		}
		application := o.cell(r, colApplication).text
		out[i].table.Rows = append(out[i].table.Rows, []any{v.Shop, v.Client, v.Site, o.codes[v.ShopID], statusLabel(v.Status),
			dateText(v.ReadyOn), v.Refundable.Float(), v.Currency, application, dateText(v.DataAsOf), o.blockers[r]})
	}
	return out
}

// onExportChecklist saves the shop's checklist.
func (s *shopScreen) onExportChecklist() {
	if s.verdict == nil {
		return
	}
	s.export = showTableExport(s.shell, lang.L("Export the checklist"), false, s.checklistTables)
}

// checklistTables is the shop's checklist: each check with its result, date and what it found.
func (s *shopScreen) checklistTables(bool) []exportedTable {
	v := s.verdict
	t := app.Table{Sheet: lang.L("Checklist"), Header: []string{lang.L("Check"), lang.L("Result"), lang.L("Date"), lang.L("Detail")},
		Widths: []float64{28, 26, 12, 80}, Wrap: 3}
	for _, c := range v.Checks {
		t.Rows = append(t.Rows, []any{checkLabel(c.ID), checkState(c), dateText(c.Due), tr(c.Msg)})
	}
	base := lang.L("{{.Shop}} checklist {{.Date}}", map[string]any{"Shop": s.shop.Name, "Date": v.AsOf.String()})
	return []exportedTable{{base: base, table: t}}
}
