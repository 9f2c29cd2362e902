package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

var orderTable = recordTable[Order]{
	table:   "orders",
	history: "order_history",
	key:     "order_id",
	cols: []string{"class", "status", "substatus", "created", "paid", "shipped", "delivered", "cancelled",
		"amount", "refund_amount", "return_qty", "lines"},
	keyOf: func(o *Order) string { return o.ID },
	values: func(o *Order) []any {
		return []any{string(o.Class), o.Status, o.Substatus, int64(o.Created), int64(o.Paid), int64(o.Shipped),
			int64(o.Delivered), int64(o.Cancelled), int64(o.Amount), int64(o.RefundAmount), int64(o.ReturnQty), int64(o.Lines)}
	},
}

var caseTable = recordTable[ReturnCase]{
	table:   "return_cases",
	history: "return_history",
	key:     "return_id",
	cols:    []string{"order_id", "type", "status", "substatus", "dispute", "appeal", "compensation", "open", "requested", "refunded", "amount"},
	keyOf:   func(c *ReturnCase) string { return c.ID },
	values: func(c *ReturnCase) []any {
		open := int64(0)
		if c.Open {
			open = 1
		}
		return []any{c.OrderID, c.Type, c.Status, c.Substatus, c.Dispute, c.Appeal, c.Compensation, open,
			int64(c.Requested), int64(c.Refunded), int64(c.Amount)}
	},
}

const orderColumns = "shop_id, order_id, class, status, substatus, created, paid, shipped, delivered, cancelled, amount, refund_amount, return_qty, lines, exported_at, batch_id"

func scanOrder(r rowScanner) (Order, error) {
	var o Order
	var class string
	err := r.Scan(&o.ShopID, &o.ID, &class, &o.Status, &o.Substatus, &o.Created, &o.Paid, &o.Shipped, &o.Delivered,
		&o.Cancelled, &o.Amount, &o.RefundAmount, &o.ReturnQty, &o.Lines, &o.ExportedAt, &o.BatchID)
	o.Class = StatusClass(class)
	return o, err
}

const caseColumns = "shop_id, return_id, order_id, type, status, substatus, dispute, appeal, compensation, open, requested, refunded, amount, exported_at, batch_id"

func scanCase(r rowScanner) (ReturnCase, error) {
	var c ReturnCase
	err := r.Scan(&c.ShopID, &c.ID, &c.OrderID, &c.Type, &c.Status, &c.Substatus, &c.Dispute, &c.Appeal, &c.Compensation, &c.Open, &c.Requested, &c.Refunded,
		&c.Amount, &c.ExportedAt, &c.BatchID)
	return c, err
}

func collect[T any](rows *sql.Rows, err error, scan func(rowScanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Orders lists a shop's orders of the given classes (all when none), oldest first.
func (s *Store) Orders(ctx context.Context, shopID int64, limit int, classes ...StatusClass) ([]Order, error) {
	q := "SELECT " + orderColumns + " FROM orders WHERE shop_id = ?"
	args := []any{shopID}
	if len(classes) > 0 {
		q += " AND class IN (" + placeholders(len(classes)) + ")"
		for _, c := range classes {
			args = append(args, string(c))
		}
	}
	q += " ORDER BY created, order_id"
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	out, err := collect(rows, err, scanOrder)
	return out, reading(err, "list the orders of shop %d", shopID)
}

// BlockingOrders lists a shop's orders that keep it from closing on asOf:
// every unsettled one, and the delivered ones whose return window of window
// days has not ended (or whose Delivered Time is unknown), oldest first.
func (s *Store) BlockingOrders(ctx context.Context, shopID int64, window int, asOf Date, limit int) ([]Order, error) {
	q := "SELECT " + orderColumns + ` FROM orders WHERE shop_id = ? AND (class IN ('unpaid','on_hold','to_ship','in_transit','unknown')
		OR (class = 'delivered' AND (delivered = 0 OR delivered / 86400 + ? > ?))) ORDER BY created, order_id`
	args := []any{shopID, window, int64(asOf)}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	out, err := collect(rows, err, scanOrder)
	return out, reading(err, "list the open orders of shop %d", shopID)
}

// Order reads one order; ErrNotFound when the shop has none by that ID.
func (s *Store) Order(ctx context.Context, shopID int64, id string) (Order, error) {
	o, err := scanOrder(s.read.QueryRowContext(ctx, "SELECT "+orderColumns+" FROM orders WHERE shop_id = ? AND order_id = ?", shopID, id))
	return o, reading(err, "read order %s of shop %d", id, shopID)
}

// Cases lists a shop's after-sales cases, the open ones only when openOnly.
func (s *Store) Cases(ctx context.Context, shopID int64, openOnly bool, limit int) ([]ReturnCase, error) {
	q := "SELECT " + caseColumns + " FROM return_cases WHERE shop_id = ?"
	if openOnly {
		q += " AND open = 1"
	}
	q += " ORDER BY requested, return_id"
	args := []any{shopID}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	out, err := collect(rows, err, scanCase)
	return out, reading(err, "list the after-sales cases of shop %d", shopID)
}

// reading wraps the error of a read with what was being read; a read of one
// row that found none gives ErrNotFound itself, and only then.
func reading(err error, format string, args ...any) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return ErrNotFound
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), err)
}
