package data

import "context"

const violationColumns = "id, shop_id, date, kind, penalty, resolved, note, row_version"

func scanViolation(r rowScanner) (Violation, error) {
	var v Violation
	err := r.Scan(&v.ID, &v.ShopID, &v.Date, &v.Kind, &v.Penalty, &v.Resolved, &v.Note, &v.Version)
	return v, err
}

// Violations lists a shop's violations by date; shopID 0 lists all.
func (s *Store) Violations(ctx context.Context, shopID int64) ([]Violation, error) {
	q := "SELECT " + violationColumns + " FROM violations"
	var args []any
	if shopID != 0 {
		q += " WHERE shop_id = ?"
		args = append(args, shopID)
	}
	rows, err := s.read.QueryContext(ctx, q+" ORDER BY date, id", args...)
	out, err := collect(rows, err, scanViolation)
	return out, reading(err, "list the violations")
}

// SaveViolationTx inserts (ID 0) or updates a violation and returns its id;
// an update made on an older v.Version than the stored one is refused (Stale).
func SaveViolationTx(tx Querier, v Violation) (int64, error) {
	if v.ID == 0 {
		res, err := tx.Exec("INSERT INTO violations(shop_id, date, kind, penalty, resolved, note) VALUES (?,?,?,?,?,?)",
			v.ShopID, v.Date, v.Kind, v.Penalty, v.Resolved, v.Note)
		if err != nil {
			return 0, err
		}
		return res.LastInsertId()
	}
	res, err := tx.Exec(`UPDATE violations SET date=?, kind=?, penalty=?, resolved=?, note=?, row_version = row_version + 1
		WHERE id=? AND (? = 0 OR row_version = ?)`,
		v.Date, v.Kind, v.Penalty, v.Resolved, v.Note, v.ID, v.Version, v.Version)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var shop string
		tx.QueryRow("SELECT name FROM shops WHERE id = ?", v.ShopID).Scan(&shop)
		return 0, staleOrMissing(tx, "violations", v.ID, v.ShopID, shop, msgStaleViolation)
	}
	return v.ID, nil
}

// DeleteViolationTx removes a violation.
func DeleteViolationTx(tx Querier, id int64) error {
	_, err := tx.Exec("DELETE FROM violations WHERE id = ?", id)
	return err
}
