package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"testing"
)

// scratchTable makes a table of two text and two integer columns in s.
func scratchTable(t *testing.T, s *Store) {
	t.Helper()
	err := s.Tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec("CREATE TABLE scratch (k TEXT PRIMARY KEY, label TEXT NOT NULL, n BIGINT NOT NULL, m BIGINT NOT NULL)")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func scratchRows(t *testing.T, s *Store) map[string][3]any {
	t.Helper()
	rows, err := s.db.Query("SELECT k, label, n, m FROM scratch")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string][3]any{}
	for rows.Next() {
		var k, label string
		var n, m int64
		if err := rows.Scan(&k, &label, &n, &m); err != nil {
			t.Fatal(err)
		}
		got[k] = [3]any{label, n, m}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// Rows written many at a time (on PostgreSQL as binary arrays encoded by
// encodeColumns) read back exactly: every integer, empty text, Chinese,
// bytes that are not UTF-8, over several statements.
func TestRowWriterWritesEveryValueExactly(t *testing.T) {
	s := MustOpenDB(t)
	scratchTable(t, s)
	labels := []string{"", "已完成", "Completed", "bad \xff\xfe bytes", strings.Repeat("长", 300)}
	ints := []int64{0, 1, -1, math.MaxInt64, math.MinInt64, 1790000000}
	const n = arrayRows + 3 // more than one statement on both engines
	want := map[string][3]any{}
	err := s.Tx(context.Background(), func(tx *sql.Tx) error {
		w := newRowWriter(tx, s.pg, "INSERT INTO scratch(k, label, n, m) ", 4, "")
		defer w.close()
		for i := 0; i < n; i++ {
			k := fmt.Sprintf("5764%014d", i)
			label, a, b := labels[i%len(labels)], ints[i%len(ints)], ints[(i/7)%len(ints)]
			want[k] = [3]any{label, a, b}
			// the types the records hold: StatusClass, Stamp, Money
			if err := w.add(k, []any{k, StatusClass(label), Stamp(a), Money(b)}); err != nil {
				return err
			}
		}
		return w.flush()
	})
	if err != nil {
		t.Fatal(err)
	}
	got := scratchRows(t, s)
	if len(got) != n {
		t.Fatalf("%d rows written, want %d", len(got), n)
	}
	for k, w := range want {
		if got[k] != w {
			t.Fatalf("row %s reads back as %q, want %q", k, got[k], w)
		}
	}
}

// A write that fails after it was sent (PostgreSQL does not wait for a
// large INSERT before the next statement) still fails its transaction: the
// next write, the next statement or the commit reports it, nothing of it
// stays, and the store goes on working.
func TestAWriteThatFailsAfterItWasSentFailsItsTransaction(t *testing.T) {
	s := MustOpenDB(t)
	scratchTable(t, s)
	if _, err := s.db.Exec("INSERT INTO scratch(k, label, n, m) VALUES ('taken', 'first', 1, 1)"); err != nil {
		t.Fatal(err)
	}
	write := func(tx *sql.Tx, keys ...string) error {
		w := newRowWriter(tx, s.pg, "INSERT INTO scratch(k, label, n, m) ", 4, "")
		defer w.close()
		for _, k := range keys {
			if err := w.add(k, []any{k, "second", int64(2), int64(2)}); err != nil {
				return err
			}
		}
		return w.flush()
	}
	// more rows than one statement takes, the taken key in the first
	var many []string
	for i := 0; i < arrayRows+2; i++ {
		many = append(many, fmt.Sprintf("new-%d", i))
	}
	many[1] = "taken"
	for _, then := range []string{"a query", "the commit", "the next write"} {
		t.Run(then, func(t *testing.T) {
			tx, err := s.db.Begin()
			if err != nil {
				t.Fatal(err)
			}
			if then == "the next write" {
				err = write(tx, many...)
			} else {
				err = write(tx, "new-1", "taken", "new-2")
			}
			if err == nil && then == "a query" {
				var n int
				err = tx.QueryRow("SELECT count(*) FROM scratch").Scan(&n)
			}
			if err == nil {
				err = tx.Commit()
			} else {
				tx.Rollback()
			}
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), "unique") && !strings.Contains(err.Error(), "duplicate key") {
				t.Fatalf("writing a key that is taken: %v, want the unique key error", err)
			}
			if got := scratchRows(t, s); len(got) != 1 || got["taken"][0] != "first" {
				t.Fatalf("after the failed write the table holds %v, want only the first row", got)
			}
		})
	}
	err := s.Tx(context.Background(), func(tx *sql.Tx) error { return write(tx, "new-1", "new-2") })
	if err != nil {
		t.Fatalf("the store after a failed write: %v", err)
	}
	if got := scratchRows(t, s); len(got) != 3 {
		t.Fatalf("after a good write the table holds %v, want 3 rows", got)
	}
}

// Holders names every shop that holds any of a file's IDs, as an order, as
// the order of an after-sales case or as a case, over more IDs than one
// query asks about on SQLite, with IDs that are not UTF-8.
func TestHoldersNamesEveryShopHoldingTheFilesIDs(t *testing.T) {
	s := MustOpenDB(t)
	a, b := mustShop(t, s, "Shop A"), mustShop(t, s, "Shop B")
	exported := stamp(t, "2026-10-01 10:00")
	var mine, theirs []Order
	var fileIDs []string
	for i := 0; i < 450; i++ {
		id := fmt.Sprintf("5771%014d", i)
		if i == 6 { // held by Shop A
			id = "57\xff\xfe broken"
		}
		fileIDs = append(fileIDs, id)
		switch {
		case i%3 == 0:
			mine = append(mine, Order{ShopID: a.ID, ID: id, Class: "completed", Status: "Completed"})
		case i%50 == 1:
			theirs = append(theirs, Order{ShopID: b.ID, ID: id, Class: "completed", Status: "Completed"})
		}
	}
	fileIDs = append(fileIDs, "5771-not-held")
	batchA := importOrders(t, s, a, "a", exported, mine...)
	batchB := importOrders(t, s, b, "b", exported, theirs...)
	in := &Incoming{Batch: ImportBatch{ShopID: b.ID, FileName: "returns.csv", SHA256: "r", Kind: KindReturns, ExportedAt: exported, Records: 1},
		Cases: []ReturnCase{{ShopID: b.ID, ID: "4001", OrderID: "5771-case-only", Status: "Completed"}}}
	batchR, err := s.CommitImport(context.Background(), in, testNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Holders(context.Background(), append(fileIDs, "5771-case-only"), []string{"4001", "4002"})
	if err != nil {
		t.Fatal(err)
	}
	// the example is the smallest ID held, whatever order the rows come
	// in, an order's before a case's
	want := []Holder{
		{ShopID: a.ID, Shop: "Shop A", IDs: len(mine), Example: "5771" + strings.Repeat("0", 14), Batches: []int64{batchA.ID}},
		{ShopID: b.ID, Shop: "Shop B", IDs: len(theirs) + 2, Example: theirs[0].ID, Batches: []int64{batchR.ID, batchB.ID}},
	}
	if len(got) != len(want) {
		t.Fatalf("holders %+v, want %+v", got, want)
	}
	for i := range want {
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Fatalf("holder %d is %+v, want %+v", i, got[i], want[i])
		}
	}
}
