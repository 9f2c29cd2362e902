package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// TestTheDemosReadyShopIsReadyOnEvidence: the sample data ships returns
// exports, so Acme US is ready because both exports prove it.
func TestTheDemosReadyShopIsReadyOnEvidence(t *testing.T) {
	d := demoDesk(t)
	vs, err := d.Readiness(context.Background(), demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	byShop := map[string]Verdict{}
	for _, v := range vs {
		byShop[v.Shop] = v
		if c := checkOf(t, v, CheckReturnsClosed); c.Detail == MsgNoCases {
			t.Errorf("%s has no returns export in the demo", v.Shop)
		}
	}
	acme := byShop["Acme US"]
	if acme.Status != Ready || checkOf(t, acme, CheckReturnsClosed).Detail != "Every after-sales case is closed (9)" ||
		checkOf(t, acme, CheckOrdersSettled).Detail != "Every order is settled (180)" || acme.DataAsOf.String() != "2026-07-20" {
		t.Errorf("Acme US: %s, data as of %s, checks %+v", acme.Status, acme.DataAsOf, acme.Checks)
	}
	if c := checkOf(t, byShop["曼谷日出 Sunrise TH"], CheckReturnsClosed); !c.OK || c.Detail != MsgNoCasesInExport {
		t.Errorf("Sunrise TH's empty returns export: %+v", c)
	}
	if byShop["Lotus MY"].Status != Waiting || byShop["Panda UK"].Status != Blocked {
		t.Errorf("Lotus MY %s, Panda UK %s", byShop["Lotus MY"].Status, byShop["Panda UK"].Status)
	}
}

// TestTheAfterSalesCountIsOfTheOrdersItLists: the detail's count is of the
// delivered orders still in their window, the orders the shop page lists and
// copies, not of every delivered order.
func TestTheAfterSalesCountIsOfTheOrdersItLists(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Lotus MY", "MY") // tiktok-cb: a 7-day window
	e := sample.Orders(sample.Options{Seed: 51, Orders: 60, Site: "MY", Start: day(2026, 10, 1), End: day(2026, 11, 22),
		Mix: map[data.StatusClass]int{data.Delivered: 1}})
	mustImport(t, d, sh.Name, writeExport(t, "All order-2026-11-23-10_00.csv", e))
	asOf := data.MakeDate(2026, 11, 24)
	inWindow := 0
	for _, o := range e.Orders {
		if o.Delivered.Date().AddDays(7) > asOf {
			inWindow++
		}
	}
	if inWindow == 0 || inWindow == len(e.Orders) {
		t.Fatalf("the fixture needs orders on both sides of the window: %d of %d", inWindow, len(e.Orders))
	}
	vs, err := d.Readiness(context.Background(), asOf, sh.Name)
	if err != nil {
		t.Fatal(err)
	}
	c := checkOf(t, vs[0], CheckAfterSalesWindow)
	listed, err := d.BlockingOrders(context.Background(), sh.Name, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := "Delivered orders not yet completed: " + strconv.Itoa(inWindow) + ";"
	if !strings.HasPrefix(c.Detail, want) || len(listed) != inWindow {
		t.Errorf("detail %q, listed %d; want %d of %d delivered orders", c.Detail, len(listed), inWindow, len(e.Orders))
	}
}
