package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
)

func TestAnEditOnAShopSomeoneElseChangedOffersToReload(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	other, err := app.Open(d.Path()) // a colleague's window on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs, _ := other.Shop("Panda UK")
	theirs.Notes = "called the platform"
	if err := other.SaveShop(theirs); err != nil {
		t.Fatal(err)
	}

	s.shop.details.deposit.SetText("1234")
	test.Tap(s.shop.saveDetails)
	if s.shop.detailsErr.Hidden || !strings.Contains(s.shop.detailsErr.Text, "while you were editing") {
		t.Fatalf("a stale edit shows %q", s.shop.detailsErr.Text)
	}
	if s.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no offer to reload")
	}
	if sh, _ := d.Shop("Panda UK"); sh.Notes != "called the platform" {
		t.Fatalf("the colleague's change was overwritten: %+v", sh)
	}
}
