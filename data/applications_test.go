package data

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

func saveApp(t *testing.T, s *Store, a Application) int64 {
	t.Helper()
	var id int64
	err := s.Tx(context.Background(), func(tx *sql.Tx) error {
		var err error
		id, err = SaveApplicationTx(tx, a, testNow)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAShopHasOneApplicationThatASecondSaveReplaces(t *testing.T) {
	s := MustOpenDB(t)
	acme, panda := mustShop(t, s, "Acme US"), mustShop(t, s, "Panda UK")
	if _, err := s.Application(context.Background(), acme.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a shop without an application: %v", err)
	}
	first := Application{ShopID: acme.ID, Status: AppDraft, Amount: 145000, Currency: "USD",
		Account: RefundAccount{Holder: "Acme Ltd", Bank: "HSBC", Number: "808123456001", Swift: "HSBCHKHH"},
		Reason:  "The shop Acme US has closed", Verdict: "ready||1450.00|USD", File: "/out/Acme US.xlsx",
		CreatedAt: MakeDate(2026, 11, 24)}
	id := saveApp(t, s, first)
	saveApp(t, s, Application{ShopID: panda.ID, Status: AppDraft, Amount: 100, Currency: "GBP", CreatedAt: MakeDate(2026, 11, 20)})

	second := first
	second.Status, second.SubmittedAt, second.Note = AppSubmitted, MakeDate(2026, 11, 25), "ticket 42"
	if again := saveApp(t, s, second); again != id {
		t.Fatalf("the second save made application %d, not %d", again, id)
	}
	got, err := s.Application(context.Background(), acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != id || got.Shop != "Acme US" || got.Status != AppSubmitted || got.Amount != 145000 ||
		got.Account != first.Account || got.Reason != first.Reason || got.Verdict != first.Verdict ||
		got.File != first.File || got.Note != "ticket 42" || got.CreatedAt != first.CreatedAt ||
		got.SubmittedAt != MakeDate(2026, 11, 25) || got.DecidedAt != NoDate || got.UpdatedAt.IsZero() {
		t.Fatalf("read back %+v", got)
	}

	all, err := s.Applications(context.Background())
	if err != nil || len(all) != 2 || all[0].Shop != "Acme US" || all[1].Shop != "Panda UK" {
		t.Fatalf("list = %+v, %v", all, err)
	}
}

func TestAnApplicationGoesWithItsShop(t *testing.T) {
	s := MustOpenDB(t)
	acme := mustShop(t, s, "Acme US")
	saveApp(t, s, Application{ShopID: acme.ID, Status: AppDraft, Currency: "USD"})
	if _, err := s.db.Exec("DELETE FROM shops WHERE id = ?", acme.ID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Applications(context.Background()); len(all) != 0 {
		t.Fatalf("applications of a deleted shop: %+v", all)
	}
}

func TestOrderSummaryCountsEachClassWithItsLatestClosure(t *testing.T) {
	s := MustOpenDB(t)
	shop := mustShop(t, s, "Acme US")
	importOrders(t, s, shop, "a", stamp(t, "2026-10-20 08:00:00"),
		Order{ID: "1", Class: Cancelled, Cancelled: stamp(t, "2026-09-02 10:00:00")},
		Order{ID: "2", Class: Cancelled, Cancelled: stamp(t, "2026-09-05 10:00:00")},
		Order{ID: "3", Class: Completed, Delivered: stamp(t, "2026-09-01 10:00:00")}, // 30-day window: 2026-10-01
		Order{ID: "4", Class: Delivered, Delivered: stamp(t, "2026-10-15 23:59:59")}, // expected 2026-11-14
		Order{ID: "5", Class: ToShip},
	)
	got, err := s.OrderSummary(context.Background(), shop.ID, 30)
	if err != nil {
		t.Fatal(err)
	}
	want := []ClassSummary{
		{ToShip, 1, NoDate},
		{Delivered, 1, MakeDate(2026, 11, 14)},
		{Completed, 1, MakeDate(2026, 10, 1)},
		{Cancelled, 2, MakeDate(2026, 9, 5)},
	}
	if len(got) != len(want) {
		t.Fatalf("summary = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if none, err := s.OrderSummary(context.Background(), mustShop(t, s, "Empty").ID, 30); err != nil || len(none) != 0 {
		t.Fatalf("a shop without orders: %+v, %v", none, err)
	}
}

func TestTheLastVerdictOfEachShopIsKept(t *testing.T) {
	s := MustOpenDB(t)
	acme := mustShop(t, s, "Acme US")
	read := func() map[int64]string {
		var m map[int64]string
		if err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			var err error
			m, err = VerdictStatusesTx(tx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := read(); len(m) != 0 {
		t.Fatalf("a new store remembers %v", m)
	}
	for _, st := range []string{"waiting", "ready"} {
		if err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			return SaveVerdictStatusTx(tx, acme.ID, st, MakeDate(2026, 11, 24), testNow)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if m := read(); len(m) != 1 || m[acme.ID] != "ready" {
		t.Fatalf("remembered %v", m)
	}
}
