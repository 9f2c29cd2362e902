package screens

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// prefApplicationsFolder is the preference key of the folder applications
// were last prepared into.
const prefApplicationsFolder = "applications.folder"

// prepareDialog chooses the shops, the folder and the language of an export.
// The shops are a list with a search box, not a box of checks: an agency
// has thousands.
type prepareDialog struct {
	a   *applicationsScreen
	dlg *dialog.CustomDialog

	rows    []prepareRow    // every shop, ready ones first
	shown   []int           // rows matching the search (and the others switch)
	checked map[string]bool // by shop name
	ready   map[string]bool
	stale   map[string]app.Verdict // shops whose data is more than a week old

	search      *widget.Entry
	list        *widget.List
	count       *widget.Label
	selectReady *widget.Button
	clear       *widget.Button
	showOthers  *widget.Check
	warn        *fyne.Container
	staleWarn   *widget.Label // before anything is written: which chosen shops have old data
	folder      *widget.Entry
	choose      *widget.Button
	language    *widget.RadioGroup
	run         *widget.Button
}

// prepareRow is one shop of the prepare dialog.
type prepareRow struct {
	name, text string
	ready      bool
}

// languageOfWorkbooks are the workbook languages offered, named in their own language.
var languageOfWorkbooks = []Language{LanguageChinese, LanguageEnglish}

func workbookLanguageName(l Language) string {
	if l == LanguageChinese {
		return "简体中文"
	}
	return "English"
}

func (a *applicationsScreen) onPrepare() { a.openPrepare(nil) }

