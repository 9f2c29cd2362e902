package screens

import (
	"context"
	"errors"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// verdictDesk is what the overview and the shop page need of the core beyond
// the shell's Desk (*app.Desk has it). A Desk without it gets the plain list
// of shops.
type verdictDesk interface {
	Desk
	Today() data.Date
	Readiness(ctx context.Context, asOf data.Date, shops ...string) ([]app.Verdict, error)
	Overview(ctx context.Context, asOf data.Date) (app.Overview, error)
	Looked(ctx context.Context, o app.Overview) error
	Shop(ctx context.Context, name string) (data.Shop, error)
	ShopByID(ctx context.Context, id int64) (data.Shop, error)
	AddShop(ctx context.Context, s data.Shop) (data.Shop, error)
	SaveShop(ctx context.Context, s data.Shop) error
	RuleSets(ctx context.Context) ([]data.RuleSet, error)
	Violations(ctx context.Context, shop string) ([]data.Violation, error)
	AddViolation(ctx context.Context, shop string, v data.Violation) (data.Violation, error)
	SaveViolation(ctx context.Context, v data.Violation) error
	Imports(ctx context.Context, shop string) ([]data.ImportBatch, error)
	Undo(ctx context.Context, batchID int64) (data.ImportBatch, error)
	BlockingOrders(ctx context.Context, shop string, limit int) ([]data.Order, error)
	OpenCases(ctx context.Context, shop string, limit int) ([]data.ReturnCase, error)
}

var _ verdictDesk = (*app.Desk)(nil)

// The overview table's columns.
const (
	colChanged = iota
	colShop
	colClient
	colSite
	colStatus
	colReadyOn
	colRefundable
	colApplication
	colDataAsOf
	colBlocker
)

// Status filter choices beyond the three statuses.
const filterChanged = "changed"

// overviewScreen is 总览: every shop's verdict at a glance — totals, expected
// refunds by month, and a sortable, filterable table of the shops. With no
// shops yet it explains the three steps and offers the sample data.
type overviewScreen struct {
	shell *Shell
	first <-chan overviewAnswer // the first overview, computed before the window (nil once taken)

	shops   []data.Shop
	loadErr error
	loading bool // sample data being loaded

	// Verdicts, computed off the UI goroutine; loads drops stale answers.
	verdicts   []app.Verdict
	asOf       data.Date
	verdictErr error
	refreshing bool
	loads      loads
	codes      map[int64]string // shop code by id, for the text filter
	blockers   []string         // main blocker of each verdict, in the UI language
	haystack   []string         // lower-case text the filter searches, per verdict

	// What changed since the last look (shop id → what), taken once a run.
	changed     map[int64]app.ShopChange
	changesSeen bool
	apps        map[int64]*app.ApplicationView // each shop's application, if any

	// Filter and order, kept across rebuilds.
	query, status, client, site string
	sortCol                     int
	sortDesc, sortSet           bool

	loadDemo *widget.Button
	activity *widget.Activity

	table      *sortTable
	search     *filterEntry
	statusSel  *widget.Select
	clientSel  *picker
	siteSel    *widget.Select
	countLabel *widget.Label
	asOfLabel  *widget.Label
	busy       *widget.Activity
	counts     map[string]*canvas.Text
	tiles      map[string]*tappableTile // the status tiles: a tap filters the table
	refundNow  *widget.Label
	refund30   *widget.Label
	refund90   *widget.Label
	caption30  *widget.Label
	caption90  *widget.Label
	chart      *refundChart
	banner     *fyne.Container
	bannerText *widget.Label
	errText    *widget.Label
	addShop    *widget.Button
	exportBtn  *widget.Button
	export     *tableExport // the export dialog last opened
	addDialog  *dialog.CustomDialog
	addForm    *shopForm
}

// desk is the core as the verdict screens need it, or nil.
func (o *overviewScreen) desk() verdictDesk {
	d, _ := o.shell.desk.(verdictDesk)
	return d
}

func (o *overviewScreen) buildUI() fyne.CanvasObject {
	o.shops, o.loadErr = o.shell.desk.Shops(context.Background())
	if o.loadErr != nil {
		return o.errorView()
	}
	if len(o.shops) == 0 {
		o.first = nil // computed over no shops: the next overview is computed afresh
		return o.firstRunView()
	}
	if o.desk() == nil {
		return o.shopsView()
	}
	view := o.verdictView()
	o.refresh()
	return view
}

func (o *overviewScreen) errorView() fyne.CanvasObject {
	text := widget.NewLabel(lang.L("The shops could not be read: {{.Error}}", map[string]any{"Error": trError(o.loadErr)}))
	text.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), o.onRetry)
	return container.NewPadded(container.NewVBox(text, container.NewHBox(retry)))
}

