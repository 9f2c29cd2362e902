package screens

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

// demoDay is the day the screen tests look from (the sample exports end in
// November 2026).
var demoDay = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// demoDesk is a real desk holding the sample shops, its clock on demoDay.
func demoDesk(t *testing.T) *app.Desk {
	t.Helper()
	d := openDesk(t)
	d.Now = func() time.Time { return demoDay }
	if _, err := d.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// shownShops are the shop names in the overview table, top to bottom.
func shownShops(o *overviewScreen) []string {
	var out []string
	for _, r := range o.table.Rows() {
		out = append(out, o.verdicts[r].Shop)
	}
	return out
}

func TestOverviewShowsEveryShopWithItsVerdict(t *testing.T) {
	d := demoDesk(t)
	s := newDeskShell(t, d)
	o := s.overview
	if o.table == nil {
		t.Fatal("the overview of a desk with shops has no table")
	}
	vs, err := d.Readiness(context.Background(), d.Today())
	if err != nil {
		t.Fatal(err)
	}
	if len(o.table.Rows()) != len(vs) || len(vs) != 4 {
		t.Fatalf("table shows %d rows, desk has %d verdicts", len(o.table.Rows()), len(vs))
	}
	counts := map[string]int{}
	for _, v := range vs {
		counts[v.Status]++
	}
	for st, txt := range o.counts {
		if want := counts[st]; txt.Text != strconv.Itoa(want) {
			t.Errorf("%s count shows %q, want %d", st, txt.Text, want)
		}
	}
	if o.refundNow.Text == "" || o.countLabel.Text != "4 of 4 shops" {
		t.Errorf("totals %q, count %q", o.refundNow.Text, o.countLabel.Text)
	}
	if o.asOfLabel.Text != "Verdicts as of 2026-11-24" {
		t.Errorf("as-of label %q", o.asOfLabel.Text)
	}
}

// newDeskShell is newTestShell over d, with the first verdict refresh run in
// place too (NewShell starts it before a test can swap the background).
func newDeskShell(t *testing.T, d Desk) *Shell {
	t.Helper()
	s := newTestShell(t, &fakeDesk{})
	s.desk = d
	s.Rebuild()
	return s
}

func TestAFilterNarrowsTheTable(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	o := s.overview
	test.Type(o.search, "panda")
	if got := shownShops(o); len(got) != 1 || got[0] != "Panda UK" {
		t.Errorf("filtering by text shows %v", got)
	}
	o.search.SetText("")
	o.siteSel.SetSelected("TH")
	if got := shownShops(o); len(got) != 1 || got[0] != "曼谷日出 Sunrise TH" {
		t.Errorf("filtering by site shows %v", got)
	}
	o.siteSel.SetSelectedIndex(0)
	o.clientSel.SetSelected("Lotus Beauty")
	if got := shownShops(o); len(got) != 1 || got[0] != "Lotus MY" {
		t.Errorf("filtering by client shows %v", got)
	}
	o.clientSel.SetSelectedIndex(0)
	o.statusSel.SetSelected("Blocked")
	for _, r := range o.table.Rows() {
		if o.verdicts[r].Status != app.Blocked {
			t.Errorf("the blocked filter shows %s (%s)", o.verdicts[r].Shop, o.verdicts[r].Status)
		}
	}
	if len(o.table.Rows()) == 0 || len(o.table.Rows()) == 4 {
		t.Errorf("the blocked filter shows %d of 4 shops", len(o.table.Rows()))
	}
}

func TestTheFilterSurvivesALanguageSwitch(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	test.Type(s.overview.search, "lotus")
	s.SetLanguage(LanguageChinese)
	o := s.overview
	if o.search.Text != "lotus" || len(o.table.Rows()) != 1 {
		t.Errorf("after the switch the filter is %q with %d rows", o.search.Text, len(o.table.Rows()))
	}
	if !strings.Contains(o.countLabel.Text, "个店铺") {
		t.Errorf("count label in Chinese: %q", o.countLabel.Text)
	}
}

func TestHeaderClicksSortByEveryColumn(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	tb := s.overview.table
	tb.onHeaderTapped(colShop)
	want := []string{"Acme US", "Lotus MY", "Panda UK", "曼谷日出 Sunrise TH"}
	if got := shownShops(s.overview); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sorted by name: %v", got)
	}
	tb.onHeaderTapped(colShop)
	if got := shownShops(s.overview); got[0] != "曼谷日出 Sunrise TH" {
		t.Errorf("second click does not reverse: %v", got)
	}
	for col := range tb.columns {
		if tb.columns[col].less == nil {
			t.Errorf("column %q does not sort", tb.columns[col].title)
		}
		tb.onHeaderTapped(col)
		if len(tb.Rows()) != 4 {
			t.Errorf("sorting by %q lost rows", tb.columns[col].title)
		}
	}
	tb.onHeaderTapped(colRefundable)
	rows := tb.Rows()
	for i := 1; i < len(rows); i++ {
		a, b := s.overview.verdicts[rows[i-1]], s.overview.verdicts[rows[i]]
		if a.Currency == b.Currency && a.Refundable > b.Refundable {
			t.Errorf("refundable order: %s %v before %s %v", a.Shop, a.Refundable, b.Shop, b.Refundable)
		}
	}
}

func TestEnterOpensTheSelectedShop(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	tb := s.overview.table
	tb.SelectRow(0)
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	name := s.overview.verdicts[tb.Selected()].Shop
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.Current() != PageShop || s.shop.name != name {
		t.Errorf("Enter shows %q with shop %q, want the shop page of %q", s.Current(), s.shop.name, name)
	}
}

