package screens

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// appsDesk is what the applications page needs of the core (*app.Desk has
// it). A Desk without it gets the page's explanation only.
type appsDesk interface {
	Desk
	Today() data.Date
	Overview(ctx context.Context, asOf data.Date) (app.Overview, error)
	ExportWith(ctx context.Context, dir string, asOf data.Date, o app.ExportOptions, shops ...string) (app.ExportResult, error)
	SetApplicationStatus(ctx context.Context, shop string, version int64, status data.ApplicationStatus, on data.Date, note string) error
	ExportAudit(ctx context.Context, path, shop string) error
	ReviewDays(ctx context.Context) int
}

var _ appsDesk = (*app.Desk)(nil)

// The applications table's columns.
const (
	appColShop = iota
	appColStatus
	appColOverdue
	appColValid
	appColAmount
	appColCreated
	appColSubmitted
	appColReviewDue
	appColDecided
	appColRefunded
	appColAccount
	appColFile
)

// applicationsScreen is 申请: every shop's prepared refund application with
// its status, whether it is overdue and whether it still matches the shop's
// verdict; preparing (exporting) applications, moving them on, and the audit
// log. Its work lives in fields: a language switch rebuilds the widgets.
type applicationsScreen struct {
	shell *Shell

	// What the last refresh read, off the UI goroutine; loads drops stale answers.
	apps       []app.ApplicationView
	verdicts   []app.Verdict // every shop's verdict on asOf, for the prepare dialog
	asOf       data.Date
	reviewDays int
	loadErr    error
	loaded     bool
	refreshing bool
	loads      loads

	selectedShop int64 // shop id of the selected application, kept across rebuilds
	sortCol      int
	sortDesc     bool
	sortSet      bool

	// Work under way or last done (tests read them).
	exporting  bool
	cancel     context.CancelFunc
	lastExport *app.ExportResult
	lastErr    error

	busy       *widget.Activity
	asOfLabel  *widget.Label
	errText    *widget.Label
	prepareBtn *widget.Button
	auditBtn   *widget.Button
	refreshBtn *widget.Button
	counts     *widget.Label
	table      *sortTable
	listView   fyne.CanvasObject
	emptyView  fyne.CanvasObject
	emptyBtn   *widget.Button
	detail     *fyne.Container

	// The selected application's actions.
	statusBtns map[data.ApplicationStatus]*widget.Button
	openBtn    *widget.Button
	folderBtn  *widget.Button
	againBtn   *widget.Button

	prepare *prepareDialog // the prepare dialog last opened
	status  *statusDialog  // the status dialog last opened
}

// desk is the core as this page needs it, or nil.
func (a *applicationsScreen) desk() appsDesk {
	d, _ := a.shell.desk.(appsDesk)
	return d
}

func (a *applicationsScreen) buildUI() fyne.CanvasObject {
	if a.desk() == nil {
		return comingView(lang.L("Applications"),
			lang.L("Prepare the refund application of every ready shop, export it, and track it until the money is back."))
	}
	title := widget.NewLabelWithStyle(lang.L("Applications"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	a.asOfLabel = widget.NewLabel("")
	a.asOfLabel.Importance = widget.LowImportance
	a.busy = widget.NewActivity()
	a.busy.Hide()
	a.refreshBtn = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), a.refresh)
	a.auditBtn = widget.NewButtonWithIcon(lang.L("Export audit log…"), theme.DocumentSaveIcon(), a.onExportAudit)
	a.prepareBtn = widget.NewButtonWithIcon(lang.L("Prepare applications…"), theme.DocumentCreateIcon(), a.onPrepare)
	a.prepareBtn.Importance = widget.HighImportance
	header := container.NewHBox(title, container.NewCenter(a.asOfLabel), layout.NewSpacer(),
		a.busy, a.refreshBtn, a.auditBtn, a.prepareBtn)

	a.errText = widget.NewLabel("")
	a.errText.Wrapping = fyne.TextWrapWord
	a.errText.Importance = widget.DangerImportance
	a.errText.Hide()

	a.counts = widget.NewLabel("")
	a.counts.Wrapping = fyne.TextWrapWord
	a.table = a.newTable()
	a.detail = container.NewVBox()
	a.listView = container.NewBorder(a.counts, a.detail, nil, nil, a.table)
	a.emptyView = a.emptyStateView()
	a.listView.Hide()
	a.emptyView.Hide()

	top := container.NewVBox(header, a.errText)
	view := container.NewPadded(container.NewBorder(top, nil, nil, nil, container.NewStack(a.listView, a.emptyView)))
	if a.loaded {
		a.show()
	}
	a.refresh()
	return view
}