// openPrepare shows the prepare dialog; with shops named only those are
// checked, else every ready shop whose application is not already past its draft.
func (a *applicationsScreen) openPrepare(named []string) {
	if a.exporting {
		return
	}
	p := &prepareDialog{a: a, checked: map[string]bool{}, ready: map[string]bool{}, stale: map[string]app.Verdict{}}
	a.prepare = p

	kept := map[int64]data.ApplicationStatus{}
	for _, v := range a.apps {
		if v.Status == data.AppSubmitted || v.Status == data.AppApproved || v.Status == data.AppRefunded {
			kept[v.ShopID] = v.Status
		}
	}
	isNamed := map[string]bool{}
	for _, n := range named {
		isNamed[n] = true
	}
	var others []prepareRow
	anyOtherNamed := false
	for _, v := range a.verdicts {
		name := v.Shop
		var text string
		if v.Status == app.Ready {
			text = lang.L("{{.Shop}} — {{.Amount}} refundable", map[string]any{"Shop": name, "Amount": formatMoney(v.Refundable, v.Currency)})
		} else if v.Status == app.Waiting && v.ReadyOn != data.NoDate {
			text = lang.L("{{.Shop}} — waiting until {{.Date}}", map[string]any{"Shop": name, "Date": v.ReadyOn.String()})
		} else {
			text = lang.L("{{.Shop}} — {{.Status}}", map[string]any{"Shop": name, "Status": statusLabel(v.Status)})
		}
		st, isKept := kept[v.ShopID]
		if isKept {
			text += " " + lang.L("(already {{.Status}}; a new workbook does not change that)", map[string]any{"Status": strings.ToLower(appStatusLabel(st))})
		}
		if named != nil {
			p.checked[name] = isNamed[name]
		} else {
			p.checked[name] = v.Status == app.Ready && !isKept
		}
		row := prepareRow{name: name, text: text, ready: v.Status == app.Ready}
		if v.Stale {
			p.stale[name] = v
		}
		if row.ready {
			p.ready[name] = true
			p.rows = append(p.rows, row)
		} else {
			others = append(others, row)
			anyOtherNamed = anyOtherNamed || isNamed[name]
		}
	}
	p.rows = append(p.rows, others...)

	p.search = widget.NewEntry()
	p.search.SetPlaceHolder(lang.L("Search shops"))
	p.search.OnChanged = func(string) { p.filter() }
	p.list = widget.NewList(func() int { return len(p.shown) }, p.createRow, p.updateRow)
	p.count = widget.NewLabel("")
	p.selectReady = widget.NewButtonWithIcon(lang.L("Select all ready"), theme.CheckButtonCheckedIcon(), p.onSelectReady)
	p.clear = widget.NewButton(lang.L("Clear"), p.onClear)
	p.showOthers = widget.NewCheck(lang.L("Also list the shops that are not ready"), p.onShowOthers)
	warnText := widget.NewLabel(lang.L("A shop that is not ready gets a workbook too, which says what still fails; the platform will likely refuse it until every check passes."))
	warnText.Wrapping = fyne.TextWrapWord
	warnText.Importance = widget.WarningImportance
	p.warn = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, warnText)
	p.warn.Hide()
	p.staleWarn = widget.NewLabel("")
	p.staleWarn.Wrapping = fyne.TextWrapWord
	p.staleWarn.Importance = widget.WarningImportance
	p.staleWarn.Hide()
	if len(others) == 0 {
		p.showOthers.Hide()
	}
	if anyOtherNamed || (len(p.ready) == 0 && len(others) > 0) {
		p.showOthers.SetChecked(true)
	}
	p.filter()
	var none fyne.CanvasObject = layout.NewSpacer()
	if len(p.ready) == 0 {
		l := widget.NewLabel(lang.L("No shop is ready on {{.Date}}.", map[string]any{"Date": a.asOf.String()}))
		l.Importance = widget.LowImportance
		none = l
	}
	listTop := container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, p.search),
		container.NewHBox(p.selectReady, p.clear, p.count), none)
	shopList := container.NewBorder(listTop, p.showOthers, nil, nil, p.list)

	p.folder = widget.NewEntry()
	p.folder.SetText(a.lastFolder())
	p.folder.OnChanged = func(string) { p.updateRun() }
	p.choose = widget.NewButtonWithIcon(lang.L("Choose…"), theme.FolderOpenIcon(), p.onChooseFolder)

	var names []string
	for _, l := range languageOfWorkbooks {
		names = append(names, workbookLanguageName(l))
	}
	p.language = widget.NewRadioGroup(names, nil)
	p.language.Horizontal = true
	p.language.Required = true
	p.language.SetSelected(workbookLanguageName(Language(a.shell.app.Preferences().String(prefLanguage)).Resolve()))

	intro := widget.NewLabel(lang.L("Each shop gets its own workbook — the application, the checklist and the orders summary — and one summary workbook lists them all. Existing files are never overwritten; each shop's application becomes a draft until you mark it submitted."))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, p.choose, p.folder)),
		widget.NewFormItem(lang.L("Language"), p.language),
	)
	content := container.NewBorder(container.NewVBox(intro, widget.NewSeparator()),
		container.NewVBox(p.warn, p.staleWarn, widget.NewSeparator(), form), nil, nil, shopList)

	p.run = widget.NewButtonWithIcon(lang.L("Prepare"), theme.DocumentCreateIcon(), p.onRun)
	p.run.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { p.dlg.Hide() })
	p.dlg = dialog.NewCustomWithoutButtons(lang.L("Prepare applications"), content, a.shell.win)
	p.dlg.SetButtons([]fyne.CanvasObject{cancel, p.run})
	p.dlg.Resize(fyne.NewSize(720, 680))
	p.updateRun()
	p.dlg.Show()
}

func (p *prepareDialog) createRow() fyne.CanvasObject { return widget.NewCheck("", nil) }

func (p *prepareDialog) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	row := p.rows[p.shown[i]]
	c := o.(*widget.Check)
	c.OnChanged = nil
	c.Text = row.text
	c.SetChecked(p.checked[row.name])
	c.OnChanged = func(on bool) { p.setChecked(row.name, on) }
}

// setChecked chooses a shop or leaves it out.
func (p *prepareDialog) setChecked(name string, on bool) {
	p.checked[name] = on
	p.updateRun()
}

// filter lists the shops whose name holds the search text, the shops not
// ready only when asked for.
func (p *prepareDialog) filter() {
	q := strings.ToLower(strings.TrimSpace(p.search.Text))
	p.shown = p.shown[:0]
	for i, r := range p.rows {
		if (r.ready || p.showOthers.Checked) && (q == "" || strings.Contains(strings.ToLower(r.name), q)) {
			p.shown = append(p.shown, i)
		}
	}
	p.list.Refresh()
	p.list.ScrollToTop()
	p.updateRun()
}

// onSelectReady chooses every ready shop the list shows.
func (p *prepareDialog) onSelectReady() {
	for _, i := range p.shown {
		if r := p.rows[i]; r.ready {
			p.checked[r.name] = true
		}
	}
	p.list.Refresh()
	p.updateRun()
}

func (p *prepareDialog) onClear() {
	for name := range p.checked {
		p.checked[name] = false
	}
	p.list.Refresh()
	p.updateRun()
}