func (o *overviewScreen) onRetry() { o.shell.Reload(PageOverview) }

// firstRunView is the empty state: what Deposit Desk does, in three steps.
func (o *overviewScreen) firstRunView() fyne.CanvasObject {
	steps := []fyne.CanvasObject{
		stepCard(1, theme.StorageIcon(), lang.L("Add your shops"),
			lang.L("Name, site, deposit and refund account of every shop whose deposit you want back.")),
		stepCard(2, theme.UploadIcon(), lang.L("Import the exports"),
			lang.L("Drop the order and after-sales spreadsheets you download from the seller center. You see a preview before anything is saved.")),
		stepCard(3, theme.ConfirmIcon(), lang.L("Read the verdicts"),
			lang.L("Every shop shows ready, waiting until a date, or blocked — with the orders and cases that block it.")),
	}

	o.loadDemo = widget.NewButtonWithIcon(lang.L("Load sample data"), theme.DownloadIcon(), o.onLoadDemo)
	o.loadDemo.Importance = widget.HighImportance
	o.addShop = widget.NewButtonWithIcon(lang.L("Add a shop"), theme.ContentAddIcon(), o.onAddShop)
	if o.desk() == nil {
		o.addShop.Hide()
	}
	importFiles := widget.NewButtonWithIcon(lang.L("Import files"), theme.UploadIcon(), o.onImportFiles)
	o.activity = widget.NewActivity()
	if o.loading {
		o.loadDemo.Disable()
		o.activity.Start()
	} else {
		o.activity.Hide()
	}
	hint := widget.NewLabel(lang.L("The sample data adds a few demo shops with realistic exports, so you can see every kind of verdict."))
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle.Italic = true

	return guideView(theme.SizeNameHeadingText, lang.L("Welcome to Deposit Desk"),
		lang.L("Deposit Desk tells you, shop by shop, whether its deposit can be refunded now, when it will be, and what still blocks it."),
		steps, container.NewHBox(o.loadDemo, o.addShop, importFiles, o.activity), hint)
}

func (o *overviewScreen) onImportFiles() { o.shell.Show(PageImport) }

// onLoadDemo loads the sample data off the UI goroutine; the overview is
// rebuilt when it is done.
func (o *overviewScreen) onLoadDemo() {
	o.loading = true
	o.loadDemo.Disable()
	o.activity.Show()
	o.activity.Start()
	o.shell.background(func() {
		_, err := o.shell.desk.LoadDemo(context.Background())
		o.shell.ui(func() { o.demoLoaded(err) })
	})
}

func (o *overviewScreen) demoLoaded(err error) {
	o.loading = false
	if err != nil {
		dialog.ShowError(errors.New(lang.L("The sample data could not be loaded: {{.Error}}", map[string]any{"Error": trError(err)})), o.shell.win)
	}
	o.shell.Reload(PageOverview)
}

// shopsView lists the shops of a Desk that cannot compute verdicts.
func (o *overviewScreen) shopsView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Shops: {{.Count}}", map[string]any{"Count": len(o.shops)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	list := widget.NewList(
		func() int { return len(o.shops) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, c fyne.CanvasObject) {
			sh := o.shops[i]
			c.(*widget.Label).SetText(lang.L("{{.Name}} · {{.Site}} · deposit {{.Deposit}} {{.Currency}}",
				map[string]any{"Name": sh.Name, "Site": sh.Site, "Deposit": sh.Deposit.String(), "Currency": sh.Currency}))
		})
	list.OnSelected = o.onShopSelected
	return container.NewBorder(container.NewPadded(title), nil, nil, nil, list)
}

func (o *overviewScreen) onShopSelected(i widget.ListItemID) { o.shell.OpenShop(o.shops[i].Name) }