// emptyStateView explains how an application comes to be, with the way to make one.
func (a *applicationsScreen) emptyStateView() fyne.CanvasObject {
	steps := []fyne.CanvasObject{
		stepCard(1, theme.ConfirmIcon(), lang.L("Wait until a shop is ready"),
			lang.L("A shop is ready when every check of its rule set passes; the overview shows which ones are. You can also name a shop that is not ready yet: its workbook then says what still fails.")),
		stepCard(2, theme.DocumentCreateIcon(), lang.L("Prepare the applications"),
			lang.L("Choose the shops and a folder. Each shop gets a workbook, and one summary workbook lists them all. Nothing is ever overwritten.")),
		stepCard(3, theme.MailSendIcon(), lang.L("Send it and record what happens"),
			lang.L("After you submit it on the platform, mark it submitted here. A decision that takes longer than the expected review time is flagged overdue.")),
	}
	a.emptyBtn = widget.NewButtonWithIcon(lang.L("Prepare applications…"), theme.DocumentCreateIcon(), a.onPrepare)
	a.emptyBtn.Importance = widget.HighImportance
	return guideView(theme.SizeNameSubHeadingText, lang.L("No application yet"),
		lang.L("An application is the workbook you send the platform to get a shop's deposit back: the refund form, the checklist of every closure condition with its evidence, and a summary of the orders. Deposit Desk keeps track of it until the money is back."),
		steps, container.NewHBox(a.emptyBtn))
}

