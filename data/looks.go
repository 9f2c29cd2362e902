package data

import (
	"context"
	"fmt"
	"time"
)

// Look is what the overview showed of one shop when someone last looked.
type Look struct {
	Status  string
	Overdue bool // its application was overdue
}

// LastLooks reads what the overview last showed of each shop, by shop id;
// empty when nobody has looked yet.
func (s *Store) LastLooks(ctx context.Context) (map[int64]Look, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT shop_id, status, overdue FROM overview_looks")
	if err != nil {
		return nil, fmt.Errorf("read the last look at the overview: %w", err)
	}
	defer rows.Close()
	out := map[int64]Look{}
	for rows.Next() {
		var id int64
		var l Look
		if err := rows.Scan(&id, &l.Status, &l.Overdue); err != nil {
			return nil, fmt.Errorf("read the last look at the overview: %w", err)
		}
		out[id] = l
	}
	return out, rows.Err()
}

// SaveLooksTx records what the overview shows now, replacing the last look.
func SaveLooksTx(tx *Tx, looks map[int64]Look, now time.Time) error {
	if _, err := tx.Exec("DELETE FROM overview_looks"); err != nil {
		return fmt.Errorf("forget the last look at the overview: %w", err)
	}
	st, err := tx.Prepare("INSERT INTO overview_looks(shop_id, status, overdue, looked_at) VALUES (?,?,?,?)")
	if err != nil {
		return fmt.Errorf("record a look at the overview: %w", err)
	}
	defer st.Close()
	at := nowText(now)
	for id, l := range looks {
		if _, err := st.Exec(id, l.Status, l.Overdue, at); err != nil {
			return fmt.Errorf("record the look at shop %d: %w", id, err)
		}
	}
	return nil
}
