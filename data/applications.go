package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"sort"
	"time"
)

const applicationColumns = `a.id, a.shop_id, s.name, a.status, a.amount, a.currency, a.account, a.reason, a.verdict,
	a.file, a.note, a.created_on, a.submitted_on, a.decided_on, a.refunded_on, a.updated_at, a.row_version`

const applicationFrom = ` FROM applications a JOIN shops s ON s.id = a.shop_id`

func scanApplication(r rowScanner) (Application, error) {
	var a Application
	var account, updated string
	err := r.Scan(&a.ID, &a.ShopID, &a.Shop, &a.Status, &a.Amount, &a.Currency, &account, &a.Reason, &a.Verdict,
		&a.File, &a.Note, &a.CreatedAt, &a.SubmittedAt, &a.DecidedAt, &a.RefundedAt, &updated, &a.Version)
	if err != nil {
		return a, err
	}
	if account != "" {
		if err := json.Unmarshal([]byte(account), &a.Account); err != nil {
			return a, err
		}
	}
	a.UpdatedAt = parseNow(updated)
	return a, nil
}

// SaveApplicationTx writes a shop's application (there is one per shop: a
// second save replaces the first) and returns its id. When a.Version is set
// and the stored application has moved past it, nothing is written (Stale).
func SaveApplicationTx(tx Querier, a Application, now time.Time) (int64, error) {
	account, err := json.Marshal(a.Account)
	if err != nil {
		return 0, err
	}
	var id int64
	err = tx.QueryRow(`INSERT INTO applications(shop_id, status, amount, currency, account, reason, verdict, file, note,
			created_on, submitted_on, decided_on, refunded_on, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(shop_id) DO UPDATE SET status = excluded.status, amount = excluded.amount,
			currency = excluded.currency, account = excluded.account, reason = excluded.reason,
			verdict = excluded.verdict, file = excluded.file, note = excluded.note,
			created_on = excluded.created_on, submitted_on = excluded.submitted_on,
			decided_on = excluded.decided_on, refunded_on = excluded.refunded_on, updated_at = excluded.updated_at,
			row_version = applications.row_version + 1
		WHERE ? = 0 OR applications.row_version = ?
		RETURNING id`,
		a.ShopID, string(a.Status), a.Amount, a.Currency, string(account), a.Reason, a.Verdict, a.File, a.Note,
		a.CreatedAt, a.SubmittedAt, a.DecidedAt, a.RefundedAt, nowText(now), a.Version, a.Version).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, staleOrMissing(tx, "applications", a.ID, a.ShopID, a.Shop, msgStaleApplication)
	}
	return id, err
}

// ApplicationTx reads a shop's application inside a transaction, so that a
// status change reads and writes the same state; ErrNotFound when it has none.
// A version other than 0 is the one the change was made on: when the stored
// application has moved past it, the change is refused (Stale).
func ApplicationTx(tx Querier, shopID, version int64) (Application, error) {
	a, err := scanApplication(tx.QueryRow("SELECT "+applicationColumns+applicationFrom+" WHERE a.shop_id = ?", shopID))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	if err == nil && version != 0 && a.Version != version {
		return a, staleOrMissing(tx, "applications", a.ID, a.ShopID, a.Shop, msgStaleApplication)
	}
	return a, err
}

// Application reads a shop's application; ErrNotFound when it has none.
func (s *Store) Application(ctx context.Context, shopID int64) (Application, error) {
	a, err := scanApplication(s.read.QueryRowContext(ctx, "SELECT "+applicationColumns+applicationFrom+" WHERE a.shop_id = ?", shopID))
	return a, reading(err, "read the application of shop %d", shopID)
}

// Applications lists every application with its shop's name, by shop name.
func (s *Store) Applications(ctx context.Context) ([]Application, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+applicationColumns+applicationFrom+" ORDER BY s.name COLLATE NOCASE")
	out, err := collect(rows, err, scanApplication)
	return out, reading(err, "list the applications")
}

// ClassSummary is how many of a shop's orders are in one status class, and
// the latest closure date among them (expected ones included; NoDate when
// none of them has one).
type ClassSummary struct {
	Class         StatusClass
	Count         int
	LatestClosure Date
}

// OrderSummary counts a shop's orders by status class, in the order of
// StatusClasses, for a return window of window days.
func (s *Store) OrderSummary(ctx context.Context, shopID int64, window int) ([]ClassSummary, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT class, count(*), max(`+closureExpr+`) FROM orders WHERE shop_id = ?2 GROUP BY class`, window, shopID)
	counted, err := collect(rows, err, func(r rowScanner) (ClassSummary, error) {
		var c ClassSummary
		var class string
		var closure sql.NullInt64
		err := r.Scan(&class, &c.Count, &closure)
		c.Class = StatusClass(class)
		if closure.Valid {
			c.LatestClosure = Date(closure.Int64)
		}
		return c, err
	})
	if err != nil {
		return nil, reading(err, "count the orders of shop %d", shopID)
	}
	by := map[StatusClass]ClassSummary{}
	for _, c := range counted {
		by[c.Class] = c
	}
	var out []ClassSummary
	for _, c := range StatusClasses {
		if s, ok := by[c]; ok {
			out = append(out, s)
			delete(by, c)
		}
	}
	var other []ClassSummary // classes this version does not know: still counted
	for _, s := range by {
		other = append(other, s)
	}
	sort.Slice(other, func(i, j int) bool { return other[i].Class < other[j].Class })
	return append(out, other...), nil
}

// SetSettingTx stores a setting inside a transaction (with its audit entry).
func SetSettingTx(tx Querier, key, value string) error {
	_, err := tx.Exec("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