// newTable is the applications table over a.apps.
func (a *applicationsScreen) newTable() *sortTable {
	v := func(i int) *app.ApplicationView { return &a.apps[i] }
	byName := func(x, y int) bool { return strings.ToLower(v(x).Shop) < strings.ToLower(v(y).Shop) }
	byDate := func(f func(*app.ApplicationView) data.Date) func(x, y int) bool {
		return thenBy(func(x, y int) int { return compareDates(f(v(x)), f(v(y))) }, byName)
	}
	cols := []tableColumn{
		appColShop: {title: msgKey("Shop name"), width: 160, less: byName},
		appColStatus: {title: msgKey("Status"), width: 104, less: thenBy(func(x, y int) int {
			return appStatusRank(v(x).Status) - appStatusRank(v(y).Status)
		}, byName)},
		appColOverdue: {title: msgKey("Overdue"), width: 92, less: thenBy(func(x, y int) int {
			return boolRank(v(x).Overdue) - boolRank(v(y).Overdue)
		}, byName)},
		appColValid: {title: msgKey("Validity"), width: 128, less: thenBy(func(x, y int) int {
			return boolRank(!v(x).Valid) - boolRank(!v(y).Valid)
		}, byName)},
		appColAmount: {title: msgKey("Amount"), width: 120, less: thenBy(func(x, y int) int {
			if c := strings.Compare(v(x).Currency, v(y).Currency); c != 0 {
				return c
			}
			return int(v(x).Amount - v(y).Amount)
		}, byName)},
		appColCreated:   {title: msgKey("Prepared"), width: 96, less: byDate(func(a *app.ApplicationView) data.Date { return a.Created })},
		appColSubmitted: {title: msgKey("Submitted"), width: 96, less: byDate(func(a *app.ApplicationView) data.Date { return a.Submitted })},
		appColReviewDue: {title: msgKey("Review due"), width: 96, less: byDate(func(a *app.ApplicationView) data.Date { return a.ReviewDue })},
		appColDecided:   {title: msgKey("Decided"), width: 96, less: byDate(func(a *app.ApplicationView) data.Date { return a.Decided })},
		appColRefunded:  {title: msgKey("Refunded"), width: 96, less: byDate(func(a *app.ApplicationView) data.Date { return a.Refunded })},
		appColAccount: {title: msgKey("Refund account"), width: 150, less: thenBy(func(x, y int) int {
			return strings.Compare(v(x).Account.Number, v(y).Account.Number)
		}, byName)},
		appColFile: {title: msgKey("Workbook"), width: 180, less: thenBy(func(x, y int) int {
			return strings.Compare(baseName(v(x).File), baseName(v(y).File))
		}, byName)},
	}
	t := newSortTable(cols, a.cell)
	t.flex = appColFile
	t.OnSelect = a.onSelect
	t.OnActivate = a.onActivate
	t.OnSort = a.onSort
	// Status, overdue and validity are drawn over the plain cell.
	t.CreateCell = func() fyne.CanvasObject { return newAppCell(t) }
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { a.updateCell(t, id, o.(*appCell)) }
	if !a.sortSet {
		a.sortCol, a.sortDesc, a.sortSet = appColShop, false, true
	}
	t.sortCol, t.sortDesc = a.sortCol, a.sortDesc
	return t
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// cell is what a column shows as plain text; status, overdue and validity
// have their own marks (updateCell).
func (a *applicationsScreen) cell(row, col int) tableCell {
	v := &a.apps[row]
	switch col {
	case appColShop:
		return tableCell{text: v.Shop, bold: true}
	case appColAmount:
		return tableCell{text: formatMoney(v.Amount, v.Currency), align: fyne.TextAlignTrailing}
	case appColCreated:
		return tableCell{text: dateText(v.Created)}
	case appColSubmitted:
		return tableCell{text: dateText(v.Submitted)}
	case appColReviewDue:
		return tableCell{text: dateText(v.ReviewDue)}
	case appColDecided:
		return tableCell{text: dateText(v.Decided)}
	case appColRefunded:
		return tableCell{text: dateText(v.Refunded)}
	case appColAccount:
		return tableCell{text: accountText(v.Account.Number), mono: true}
	case appColFile:
		return tableCell{text: baseName(v.File)}
	case appColOverdue:
		if !v.Overdue && v.Status == data.AppSubmitted {
			return tableCell{text: lang.L("On time")}
		}
		if !v.Overdue {
			return tableCell{text: "—"}
		}
	case appColValid:
		if v.Valid && notReadyDraft(v) {
			return tableCell{text: lang.L("Shop {{.Status}}", map[string]any{"Status": strings.ToLower(statusLabel(v.Verdict))}), warn: true}
		}
		if v.Valid {
			return tableCell{text: lang.L("Current")}
		}
	}
	return tableCell{}
}

func (a *applicationsScreen) updateCell(t *sortTable, id widget.TableCellID, c *appCell) {
	t.updateCell(id, c.base)
	c.clear()
	if id.Row < 0 || id.Row >= len(t.Rows()) {
		return
	}
	v := &a.apps[t.Rows()[id.Row]]
	switch id.Col {
	case appColStatus:
		c.showChip(appStatusLabel(v.Status), appStatusColor(v.Status))
	case appColOverdue:
		if v.Overdue {
			c.showChip(lang.L("Overdue"), overdueColor)
		}
	case appColValid:
		if !v.Valid {
			c.showWarning(lang.L("Out of date"))
		}
	}
}

// notReadyDraft reports whether an application still to be submitted is for
// a shop that is not ready: the platform would likely refuse it.
func notReadyDraft(v *app.ApplicationView) bool {
	return v.Verdict != "" && v.Verdict != app.Ready && (v.Status == data.AppDraft || v.Status == data.AppRejected)
}

// accountText is a masked account number, or "—" without one.
func accountText(masked string) string {
	if masked == "" {
		return "—"
	}
	return masked
}

// baseName is a workbook's file name without its folder (any OS's separators).
func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

func (a *applicationsScreen) onSort(col int, desc bool) { a.sortCol, a.sortDesc = col, desc }

func (a *applicationsScreen) onSelect(row int) {
	a.selectedShop = a.apps[row].ShopID
	a.showDetail()
}

// onActivate opens the workbook of the row (double-click or Enter).
func (a *applicationsScreen) onActivate(row int) {
	a.selectedShop = a.apps[row].ShopID
	a.openFile(a.apps[row].File)
}

// selected is the selected application, or nil.
func (a *applicationsScreen) selected() *app.ApplicationView {
	for i := range a.apps {
		if a.apps[i].ShopID == a.selectedShop && a.selectedShop != 0 {
			return &a.apps[i]
		}
	}
	return nil
}

// dataChanged reloads the list: an import or a shop edit may have made an
// application out of date.
func (a *applicationsScreen) dataChanged() { a.refresh() }

// refresh reads the applications and the verdicts off the UI goroutine.
func (a *applicationsScreen) refresh() {
	d := a.desk()
	if d == nil {
		return
	}
	gen, ctx := a.loads.start()
	a.refreshing = true
	if a.busy != nil {
		a.busy.Show()
		a.busy.Start()
	}
	a.shell.background(func() {
		// One snapshot: the verdicts are computed once for the list and the prepare dialog.
		o, err := d.Overview(ctx, d.Today())
		a.shell.ui(func() { a.onLoaded(gen, o.AsOf, o.Applications, o.Verdicts, o.ReviewDays, err) })
	})
}

func (a *applicationsScreen) onLoaded(gen int, asOf data.Date, apps []app.ApplicationView, vs []app.Verdict, review int, err error) {
	if !a.loads.latest(gen) {
		return
	}
	a.refreshing = false
	a.loadErr = err
	if err == nil {
		a.apps, a.verdicts, a.asOf, a.reviewDays, a.loaded = apps, vs, asOf, review, true
	}
	if a.table != nil {
		a.show()
	}
}

// show fills the built widgets from the fields.
func (a *applicationsScreen) show() {
	if !a.refreshing {
		a.busy.Stop()
		a.busy.Hide()
	}
	if a.loadErr != nil {
		a.errText.SetText(lang.L("The applications could not be read: {{.Error}}", map[string]any{"Error": trAppError(a.loadErr)}))
		a.errText.Show()
	} else {
		a.errText.Hide()
	}
	if !a.loaded {
		return
	}
	a.asOfLabel.SetText(lang.L(data.Plural(a.reviewDays, msgKey("As of {{.Date}} · expected review time {{.Days}} day"), msgKey("As of {{.Date}} · expected review time {{.Days}} days")),
		map[string]any{"Date": a.asOf.String(), "Days": a.reviewDays}))
	if len(a.apps) == 0 {
		a.listView.Hide()
		a.emptyView.Show()
		return
	}
	a.emptyView.Hide()
	a.listView.Show()
	a.counts.SetText(a.countsText())
	rows := make([]int, len(a.apps))
	for i := range rows {
		rows[i] = i
	}
	a.table.SetRows(rows)
	for i, r := range a.table.Rows() {
		if a.apps[r].ShopID == a.selectedShop {
			a.table.SelectRow(i)
			return
		}
	}
	a.showDetail()
}

// countsText sums the applications up in a line: how many in each status,
// how many overdue, how many out of date.
func (a *applicationsScreen) countsText() string {
	by := map[data.ApplicationStatus]int{}
	overdue, stale := 0, 0
	for _, v := range a.apps {
		by[v.Status]++
		if v.Overdue {
			overdue++
		}
		if !v.Valid {
			stale++
		}
	}
	var parts []string
	for _, s := range appStatuses {
		if by[s] > 0 {
			parts = append(parts, lang.L("{{.Status}}: {{.Count}}", map[string]any{"Status": appStatusLabel(s), "Count": by[s]}))
		}
	}
	if overdue > 0 {
		parts = append(parts, lang.L("overdue: {{.Count}}", map[string]any{"Count": overdue}))
	}
	if stale > 0 {
		parts = append(parts, lang.L("out of date: {{.Count}}", map[string]any{"Count": stale}))
	}
	return lang.L("Applications: {{.Count}}", map[string]any{"Count": len(a.apps)}) + " — " + strings.Join(parts, lang.L(", "))
}

// showDetail shows what the selected application says and what can be done with it.
func (a *applicationsScreen) showDetail() {
	a.statusBtns = map[data.ApplicationStatus]*widget.Button{}
	a.openBtn, a.folderBtn, a.againBtn = nil, nil, nil
	v := a.selected()
	if v == nil {
		hint := widget.NewLabel(lang.L("Select an application to see its details and record what the platform did. Double-click one to open its workbook."))
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		a.detail.Objects = []fyne.CanvasObject{hint}
		a.detail.Refresh()
		return
	}

	name := widget.NewLabelWithStyle(v.Shop, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	chip := newAppChip(appStatusLabel(v.Status), appStatusColor(v.Status))
	amount := widget.NewLabelWithStyle(formatMoney(v.Amount, v.Currency), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var actions []fyne.CanvasObject
	for _, next := range v.Next {
		b := widget.NewButtonWithIcon(nextStatusAction(next), nextStatusIcon(next), func() { a.onSetStatus(next) })
		if next == data.AppSubmitted || next == data.AppApproved || next == data.AppRefunded {
			b.Importance = widget.HighImportance
		}
		a.statusBtns[next] = b
		actions = append(actions, b)
	}
	heading := container.NewBorder(nil, nil,
		container.NewHBox(name, container.NewCenter(chip), amount), container.NewHBox(actions...))

	var notes []fyne.CanvasObject
	note := func(icon fyne.Resource, text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		notes = append(notes, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l))
	}
	if v.Overdue {
		note(theme.NewErrorThemedResource(theme.ErrorIcon()), lang.L(data.Plural(a.reviewDays, msgKey("Overdue: submitted on {{.Submitted}}, a decision was expected by {{.Due}} ({{.Days}} day of review). Ask the platform where it stands."),
			msgKey("Overdue: submitted on {{.Submitted}}, a decision was expected by {{.Due}} ({{.Days}} days of review). Ask the platform where it stands.")),
			map[string]any{"Submitted": v.Submitted.String(), "Due": v.ReviewDue.String(), "Days": a.reviewDays}), widget.DangerImportance)
	}
	if !v.Valid {
		text := lang.L("No longer valid: {{.Why}}.", map[string]any{"Why": whyText(*v)})
		if v.Status == data.AppDraft || v.Status == data.AppRejected {
			text = lang.L("No longer valid: {{.Why}}. Prepare it again before you submit it.", map[string]any{"Why": whyText(*v)})
		}
		note(theme.NewWarningThemedResource(theme.WarningIcon()), text, widget.WarningImportance)
	}

	if notReadyDraft(v) {
		note(theme.NewWarningThemedResource(theme.WarningIcon()), lang.L("{{.Shop}} is {{.Status}} now: the platform will likely refuse this application until every check passes. The overview shows what still blocks it.",
			map[string]any{"Shop": v.Shop, "Status": strings.ToLower(statusLabel(v.Verdict))}), widget.WarningImportance)
	}

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Refund account"), selectableLabel(accountLine(v.Account))),
		widget.NewFormItem(lang.L("Dates"), selectableLabel(datesLine(*v))),
	)
	if v.Note != "" {
		form.Append(lang.L("Note"), selectableLabel(v.Note))
	}
	if v.Reason != "" {
		form.Append(lang.L("Reason"), selectableLabel(v.Reason))
	}
	fileRow := []fyne.CanvasObject{}
	if v.File != "" {
		file := v.File
		a.openBtn = widget.NewButtonWithIcon(lang.L("Open the workbook"), theme.FileApplicationIcon(), func() { a.openFile(file) })
		a.folderBtn = widget.NewButtonWithIcon(lang.L("Show in folder"), theme.FolderOpenIcon(), func() { a.openFolder(file) })
		fileRow = append(fileRow, a.openBtn, a.folderBtn)
	}
	if !v.Valid && (v.Status == data.AppDraft || v.Status == data.AppRejected) {
		shop := v.Shop
		a.againBtn = widget.NewButtonWithIcon(lang.L("Prepare again…"), theme.ViewRefreshIcon(), func() { a.openPrepare([]string{shop}) })
		fileRow = append(fileRow, a.againBtn)
	}
	if v.File != "" {
		form.Append(lang.L("Workbook"), container.NewBorder(nil, nil, nil, container.NewHBox(fileRow...), selectableLabel(v.File)))
	} else if len(fileRow) > 0 {
		form.Append("", container.NewHBox(fileRow...))
	}

	body := container.NewVBox(append(append([]fyne.CanvasObject{heading}, notes...), form)...)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	a.detail.Objects = []fyne.CanvasObject{container.NewStack(bg, container.NewPadded(body))}
	a.detail.Refresh()
}

func selectableLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// accountLine is the refund account with its number masked.
func accountLine(acct data.RefundAccount) string {
	var parts []string
	for _, p := range []string{acct.Holder, acct.Bank, acct.Number, acct.Swift} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return lang.L("None recorded")
	}
	return strings.Join(parts, " · ")
}

