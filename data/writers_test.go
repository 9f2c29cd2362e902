package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"depositdesk/data/datatest"
)

// twoDesks opens the same fresh database twice, as two people's windows do.
func twoDesks(t *testing.T) (*Store, *Store) {
	t.Helper()
	where := datatest.DB(t, "共享", "desk.db")
	return mustOpen(t, where), mustOpen(t, where)
}

func TestTwoPeopleImportingIntoOneShopAtOnceLoseNothing(t *testing.T) {
	a, b := twoDesks(t)
	sh := mustShop(t, a, "Acme US")
	exported := stamp(t, "2026-11-20 09:00:00")
	orders := func(from, to int) []Order {
		var out []Order
		for i := from; i < to; i++ {
			out = append(out, Order{ID: fmt.Sprintf("5764%014d", i), Class: Completed, Lines: 1})
		}
		return out
	}
	files := []struct {
		store  *Store
		orders []Order
	}{{a, orders(0, 600)}, {b, orders(400, 1000)}}
	var wg sync.WaitGroup
	batches := make([]ImportBatch, len(files))
	errs := make([]error, len(files))
	start := make(chan struct{})
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			in := &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: fmt.Sprint(i), SHA256: fmt.Sprint(i), Kind: KindOrders,
				ExportedAt: exported, Records: len(f.orders)}, Orders: f.orders}
			batches[i], errs[i] = f.store.CommitImport(context.Background(), in, testNow, nil)
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	stored, err := a.Orders(context.Background(), sh.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	created := batches[0].Created + batches[1].Created
	same := batches[0].Unchanged + batches[1].Unchanged
	if len(stored) != 1000 || created != 1000 || same != 200 {
		t.Fatalf("%d orders stored; the two imports say %d created and %d unchanged (want 1000, 1000, 200): %+v", len(stored), created, same, batches)
	}
	// Each undo restores exactly its own part, whichever came second.
	first, second := batches[0], batches[1]
	if first.ID > second.ID {
		first, second = second, first
	}
	if _, err := b.UndoBatch(context.Background(), second.ID, testNow, nil); err != nil {
		t.Fatal(err)
	}
	if left, _ := a.Orders(context.Background(), sh.ID, 0); len(left) != first.Created {
		t.Fatalf("after undoing the later import %d orders are left, want %d", len(left), first.Created)
	}
}

func TestAnEditOnDataSomeoneElseChangedIsRefusedWithWhoAndWhen(t *testing.T) {
	a, b := twoDesks(t)
	ctx := context.Background()
	sh := mustShop(t, a, "Acme US")
	mine, _ := a.ShopByID(context.Background(), sh.ID)
	theirs, _ := b.ShopByID(context.Background(), sh.ID)
	theirs.Notes = "called the platform"
	if err := b.Tx(ctx, func(tx *sql.Tx) error {
		if err := UpdateShopTx(tx, theirs, testNow); err != nil {
			return err
		}
		return AuditTx(tx, AuditEntry{At: testNow, User: "bob", ShopID: sh.ID, Shop: sh.Name, Action: "shop.edit"})
	}); err != nil {
		t.Fatal(err)
	}
	mine.Deposit = 1
	err := a.Tx(ctx, func(tx *sql.Tx) error { return UpdateShopTx(tx, mine, testNow) })
	var stale Stale
	if !errors.As(err, &stale) {
		t.Fatalf("a stale edit gave %v", err)
	}
	who := "bob"
	if datatest.Server() != "" {
		who = datatest.LoginOf(datatest.Server()) // PostgreSQL writes the login, whatever the program says
	}
	if text := err.Error(); !strings.Contains(text, who) || !strings.Contains(text, "Acme US") {
		t.Fatalf("the refusal does not say who changed it: %s", text)
	}
	if now, _ := a.ShopByID(context.Background(), sh.ID); now.Deposit != sh.Deposit || now.Notes != "called the platform" {
		t.Fatalf("the stale edit was written: %+v", now)
	}
	// Reloaded, the same edit goes through.
	mine, _ = a.ShopByID(context.Background(), sh.ID)
	mine.Deposit = 1
	if err := a.Tx(ctx, func(tx *sql.Tx) error { return UpdateShopTx(tx, mine, testNow) }); err != nil {
		t.Fatal(err)
	}

	v := Violation{ShopID: sh.ID, Date: MakeDate(2026, 10, 1), Kind: "late"}
	if err := a.Tx(ctx, func(tx *sql.Tx) (err error) { v.ID, err = SaveViolationTx(tx, v); return err }); err != nil {
		t.Fatal(err)
	}
	v.Version = 1
	theirV := v
	theirV.Resolved = MakeDate(2026, 10, 5)
	if err := b.Tx(ctx, func(tx *sql.Tx) error { _, err := SaveViolationTx(tx, theirV); return err }); err != nil {
		t.Fatal(err)
	}
	v.Penalty = 500
	err = a.Tx(ctx, func(tx *sql.Tx) error { _, err := SaveViolationTx(tx, v); return err })
	if !errors.As(err, &stale) {
		t.Fatalf("a stale violation edit gave %v", err)
	}
}

