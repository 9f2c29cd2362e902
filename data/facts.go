package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"runtime"
)

// Readers is how many FactsReaders are worth running at once: SQLite's
// work spreads over the cores; a server's over its connections.
func (s *Store) Readers() int {
	if s.pg {
		return 8
	}
	return min(runtime.NumCPU(), 4)
}

// OrderFacts is what readiness needs to know about a shop's orders, computed
// by the store in one pass for a given return window.
type OrderFacts struct {
	Total  int                 // orders
	Counts map[StatusClass]int // orders by class

	// Unsettled holds up to SampleSize order IDs of each unsettled class
	// (unpaid, on_hold, to_ship, in_transit, unknown), oldest created first.
	Unsettled map[StatusClass][]string

	// LatestDelivered is the latest Delivered Time (as a date) among orders that
	// are delivered but not completed; DeliveredUndated counts such orders
	// without a Delivered Time. DeliveredOpen counts the delivered orders whose
	// return window has not ended on the day asked (undated ones included):
	// the orders the shop page lists and copies. DeliveredSample holds their
	// IDs, undated ones first, then those whose window ends last.
	LatestDelivered  Date
	DeliveredUndated int
	DeliveredOpen    int
	DeliveredSample  []string

	// LatestClosure is the latest order closure date, expected ones included
	// (PRODUCT.md §2); LatestClosureOrder is the order it belongs to.
	LatestClosure      Date
	LatestClosureOrder string
	// Unclosed counts orders with no closure date (every unsettled order, and
	// delivered ones without a Delivered Time).
	Unclosed int
}

// SampleSize is how many order or case IDs a verdict names as evidence.
const SampleSize = 5

// CaseFacts is what readiness needs to know about a shop's after-sales cases.
type CaseFacts struct {
	Total int
	Open  int
	// OpenSample holds up to SampleSize open cases as "return ID (order ID)".
	OpenSample []string
	// OpenValues counts the open cases by their status values, so the caller
	// can tell (Unknown) how many hold a value not known yet.
	OpenValues []StatusValueCount
	Unknown    int
}

// closureExpr is an order's closure date in days (PRODUCT.md §2), NULL when it
// has none; ?1 is the return window in days.
const closureExpr = `CASE class
	WHEN 'cancelled' THEN CASE WHEN cancelled > 0 THEN cancelled / 86400 ELSE exported_at / 86400 END
	WHEN 'completed' THEN CASE WHEN delivered > 0 AND delivered / 86400 + ?1 < exported_at / 86400 THEN delivered / 86400 + ?1 ELSE exported_at / 86400 END
	WHEN 'delivered' THEN CASE WHEN delivered > 0 THEN delivered / 86400 + ?1 END
END`

// postgresByClass is byClass for PostgreSQL, which has no bare columns (the
// order holding the latest closure is the first in the covering index's
// order) and where a round trip costs more than the work: the samples of
// unsettled orders come with the counts, in sample's order.
const postgresByClass = `SELECT class, count(*), count(*) FILTER (WHERE delivered = 0), max(c),
		(array_agg(order_id ORDER BY c DESC NULLS LAST, delivered, created, cancelled, exported_at, order_id))[1],
		coalesce(array_to_json((array_agg(order_id ORDER BY delivered, created, order_id)
			FILTER (WHERE class IN ('unpaid','on_hold','to_ship','in_transit','unknown')))[1:?3])::text, '[]')
	FROM (SELECT class, delivered, created, cancelled, exported_at, order_id, ` + closureExpr + ` AS c
		FROM orders WHERE shop_id = ?2) o GROUP BY class`

// FactsReader computes OrderFacts and CaseFacts shop by shop with prepared
// statements inside one read transaction, so a whole overview is consistent.
type FactsReader struct {
	pg                               bool
	tx                               *sql.Tx
	byClass, sample, delivered, open *sql.Stmt
	deliveredOpen, cases, openValues *sql.Stmt
}

// Facts opens a FactsReader; Close it when done.
func (s *Store) Facts(ctx context.Context) (*FactsReader, error) {
	tx, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	r := &FactsReader{tx: tx, pg: s.pg}
	prep := func(dst **sql.Stmt, q string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, q)
		}
	}
	// One max() per group, so SQLite gives order_id from the row holding it.
	byClass := `SELECT class, count(*), count(*) FILTER (WHERE delivered = 0), max(` + closureExpr + `), order_id
		FROM orders WHERE shop_id = ?2 GROUP BY class`
	if s.pg {
		byClass = postgresByClass
	}
	prep(&r.byClass, byClass)
	prep(&r.sample, `SELECT order_id FROM orders WHERE shop_id = ? AND class = ? ORDER BY delivered, created, order_id LIMIT ?`)
	// The delivered orders still in their window on ?3 (or undated), as BlockingOrders lists them.
	const inWindow = `FROM orders WHERE shop_id = ?1 AND class = 'delivered' AND (delivered = 0 OR delivered / 86400 + ?2 > ?3)`
	if s.pg {
		// The count and the sample in one round trip.
		prep(&r.deliveredOpen, `SELECT count(*), coalesce(array_to_json((array_agg(order_id
			ORDER BY delivered = 0 DESC, delivered DESC, order_id))[1:?4])::text, '[]') `+inWindow)
	} else {
		prep(&r.deliveredOpen, `SELECT count(*) `+inWindow)
	}
	prep(&r.delivered, `SELECT order_id `+inWindow+` ORDER BY delivered = 0 DESC, delivered DESC, order_id LIMIT ?4`)
	prep(&r.cases, `SELECT count(*), coalesce(sum(open), 0) FROM return_cases WHERE shop_id = ?`)
	prep(&r.open, `SELECT return_id, order_id FROM return_cases WHERE shop_id = ? AND open = 1 ORDER BY requested, return_id LIMIT ?`)
	prep(&r.openValues, `SELECT status, substatus, dispute, appeal, compensation, count(*) FROM return_cases
		WHERE shop_id = ? AND open = 1 GROUP BY status, substatus, dispute, appeal, compensation`)
	if err != nil {
		tx.Rollback()
		return nil, err
	}
	return r, nil
}

