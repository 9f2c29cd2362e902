package screens

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// refresh asks the core for the overview off the UI goroutine; the overview
// shows what it had until the answer comes back through the shell's ui (fyne.Do).
func (o *overviewScreen) refresh() {
	desk := o.desk()
	if desk == nil {
		return
	}
	gen, ctx := o.loads.start()
	o.refreshing = true
	if o.busy != nil {
		o.busy.Show()
		o.busy.Start()
	}
	first := o.first
	o.first = nil
	o.shell.background(func() {
		var ov app.Overview
		var err error
		if first != nil {
			a := <-first
			ov, err = a.ov, a.err
		} else {
			ov, err = desk.Overview(ctx, desk.Today())
		}
		var rows overviewRows
		if err == nil {
			rows = prepareRows(ov)
		}
		o.shell.ui(func() { o.overviewLoaded(gen, ov, rows, err) })
		if err == nil {
			// Recorded once it is on screen: a look is what was shown.
			if lerr := desk.Looked(ctx, ov); lerr != nil {
				fyne.LogError("recording the look at the overview", lerr)
			}
		}
	})
}

// dataChanged shows the data as it is now: the verdicts again, or the
// overview proper once the first shop exists.
func (o *overviewScreen) dataChanged() {
	o.first = nil // computed before this change
	if o.table == nil {
		o.shell.Reload(PageOverview)
		return
	}
	o.refresh()
}

// overviewLoaded takes a refresh's answer (if it is the latest) and shows it.
// What changed since the last look is taken from the first answer of a run:
// later answers reflect what this person did meanwhile.
func (o *overviewScreen) overviewLoaded(gen int, ov app.Overview, rows overviewRows, err error) {
	if !o.loads.latest(gen) {
		return
	}
	o.refreshing = false
	o.verdictErr = err
	if err == nil {
		o.verdicts, o.asOf, o.shops = ov.Verdicts, ov.AsOf, ov.Shops
		o.codes, o.blockers, o.haystack = rows.codes, rows.blockers, rows.haystack
		o.apps = make(map[int64]*app.ApplicationView, len(ov.Applications))
		for i := range ov.Applications {
			o.apps[ov.Applications[i].ShopID] = &ov.Applications[i]
		}
		if !o.changesSeen {
			o.changesSeen = true
			o.changed = ov.Changed
			if n := changesNotification(o.changed, o.verdicts); n != nil {
				o.shell.app.SendNotification(n)
			}
		}
	}
	if o.table != nil {
		o.showVerdicts()
	}
	if overviewLoaded != nil {
		overviewLoaded()
	}
}

// overviewLoaded, when set (benchmarks), runs after each verdict refresh is shown.
var overviewLoaded func()

// StartupTraceEnv, when set, makes the window print the wall-clock time
// (Unix nanoseconds) at which the overview first shows every verdict, so a
// script can measure process start to overview drawn on a real display.
const StartupTraceEnv = "DEPOSITDESK_STARTUP_TRACE"

func traceStartup() {
	if os.Getenv(StartupTraceEnv) == "" {
		return
	}
	var once sync.Once
	overviewLoaded = func() {
		once.Do(func() { fmt.Fprintf(os.Stderr, "overview shown at %d\n", time.Now().UnixNano()) })
	}
}

// showVerdicts fills the built widgets from the fields.
func (o *overviewScreen) showVerdicts() {
	if o.busy != nil && !o.refreshing {
		o.busy.Stop()
		o.busy.Hide()
	}
	if o.verdictErr != nil {
		o.errText.SetText(lang.L("The verdicts could not be computed: {{.Error}}", map[string]any{"Error": trError(o.verdictErr)}))
		o.errText.Show()
	} else {
		o.errText.Hide()
	}
	if o.verdicts == nil {
		if o.verdictErr != nil {
			o.asOfLabel.SetText(lang.L("No verdicts to show"))
		}
		return
	}
	o.asOfLabel.SetText(lang.L("Verdicts as of {{.Date}}", map[string]any{"Date": o.asOf.String()}))
	o.showTotals()
	o.chart.SetBuckets(refundBuckets(o.verdicts, o.asOf))
	if len(o.changed) > 0 {
		o.bannerText.SetText(lang.L("Shops whose status changed since you last looked: {{.Count}}. They are marked • in the table.",
			map[string]any{"Count": len(o.changed)}))
		o.banner.Show()
	} else {
		o.banner.Hide()
	}
	o.fillFilterChoices()
	o.applyFilter()
}