// datesLine lists the steps the application went through.
func datesLine(v app.ApplicationView) string {
	var parts []string
	add := func(key string, d data.Date) {
		if d != data.NoDate {
			parts = append(parts, lang.L(key, map[string]any{"Date": d.String()}))
		}
	}
	add(msgKey("prepared {{.Date}}"), v.Created)
	add(msgKey("submitted {{.Date}}"), v.Submitted)
	if v.Status == data.AppRejected {
		add(msgKey("rejected {{.Date}}"), v.Decided)
	} else {
		add(msgKey("approved {{.Date}}"), v.Decided)
	}
	add(msgKey("refunded {{.Date}}"), v.Refunded)
	if v.Status == data.AppSubmitted {
		add(msgKey("decision expected by {{.Date}}"), v.ReviewDue)
	}
	return strings.Join(parts, " · ")
}

// whyText says in the UI language why an application no longer matches its
// shop's verdict, with the failing check's own detail when there is one.
func whyText(v app.ApplicationView) string {
	m := v.Why
	if v.WhyCheck != nil {
		args := map[string]any{}
		for k, x := range m.Args {
			args[k] = x
		}
		args["Detail"] = tr(v.WhyCheck.Msg)
		m.Args = args
	}
	return trApp(m)
}

// openFile opens a workbook with the program the OS has for it.
func (a *applicationsScreen) openFile(path string) { a.shell.openFile(path) }

