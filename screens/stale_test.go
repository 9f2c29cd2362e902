package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

func TestAnEditOnAShopSomeoneElseChangedOffersToReload(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	other, err := app.Open(d.Path()) // a colleague's window on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	theirs, _ := other.Shop(context.Background(), "Panda UK")
	theirs.Notes = "called the platform"
	if err := other.SaveShop(context.Background(), theirs); err != nil {
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
	if sh, _ := d.Shop(context.Background(), "Panda UK"); sh.Notes != "called the platform" {
		t.Fatalf("the colleague's change was overwritten: %+v", sh)
	}
}

func TestAStatusChangeOnAnApplicationSomeoneElseChangedOffersToReload(t *testing.T) {
	s, d := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	test.Tap(a.statusBtns[data.AppSubmitted]) // the dialog is open on the draft
	other, err := app.Open(d.Path())          // a colleague's window on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = d.Now
	if err := other.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, data.MakeDate(2026, 11, 23), "their ticket"); err != nil {
		t.Fatal(err)
	}

	a.status.dlg.Submit()
	if a.lastErr == nil || !strings.Contains(trAppError(a.lastErr), "while you were looking at it") {
		t.Fatalf("a stale status change: %v", a.lastErr)
	}
	reload := overlayButton(s, "Reload")
	if reload == nil || !showsText(s, "Changed by someone else") {
		t.Fatal("no offer to reload")
	}
	if a.apps[0].Status != data.AppDraft {
		t.Fatalf("the list changed before the person chose to reload: %+v", a.apps[0])
	}
	test.Tap(reload)
	if v := a.apps[0]; v.Status != data.AppSubmitted || v.Note != "their ticket" {
		t.Fatalf("after reloading: %+v", v)
	}
}

// overlayButton is the button labelled label in the window's top dialog, or nil.
func overlayButton(s *Shell, label string) *widget.Button {
	var found *widget.Button
	walkShown(s.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == label {
			found = b
		}
	})
	return found
}