func (p *prepareDialog) onShowOthers(on bool) {
	if !on {
		for _, r := range p.rows {
			if !r.ready {
				p.checked[r.name] = false
			}
		}
	}
	p.filter()
}

// selected are the checked shops, in the listed order.
func (p *prepareDialog) selected() []string {
	var out []string
	for _, r := range p.rows {
		if p.checked[r.name] {
			out = append(out, r.name)
		}
	}
	return out
}

// updateRun allows Prepare with at least one shop and a folder, and warns
// when a shop that is not ready is among them.
func (p *prepareDialog) updateRun() {
	if p.run == nil {
		return
	}
	p.count.SetText(lang.L(data.Plural(len(p.rows), msgKey("{{.Chosen}} of {{.Total}} shop chosen"), msgKey("{{.Chosen}} of {{.Total}} shops chosen")), map[string]any{"Chosen": len(p.selected()), "Total": len(p.rows)}))
	notReady := false
	for _, name := range p.selected() {
		notReady = notReady || !p.ready[name]
	}
	if notReady {
		p.warn.Show()
	} else {
		p.warn.Hide()
	}
	p.showStale()
	if len(p.selected()) == 0 || strings.TrimSpace(p.folder.Text) == "" {
		p.run.Disable()
	} else {
		p.run.Enable()
	}
}

// showStale names the chosen shops whose data is more than a week old,
// before any workbook is written.
func (p *prepareDialog) showStale() {
	var lines []string
	for _, name := range p.selected() {
		if v, ok := p.stale[name]; ok {
			lines = append(lines, lang.L(app.MsgExportStale, map[string]any{"Shop": name, "Date": v.DataAsOf.String(), "Days": app.StaleAfterDays}))
		}
	}
	if len(lines) == 0 {
		p.staleWarn.Hide()
		return
	}
	p.staleWarn.SetText(strings.Join(lines, "\n"))
	p.staleWarn.Show()
}

func (p *prepareDialog) onChooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			dialog.ShowError(errorMessage(trError(err)), p.a.shell.win)
			return
		}
		if dir != nil {
			p.folder.SetText(dir.Path())
		}
	}, p.a.shell.win)
	if dir, err := storage.ListerForURI(storage.NewFileURI(existingParent(p.folder.Text))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// existingParent is path, or the nearest folder above it that exists.
func existingParent(path string) string {
	path = strings.TrimSpace(path)
	for path != "" {
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			return path
		}
		up := filepath.Dir(path)
		if up == path {
			break
		}
		path = up
	}
	home, _ := os.UserHomeDir()
	return home
}

func (p *prepareDialog) onRun() {
	shops := p.selected()
	dir := strings.TrimSpace(p.folder.Text)
	if len(shops) == 0 || dir == "" {
		return
	}
	l := LanguageEnglish
	for _, x := range languageOfWorkbooks {
		if workbookLanguageName(x) == p.language.Selected {
			l = x
		}
	}
	p.a.shell.app.Preferences().SetString(prefApplicationsFolder, dir)
	p.dlg.Hide()
	p.a.export(dir, shops, l)
}

// lastFolder is where applications were last prepared, or a folder in the
// person's documents.
func (a *applicationsScreen) lastFolder() string {
	if dir := a.shell.app.Preferences().String(prefApplicationsFolder); dir != "" {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	base := home
	if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
		base = filepath.Join(home, "Documents")
	}
	return filepath.Join(base, lang.L("Deposit applications"))
}