// verdictView is the overview proper; it fills in when the verdicts arrive.
func (o *overviewScreen) verdictView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Overview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	o.asOfLabel = widget.NewLabel(lang.L("Computing the verdicts…"))
	o.asOfLabel.Importance = widget.LowImportance
	o.busy = widget.NewActivity()
	o.busy.Hide()
	o.addShop = widget.NewButtonWithIcon(lang.L("Add a shop"), theme.ContentAddIcon(), o.onAddShop)
	refresh := widget.NewButtonWithIcon(lang.L("Refresh"), theme.ViewRefreshIcon(), o.refresh)
	o.exportBtn = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), o.onExport)
	header := container.NewHBox(title, container.NewCenter(o.asOfLabel), layout.NewSpacer(), o.busy, refresh, o.exportBtn, o.addShop)

	o.bannerText = widget.NewLabel("")
	o.bannerText.Wrapping = fyne.TextWrapWord
	showChanged := widget.NewButton(lang.L("Show only these"), o.onShowChanged)
	bannerBG := canvas.NewRectangle(changedTint(o.shell.app.Settings().Theme()))
	bannerBG.CornerRadius = theme.InputRadiusSize()
	o.banner = container.NewStack(bannerBG, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), showChanged, o.bannerText))
	o.banner.Hide()
	o.errText = widget.NewLabel("")
	o.errText.Wrapping = fyne.TextWrapWord
	o.errText.Importance = widget.DangerImportance
	o.errText.Hide()

	summary := container.NewBorder(nil, nil, o.totalsView(), nil, o.chartView())

	o.search = newFilterEntry(o.focusTable)
	o.search.SetPlaceHolder(lang.L("Filter by shop, client, site, code or blocker"))
	o.search.SetText(o.query)
	o.search.OnChanged = o.onQueryChanged
	o.statusSel = widget.NewSelect(nil, nil)
	o.clientSel = newPicker(o.shell.win, nil, nil)
	o.siteSel = widget.NewSelect(nil, nil)
	o.countLabel = widget.NewLabel("")
	filters := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()),
		container.NewHBox(o.statusSel, o.clientSel, o.siteSel, o.countLabel), o.search)

	o.table = o.newTable()
	top := container.NewVBox(header, o.banner, o.errText, summary, filters)
	if o.verdicts != nil {
		o.showVerdicts()
	}
	return container.NewPadded(container.NewBorder(top, nil, nil, nil, o.table))
}

// totalsView shows the counts by status and the refundable amounts.
func (o *overviewScreen) totalsView() fyne.CanvasObject {
	o.counts = map[string]*canvas.Text{}
	o.tiles = map[string]*tappableTile{}
	var statusTiles []fyne.CanvasObject
	for _, st := range []string{app.Ready, app.Waiting, app.Blocked} {
		t := canvas.NewText("…", theme.Color(statusColorName(st))) // until the verdicts arrive
		t.TextSize = theme.TextHeadingSize() * 1.5
		t.TextStyle.Bold = true
		o.counts[st] = t
		o.tiles[st] = newTappableTile(statTile(statusLabel(st), t), func() { o.onTileTapped(st) })
		statusTiles = append(statusTiles, o.tiles[st])
	}
	o.refundNow = widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.refund30 = widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.refund90 = widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.caption30 = widget.NewLabel(lang.L("Within 30 days"))
	o.caption90 = widget.NewLabel(lang.L("Within 90 days"))
	money := []fyne.CanvasObject{
		statTileLabel(widget.NewLabel(lang.L("Refundable now")), o.refundNow),
		statTileLabel(o.caption30, o.refund30),
		statTileLabel(o.caption90, o.refund90),
	}
	// A fixed width: the chart beside it takes the rest of the window.
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(470, 0))
	return container.NewStack(width,
		container.NewVBox(container.NewGridWithColumns(3, statusTiles...), container.NewGridWithColumns(3, money...)))
}

// statTile is a caption over a value on a soft rounded background.
func statTile(caption string, value fyne.CanvasObject) fyne.CanvasObject {
	return statTileLabel(widget.NewLabel(caption), value)
}

func statTileLabel(caption *widget.Label, value fyne.CanvasObject) fyne.CanvasObject {
	caption.SizeName = theme.SizeNameCaptionText
	caption.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	// Values sit at the bottom, so tiles side by side line them up.
	inner := container.NewBorder(caption, container.NewHBox(container.NewPadded(value)), nil, nil)
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(0, theme.Padding(), theme.Padding(), 0), inner))
}

