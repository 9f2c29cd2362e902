package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// evidenceLimit is how many blocking orders or open cases the shop page
// lists (and copies); a shop closing down has far fewer.
const evidenceLimit = 5000

// shopScreen is 店铺详情: one shop's checklist like the platform's
// closure-conditions page, the orders and cases that block it, its details,
// refund account and closure steps, its violations and its import history.
type shopScreen struct {
	shell *Shell
	name  string // the shop shown

	// What was loaded for the shop, off the UI goroutine.
	loaded     string // name the fields below belong to
	loading    bool
	loads      loads
	loadErr    error
	shop       data.Shop
	verdict    *app.Verdict
	violations []data.Violation
	batches    []data.ImportBatch
	orders     []data.Order
	cases      []data.ReturnCase
	ruleSets   []data.RuleSet

	tab      int  // the tab shown, kept across rebuilds
	revealed bool // the account number is shown in full

	body      *fyne.Container // swapped when the data arrives
	tabs      *container.AppTabs
	refresh   *widget.Button
	exportBtn *widget.Button
	export    *tableExport // the export dialog last opened
	busy      *widget.Activity

	// Tabs' widgets, for tests.
	checkRows   map[string]*checkRow
	details     *shopForm
	account     *accountFields
	saveDetails *widget.Button
	detailsErr  *widget.Label
	steps       map[string]*widget.Entry
	saveSteps   *widget.Button
	stepsErr    *widget.Label
	orderTable  *sortTable
	caseTable   *sortTable
	violTable   *sortTable
	undoButtons map[int64]*widget.Button
	undoDialog  *dialog.ConfirmDialog
	copied      string // the last text copied, for tests and the status line
	status      *widget.Label
}

func (s *shopScreen) desk() verdictDesk {
	d, _ := s.shell.desk.(verdictDesk)
	return d
}

func (s *shopScreen) buildUI() fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("Overview"), theme.NavigateBackIcon(), s.onBack)
	if s.name == "" {
		return container.NewBorder(container.NewHBox(back), nil, nil, nil, widget.NewLabel(lang.L("Choose a shop in the overview.")))
	}
	if s.desk() == nil {
		return container.NewBorder(container.NewHBox(back), nil, nil, nil, widget.NewLabel(s.name))
	}
	s.refresh = widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), s.reload)
	s.busy = widget.NewActivity()
	s.busy.Hide()
	s.status = widget.NewLabel("")
	s.status.Importance = widget.LowImportance
	s.exportBtn = widget.NewButtonWithIcon(lang.L("Export checklist…"), theme.DocumentSaveIcon(), s.onExportChecklist)
	top := container.NewHBox(back, layout.NewSpacer(), s.status, s.busy, s.refresh, s.exportBtn)
	s.body = container.NewStack()
	if s.loaded == s.name && !s.loading {
		s.showBody()
	} else {
		s.body.Objects = []fyne.CanvasObject{container.NewCenter(widget.NewLabel(lang.L("Loading…")))}
	}
	if s.loaded != s.name {
		s.reload()
	}
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, s.body))
}

func (s *shopScreen) onBack() { s.shell.Show(PageOverview) }

// reload reads the shop, its verdict and its evidence off the UI goroutine.
func (s *shopScreen) reload() {
	desk := s.desk()
	if desk == nil || s.name == "" {
		return
	}
	gen, ctx := s.loads.start()
	name := s.name
	var id int64 // the shop shown, to follow a rename made anywhere
	if s.loaded == s.name {
		id = s.shop.ID
	}
	s.loading = true
	if s.busy != nil {
		s.busy.Show()
		s.busy.Start()
	}
	s.shell.background(func() {
		r := shopData{}
		r.shop, r.err = desk.Shop(ctx, name)
		if r.err != nil && id != 0 {
			if sh, err := desk.ShopByID(ctx, id); err == nil {
				r.shop, r.err, name = sh, nil, sh.Name
			}
		}
		if r.err == nil {
			var vs []app.Verdict
			if vs, r.err = desk.Readiness(ctx, desk.Today(), name); r.err == nil && len(vs) == 1 {
				r.verdict = &vs[0]
			}
		}
		if r.err == nil {
			r.violations, r.err = desk.Violations(ctx, name)
		}
		if r.err == nil {
			r.batches, r.err = desk.Imports(ctx, name)
		}
		if r.err == nil {
			r.orders, r.err = desk.BlockingOrders(ctx, name, evidenceLimit)
		}
		if r.err == nil {
			r.cases, r.err = desk.OpenCases(ctx, name, evidenceLimit)
		}
		if r.err == nil {
			r.ruleSets, r.err = desk.RuleSets(ctx)
		}
		s.shell.ui(func() { s.dataLoaded(gen, name, r) })
	})
}

// shopData is one load of the shop page.
type shopData struct {
	shop       data.Shop
	verdict    *app.Verdict
	violations []data.Violation
	batches    []data.ImportBatch
	orders     []data.Order
	cases      []data.ReturnCase
	ruleSets   []data.RuleSet
	err        error
}

