package data

import (
	"database/sql"
)

const violationColumns = "id, shop_id, date, kind, penalty, resolved, note"

func scanViolation(r rowScanner) (Violation, error) {
	var v Violation
	err := r.Scan(&v.ID, &v.ShopID, &v.Date, &v.Kind, &v.Penalty, &v.Resolved, &v.Note)
	return v, err
}

// Violations lists a shop's violations by date; shopID 0 lists all.
func (s *Store) Violations(shopID int64) ([]Violation, error) {
	q := "SELECT " + violationColumns + " FROM violations"
	var args []any
	if shopID != 0 {
		q += " WHERE shop_id = ?"
		args = append(args, shopID)
	}
	rows, err := s.read.Query(q+" ORDER BY date, id", args...)
	return collect(rows, err, scanViolation)
}

// SaveViolationTx inserts (ID 0) or updates a violation and returns its id.
func SaveViolationTx(tx *sql.Tx, v Violation) (int64, error) {
	if v.ID == 0 {
		res, err := tx.Exec("INSERT INTO violations(shop_id, date, kind, penalty, resolved, note) VALUES (?,?,?,?,?,?)",
			v.ShopID, v.Date, v.Kind, v.Penalty, v.Resolved, v.Note)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	res, err := tx.Exec("UPDATE violations SET date=?, kind=?, penalty=?, resolved=?, note=? WHERE id=?",
		v.Date, v.Kind, v.Penalty, v.Resolved, v.Note, v.ID)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, ErrNotFound
	}
	return v.ID, nil
}

// DeleteViolationTx removes a violation.
func DeleteViolationTx(tx *sql.Tx, id int64) error {
	_, err := tx.Exec("DELETE FROM violations WHERE id = ?", id)
	return err
}
