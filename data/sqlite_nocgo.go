//go:build !cgo

package data

import "database/sql"

// openSQLite without cgo opens the driver as it is: it says at the first
// statement that SQLite needs cgo.
func openSQLite(dsn string) *sql.DB {
	db, _ := sql.Open("sqlite3", dsn)
	return db
}