func (s *shopScreen) dataLoaded(gen int, name string, r shopData) {
	if !s.loads.latest(gen) {
		return
	}
	s.loading = false
	if r.err == nil && r.shop.ID == s.shop.ID && s.name != name {
		s.name = name // renamed
	}
	if s.loaded != name {
		s.revealed = false // a new shop starts masked
	}
	s.loaded = name
	s.loadErr = r.err
	s.shop, s.verdict, s.violations, s.batches = r.shop, r.verdict, r.violations, r.batches
	s.orders, s.cases, s.ruleSets = r.orders, r.cases, r.ruleSets
	if s.busy != nil {
		s.busy.Stop()
		s.busy.Hide()
	}
	if s.body != nil {
		s.showBody()
	}
}

// showBody fills the page from the loaded fields.
func (s *shopScreen) showBody() {
	var content fyne.CanvasObject
	if s.loadErr != nil || s.verdict == nil {
		msg := lang.L("There is no shop named {{.Name}}.", map[string]any{"Name": s.name})
		if s.loadErr != nil {
			msg = trError(s.loadErr)
		}
		l := widget.NewLabel(msg)
		l.Wrapping = fyne.TextWrapWord
		content = container.NewVBox(l)
	} else {
		content = container.NewBorder(s.headerView(), nil, nil, nil, s.tabsView())
	}
	s.body.Objects = []fyne.CanvasObject{content}
	s.body.Refresh()
}

// headerView is the shop's name, status and the few facts that matter most.
func (s *shopScreen) headerView() fyne.CanvasObject {
	v := s.verdict
	title := widget.NewLabelWithStyle(s.shop.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	chip := newStatusChip(v.Status)
	var when string
	switch {
	case v.Status == app.Blocked:
		when = lang.L("No date until the blockers are cleared")
	case v.ReadyOn == data.NoDate:
		when = lang.L("Ready now")
	case v.Status == app.Ready:
		when = lang.L("Ready since {{.Date}}", map[string]any{"Date": v.ReadyOn.String()})
	default:
		when = lang.L("Ready on {{.Date}}", map[string]any{"Date": v.ReadyOn.String()})
	}
	facts := []string{
		when,
		lang.L("Refundable {{.Amount}}", map[string]any{"Amount": formatMoney(v.Refundable, v.Currency)}),
		lang.L("Deposit {{.Amount}}", map[string]any{"Amount": formatMoney(v.Deposit, v.Currency)}),
		lang.L("Rules {{.Rules}}", map[string]any{"Rules": v.Rules}),
	}
	if v.Penalties > 0 {
		facts = append(facts, lang.L("Penalties {{.Amount}}", map[string]any{"Amount": formatMoney(v.Penalties, v.Currency)}))
	}
	line := widget.NewLabel(joinFacts(facts))
	line.Wrapping = fyne.TextWrapWord
	sub := []string{s.shop.Site}
	if s.shop.Client != "" {
		sub = append(sub, s.shop.Client)
	}
	if s.shop.Code != "" {
		sub = append(sub, s.shop.Code)
	}
	subtitle := widget.NewLabel(joinFacts(sub))
	facts = append(facts, lang.L("Data as of {{.Date}}", map[string]any{"Date": dateText(v.DataAsOf)}))
	line.SetText(joinFacts(facts))
	dataLine := widget.NewLabel("")
	dataLine.Hide()
	if v.Stale {
		dataLine.SetText(lang.L("Data as of {{.Date}} — more than a week old; import a newer export", map[string]any{"Date": v.DataAsOf.String()}))
		dataLine.Importance = widget.WarningImportance
		dataLine.Show()
	}
	head := container.NewHBox(title, container.NewCenter(chip), subtitle)
	return container.NewVBox(head, line, dataLine, widget.NewSeparator())
}

func joinFacts(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += "  ·  "
		}
		out += p
	}
	return out
}

// tabsView holds the shop's sections, on the tab shown last.
func (s *shopScreen) tabsView() fyne.CanvasObject {
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Checklist"), theme.ConfirmIcon(), s.checklistView()),
		container.NewTabItemWithIcon(lang.L("Orders and cases"), theme.ListIcon(), s.evidenceView()),
		container.NewTabItemWithIcon(lang.L("Details and account"), theme.DocumentCreateIcon(), s.detailsView()),
		container.NewTabItemWithIcon(lang.L("Closure steps"), theme.CalendarIcon(), s.stepsView()),
		container.NewTabItemWithIcon(lang.L("Violations"), theme.WarningIcon(), s.violationsView()),
		container.NewTabItemWithIcon(lang.L("Import history"), theme.HistoryIcon(), s.importsView()),
	)
	if s.tab > 0 && s.tab < len(s.tabs.Items) {
		s.tabs.SelectIndex(s.tab)
	}
	s.tabs.OnSelected = func(*container.TabItem) { s.tab = s.tabs.SelectedIndex() }
	return s.tabs
}

// dataChanged reads the shop again: its verdict, evidence and history
// follow every import, undo and edit, wherever it was made.
func (s *shopScreen) dataChanged() { s.reload() }

// copyText puts text on the clipboard and says so.
func (s *shopScreen) copyText(text string, count int) {
	s.shell.app.Clipboard().SetContent(text)
	s.copied = text
	if s.status != nil {
		s.status.SetText(lang.L("Copied to the clipboard: {{.Count}}", map[string]any{"Count": count}))
	}
}
