package screens

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

func TestABadDateIsMarkedAndSavedIsCleared(t *testing.T) {
	s, _ := openShopPage(t, "Panda UK")
	s.shop.tabs.SelectIndex(3) // Closure steps
	good := s.shop.steps[data.StepCreatorsUnbound]
	good.SetText("2026-11-20")
	test.Tap(s.shop.saveSteps)
	if s.shop.status.Text != "Saved" {
		t.Fatalf("after a good save the status says %q", s.shop.status.Text)
	}
	bad := s.shop.steps[data.StepDuesSettled]
	bad.SetText("2026-13-01")
	test.Tap(s.shop.saveSteps)
	if s.shop.status.Text != "" {
		t.Errorf("after a refused save the status still says %q", s.shop.status.Text)
	}
	if bad.Validate() == nil || s.win.Canvas().Focused() != bad {
		t.Error("the bad date is not marked and focused")
	}
}

func TestTheDepositCannotBeLeftEmpty(t *testing.T) {
	f := newShopForm(data.Shop{}, nil, nil)
	f.name.SetText("Tiger SG")
	f.site.SetText("SG")
	f.currency.SetText("SGD")
	if _, err := f.shop(data.Shop{}); err == nil {
		t.Fatal("a shop without a deposit was accepted")
	}
	f.deposit.SetText("0")
	if sh, err := f.shop(data.Shop{}); err != nil || sh.Deposit != 0 {
		t.Errorf("a deposit of 0: %v %v", sh.Deposit, err)
	}
}

func TestADateIsPickedOnTheCalendar(t *testing.T) {
	test.NewTempApp(t)
	e := newDateEntry(data.MakeDate(2026, 11, 24))
	w := test.NewWindow(e)
	defer w.Close()
	pop := showCalendar(e)
	if pop == nil || !pop.Visible() {
		t.Fatal("no calendar opens")
	}
	cal := pop.Content.(*widget.Calendar)
	// The calendar opens on the entry's month; tap its 3rd day.
	for _, o := range test.LaidOutObjects(cal) {
		if b, ok := o.(*widget.Button); ok && b.Text == "3" {
			test.Tap(b)
			break
		}
	}
	if e.Text != "2026-11-03" || pop.Visible() {
		t.Errorf("the calendar wrote %q (still open: %v)", e.Text, pop.Visible())
	}
}

func TestTheClientFieldListsTheClientsMatchingWhatIsTyped(t *testing.T) {
	f := newShopForm(data.Shop{}, nil, []string{"Acme Trading", "Lotus Beauty", "日出贸易", "Acme Home"})
	test.Type(f.clientEntry, "acme")
	if got := f.clientOptions; len(got) != 2 || got[0] != "Acme Trading" || got[1] != "Acme Home" {
		t.Errorf("typing acme offers %v", got)
	}
	f.clientEntry.SetText("日出")
	if got := f.clientOptions; len(got) != 1 || got[0] != "日出贸易" {
		t.Errorf("typing 日出 offers %v", got)
	}
}
