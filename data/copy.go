package data

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// copyTables lists the tables of the schema in the order the migrations
// create them, which is an order foreign keys accept.
func copyTables() ([]string, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	create := regexp.MustCompile(`(?i)CREATE TABLE (?:IF NOT EXISTS )?([A-Za-z_][A-Za-z_0-9]*)`)
	var out []string
	for _, m := range ms {
		for _, g := range create.FindAllStringSubmatch(m.sql, -1) {
			out = append(out, strings.ToLower(g[1]))
		}
	}
	return out, nil
}

// opening lists the tables that opening a store fills (the built-in rule
// sets, settings): a copy replaces what they hold.
var opening = map[string]bool{"rule_sets": true, "settings": true}

// CopyTo copies every record of s into dst, which must hold nothing yet
// (the built-in rule sets aside), in one transaction on dst: all of it, or
// nothing. It returns how many rows each table received.
func (s *Store) CopyTo(ctx context.Context, dst *Store) (map[string]int, error) {
	tables, err := copyTables()
	if err != nil {
		return nil, err
	}
	for _, t := range tables {
		if opening[t] {
			continue
		}
		var n int
		if err := dst.db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("count the rows of %s in the target: %w", t, err)
		}
		if n > 0 {
			return nil, Msg("{{.Target}} already holds data ({{.Table}}): copy only into an empty database.", map[string]any{"Target": dst.Path(), "Table": t})
		}
	}
	src, err := s.snapshot(ctx)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.Path(), err)
	}
	defer src.Rollback()
	counts := map[string]int{}
	err = dst.Tx(ctx, func(tx *sql.Tx) error {
		if dst.pg {
			// The copied audit log keeps its users: the trigger that writes
			// the login is for new entries.
			if _, err := tx.Exec("ALTER TABLE audit_log DISABLE TRIGGER audit_log_login"); err != nil {
				return err
			}
		}
		for t := range opening {
			if _, err := tx.Exec("DELETE FROM " + t); err != nil {
				return err
			}
		}
		for _, t := range tables {
			n, err := copyTable(ctx, src, tx, t)
			if err != nil {
				return fmt.Errorf("copy %s: %w", t, err)
			}
			counts[t] = n
		}
		if !dst.pg {
			return nil
		}
		for t := range identityTables(mustMigrations()) {
			if _, err := tx.Exec("SELECT setval(pg_get_serial_sequence(?, 'id'), coalesce((SELECT max(id) FROM "+t+"), 0) + 1, false)", t); err != nil {
				return fmt.Errorf("move the ids of %s on: %w", t, err)
			}
		}
		_, err := tx.Exec("ALTER TABLE audit_log ENABLE TRIGGER audit_log_login")
		return err
	})
	return counts, err
}

func mustMigrations() []migration {
	ms, _ := loadMigrations()
	return ms
}

// copyTable copies one table's rows, column by column name.
func copyTable(ctx context.Context, src, dst *sql.Tx, table string) (int, error) {
	rows, err := src.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	// Plain multi-row VALUES on both engines: a NULL stays NULL.
	insert := newRowWriter(dst, false, "INSERT INTO "+table+"("+strings.Join(quoted, ",")+") ", len(cols), "")
	defer insert.close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		n++
		if err := insert.add(strconv.Itoa(n), vals); err != nil {
			return n, err
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, insert.flush()
}
