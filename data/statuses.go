package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// StatusMapping is a status value a user taught: an order status value and
// the class it means, or an after-sales value and whether it is open or final.
type StatusMapping struct {
	Key       string    `json:"-"`     // the value folded for matching (case, spacing, Unicode form)
	Value     string    `json:"value"` // as the user gave it
	Class     string    `json:"class"` // an order StatusClass, or CaseOpen / CaseFinal
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// The classes an after-sales value is mapped to.
const (
	CaseOpen  = "open"
	CaseFinal = "final"
)

// StatusMappings lists the taught values, by value.
func (s *Store) StatusMappings(ctx context.Context) ([]StatusMapping, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT key, shown, class, created_by, created_at FROM status_mappings ORDER BY shown")
	out, err := collect(rows, err, func(r rowScanner) (StatusMapping, error) {
		var m StatusMapping
		var at string
		err := r.Scan(&m.Key, &m.Value, &m.Class, &m.CreatedBy, &at)
		m.CreatedAt = parseNow(at)
		return m, err
	})
	if err != nil {
		return nil, fmt.Errorf("read the status values taught: %w", err)
	}
	return out, nil
}

// SaveStatusMappingTx stores (or replaces) a taught value.
func SaveStatusMappingTx(tx Querier, m StatusMapping) error {
	_, err := tx.Exec(`INSERT INTO status_mappings(key, shown, class, created_by, created_at) VALUES (?,?,?,?,?)
		ON CONFLICT(key) DO UPDATE SET shown = excluded.shown, class = excluded.class,
		created_by = excluded.created_by, created_at = excluded.created_at`,
		m.Key, m.Value, m.Class, m.CreatedBy, nowText(m.CreatedAt))
	if err != nil {
		return fmt.Errorf("save the status value %q: %w", m.Value, err)
	}
	return nil
}

// DeleteStatusMappingTx removes a taught value; found is false when there was none.
func DeleteStatusMappingTx(tx Querier, key string) (m StatusMapping, found bool, err error) {
	var at string
	err = tx.QueryRow("SELECT key, shown, class, created_by, created_at FROM status_mappings WHERE key = ?", key).
		Scan(&m.Key, &m.Value, &m.Class, &m.CreatedBy, &at)
	if err == sql.ErrNoRows {
		return m, false, nil
	}
	if err != nil {
		return m, false, fmt.Errorf("read the status value %q: %w", key, err)
	}
	m.CreatedAt = parseNow(at)
	if _, err := tx.Exec("DELETE FROM status_mappings WHERE key = ?", key); err != nil {
		return m, false, fmt.Errorf("remove the status value %q: %w", m.Value, err)
	}
	return m, true, nil
}

// CaseValues are the status cells of an after-sales case that decide
// whether it is open.
type CaseValues struct {
	Status, Substatus, Dispute, Appeal, Compensation string
}

// Values of c, for classifying it.
func (c ReturnCase) Values() CaseValues {
	return CaseValues{c.Status, c.Substatus, c.Dispute, c.Appeal, c.Compensation}
}

// Classifier decides what stored raw values mean.
type Classifier struct {
	Order func(status, substatus string) StatusClass
	Case  func(CaseValues) (open bool)
}

// Reclassified counts the records a Reclassify changed.
type Reclassified struct{ Orders, Cases int }

// ReclassifyTx puts every stored order's class and case's open flag in line
// with c, for one shop (shopID 0: every shop). Distinct raw values are few,
// so each is decided once and written with one UPDATE.
func ReclassifyTx(ctx context.Context, tx Querier, shopID int64, c Classifier) (Reclassified, error) {
	var n Reclassified
	where, args := "", []any{}
	if shopID != 0 {
		where, args = " WHERE shop_id = ?", []any{shopID}
	}
	type pair struct{ status, sub, class string }
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT status, substatus, class FROM orders"+where, args...)
	pairs, err := collect(rows, err, func(r rowScanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.status, &p.sub, &p.class)
	})
	if err != nil {
		return n, fmt.Errorf("read the order statuses held: %w", err)
	}
	for _, p := range pairs {
		want := c.Order(p.status, p.sub)
		if string(want) == p.class {
			continue
		}
		res, err := tx.ExecContext(ctx, "UPDATE orders SET class = ? WHERE status = ? AND substatus = ? AND class = ?"+andShop(shopID),
			append([]any{string(want), p.status, p.sub, p.class}, args...)...)
		if err != nil {
			return n, fmt.Errorf("re-classify orders of status %q / %q: %w", p.status, p.sub, err)
		}
		k, _ := res.RowsAffected()
		n.Orders += int(k)
	}
	type tuple struct {
		v    CaseValues
		open bool
	}
	rows, err = tx.QueryContext(ctx, "SELECT DISTINCT status, substatus, dispute, appeal, compensation, open FROM return_cases"+where, args...)
	tuples, err := collect(rows, err, func(r rowScanner) (tuple, error) {
		var t tuple
		return t, r.Scan(&t.v.Status, &t.v.Substatus, &t.v.Dispute, &t.v.Appeal, &t.v.Compensation, &t.open)
	})
	if err != nil {
		return n, fmt.Errorf("read the after-sales statuses held: %w", err)
	}
	for _, t := range tuples {
		want := c.Case(t.v)
		if want == t.open {
			continue
		}
		res, err := tx.ExecContext(ctx, `UPDATE return_cases SET open = ? WHERE status = ? AND substatus = ? AND dispute = ?
			AND appeal = ? AND compensation = ? AND open = ?`+andShop(shopID),
			append([]any{want, t.v.Status, t.v.Substatus, t.v.Dispute, t.v.Appeal, t.v.Compensation, t.open}, args...)...)
		if err != nil {
			return n, fmt.Errorf("re-classify after-sales cases of status %q: %w", t.v.Status, err)
		}
		k, _ := res.RowsAffected()
		n.Cases += int(k)
	}
	return n, nil
}

