package screens

import (
	"context"
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

// checkDetail is what the shop page's verdict says of a check.
func checkDetail(t *testing.T, s *Shell, id string) string {
	t.Helper()
	for _, c := range s.shop.verdict.Checks {
		if c.ID == id {
			return c.Detail
		}
	}
	t.Fatalf("the shop page's verdict has no check %s", id)
	return ""
}

// overviewCount is the number the overview's tile shows for a status.
func overviewCount(t *testing.T, s *Shell, status string) int {
	t.Helper()
	n, err := strconv.Atoi(s.overview.counts[status].Text)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTheShopPageShowsTheNewVerdictAfterAnImportWithoutRefresh(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	returns := func() data.ImportBatch {
		for _, b := range s.shop.batches {
			if b.Kind == data.KindReturns && !b.Undone {
				return b
			}
		}
		return data.ImportBatch{}
	}
	b := returns()
	if b.ID == 0 {
		t.Fatal("Panda UK has no returns batch")
	}
	detailBefore := checkDetail(t, s, app.CheckReturnsClosed)

	// Undone elsewhere (the command line, another page): the page follows.
	if _, err := d.Undo(context.Background(), b.ID); err != nil {
		t.Fatal(err)
	}
	if returns().ID != 0 || checkDetail(t, s, app.CheckReturnsClosed) == detailBefore {
		t.Fatal("after an undo the shop page still shows the returns export")
	}
	blockedBefore := overviewCount(t, s, app.Blocked)

	// Imported again on the import page: the shop page and the overview follow.
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{sampleExport("Return order-2026-11-21-08_10.csv")})
	im.shopSelect.SetSelected("Panda UK")
	test.Tap(im.preview)
	test.Tap(im.commit)
	if f := im.current(); f.state != fileImported {
		t.Fatalf("the import ended in state %d: %v", f.state, f.err)
	}
	if returns().ID == 0 {
		t.Error("the shop page's history misses the new batch")
	}
	want, err := d.Readiness(context.Background(), d.Today(), "Panda UK")
	if err != nil {
		t.Fatal(err)
	}
	if s.shop.verdict.Status != want[0].Status || checkDetail(t, s, app.CheckReturnsClosed) != detailBefore {
		t.Errorf("the shop page shows %s, the desk says %s", s.shop.verdict.Status, want[0].Status)
	}
	all, _ := d.Readiness(context.Background(), d.Today())
	blocked := 0
	for _, v := range all {
		if v.Status == app.Blocked {
			blocked++
		}
	}
	if got := overviewCount(t, s, app.Blocked); got != blocked {
		t.Errorf("the overview counts %d blocked shops (had %d), the desk %d", got, blockedBefore, blocked)
	}
}

func TestAnEditOnTheShopPageReachesTheOverviewAndApplications(t *testing.T) {
	s, d := openShopPage(t, "Acme US")
	s.Show(PageApplications)
	s.OpenShop("Acme US")
	readyBefore := overviewCount(t, s, app.Ready) + overviewCount(t, s, app.Waiting)
	if _, err := d.AddViolation(context.Background(), "Acme US", data.Violation{Date: data.DateOf(demoDay), Kind: "Counterfeit claim"}); err != nil {
		t.Fatal(err)
	}
	if s.shop.verdict.Status != app.Blocked {
		t.Errorf("the shop page shows %s after an open violation", s.shop.verdict.Status)
	}
	if got := overviewCount(t, s, app.Ready) + overviewCount(t, s, app.Waiting); got != readyBefore-1 && s.shop.verdict.Status == app.Blocked {
		t.Errorf("the overview counts %d ready or waiting shops, had %d", got, readyBefore)
	}
	for _, v := range s.applications.verdicts {
		if v.Shop == "Acme US" && v.Status != app.Blocked {
			t.Errorf("the applications page still has Acme US %s", v.Status)
		}
	}
}

func TestARenameElsewhereKeepsTheShopPageOnTheShop(t *testing.T) {
	s, d := openShopPage(t, "Lotus MY")
	sh, _ := d.Shop(context.Background(), "Lotus MY")
	sh.Name = "Lotus Malaysia"
	if err := d.SaveShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	if s.shop.name != "Lotus Malaysia" || s.shop.loadErr != nil || s.shop.shop.Name != "Lotus Malaysia" {
		t.Errorf("after a rename the page shows %q (%v)", s.shop.name, s.shop.loadErr)
	}
}

func TestTheOverviewComputedBeforeTheWindowIsShownFirst(t *testing.T) {
	d := demoDesk(t)
	first := computeOverview(d)
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, string(LanguageEnglish))
	s := newShellFirst(a, d, func(work func()) { work() }, first)
	if s.overview.first != nil || len(s.overview.table.Rows()) != 4 {
		t.Fatalf("the first overview was not taken: %d rows", len(s.overview.table.Rows()))
	}
	// One computed before a change is not used after it.
	stale := computeOverview(d)
	s.overview.first = stale
	if _, err := d.AddShop(context.Background(), data.Shop{Name: "Tiger SG", Site: "SG", Deposit: 100, Currency: "SGD"}); err != nil {
		t.Fatal(err)
	}
	if len(s.overview.table.Rows()) != 5 {
		t.Errorf("after a shop was added the overview shows %d shops", len(s.overview.table.Rows()))
	}
}
