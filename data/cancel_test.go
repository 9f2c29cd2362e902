package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
)

// TestACancelledContextStopsReadinessPartWayThroughTheShops reads the facts
// of many shops as readiness does (one read transaction, shop after shop);
// once the context is cancelled (the window closed, Ctrl-C), the next shop's
// read gives context.Canceled and no facts, on either engine.
func TestACancelledContextStopsReadinessPartWayThroughTheShops(t *testing.T) {
	s := MustOpenDB(t)
	const perShop = 40
	exported := stamp(t, "2026-11-20 08:00:00")
	shops := make([]Shop, 12)
	for i := range shops {
		shops[i] = mustShop(t, s, fmt.Sprintf("Shop %02d", i))
		orders := make([]Order, perShop)
		for j := range orders {
			orders[j] = Order{ID: fmt.Sprintf("5%02d%015d", i, j), Class: []StatusClass{Completed, Delivered, ToShip, InTransit}[j%4],
				Created: exported - Stamp(86400*(j+1)), Delivered: exported - Stamp(3600*(j+1))}
		}
		importOrders(t, s, shops[i], fmt.Sprintf("sha-%02d", i), exported, orders...)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := s.Facts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	asOf := MakeDate(2026, 11, 24)
	half := len(shops) / 2
	for i, sh := range shops {
		if i == half {
			cancel()
		}
		f, err := r.Orders(ctx, sh.ID, 30, asOf)
		if i < half {
			if err != nil || f.Total != perShop {
				t.Fatalf("shop %d before the cancel: %d orders, %v; want %d", i, f.Total, err, perShop)
			}
			continue
		}
		if !errors.Is(err, context.Canceled) || f.Total != 0 {
			t.Fatalf("shop %d after the cancel: %d orders, %v; want context.Canceled and nothing", i, f.Total, err)
		}
		if c, err := r.Cases(ctx, sh.ID); !errors.Is(err, context.Canceled) {
			t.Fatalf("after-sales cases of shop %d after the cancel: %+v, %v; want context.Canceled", i, c, err)
		}
	}
}

// TestEveryStoreReadStopsOnACancelledContext calls each read of the store
// once with a live context (it must work: the data is there) and once with a
// cancelled one, which must give context.Canceled, not results.
func TestEveryStoreReadStopsOnACancelledContext(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	b := importOrders(t, s, sh, "sha-a", stamp(t, "2026-11-20 08:00:00"),
		Order{ID: "500000000000000001", Class: ToShip, Status: "To ship"},
		Order{ID: "500000000000000002", Class: Completed, Status: "Completed"})
	gw := s.NewGroupWriter(testNow)
	if _, err := gw.Add(context.Background(), &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: "b.csv", SHA256: "sha-b", Kind: KindOrders,
		ExportedAt: stamp(t, "2026-11-21 08:00:00"), Records: 1}, Orders: []Order{{ID: "500000000000000003", Class: Completed}}}); err != nil {
		t.Fatal(err)
	}
	if err := gw.Finish(context.Background(), 1, nil); err != nil {
		t.Fatal(err)
	}
	group := gw.ID()
	err := s.Tx(context.Background(), func(tx *sql.Tx) error {
		if _, err := SaveViolationTx(tx, Violation{ShopID: sh.ID, Date: MakeDate(2026, 11, 1), Kind: "Late dispatch", Penalty: 100}); err != nil {
			return err
		}
		if _, err := SaveApplicationTx(tx, Application{ShopID: sh.ID, Status: AppDraft, Amount: 50000, Currency: "USD"}, testNow); err != nil {
			return err
		}
		if err := SetSettingTx(tx, "review_days", "9"); err != nil {
			return err
		}
		return AuditTx(tx, AuditEntry{At: testNow, User: "test", ShopID: sh.ID, Shop: sh.Name, Action: "test"})
	})
	if err != nil {
		t.Fatal(err)
	}
	asOf := MakeDate(2026, 11, 24)
	reads := map[string]func(context.Context) error{
		"Shops":        func(ctx context.Context) error { _, err := s.Shops(ctx); return err },
		"ShopByName":   func(ctx context.Context) error { _, err := s.ShopByName(ctx, sh.Name); return err },
		"ShopByID":     func(ctx context.Context) error { _, err := s.ShopByID(ctx, sh.ID); return err },
		"Orders":       func(ctx context.Context) error { _, err := s.Orders(ctx, sh.ID, 0); return err },
		"Order":        func(ctx context.Context) error { _, err := s.Order(ctx, sh.ID, "500000000000000001"); return err },
		"Cases":        func(ctx context.Context) error { _, err := s.Cases(ctx, sh.ID, false, 0); return err },
		"Application":  func(ctx context.Context) error { _, err := s.Application(ctx, sh.ID); return err },
		"Applications": func(ctx context.Context) error { _, err := s.Applications(ctx); return err },
		"OrderSummary": func(ctx context.Context) error { _, err := s.OrderSummary(ctx, sh.ID, 30); return err },
		"Audit":        func(ctx context.Context) error { _, err := s.Audit(ctx, sh.ID, 0); return err },
		"Violations":   func(ctx context.Context) error { _, err := s.Violations(ctx, 0); return err },
		"RuleSets":     func(ctx context.Context) error { _, err := s.RuleSets(ctx); return err },
		"RuleSet":      func(ctx context.Context) error { _, err := s.RuleSet(ctx, "basic"); return err },
		"Setting":      func(ctx context.Context) error { _, err := s.Setting(ctx, "review_days", ""); return err },
		"Batches":      func(ctx context.Context) error { _, err := s.Batches(ctx, 0); return err },
		"Batch":        func(ctx context.Context) error { _, err := s.Batch(ctx, b.ID); return err },
		"Group":        func(ctx context.Context) error { _, err := s.Group(ctx, group); return err },
		"Evidence":     func(ctx context.Context) error { _, err := s.Evidence(ctx); return err },
		"LastLooks":    func(ctx context.Context) error { _, err := s.LastLooks(ctx); return err },
		"Holders": func(ctx context.Context) error {
			_, err := s.Holders(ctx, []string{"500000000000000001"}, nil)
			return err
		},
		"FolderShop": func(ctx context.Context) error { _, _, err := s.FolderShop(ctx, "/exports/acme"); return err },
		"StatusMappings": func(ctx context.Context) error {
			_, err := s.StatusMappings(ctx)
			return err
		},
		"StatusValuesHeld": func(ctx context.Context) error {
			_, err := s.StatusValuesHeld(ctx)
			return err
		},
		"LiveBatchBySHA": func(ctx context.Context) error {
			_, _, err := s.LiveBatchBySHA(ctx, sh.ID, "sha-a")
			return err
		},
		"LiveBatchesBySHA": func(ctx context.Context) error {
			_, err := s.LiveBatchesBySHA(ctx, "sha-a")
			return err
		},
		"BlockingOrders": func(ctx context.Context) error {
			_, err := s.BlockingOrders(ctx, sh.ID, 30, asOf, 0)
			return err
		},
		"Facts": func(ctx context.Context) error {
			r, err := s.Facts(ctx)
			if err != nil {
				return err
			}
			defer r.Close()
			_, err = r.Orders(ctx, sh.ID, 30, asOf)
			return err
		},
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for name, read := range reads {
		if err := read(context.Background()); err != nil {
			t.Errorf("%s with a live context: %v", name, err)
		}
		if err := read(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", name, err)
		}
	}
}