func andShop(shopID int64) string {
	if shopID == 0 {
		return ""
	}
	return " AND shop_id = ?"
}

// StatusValueCount is how many stored orders (or cases) hold one combination
// of raw status values.
type StatusValueCount struct {
	Values CaseValues // only Status and Substatus for an order
	Case   bool       // a case's values, not an order's
	Count  int
}

// StatusValuesHeld counts the stored orders by status pair and the cases by
// their status values, so the caller can tell which values are still
// unknown and how many records each taught value covers.
func (s *Store) StatusValuesHeld(ctx context.Context) ([]StatusValueCount, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT status, substatus, count(*) FROM orders GROUP BY status, substatus")
	out, err := collect(rows, err, func(r rowScanner) (StatusValueCount, error) {
		var v StatusValueCount
		return v, r.Scan(&v.Values.Status, &v.Values.Substatus, &v.Count)
	})
	if err != nil {
		return nil, fmt.Errorf("count the order statuses: %w", err)
	}
	rows, err = s.read.QueryContext(ctx, `SELECT status, substatus, dispute, appeal, compensation, count(*) FROM return_cases
		GROUP BY status, substatus, dispute, appeal, compensation`)
	cases, err := collect(rows, err, scanCaseValues)
	if err != nil {
		return nil, fmt.Errorf("count the after-sales statuses: %w", err)
	}
	return append(out, cases...), nil
}

// scanCaseValues reads a row of status, substatus, dispute, appeal,
// compensation and a count.
func scanCaseValues(r rowScanner) (StatusValueCount, error) {
	v := StatusValueCount{Case: true}
	return v, r.Scan(&v.Values.Status, &v.Values.Substatus, &v.Values.Dispute, &v.Values.Appeal, &v.Values.Compensation, &v.Count)
}