// export writes the applications of these shops into dir, off the UI
// goroutine, with a note that can stop it; the result is shown, then the list
// is read again.
func (a *applicationsScreen) export(dir string, shops []string, l Language) {
	d := a.desk()
	if d == nil || a.exporting {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	a.exporting, a.cancel = true, cancel
	a.setBusyButtons()

	bar := widget.NewProgressBarInfinite()
	what := widget.NewLabel(lang.L(data.Plural(len(shops), msgKey("Writing a workbook for {{.Count}} shop and the summary…"), msgKey("Writing a workbook for each of {{.Count}} shops and the summary…")), map[string]any{"Count": len(shops)}))
	what.Wrapping = fyne.TextWrapWord
	wait := dialog.NewCustomWithoutButtons(lang.L("Preparing applications"), container.NewVBox(what, bar), a.shell.win)
	stop := widget.NewButtonWithIcon(lang.L("Stop"), theme.CancelIcon(), cancel)
	wait.SetButtons([]fyne.CanvasObject{stop})
	wait.Resize(fyne.NewSize(420, 0))
	wait.Show()

	opts := app.ExportOptions{Lang: workbookLanguage(l), Translate: translator(l)}
	a.shell.background(func() {
		res, err := d.ExportWith(ctx, dir, d.Today(), opts, shops...)
		a.shell.ui(func() {
			wait.Hide()
			a.exported(dir, res, err)
		})
	})
}

func (a *applicationsScreen) setBusyButtons() {
	for _, b := range []*widget.Button{a.prepareBtn, a.emptyBtn} {
		if b == nil {
			continue
		}
		if a.exporting {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

func (a *applicationsScreen) exported(dir string, res app.ExportResult, err error) {
	a.exporting, a.cancel = false, nil
	a.lastExport, a.lastErr = &res, err
	a.setBusyButtons()
	if len(res.Applications) > 0 {
		a.selectedShop = 0
		for _, v := range a.verdicts {
			if v.Shop == res.Applications[0].Shop {
				a.selectedShop = v.ShopID
			}
		}
	}
	a.showExportResult(dir, res, err)
	a.refresh()
}

// showExportResult says what was written, where, and what the core had to say.
func (a *applicationsScreen) showExportResult(dir string, res app.ExportResult, err error) {
	var rows []fyne.CanvasObject
	line := func(icon fyne.Resource, text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		rows = append(rows, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l))
	}
	switch {
	case errors.Is(err, context.Canceled):
		line(theme.InfoIcon(), lang.L("Stopped. The workbooks written before you stopped stay written and recorded."), widget.MediumImportance)
	case err != nil:
		line(theme.ErrorIcon(), trAppError(err), widget.DangerImportance)
	}
	if n := len(res.Applications); n > 0 {
		line(theme.ConfirmIcon(), lang.L("Workbooks written: {{.Count}}, in {{.Folder}}", map[string]any{"Count": n, "Folder": dir}), widget.SuccessImportance)
		for _, e := range res.Applications {
			state := lang.L("now a draft")
			if e.Kept {
				state = lang.L("stays {{.Status}}", map[string]any{"Status": appStatusLabel(e.Status)})
			}
			line(theme.FileApplicationIcon(), lang.L("{{.Shop}}: {{.File}} — {{.Verdict}}, {{.Amount}}; {{.State}}", map[string]any{
				"Shop": e.Shop, "File": baseName(e.File), "Verdict": statusLabel(e.Verdict),
				"Amount": formatMoney(e.Amount, e.Currency), "State": state}), widget.MediumImportance)
		}
		if res.Summary != "" {
			line(theme.ListIcon(), lang.L("Summary: {{.File}}", map[string]any{"File": baseName(res.Summary)}), widget.MediumImportance)
		}
	} else if err == nil {
		line(theme.InfoIcon(), lang.L("No workbook was written."), widget.MediumImportance)
	}
	for _, w := range res.Warnings {
		line(theme.WarningIcon(), trApp(w), widget.WarningImportance)
	}

	scroll := container.NewVScroll(container.NewVBox(rows...))
	// Wrapped lines report their height only once laid out: room for a few warnings.
	height := float32(140)
	if len(res.Warnings) > 0 || len(res.Applications) > 2 {
		height = 320
	}
	scroll.SetMinSize(fyne.NewSize(600, height))
	title := lang.L("Applications prepared")
	if err != nil || len(res.Applications) == 0 {
		title = lang.L("Prepare applications")
	}
	d := dialog.NewCustomWithoutButtons(title, scroll, a.shell.win)
	closeBtn := widget.NewButton(lang.L("Close"), d.Hide)
	buttons := []fyne.CanvasObject{closeBtn}
	if len(res.Applications) > 0 {
		folder := widget.NewButtonWithIcon(lang.L("Open the folder"), theme.FolderOpenIcon(), func() { a.openFile(dirName(res.Applications[0].File)) })
		buttons = append(buttons, folder)
		if res.Summary != "" {
			summary := widget.NewButtonWithIcon(lang.L("Open the summary"), theme.FileApplicationIcon(), func() { a.openFile(res.Summary) })
			summary.Importance = widget.HighImportance
			buttons = append(buttons, summary)
		}
	}
	d.SetButtons(buttons)
	d.Show()
}