// openFolder shows the folder a workbook is in.
func (a *applicationsScreen) openFolder(path string) {
	if path == "" {
		return
	}
	a.openFile(dirName(path))
}

// appChip is a small rounded label in a colour: an application status, or
// the overdue mark.
type appChip struct {
	widget.BaseWidget
	fill [2]color.Color // light, dark
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newAppChip(text string, fill [2]color.Color) *appChip {
	c := &appChip{fill: fill, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText(text, color.White)}
	c.text.TextStyle.Bold = true
	c.text.Alignment = fyne.TextAlignCenter
	c.ExtendBaseWidget(c)
	return c
}

func (c *appChip) set(text string, fill [2]color.Color) {
	c.text.Text, c.fill = text, fill
	c.Refresh()
}

func (c *appChip) CreateRenderer() fyne.WidgetRenderer { return &appChipRenderer{c: c} }

type appChipRenderer struct{ c *appChip }

func (r *appChipRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText(r.c.text.Text, theme.CaptionTextSize()+1, r.c.text.TextStyle)
	pad := theme.Padding()
	return fyne.NewSize(max(ts.Width+4*pad, 64), ts.Height+pad)
}

// Layout keeps the chip its own size, at the leading edge and centred
// vertically, however tall the cell is.
func (r *appChipRenderer) Layout(s fyne.Size) {
	m := r.MinSize()
	m.Width = min(m.Width, s.Width)
	pos := fyne.NewPos(0, max(0, (s.Height-m.Height)/2))
	r.c.bg.Move(pos)
	r.c.bg.Resize(m)
	r.c.text.Move(pos)
	r.c.text.Resize(m)
}

func (r *appChipRenderer) Refresh() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fill, text := r.c.fill[0], color.Color(color.White)
	if isDarkColor(th.Color(theme.ColorNameBackground, v)) {
		fill, text = r.c.fill[1], color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
	}
	r.c.bg.FillColor = fill
	r.c.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) + 2
	r.c.text.Color = text
	r.c.text.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	r.Layout(r.c.Size())
	r.c.bg.Refresh()
	r.c.text.Refresh()
}