// overviewAnswer is an overview computed off the UI goroutine.
type overviewAnswer struct {
	ov  app.Overview
	err error
}

// computeOverview starts computing the overview of today, before there is a
// window to show it in.
func computeOverview(d *app.Desk) <-chan overviewAnswer {
	c := make(chan overviewAnswer, 1)
	go func() {
		ov, err := d.Overview(context.Background(), d.Today())
		c <- overviewAnswer{ov, err}
	}()
	return c
}

// overviewRows is the text of each verdict's row, rendered once off the UI
// goroutine: 2,000 main blockers take a while to fill in.
type overviewRows struct {
	codes    map[int64]string // shop code by id, for the text filter
	blockers []string         // main blocker of each verdict, in the UI language
	haystack []string         // lower-case text the filter searches, per verdict
}

// prepareRows renders each shop's main blocker in the UI language, and the
// text the filter searches.
func prepareRows(ov app.Overview) overviewRows {
	r := overviewRows{codes: make(map[int64]string, len(ov.Shops)),
		blockers: make([]string, len(ov.Verdicts)), haystack: make([]string, len(ov.Verdicts))}
	for _, sh := range ov.Shops {
		r.codes[sh.ID] = sh.Code
	}
	for i := range ov.Verdicts {
		v := &ov.Verdicts[i]
		switch {
		case v.MainBlocker != nil:
			r.blockers[i] = tr(v.MainBlocker.Msg)
		case v.Stale:
			r.blockers[i] = lang.L("Nothing, but the newest export is from {{.Date}}; import a fresh one to be sure", map[string]any{"Date": v.DataAsOf.String()})
		default:
			r.blockers[i] = lang.L("Nothing: the deposit can be claimed")
		}
		r.haystack[i] = strings.ToLower(strings.Join([]string{v.Shop, v.Client, v.Site, r.codes[v.ShopID], r.blockers[i]}, "\x00"))
	}
	return r
}

// showTotals counts the statuses and sums what is refundable now, within 30
// and within 90 days, per currency. "Within" includes what is ready now.
func (o *overviewScreen) showTotals() {
	counts := map[string]int{}
	now, in30, in90 := moneyByCurrency{}, moneyByCurrency{}, moneyByCurrency{}
	d30, d90 := o.asOf.AddDays(30), o.asOf.AddDays(90)
	for _, v := range o.verdicts {
		counts[v.Status]++
		switch {
		case v.Status == app.Ready:
			now.add(v.Currency, v.Refundable)
			in30.add(v.Currency, v.Refundable)
			in90.add(v.Currency, v.Refundable)
		case v.Status == app.Waiting && v.ReadyOn != data.NoDate:
			if v.ReadyOn <= d30 {
				in30.add(v.Currency, v.Refundable)
			}
			if v.ReadyOn <= d90 {
				in90.add(v.Currency, v.Refundable)
			}
		}
	}
	for st, t := range o.counts {
		t.Text = strconv.Itoa(counts[st])
		t.Refresh()
	}
	o.refundNow.SetText(now.lines())
	o.refund30.SetText(in30.lines())
	o.refund90.SetText(in90.lines())
	o.caption30.SetText(lang.L("Within 30 days (by {{.Date}})", map[string]any{"Date": d30.String()}))
	o.caption90.SetText(lang.L("Within 90 days (by {{.Date}})", map[string]any{"Date": d90.String()}))
}

// statusChoices are the status filter's values; statusChoiceNames their texts.
var statusChoices = []string{"", app.Ready, app.Waiting, app.Blocked, filterChanged}

