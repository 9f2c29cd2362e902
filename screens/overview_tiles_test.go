package screens

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

func TestATileTapShowsOnlyItsShopsAndASecondTapAll(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	o := s.overview
	all := len(o.table.Rows())
	test.Tap(o.tiles[app.Blocked])
	if o.status != app.Blocked || len(o.table.Rows()) == 0 || len(o.table.Rows()) == all {
		t.Fatalf("after tapping Blocked: status %q, %d of %d rows", o.status, len(o.table.Rows()), all)
	}
	for _, r := range o.table.Rows() {
		if o.verdicts[r].Status != app.Blocked {
			t.Errorf("%s (%s) shows under Blocked", o.verdicts[r].Shop, o.verdicts[r].Status)
		}
	}
	if o.statusSel.Selected != statusLabel(app.Blocked) {
		t.Errorf("the status filter shows %q", o.statusSel.Selected)
	}
	test.Tap(o.tiles[app.Blocked])
	if o.status != "" || len(o.table.Rows()) != all {
		t.Errorf("a second tap leaves status %q and %d rows", o.status, len(o.table.Rows()))
	}
}

func TestTheOverviewShowsEachShopsApplication(t *testing.T) {
	d := demoDesk(t)
	if _, err := d.Export(t.Context(), t.TempDir(), data.DateOf(demoDay), "en", "Acme US"); err != nil {
		t.Fatal(err)
	}
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, data.DateOf(demoDay).AddDays(-30), ""); err != nil {
		t.Fatal(err)
	}
	s := newDeskShell(t, d)
	o := s.overview
	for _, r := range o.table.Rows() {
		c := o.cell(r, colApplication)
		switch o.verdicts[r].Shop {
		case "Acme US":
			if c.text != "Submitted, overdue" || !c.warn {
				t.Errorf("Acme US shows application %q (warn %v)", c.text, c.warn)
			}
		default:
			if c.text != "" {
				t.Errorf("%s shows application %q", o.verdicts[r].Shop, c.text)
			}
		}
	}
}

func TestDownFromTheFilterMovesIntoTheTable(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	o := s.overview
	s.win.Canvas().Focus(o.search)
	test.Type(o.search, "a")
	o.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.win.Canvas().Focused() != o.table || o.table.Selected() != o.table.Rows()[0] {
		t.Errorf("Down left the focus on %v, selection %d", s.win.Canvas().Focused(), o.table.Selected())
	}
	o.table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.Current() != PageShop || s.shop.name != o.verdicts[o.table.Rows()[0]].Shop {
		t.Errorf("Enter opened %q on %q", s.shop.name, s.Current())
	}
}

func TestAShopOpensOnItsChecklist(t *testing.T) {
	s, _ := openShopPage(t, "Panda UK")
	s.shop.tabs.SelectIndex(5)
	s.Show(PageOverview)
	s.OpenShop("Acme US")
	if s.shop.tabs.SelectedIndex() != 0 {
		t.Errorf("the shop opens on tab %d, not the checklist", s.shop.tabs.SelectedIndex())
	}
}

func TestTheOverviewSaysItIsLoadingBeforeTheVerdictsArrive(t *testing.T) {
	d := demoDesk(t)
	s := newTestShell(t, &fakeDesk{})
	var pending func()
	s.background = func(work func()) { pending = work }
	s.desk = d
	s.Rebuild()
	o := s.overview
	if o.counts[app.Ready].Text != "…" || o.chart.loading != true || o.asOfLabel.Text != "Computing the verdicts…" {
		t.Errorf("before the verdicts: count %q, chart loading %v, %q", o.counts[app.Ready].Text, o.chart.loading, o.asOfLabel.Text)
	}
	pending()
	if o.counts[app.Ready].Text == "…" || o.chart.loading {
		t.Error("the verdicts arrived and the overview still says it is loading")
	}
}

func TestTheOverviewStopsSayingItComputesWhenTheVerdictsFail(t *testing.T) {
	s := newTestShell(t, &fakeDesk{})
	s.background = func(func()) {} // the verdicts never arrive
	s.desk = demoDesk(t)
	s.Rebuild()
	o := s.overview
	o.verdictErr = errors.New("no such table: status_mappings")
	o.showVerdicts()
	if o.asOfLabel.Text == "Computing the verdicts…" || !o.errText.Visible() || !strings.Contains(o.errText.Text, "no such table") {
		t.Errorf("after a failure: %q, error shown %v (%q)", o.asOfLabel.Text, o.errText.Visible(), o.errText.Text)
	}
}