// TestAFailedReadSaysWhatItWasReadingAndNotFoundOnlyWhenNothingWasFound
// keeps "not found" for a record that is not there: a read that failed for
// another reason names what it was reading and keeps its cause.
func TestAFailedReadSaysWhatItWasReadingAndNotFoundOnlyWhenNothingWasFound(t *testing.T) {
	s := MustOpenDB(t)
	if _, err := s.ShopByID(context.Background(), 404); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a shop that is not there: %v, want ErrNotFound", err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.ShopByID(cancelled, 404)
	if errors.Is(err, ErrNotFound) || !errors.Is(err, context.Canceled) || err.Error() != "read shop 404: context canceled" {
		t.Fatalf("a cancelled read of shop 404: %v", err)
	}
}

// TestAStatementOfACancelledUpdateStopsAndNothingIsWritten: the core's
// writes go through functions that take a plain Querier (AuditTx,
// SetSettingTx…); given the core's *Tx they run with its context.
func TestAStatementOfACancelledUpdateStopsAndNothingIsWritten(t *testing.T) {
	s := MustOpenDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stmtErr error
	err := s.Update(ctx, "set a setting", func(tx *Tx) error {
		cancel() // the person cancels while the transaction is open
		stmtErr = SetSettingTx(tx, "review_days", "12")
		return stmtErr
	})
	if !errors.Is(stmtErr, context.Canceled) || !errors.Is(err, context.Canceled) {
		t.Fatalf("the statement gave %v and the update %v; want context.Canceled", stmtErr, err)
	}
	if v, err := s.Setting(context.Background(), "review_days", "unset"); err != nil || v != "unset" {
		t.Fatalf("after the cancelled update the setting is %q, %v; want it unset", v, err)
	}
}