func statusChoiceName(s string) string {
	switch s {
	case "":
		return lang.L("All statuses")
	case filterChanged:
		return lang.L("Changed since last time")
	}
	return statusLabel(s)
}

// fillFilterChoices offers the statuses, clients and sites there are.
func (o *overviewScreen) fillFilterChoices() {
	var names []string
	for _, s := range statusChoices {
		names = append(names, statusChoiceName(s))
	}
	setChoices(o.statusSel, names, indexOf(statusChoices, o.status), func(i int) { o.status = statusChoices[i]; o.filterChanged() })

	clientSet, siteSet := map[string]bool{}, map[string]bool{}
	for _, v := range o.verdicts {
		clientSet[v.Client] = true
		siteSet[v.Site] = true
	}
	clients := append([]string{""}, sortedKeys(clientSet, "")...)
	sites := append([]string{""}, sortedKeys(siteSet, "")...)
	clientNames := append([]string{lang.L("All clients")}, clients[1:]...)
	siteNames := append([]string{lang.L("All sites")}, sites[1:]...)
	if indexOf(clients, o.client) < 0 {
		o.client = ""
	}
	if indexOf(sites, o.site) < 0 {
		o.site = ""
	}
	o.clientSel.OnChanged = nil
	o.clientSel.SetOptions(clientNames)
	o.clientSel.SetSelectedIndex(max(indexOf(clients, o.client), 0))
	o.clientSel.OnChanged = func(string) {
		if i := o.clientSel.SelectedIndex(); i >= 0 {
			o.client = clients[i]
			o.filterChanged()
		}
	}
	setChoices(o.siteSel, siteNames, indexOf(sites, o.site), func(i int) { o.site = sites[i]; o.filterChanged() })
}

// setChoices fills a Select and selects one option without running onPick.
func setChoices(s *widget.Select, names []string, selected int, onPick func(i int)) {
	s.OnChanged = nil
	s.SetOptions(names)
	s.SetSelectedIndex(max(selected, 0))
	s.OnChanged = func(string) {
		if i := s.SelectedIndex(); i >= 0 {
			onPick(i)
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func sortedKeys(m map[string]bool, skip string) []string {
	var out []string
	for k := range m {
		if k != skip {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (o *overviewScreen) onQueryChanged(q string) {
	o.query = q
	o.filterChanged()
}

// filterChanged shows the shops of the new filter from the top.
func (o *overviewScreen) filterChanged() {
	o.applyFilter()
	o.table.ScrollToTop()
}

func (o *overviewScreen) onShowChanged() {
	o.status = filterChanged
	o.statusSel.SetSelectedIndex(indexOf(statusChoices, filterChanged))
}

// applyFilter shows the shops that match the text and the chosen status,
// client and site, in the table's order.
func (o *overviewScreen) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(o.query))
	rows := make([]int, 0, len(o.verdicts))
	for i := range o.verdicts {
		v := &o.verdicts[i]
		switch {
		case o.status == filterChanged:
			if _, ok := o.changed[v.ShopID]; !ok {
				continue
			}
		case o.status != "" && v.Status != o.status:
			continue
		}
		if o.client != "" && v.Client != o.client || o.site != "" && v.Site != o.site {
			continue
		}
		if q != "" && !strings.Contains(o.haystack[i], q) {
			continue
		}
		rows = append(rows, i)
	}
	o.table.SetRows(rows)
	o.countLabel.SetText(lang.L(data.Plural(len(o.verdicts), msgKey("{{.Shown}} of {{.Total}} shop"), msgKey("{{.Shown}} of {{.Total}} shops")), map[string]any{"Shown": len(rows), "Total": len(o.verdicts)}))
}

func (o *overviewScreen) onSort(col int, desc bool) { o.sortCol, o.sortDesc = col, desc }

// onActivate opens a shop's page (double-click or Enter).
func (o *overviewScreen) onActivate(row int) { o.shell.OpenShop(o.verdicts[row].Shop) }
