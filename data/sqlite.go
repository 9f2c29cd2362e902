//go:build cgo

package data

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/mattn/go-sqlite3"
)

// The SQLite driver runs a statement whose context can be cancelled on a
// goroutine of its own, and each row of such a query on yet another, so
// that it can interrupt them; the caller parks until that goroutine is done.
// An import runs thousands of statements under a cancellable context (the
// command line's Ctrl-C, the window's Cancel, a batch's own): each one
// parked the writer and woke another goroutine, and on two cores that
// goroutine took the core the writer came back for. A batch import's writer
// spent a quarter of its time waiting so.
//
// So the store's SQLite connections run every statement on the calling
// goroutine, and check the context themselves: before each statement, and
// before each row a query returns. A statement that has begun runs to its
// end (an import's statements take a few milliseconds; the slowest read,
// readiness on a million orders, a few hundred).

// openSQLite opens a pool of connections to the SQLite database dsn.
func openSQLite(dsn string) *sql.DB {
	return sql.OpenDB(sqliteConnector{dsn: dsn})
}

type sqliteConnector struct{ dsn string }

func (c sqliteConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	conn, err := c.Driver().Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &sqliteConn{conn.(*sqlite3.SQLiteConn)}, nil
}

func (sqliteConnector) Driver() driver.Driver { return &sqlite3.SQLiteDriver{} }

// sqliteConn is a driver connection whose statements run on the caller's
// goroutine.
type sqliteConn struct{ *sqlite3.SQLiteConn }

// inline is the context the driver is given: never done, so that it does
// not move the work to another goroutine.
var inline = context.Background()

func (c *sqliteConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c.SQLiteConn.BeginTx(inline, opts)
}

func (c *sqliteConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st, err := c.SQLiteConn.PrepareContext(inline, q)
	if err != nil {
		return nil, err
	}
	return &sqliteStmt{st.(*sqlite3.SQLiteStmt)}, nil
}

func (c *sqliteConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c.SQLiteConn.ExecContext(inline, q, args)
}

func (c *sqliteConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := c.SQLiteConn.QueryContext(inline, q, args)
	if err != nil {
		return nil, err
	}
	return &sqliteRows{rows.(*sqlite3.SQLiteRows), ctx}, nil
}

func (c *sqliteConn) Ping(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return c.SQLiteConn.Ping(inline)
}

// sqliteStmt is a prepared statement that runs on the caller's goroutine.
type sqliteStmt struct{ *sqlite3.SQLiteStmt }

func (s *sqliteStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return s.SQLiteStmt.ExecContext(inline, args)
}

func (s *sqliteStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rows, err := s.SQLiteStmt.QueryContext(inline, args)
	if err != nil {
		return nil, err
	}
	return &sqliteRows{rows.(*sqlite3.SQLiteRows), ctx}, nil
}

// sqliteRows are a query's rows, read on the caller's goroutine, that stop
// with the context's error once it is done.
type sqliteRows struct {
	*sqlite3.SQLiteRows
	ctx context.Context
}

func (r *sqliteRows) Next(dest []driver.Value) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.SQLiteRows.Next(dest)
}