func (o *overviewScreen) chartView() fyne.CanvasObject {
	o.chart = newRefundChart()
	caption := widget.NewLabelWithStyle(lang.L("Expected refunds by month"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize() * 2
	return container.NewStack(bg, container.NewPadded(container.NewBorder(caption, nil, nil, nil, o.chart)))
}

// newTable is the shops table over o.verdicts.
func (o *overviewScreen) newTable() *sortTable {
	v := func(i int) *app.Verdict { return &o.verdicts[i] }
	byName := func(a, b int) bool { return strings.ToLower(v(a).Shop) < strings.ToLower(v(b).Shop) }
	cols := []tableColumn{
		colChanged: {title: msgKey("New"), width: 40, less: func(a, b int) bool {
			_, ca := o.changed[v(a).ShopID]
			_, cb := o.changed[v(b).ShopID]
			return ca && !cb
		}},
		colShop:   {title: msgKey("Shop name"), width: 180, less: byName},
		colClient: {title: msgKey("Client"), width: 120, less: thenBy(func(a, b int) int { return strings.Compare(v(a).Client, v(b).Client) }, byName)},
		colSite:   {title: msgKey("Site"), width: 48, less: thenBy(func(a, b int) int { return strings.Compare(v(a).Site, v(b).Site) }, byName)},
		colStatus: {title: msgKey("Status"), width: 92, less: thenBy(func(a, b int) int {
			if c := statusRank(v(a).Status) - statusRank(v(b).Status); c != 0 {
				return c
			}
			return compareDates(v(a).ReadyOn, v(b).ReadyOn)
		}, byName)},
		colReadyOn: {title: msgKey("Ready on"), width: 96, less: thenBy(func(a, b int) int { return compareDates(v(a).ReadyOn, v(b).ReadyOn) }, byName)},
		colRefundable: {title: msgKey("Refundable"), width: 124, less: thenBy(func(a, b int) int {
			if c := strings.Compare(v(a).Currency, v(b).Currency); c != 0 {
				return c
			}
			return int(v(a).Refundable - v(b).Refundable)
		}, byName)},
		colApplication: {title: msgKey("Application"), width: 128, less: thenBy(func(a, b int) int {
			return o.appRank(v(a).ShopID) - o.appRank(v(b).ShopID)
		}, byName)},
		colDataAsOf: {title: msgKey("Data as of"), width: 96, less: thenBy(func(a, b int) int { return compareDates(v(a).DataAsOf, v(b).DataAsOf) }, byName)},
		colBlocker: {title: msgKey("Main blocker"), width: 200, less: thenBy(func(a, b int) int {
			return strings.Compare(o.blockers[a], o.blockers[b])
		}, byName)},
	}
	t := newSortTable(cols, o.cell)
	t.flex = colBlocker
	t.marked = func(row int) bool { _, ok := o.changed[o.verdicts[row].ShopID]; return ok }
	t.OnActivate = o.onActivate
	t.OnSort = o.onSort
	if !o.sortSet {
		o.sortCol, o.sortDesc, o.sortSet = colStatus, false, true
	}
	t.sortCol, t.sortDesc = o.sortCol, o.sortDesc
	return t
}

// thenBy orders by cmp, then by tie for equal values.
func thenBy(cmp func(a, b int) int, tie func(a, b int) bool) func(a, b int) bool {
	return func(a, b int) bool {
		if c := cmp(a, b); c != 0 {
			return c < 0
		}
		return tie(a, b)
	}
}

// compareDates orders dates with "no date" last.
func compareDates(a, b data.Date) int {
	switch {
	case a == b:
		return 0
	case a == data.NoDate:
		return 1
	case b == data.NoDate:
		return -1
	case a < b:
		return -1
	}
	return 1
}

// appRank orders shops by their application's status, those without one last.
func (o *overviewScreen) appRank(shopID int64) int {
	if a := o.apps[shopID]; a != nil {
		return appStatusRank(a.Status)
	}
	return appStatusRank("") + 1
}

func statusRank(s string) int {
	switch s {
	case app.Ready:
		return 0
	case app.Waiting:
		return 1
	}
	return 2
}

func (o *overviewScreen) cell(row, col int) tableCell {
	v := &o.verdicts[row]
	switch col {
	case colChanged:
		if _, ok := o.changed[v.ShopID]; ok {
			return tableCell{text: "•", bold: true, align: fyne.TextAlignCenter}
		}
		return tableCell{}
	case colShop:
		return tableCell{text: v.Shop, bold: true}
	case colClient:
		return tableCell{text: v.Client}
	case colSite:
		return tableCell{text: v.Site}
	case colStatus:
		return tableCell{status: v.Status}
	case colReadyOn:
		return tableCell{text: dateText(v.ReadyOn)}
	case colRefundable:
		return tableCell{text: formatMoney(v.Refundable, v.Currency), align: fyne.TextAlignTrailing}
	case colApplication:
		a := o.apps[v.ShopID]
		if a == nil {
			return tableCell{}
		}
		if a.Overdue {
			return tableCell{text: lang.L("{{.Status}}, overdue", map[string]any{"Status": appStatusLabel(a.Status)}), warn: true}
		}
		return tableCell{text: appStatusLabel(a.Status)}
	case colDataAsOf:
		// Data more than a week old is shown in the warning colour.
		return tableCell{text: dateText(v.DataAsOf), warn: v.Stale}
	case colBlocker:
		return tableCell{text: o.blockers[row]}
	}
	return tableCell{}
}
