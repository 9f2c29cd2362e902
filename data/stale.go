package data

import (
	"time"
)

// Stale refuses an edit made on data that someone else changed meanwhile
// (team mode: two people at once). It is a Message naming who changed it
// and when; the window offers to reload.
type Stale struct{ *Message }

func (s Stale) Unwrap() error { return s.Message }

// The sentences of a stale edit, per kind of record.
const (
	msgStaleShop        = "{{.Shop}} was changed by {{.User}} at {{.At}} while you were editing it; reload it to see that change, then make yours again."
	msgStaleApplication = "{{.Shop}}'s application was changed by {{.User}} at {{.At}} while you were looking at it; reload it to see that change, then make yours again."
	msgStaleViolation   = "This violation of {{.Shop}} was changed by {{.User}} at {{.At}} while you were editing it; reload it to see that change, then make yours again."
)

// staleOrMissing explains why an UPDATE … WHERE id AND row_version touched
// no row: the row is gone (ErrNotFound), or it moved on, and the audit log
// of its shop says who moved it and when.
func staleOrMissing(tx Querier, table string, id, shopID int64, shop, text string) error {
	var exists bool
	if err := tx.QueryRow("SELECT EXISTS(SELECT 1 FROM "+table+" WHERE id = ?)", id).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		return ErrNotFound
	}
	user, at := "someone", ""
	var stamp string
	if err := tx.QueryRow(`SELECT "user", at FROM audit_log WHERE shop_id = ? ORDER BY id DESC LIMIT 1`, shopID).Scan(&user, &stamp); err == nil {
		if t, err := time.Parse(time.RFC3339Nano, stamp); err == nil {
			at = t.Local().Format("2006-01-02 15:04:05")
		}
	}
	return Stale{Msg(text, map[string]any{"Shop": shop, "User": user, "At": at})}
}