// Close ends the read transaction.
func (r *FactsReader) Close() error { return r.tx.Rollback() }

// Orders computes a shop's OrderFacts for a return window of window days, on
// asOf. On an error it gives no facts.
func (r *FactsReader) Orders(ctx context.Context, shopID int64, window int, asOf Date) (OrderFacts, error) {
	f, err := r.readOrders(ctx, shopID, window, asOf)
	if err != nil {
		return OrderFacts{}, cancelledOr(ctx, err)
	}
	return f, nil
}

func (r *FactsReader) readOrders(ctx context.Context, shopID int64, window int, asOf Date) (OrderFacts, error) {
	f := OrderFacts{Counts: map[StatusClass]int{}}
	args := []any{window, shopID}
	if r.pg {
		args = append(args, SampleSize)
	}
	rows, err := r.byClass.QueryContext(ctx, args...)
	if err != nil {
		return f, err
	}
	samples := map[StatusClass][]string{}
	for rows.Next() {
		var class string
		var n, undated int
		var closure sql.NullInt64
		var latest sql.NullString
		dest := []any{&class, &n, &undated, &closure, &latest}
		var sample string
		if r.pg {
			dest = append(dest, &sample)
		}
		if err := rows.Scan(dest...); err != nil {
			rows.Close()
			return f, err
		}
		c := StatusClass(class)
		if r.pg && c.Unsettled() {
			var ids []string
			json.Unmarshal([]byte(sample), &ids)
			samples[c] = ids
		}
		f.Total += n
		f.Counts[c] += n
		switch {
		case c.Unsettled():
			f.Unclosed += n
		case c == Delivered:
			// A delivered order closes on Delivered + window: the latest
			// closure of the class gives back the latest delivery.
			if closure.Valid {
				f.LatestDelivered = Date(closure.Int64 - int64(window))
			}
			f.DeliveredUndated = undated
			f.Unclosed += undated
		}
		if closure.Valid && Date(closure.Int64) > f.LatestClosure {
			f.LatestClosure, f.LatestClosureOrder = Date(closure.Int64), latest.String
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	for _, c := range StatusClasses {
		if !c.Unsettled() || f.Counts[c] == 0 {
			continue
		}
		ids, ok := samples[c]
		if !ok {
			if ids, err = strings1(r.sample.QueryContext(ctx, shopID, string(c), SampleSize)); err != nil {
				return f, err
			}
		}
		if f.Unsettled == nil {
			f.Unsettled = map[StatusClass][]string{}
		}
		f.Unsettled[c] = ids
	}
	if f.Counts[Delivered] > 0 && r.pg {
		var sample string
		if err := r.deliveredOpen.QueryRowContext(ctx, shopID, window, int64(asOf), SampleSize).Scan(&f.DeliveredOpen, &sample); err != nil {
			return f, err
		}
		if err := json.Unmarshal([]byte(sample), &f.DeliveredSample); err != nil || len(f.DeliveredSample) == 0 {
			f.DeliveredSample = nil
			return f, err
		}
	} else if f.Counts[Delivered] > 0 {
		if err := r.deliveredOpen.QueryRowContext(ctx, shopID, window, int64(asOf)).Scan(&f.DeliveredOpen); err != nil {
			return f, err
		}
		if f.DeliveredSample, err = strings1(r.delivered.QueryContext(ctx, shopID, window, int64(asOf), SampleSize)); err != nil {
			return f, err
		}
	}
	return f, nil
}

// Cases computes a shop's CaseFacts. On an error it gives no facts.
func (r *FactsReader) Cases(ctx context.Context, shopID int64) (CaseFacts, error) {
	f, err := r.readCases(ctx, shopID)
	if err != nil {
		return CaseFacts{}, cancelledOr(ctx, err)
	}
	return f, nil
}

func (r *FactsReader) readCases(ctx context.Context, shopID int64) (CaseFacts, error) {
	var f CaseFacts
	if err := r.cases.QueryRowContext(ctx, shopID).Scan(&f.Total, &f.Open); err != nil {
		return f, err
	}
	if f.Open == 0 {
		return f, nil
	}
	rows, err := r.open.QueryContext(ctx, shopID, SampleSize)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var ret, ord string
		if err := rows.Scan(&ret, &ord); err != nil {
			return f, err
		}
		f.OpenSample = append(f.OpenSample, ret+" ("+ord+")")
	}
	if err := rows.Err(); err != nil {
		return f, err
	}
	rows, err = r.openValues.QueryContext(ctx, shopID)
	f.OpenValues, err = collect(rows, err, scanCaseValues)
	return f, err
}

func strings1(rows *sql.Rows, err error) ([]string, error) {
	return collect(rows, err, func(r rowScanner) (string, error) {
		var s string
		return s, r.Scan(&s)
	})
}
