package data

import (
	"context"
	"time"
)

// AuditTx appends an entry to the audit log inside the transaction of the
// change it records, so a change and its record land together.
func AuditTx(tx Querier, e AuditEntry) error {
	var shopID any
	if e.ShopID != 0 {
		shopID = e.ShopID
	}
	_, err := tx.Exec(`INSERT INTO audit_log(at, "user", shop_id, shop, action, detail) VALUES (?,?,?,?,?,?)`,
		e.At.UTC().Format(time.RFC3339Nano), e.User, shopID, e.Shop, e.Action, e.Detail)
	return err
}

// Audit lists the audit log, newest first; shopID 0 lists all.
func (s *Store) Audit(ctx context.Context, shopID int64, limit int) ([]AuditEntry, error) {
	q := `SELECT id, at, "user", coalesce(shop_id, 0), shop, action, detail FROM audit_log`
	var args []any
	if shopID != 0 {
		q += " WHERE shop_id = ?"
		args = append(args, shopID)
	}
	q += " ORDER BY id DESC"
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	out, err := collect(rows, err, func(r rowScanner) (AuditEntry, error) {
		var e AuditEntry
		var at string
		err := r.Scan(&e.ID, &at, &e.User, &e.ShopID, &e.Shop, &e.Action, &e.Detail)
		e.At, _ = time.Parse(time.RFC3339Nano, at)
		return e, err
	})
	return out, reading(err, "read the audit log")
}