func (r *appChipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.bg, r.c.text} }

func (r *appChipRenderer) Destroy() {}

// isDarkColor reports whether a background is dark (the dark variant, chosen
// in Settings or by the OS).
func isDarkColor(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return 299*r+587*g+114*b < 500*0xffff
}

// appCell is a table cell with the table's own cell view under an optional
// chip or warning mark; taps reach the cell view, which selects the row.
type appCell struct {
	widget.BaseWidget
	base *cellView
	chip *appChip
	icon *widget.Icon
	warn *widget.Label
}

func newAppCell(t *sortTable) *appCell {
	c := &appCell{base: newCellView(t), chip: newAppChip("", appStatusColors[data.AppDraft]),
		icon: widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon())), warn: widget.NewLabel("")}
	c.warn.Importance = widget.WarningImportance
	c.warn.Truncation = fyne.TextTruncateEllipsis
	c.ExtendBaseWidget(c)
	c.clear()
	return c
}

func (c *appCell) clear() {
	c.chip.Hide()
	c.icon.Hide()
	c.warn.Hide()
}

func (c *appCell) showChip(text string, fill [2]color.Color) {
	c.chip.set(text, fill)
	c.chip.Show()
}

func (c *appCell) showWarning(text string) {
	c.warn.SetText(text)
	c.icon.Show()
	c.warn.Show()
}

func (c *appCell) CreateRenderer() fyne.WidgetRenderer { return &appCellRenderer{c: c} }

type appCellRenderer struct{ c *appCell }

func (r *appCellRenderer) Layout(s fyne.Size) {
	c := r.c
	pad := theme.Padding()
	c.base.Resize(s)
	c.chip.Move(fyne.NewPos(pad, 0))
	c.chip.Resize(fyne.NewSize(s.Width-pad, s.Height))
	is := theme.IconInlineSize()
	c.icon.Move(fyne.NewPos(pad, (s.Height-is)/2))
	c.icon.Resize(fyne.NewSquareSize(is))
	c.warn.Move(fyne.NewPos(is, 0))
	c.warn.Resize(fyne.NewSize(max(0, s.Width-is), s.Height))
}

func (r *appCellRenderer) MinSize() fyne.Size { return r.c.base.MinSize().Max(r.c.chip.MinSize()) }

func (r *appCellRenderer) Refresh() {
	r.c.base.Refresh()
	r.c.chip.Refresh()
	r.c.icon.Refresh()
	r.c.warn.Refresh()
}

func (r *appCellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.c.base, r.c.chip, r.c.icon, r.c.warn}
}

func (r *appCellRenderer) Destroy() {}