func TestDoubleClickOpensTheShop(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	tb := s.overview.table
	cell := newCellView(tb)
	cell.row = 2
	test.DoubleTap(cell)
	want := s.overview.verdicts[tb.Rows()[2]].Shop
	if s.Current() != PageShop || s.shop.name != want {
		t.Errorf("double-click shows %q with shop %q, want %q", s.Current(), s.shop.name, want)
	}
}

func TestStatusChangesSinceLastTimeAreMarkedAndNotifiedOnce(t *testing.T) {
	d := demoDesk(t)
	ctx := context.Background()
	before, err := d.Overview(ctx, data.DateOf(demoDay))
	if err != nil {
		t.Fatal(err)
	}
	// Last time, every shop was blocked but the first, which was ready.
	want := map[int64]app.ShopChange{}
	for i := range before.Verdicts {
		v := &before.Verdicts[i]
		was := app.Blocked
		if i == 0 {
			was = app.Ready
		}
		if v.Status != was {
			want[v.ShopID] = app.ShopChange{Was: was}
		}
		v.Status = was
	}
	if len(want) == 0 {
		t.Fatal("the sample has no shop whose status would change")
	}
	if err := d.Looked(context.Background(), before); err != nil {
		t.Fatal(err)
	}
	now, err := d.Readiness(context.Background(), data.DateOf(demoDay))
	if err != nil {
		t.Fatal(err)
	}

	s := newTestShell(t, &fakeDesk{})
	s.desk = d
	test.AssertNotificationSent(t, changesNotification(want, now), s.Rebuild)
	o := s.overview
	if len(o.changed) != len(want) {
		t.Fatalf("marked %d changed shops, want %d", len(o.changed), len(want))
	}
	if o.banner.Hidden {
		t.Error("no banner says what changed")
	}
	o.onShowChanged()
	if len(o.table.Rows()) != len(want) {
		t.Errorf("'show only these' shows %d rows, want %d", len(o.table.Rows()), len(want))
	}
	// The look is recorded in the database: the next start has no news.
	next, err := d.Overview(ctx, data.DateOf(demoDay))
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Changed) != 0 {
		t.Errorf("after the window looked, changes %v", next.Changed)
	}
	// A refresh in the same run keeps the marks and sends nothing new.
	test.AssertNotificationSent(t, nil, func() { o.refresh() })
	if len(o.changed) != len(want) {
		t.Errorf("after a refresh %d shops are marked", len(o.changed))
	}
}

func TestTheFirstStartMarksNothing(t *testing.T) {
	d := demoDesk(t)
	s := newDeskShell(t, d)
	if len(s.overview.changed) != 0 || !s.overview.banner.Hidden {
		t.Errorf("a first start marks %d shops", len(s.overview.changed))
	}
	looks, err := d.Store().LastLooks(context.Background())
	if err != nil || len(looks) != 4 {
		t.Errorf("the statuses shown are not recorded for next time: %v %v", looks, err)
	}
}

func TestChangesNotificationCountsByNewStatus(t *testing.T) {
	vs := []app.Verdict{{ShopID: 1, Status: app.Ready}, {ShopID: 2, Status: app.Ready}, {ShopID: 3, Status: app.Blocked}, {ShopID: 4, Status: app.Waiting}}
	changed := map[int64]app.ShopChange{1: {Was: app.Waiting}, 2: {Was: app.Waiting}, 3: {Was: app.Ready}, 4: {Overdue: true}}
	n := changesNotification(changed, vs)
	if n == nil || n.Content != "Shops whose status changed since you last looked: 4 (Ready: 2, Blocked: 1, applications overdue: 1)" {
		t.Errorf("notification %+v", n)
	}
	if changesNotification(nil, vs) != nil {
		t.Error("a notification without changes")
	}
}

func TestAddAShopFromTheOverview(t *testing.T) {
	d := demoDesk(t)
	s := newDeskShell(t, d)
	o := s.overview
	test.Tap(o.addShop)
	f := o.addForm
	if f == nil {
		t.Fatal("no form")
	}
	f.name.SetText("Tiger SG")
	f.deposit.SetText("1,200")
	f.site.SetText("SG")
	f.currency.SetText("SGD")
	f.opened.SetText("2026-13-01")
	if err := f.opened.Validate(); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("a bad date is accepted: %v", err)
	}
	f.opened.SetText("2025-02-01")
	sh, err := f.shop(data.Shop{})
	if err != nil {
		t.Fatal(err)
	}
	if sh.Deposit != 120000 || sh.Opened != data.MakeDate(2025, 2, 1) || sh.RuleSet != "tiktok-cb" {
		t.Errorf("form reads %+v", sh)
	}
	if _, err := d.AddShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	o.refresh()
	if len(o.table.Rows()) != 5 {
		t.Errorf("after adding, the table shows %d rows", len(o.table.Rows()))
	}
}

func TestOverviewInChinese(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	s.SetLanguage(LanguageChinese)
	o := s.overview
	if !strings.Contains(o.asOfLabel.Text, "结论日期") {
		t.Errorf("as-of label %q", o.asOfLabel.Text)
	}
	chip := newStatusChip(app.Ready)
	if chip.text.Text != "可申请" {
		t.Errorf("ready chip says %q", chip.text.Text)
	}
}

func TestOverviewRendersMarkup(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	s.win.Resize(fyne.NewSize(1280, 800))
	test.AssertObjectRendersToMarkup(t, "overview.xml", shown(s))
}
