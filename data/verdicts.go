package data

import (
	"time"
)

// VerdictStatusesTx reads the last recorded verdict status of every shop, by shop id.
func VerdictStatusesTx(tx Querier) (map[int64]string, error) {
	rows, err := tx.Query("SELECT shop_id, status FROM shop_verdicts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var st string
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, rows.Err()
}

// SaveVerdictStatusTx records a shop's verdict status as of a day.
func SaveVerdictStatusTx(tx Querier, shopID int64, status string, asOf Date, now time.Time) error {
	_, err := tx.Exec(`INSERT INTO shop_verdicts(shop_id, status, as_of, updated_at) VALUES (?,?,?,?)
		ON CONFLICT(shop_id) DO UPDATE SET status = excluded.status, as_of = excluded.as_of, updated_at = excluded.updated_at`,
		shopID, status, asOf, nowText(now))
	return err
}
