//go:build cgo

package data

import (
	"context"
	"errors"
	"testing"
)

// The SQLite connections run statements on the caller's goroutine and check
// the context themselves: a query's rows stop at the first row after the
// context is cancelled, and a statement under a cancelled context does not
// run.
func TestSQLiteStatementsStopWithTheirContext(t *testing.T) {
	s := mustOpenFile(t)
	shop := mustShop(t, s, "Shop")
	var orders []Order
	for _, id := range []string{"1", "2", "3", "4"} {
		orders = append(orders, Order{ShopID: shop.ID, ID: id, Class: "completed", Status: "Completed"})
	}
	importOrders(t, s, shop, "a", stamp(t, "2026-10-01 10:00"), orders...)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rows, err := s.read.QueryContext(ctx, "SELECT order_id FROM orders ORDER BY order_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatalf("no first row: %v", rows.Err())
	}
	cancel()
	if rows.Next() {
		t.Fatal("a row came after the context was cancelled")
	}
	if err := rows.Err(); !errors.Is(err, context.Canceled) {
		t.Fatalf("rows ended with %v, want context.Canceled", err)
	}

	if _, err := s.db.ExecContext(ctx, "DELETE FROM orders"); !errors.Is(err, context.Canceled) {
		t.Fatalf("a statement under a cancelled context: %v", err)
	}
	st, err := s.db.Prepare("DELETE FROM orders WHERE order_id = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ExecContext(ctx, "1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("a prepared statement under a cancelled context: %v", err)
	}
	var n int
	if err := s.db.QueryRow("SELECT COUNT(*) FROM orders").Scan(&n); err != nil || n != 4 {
		t.Fatalf("%d orders left (%v), want all 4", n, err)
	}
}
