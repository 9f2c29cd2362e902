package data

import (
	"context"
	"strings"
	"testing"
)

// An order or case always belongs to a shop that exists, on both engines
// (on PostgreSQL checked once per statement rather than per row): one
// naming a missing shop is refused, a statement mixing one in writes
// nothing, and deleting a shop deletes its orders and cases.
func TestRecordsBelongToAShopThatExists(t *testing.T) {
	s := MustOpenDB(t)
	ctx := context.Background()
	sh := mustShop(t, s, "Acme US")
	other := mustShop(t, s, "Acme UK")
	importOrders(t, s, sh, "a", stamp(t, "2026-10-01 08:00:00"), Order{ID: "500000000000000001", Class: Completed, Status: "Completed"})
	importOrders(t, s, other, "b", stamp(t, "2026-10-01 08:00:00"), Order{ID: "500000000000000009", Class: Completed, Status: "Completed"})
	in := &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: "r.csv", SHA256: "r", Kind: KindReturns, ExportedAt: stamp(t, "2026-10-02 08:00:00"), Records: 1},
		Cases: []ReturnCase{{ID: "400000000000000001", OrderID: "500000000000000001", Status: "Refunded"}}}
	if _, err := s.CommitImport(ctx, in, testNow, nil); err != nil {
		t.Fatal(err)
	}
	const insert = `INSERT INTO orders(shop_id, order_id, class, status, substatus, created, paid, shipped, delivered, cancelled,
		amount, refund_amount, return_qty, lines, exported_at, batch_id) VALUES (?, ?, 'completed', 'Completed', '', 0,0,0,0,0, 0,0,0,1, 0, 1)`
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{insert, []any{sh.ID + other.ID + 100, "500000000000000002"}},
		{insert[:len(insert)-len(" VALUES (?, ?, 'completed', 'Completed', '', 0,0,0,0,0, 0,0,0,1, 0, 1)")] +
			` VALUES (?, '500000000000000003', 'completed', 'Completed', '', 0,0,0,0,0, 0,0,0,1, 0, 1), (?, '500000000000000004', 'completed', 'Completed', '', 0,0,0,0,0, 0,0,0,1, 0, 1)`,
			[]any{sh.ID, sh.ID + other.ID + 100}},
		{"UPDATE orders SET shop_id = ? WHERE order_id = '500000000000000001'", []any{sh.ID + other.ID + 100}},
		{`INSERT INTO return_cases(shop_id, return_id, order_id, type, status, substatus, dispute, appeal, compensation, open, requested, refunded, amount, exported_at, batch_id)
			VALUES (?, '400000000000000002', '', '', '', '', '', '', '', 0, 0, 0, 0, 0, 1)`, []any{sh.ID + other.ID + 100}},
	} {
		_, err := s.db.ExecContext(ctx, q.sql, q.args...)
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), "foreign key") && !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if os, _ := s.Orders(ctx, sh.ID, 0); len(os) != 1 {
		t.Fatalf("the refused statements left %d orders", len(os))
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM shops WHERE id = ?", sh.ID); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"orders", "return_cases"} {
		var left int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table+" WHERE shop_id = ?", sh.ID).Scan(&left); err != nil || left != 0 {
			t.Fatalf("%s of a deleted shop: %d left (%v)", table, left, err)
		}
	}
	if os, _ := s.Orders(ctx, other.ID, 0); len(os) != 1 {
		t.Fatalf("deleting one shop took %d orders of another", 1-len(os))
	}
}
