package data

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"depositdesk/data/datatest"
)

var testNow = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

// MustOpenDB opens a fresh store: in a temporary folder whose name has Chinese
// characters and spaces, as sellers' folders do, or on the PostgreSQL server
// the suite runs on (datatest).
func MustOpenDB(t testing.TB) *Store {
	t.Helper()
	return mustOpen(t, datatest.DB(t, "店铺 导出 2026", "desk.db"))
}

// mustOpenFile opens a fresh SQLite file whatever engine the suite runs on,
// for what only a file has (PRAGMAs, backup copies, restore).
func mustOpenFile(t testing.TB) *Store {
	t.Helper()
	return mustOpen(t, filepath.Join(t.TempDir(), "店铺 导出 2026", "desk.db"))
}

func mustOpen(t testing.TB, where string) *Store {
	t.Helper()
	s, err := Open(where)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		return SaveRuleSetTx(tx, RuleSet{ID: "basic", Version: 1, Name: "basic", Params: Params{DefaultWindow: 30}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustShop(t testing.TB, s *Store, name string) Shop {
	t.Helper()
	sh, err := s.AddShop(context.Background(), Shop{Name: name, Site: "us", Currency: "usd", RuleSet: "basic", Deposit: 50000}, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

func stamp(t testing.TB, s string) Stamp {
	t.Helper()
	st, err := ParseStamp(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func importOrders(t testing.TB, s *Store, shop Shop, sha string, exported Stamp, orders ...Order) ImportBatch {
	t.Helper()
	in := &Incoming{Batch: ImportBatch{ShopID: shop.ID, FileName: sha + ".csv", SHA256: sha, Kind: KindOrders, ExportedAt: exported, Records: len(orders)}, Orders: orders}
	b, err := s.CommitImport(context.Background(), in, testNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenCreatesTheSchemaInAFolderWithChineseAndSpaces(t *testing.T) {
	s := mustOpenFile(t)
	v, err := s.SchemaVersion()
	if err != nil || v < 1 {
		t.Fatalf("schema version %d, %v", v, err)
	}
	var fk, wal string
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	s.db.QueryRow("PRAGMA journal_mode").Scan(&wal)
	if fk != "1" || wal != "wal" {
		t.Fatalf("foreign_keys=%s journal_mode=%s", fk, wal)
	}
}

func TestAMigrationBacksUpTheFileFirst(t *testing.T) {
	s := mustOpenFile(t)
	mustShop(t, s, "Acme US")
	ms, _ := loadMigrations()
	next := ms[len(ms)-1].version + 1
	ms = append(ms, migration{version: next, name: "x_add_column.sql", sql: "ALTER TABLE shops ADD COLUMN extra TEXT"})
	if err := s.migrateTo(ms); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.SchemaVersion(); v != next {
		t.Fatalf("schema version %d, want %d", v, next)
	}
	backup := fmt.Sprintf("%s.before-v%d.bak", s.Path(), next)
	c, err := Open(backup)
	if err != nil {
		t.Fatalf("no usable backup at %s: %v", backup, err)
	}
	defer c.Close()
	if shops, _ := c.Shops(context.Background()); len(shops) != 1 {
		t.Fatalf("backup holds %d shops", len(shops))
	}
}

func TestAFailedMigrationLeavesTheSchemaAsItWas(t *testing.T) {
	s := MustOpenDB(t)
	ms, _ := loadMigrations()
	before, _ := s.SchemaVersion()
	ms = append(ms, migration{version: before + 1, name: "broken.sql", sql: "ALTER TABLE shops ADD COLUMN a TEXT; THIS IS NOT SQL"})
	if err := s.migrateTo(ms); err == nil {
		t.Fatal("a broken migration must fail")
	}
	if v, _ := s.SchemaVersion(); v != before {
		t.Fatalf("schema version moved to %d", v)
	}
	if _, err := s.db.Exec("SELECT a FROM shops"); err == nil {
		t.Fatal("half of a failed migration was applied")
	}
}

func TestBackupWritesAUsableCopyAndNeverOverwrites(t *testing.T) {
	s := mustOpenFile(t)
	mustShop(t, s, "Acme US")
	dest := filepath.Join(t.TempDir(), "备份 copy.db")
	if _, err := s.Backup(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup(context.Background(), dest); err == nil {
		t.Fatal("a second backup to the same file must be refused")
	}
	c, err := Open(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	shops, _ := c.Shops(context.Background())
	if len(shops) != 1 || shops[0].Name != "Acme US" {
		t.Fatalf("backup holds %+v", shops)
	}
}

func TestRestorePutsABackupInPlaceAndKeepsTheCurrentFile(t *testing.T) {
	s := mustOpenFile(t)
	mustShop(t, s, "Acme US")
	backup := filepath.Join(t.TempDir(), "b.db")
	s.Backup(context.Background(), backup)
	mustShop(t, s, "Later shop")
	path := s.Path()
	s.Close()
	if err := Restore(backup, path); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	shops, _ := r.Shops(context.Background())
	if len(shops) != 1 {
		t.Fatalf("restored %d shops, want 1", len(shops))
	}
	if _, err := os.Stat(path + ".before-restore.bak"); err != nil {
		t.Fatal("the replaced database was not kept")
	}
}

func TestReimportingTheSameOrdersChangesNothing(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	o := Order{ID: "583870900000000001", Class: Delivered, Status: "Shipped", Substatus: "Delivered", Delivered: stamp(t, "2026-10-01 10:00:00")}
	first := importOrders(t, s, sh, "a", stamp(t, "2026-10-07 10:33:00"), o)
	second := importOrders(t, s, sh, "b", stamp(t, "2026-10-07 10:33:00"), o)
	if first.Created != 1 || second.Unchanged != 1 || second.Created+second.Updated != 0 {
		t.Fatalf("first %+v second %+v", first, second)
	}
}

func TestAnOlderExportNeverRegressesAnOrder(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	newer := Order{ID: "583870900000000001", Class: Completed, Status: "Completed"}
	older := Order{ID: "583870900000000001", Class: InTransit, Status: "Shipped", Substatus: "In transit"}
	importOrders(t, s, sh, "new", stamp(t, "2026-10-07 10:00:00"), newer)
	b := importOrders(t, s, sh, "old", stamp(t, "2026-09-01 10:00:00"), older)
	if b.Skipped != 1 {
		t.Fatalf("older export: %+v", b)
	}
	got, _ := s.Order(context.Background(), sh.ID, newer.ID)
	if got.Class != Completed {
		t.Fatalf("order regressed to %s", got.Class)
	}
}

func TestUndoRestoresExactlyTheEarlierState(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	a := Order{ID: "100000000000000001", Class: InTransit, Status: "Shipped", Amount: 1999}
	importOrders(t, s, sh, "one", stamp(t, "2026-10-01 08:00:00"), a)
	before, _ := s.Orders(context.Background(), sh.ID, 0)

	a2 := a
	a2.Class, a2.Status, a2.Delivered = Delivered, "Shipped", stamp(t, "2026-10-05 12:00:00")
	b := Order{ID: "100000000000000002", Class: ToShip, Status: "To ship"}
	batch := importOrders(t, s, sh, "two", stamp(t, "2026-10-08 08:00:00"), a2, b)
	if batch.Created != 1 || batch.Updated != 1 {
		t.Fatalf("batch %+v", batch)
	}
	if _, err := s.UndoBatch(context.Background(), batch.ID, testNow, nil); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Orders(context.Background(), sh.ID, 0)
	if len(after) != len(before) || after[0] != before[0] {
		t.Fatalf("after undo %+v, before %+v", after, before)
	}
	ev, _ := s.Evidence(context.Background())
	if ev[sh.ID].Orders != stamp(t, "2026-10-01 08:00:00") || ev[sh.ID].Returns != 0 {
		t.Fatalf("evidence after undo %+v", ev[sh.ID])
	}
	if _, ok, err := s.LiveBatchBySHA(context.Background(), sh.ID, "two"); ok || err != nil {
		t.Fatal("an undone batch still counts as imported")
	}
}

func TestUndoRefusesWhenALaterImportChangedTheSameOrders(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	o := Order{ID: "100000000000000001", Class: InTransit}
	first := importOrders(t, s, sh, "one", stamp(t, "2026-10-01 08:00:00"), o)
	o.Class = Completed
	importOrders(t, s, sh, "two", stamp(t, "2026-10-09 08:00:00"), o)
	if _, err := s.UndoBatch(context.Background(), first.ID, testNow, nil); err == nil {
		t.Fatal("undo of an earlier batch under a later one should be refused")
	}
	got, _ := s.Order(context.Background(), sh.ID, o.ID)
	if got.Class != Completed {
		t.Fatalf("refused undo changed the order to %s", got.Class)
	}
}

func TestAFailedImportLeavesNothingBehind(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	in := &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: "x.csv", SHA256: "x", Kind: KindOrders, ExportedAt: 1},
		Orders: []Order{{ID: "1", Class: ToShip}}}
	_, err := s.CommitImport(context.Background(), in, testNow, func(*Tx, ImportBatch) error { return os.ErrInvalid })
	if err == nil {
		t.Fatal("expected the failure to surface")
	}
	orders, _ := s.Orders(context.Background(), sh.ID, 0)
	batches, _ := s.Batches(context.Background(), sh.ID)
	if len(orders) != 0 || len(batches) != 0 {
		t.Fatalf("left behind %d orders, %d batches", len(orders), len(batches))
	}
}

func TestFactsComputeClosureDatesPerClass(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	exported := stamp(t, "2026-10-20 09:00:00")
	importOrders(t, s, sh, "f", exported,
		Order{ID: "1", Class: Cancelled, Cancelled: stamp(t, "2026-09-02 10:00:00")},
		Order{ID: "2", Class: Completed, Delivered: stamp(t, "2026-09-01 10:00:00")}, // closes 2026-10-01 (30-day window)
		Order{ID: "3", Class: Completed},                                             // closes on the export date
		Order{ID: "4", Class: Delivered, Delivered: stamp(t, "2026-10-15 23:59:59")}, // expected 2026-11-14
		Order{ID: "5", Class: ToShip},
	)
	r, err := s.Facts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Orders(context.Background(), sh.ID, 30, MakeDate(2026, 11, 24))
	if err != nil {
		t.Fatal(err)
	}
	want := MakeDate(2026, 11, 14)
	if f.LatestClosure != want || f.LatestClosureOrder != "4" {
		t.Fatalf("latest closure %v (%s), want %v (4)", f.LatestClosure, f.LatestClosureOrder, want)
	}
	if f.LatestDelivered != MakeDate(2026, 10, 15) || f.Unclosed != 1 || f.Total != 5 || f.DeliveredOpen != 0 {
		t.Fatalf("facts %+v", f)
	}
	if got := f.Unsettled[ToShip]; len(got) != 1 || got[0] != "5" {
		t.Fatalf("unsettled sample %v", got)
	}
}

func TestANewerExportShowingACompletedOrderAgainMovesItsClosureUpToTheWindow(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	o := Order{ID: "100000000000000001", Class: Completed, Status: "Completed", Delivered: stamp(t, "2026-09-01 10:00:00")}
	importOrders(t, s, sh, "a", stamp(t, "2026-09-20 08:00:00"), o)
	b := importOrders(t, s, sh, "b", stamp(t, "2026-10-20 08:00:00"), o)
	if b.Unchanged != 1 || b.Updated != 0 {
		t.Fatalf("newer export of the same state: %+v", b)
	}
	closure := func() Date {
		r, err := s.Facts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		f, err := r.Orders(context.Background(), sh.ID, 30, MakeDate(2026, 11, 24))
		if err != nil {
			t.Fatal(err)
		}
		return f.LatestClosure
	}
	// min(Delivered + 30 days, newest export showing it completed)
	if got := closure(); got != MakeDate(2026, 10, 1) {
		t.Fatalf("closure %v, want 2026-10-01", got)
	}
	if _, err := s.UndoBatch(context.Background(), b.ID, testNow, nil); err != nil {
		t.Fatal(err)
	}
	if got := closure(); got != MakeDate(2026, 9, 20) {
		t.Fatalf("after undo closure %v, want 2026-09-20", got)
	}
}

func TestBlockingOrdersLeaveOutDeliveredOrdersWhoseWindowEnded(t *testing.T) {
	s := MustOpenDB(t)
	sh := mustShop(t, s, "Acme US")
	importOrders(t, s, sh, "a", stamp(t, "2026-11-20 08:00:00"),
		Order{ID: "1", Class: ToShip, Created: stamp(t, "2026-11-01 08:00:00")},
		Order{ID: "2", Class: Delivered, Delivered: stamp(t, "2026-10-01 08:00:00")}, // window ended 2026-10-31
		Order{ID: "3", Class: Delivered, Delivered: stamp(t, "2026-11-10 08:00:00")}, // window ends 2026-12-10
		Order{ID: "4", Class: Delivered},                                             // no Delivered Time: unknown
		Order{ID: "5", Class: Completed},
	)
	got, err := s.BlockingOrders(context.Background(), sh.ID, 30, MakeDate(2026, 11, 24), 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range got {
		ids = append(ids, o.ID)
	}
	want := map[string]bool{"1": true, "3": true, "4": true}
	if len(ids) != 3 {
		t.Fatalf("blocking orders %v, want 1, 3 and 4", ids)
	}
	for _, id := range ids {
		if !want[id] {
			t.Fatalf("blocking orders %v, want 1, 3 and 4", ids)
		}
	}
}

func TestATeamDatabaseIsNeitherBackedUpNorRestoredAsAFile(t *testing.T) {
	s := MustOpenDB(t)
	_, backupErr := s.Backup(context.Background(), filepath.Join(t.TempDir(), "b.db"))
	restoreErr := Restore(filepath.Join(t.TempDir(), "b.db"), "postgres://amy@server/depositdesk")
	if restoreErr == nil || !strings.Contains(restoreErr.Error(), "db copy") {
		t.Fatalf("restore over a team database: %v", restoreErr)
	}
	if s.Postgres() != (backupErr != nil) {
		t.Fatalf("backup of a %s store: %v", map[bool]string{true: "PostgreSQL", false: "SQLite"}[s.Postgres()], backupErr)
	}
}