func TestAnotherPersonsChangeReachesAnOpenWindowWithinTwoSeconds(t *testing.T) {
	a, b := twoDesks(t)
	events := make(chan RemoteEvent, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a.Listen(ctx, func(e RemoteEvent) { events <- e })
	if datatest.Server() == "" {
		// One person's file: nobody else writes, nothing to listen to.
		mustShop(t, b, "Acme US")
		select {
		case e := <-events:
			t.Fatalf("SQLite reported %+v", e)
		case <-time.After(100 * time.Millisecond):
		}
		return
	}
	mustShop(t, a, "Own change")
	mustShop(t, b, "Acme US")
	select {
	case e := <-events:
		if !e.Changed {
			t.Fatalf("event %+v", e)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("another person's change did not arrive within 2 s")
	}
	select {
	case e := <-events:
		t.Fatalf("one change, two events (its own change was reported too?): %+v", e)
	case <-time.After(300 * time.Millisecond):
	}

	// The server drops every connection of this window (a restart does the
	// same): it says the connection is lost, comes back, and works on.
	if _, err := datatest.Admin(t).Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
		"depositdesk "+a.Instance()); err != nil {
		t.Fatal(err)
	}
	var lost, restored bool
	deadline := time.After(5 * time.Second)
	for !restored {
		select {
		case e := <-events:
			lost = lost || e.Lost != nil
			restored = e.Restored
		case <-deadline:
			t.Fatalf("no recovery after the connection was dropped (lost seen: %v)", lost)
		}
	}
	if !lost {
		t.Fatal("the loss was not reported before the recovery")
	}
	time.Sleep(300 * time.Millisecond)
	if shops, err := a.Shops(context.Background()); err != nil || len(shops) != 2 {
		t.Fatalf("after the connection came back: %d shops, %v", len(shops), err)
	}
}

func TestAFileListingAnOrderTwiceKeepsItsLastState(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	b := importOrders(t, s, sh, "twice", stamp(t, "2026-11-20 09:00:00"),
		Order{ID: "576400000000000001", Class: InTransit}, Order{ID: "576400000000000002", Class: Completed},
		Order{ID: "576400000000000001", Class: Delivered})
	o, err := s.Order(context.Background(), sh.ID, "576400000000000001")
	if err != nil || o.Class != Delivered || b.Created != 3 {
		t.Fatalf("%+v %v, batch %+v", o, err, b)
	}
}

func TestAnUpdateBeginsAtOneTimeAndSaysWhatFailed(t *testing.T) {
	s := MustOpenDB(t)
	ticks := 0
	s.SetClock(func() time.Time { ticks++; return testNow.Add(time.Duration(ticks) * time.Hour) })
	err := s.Update(context.Background(), "record two entries", func(tx *Tx) error {
		for _, action := range []string{"one", "two"} {
			if err := AuditTx(tx, AuditEntry{At: tx.Now, User: "amy", Action: action}); err != nil {
				return err
			}
		}
		return errors.New("disk full")
	})
	if err == nil || err.Error() != "record two entries: disk full" {
		t.Fatalf("a failed update says %v", err)
	}
	if log, _ := s.Audit(context.Background(), 0, 0); len(log) != 0 {
		t.Fatalf("a failed update wrote %+v", log)
	}
	said := Msg("A shop needs a name.", nil)
	if err := s.Update(context.Background(), "add a shop", func(*Tx) error { return said }); err != said {
		t.Fatalf("a sentence for a person came back as %v", err)
	}
	if err := s.Update(context.Background(), "record two entries", func(tx *Tx) error {
		for _, action := range []string{"one", "two"} {
			if err := AuditTx(tx, AuditEntry{At: tx.Now, User: "amy", Action: action}); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	log, _ := s.Audit(context.Background(), 0, 0)
	if len(log) != 2 || !log[0].At.Equal(log[1].At) || ticks != 3 {
		t.Fatalf("one transaction, one time: %+v (clock read %d times)", log, ticks)
	}
}
