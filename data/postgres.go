package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgresURL says whether a --db value names a PostgreSQL database (team
// mode) rather than a SQLite file.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// RedactURL is a PostgreSQL URL without its password, for messages and titles.
func RedactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// pgConnector hands out pgx connections that speak the store's SQL: every
// statement is rewritten by toPostgres, Go bools are sent as the 0/1 integers
// the schema stores, and an INSERT into a table with an identity id returns
// that id through LastInsertId, as SQLite does.
type pgConnector struct {
	inner driver.Connector
	ids   map[string]bool // tables whose id the database assigns
	url   string          // for the sentence when the server cannot be reached
}

func (c *pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, connectError(c.url, err)
	}
	return &pgConn{Conn: conn.(*stdlib.Conn), ids: c.ids}, nil
}

func (c *pgConnector) Driver() driver.Driver { return c.inner.Driver() }

type pgConn struct {
	*stdlib.Conn
	ids map[string]bool
	// ahead holds the INSERTs of whole columns sent without waiting for
	// their results (sendColumns), sent of them not yet answered; every
	// other use of the connection settles them first.
	ahead *pgconn.Pipeline
	sent  int
}

// rewrite gives the PostgreSQL form of q and whether it must return an id.
func (c *pgConn) rewrite(q string) (string, bool) {
	q = toPostgres(q)
	m := insertInto.FindStringSubmatch(q)
	if m == nil || !c.ids[strings.ToLower(m[1])] || strings.Contains(strings.ToUpper(q), "RETURNING") {
		return q, false
	}
	return strings.TrimRight(strings.TrimSpace(q), ";") + " RETURNING id", true
}

func (c *pgConn) Prepare(q string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), q)
}

func (c *pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	if err := c.settle(); err != nil {
		return nil, err
	}
	q, returning := c.rewrite(q)
	st, err := c.Conn.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	return &pgStmt{Stmt: st.(*stdlib.Stmt), conn: c, returning: returning}, nil
}

func (c *pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.settle(); err != nil {
		return nil, err
	}
	q, returning := c.rewrite(q)
	if len(args) == 1 {
		if cols, ok := args[0].Value.(*pgColumns); ok {
			return c.sendColumns(ctx, q, cols, returning)
		}
	}
	if !returning {
		return c.Conn.ExecContext(ctx, q, args)
	}
	rows, err := c.Conn.QueryContext(ctx, q, args)
	return insertedIDs(rows, err)
}

func (c *pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.settle(); err != nil {
		return nil, err
	}
	q, _ = c.rewrite(q)
	return bytesBack(c.Conn.QueryContext(ctx, q, args))
}

// CheckNamedValue sends a bool as 0 or 1 (the schema keeps flags as
// integers), and a string holding bytes that are not UTF-8 (a damaged file
// name, a cell in an unknown encoding) in a form PostgreSQL accepts.
func (c *pgConn) CheckNamedValue(v *driver.NamedValue) error {
	switch x := v.Value.(type) {
	case bool:
		v.Value = int64(0)
		if x {
			v.Value = int64(1)
		}
	case string:
		v.Value = keepBytes(x)
	}
	return nil
}

// A byte that is not UTF-8 is kept as a code point of plane 16's private
// use area (U+10FF00 + the byte), and given back as that byte when read, so
// a PostgreSQL store returns exactly what a SQLite store does.
const byteRunes = 0x10FF00

func keepBytes(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(byteRunes + rune(s[i]))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func giveBytes(s string) string {
	if !strings.Contains(s, "\xf4\x8f") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= byteRunes && r <= byteRunes+0xff {
			b.WriteByte(byte(r - byteRunes))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bytesRows gives back the bytes keepBytes kept.
type bytesRows struct{ driver.Rows }

func (r bytesRows) Next(dest []driver.Value) error {
	if err := r.Rows.Next(dest); err != nil {
		return err
	}
	for i, v := range dest {
		if s, ok := v.(string); ok {
			dest[i] = giveBytes(s)
		}
	}
	return nil
}

func bytesBack(rows driver.Rows, err error) (driver.Rows, error) {
	if err != nil {
		return nil, err
	}
	return bytesRows{rows}, nil
}

func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	if err := s.conn.settle(); err != nil {
		return nil, err
	}
	return bytesBack(s.Stmt.QueryContext(ctx, args))
}

type pgStmt struct {
	*stdlib.Stmt
	conn      *pgConn
	returning bool
}

func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	if err := s.conn.settle(); err != nil {
		return nil, err
	}
	if !s.returning {
		return s.Stmt.ExecContext(ctx, args)
	}
	return insertedIDs(s.Stmt.QueryContext(ctx, args))
}

// insertResult is what an INSERT … RETURNING id did.
type insertResult struct{ last, n int64 }

func (r insertResult) LastInsertId() (int64, error) { return r.last, nil }
func (r insertResult) RowsAffected() (int64, error) { return r.n, nil }

func insertedIDs(rows driver.Rows, err error) (driver.Result, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var r insertResult
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		if err := rows.Next(dest); err != nil {
			if errors.Is(err, io.EOF) {
				return r, nil
			}
			return nil, err
		}
		if id, ok := dest[0].(int64); ok {
			r.last = id
		}
		r.n++
	}
}

// openPostgresDB opens a pool on the database at rawURL; the password comes
// from the URL, PGPASSWORD or ~/.pgpass (pgx reads them).
func openPostgresDB(rawURL, instance string, ids map[string]bool) (*sql.DB, error) {
	cfg, err := parsePostgresURL(rawURL)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["application_name"] = "depositdesk " + instance
	// A connection that sat idle may have died with a server restart: check
	// it before use, so a restart costs no failed command.
	ping := stdlib.OptionShouldPing(func(_ context.Context, p stdlib.ShouldPingParams) bool {
		return p.IdleDuration > 200*time.Millisecond
	})
	return sql.OpenDB(&pgConnector{inner: stdlib.GetConnector(*cfg, ping), ids: ids, url: rawURL}), nil
}

func parsePostgresURL(rawURL string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		why := err // pgconn's own error repeats the address (password hidden)
		if inner := errors.Unwrap(err); inner != nil {
			why = inner
		}
		return nil, Msg("{{.URL}} is not a PostgreSQL address that Deposit Desk can read (postgres://USER@HOST/DATABASE): {{.Err}}",
			map[string]any{"URL": RedactURL(rawURL), "Err": why.Error()})
	}
	return cfg, nil
}

// connectError turns a failure to reach the database into one sentence that
// says which of server, login, password or database is wrong.
func connectError(rawURL string, err error) error {
	cfg, perr := pgx.ParseConfig(rawURL)
	if perr != nil {
		return perr
	}
	var said *Message
	if errors.As(err, &said) {
		return said
	}
	// pgx says every address it tried on a line of its own: the last says why.
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	why := strings.TrimSpace(lines[len(lines)-1])
	args := map[string]any{"Server": serverName(cfg), "User": cfg.User, "Database": cfg.Database, "Err": why}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		args["Err"] = pg.Message
		switch pg.Code {
		case "28P01":
			return Msg("The PostgreSQL server {{.Server}} refused the password of {{.User}}; check the password in the address, PGPASSWORD or ~/.pgpass.", args)
		case "28000":
			return Msg("The PostgreSQL server {{.Server}} does not let {{.User}} connect to {{.Database}}: {{.Err}}.", args)
		case "3D000":
			return Msg("There is no database {{.Database}} on the PostgreSQL server {{.Server}}; create it first (createdb {{.Database}}).", args)
		}
		return Msg("The PostgreSQL server {{.Server}} refused the connection: {{.Err}}.", args)
	}
	return Msg("Cannot reach the PostgreSQL server {{.Server}}: is it running, and is the address right? ({{.Err}})", args)
}

func serverName(cfg *pgx.ConnConfig) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return cfg.Host
	}
	return fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
}

// openPostgres opens a team database and brings its schema up to date.
func openPostgres(rawURL string) (*Store, error) {
	ms, err := loadMigrations()
	if err != nil {
		return nil, err
	}
	instance := newInstance()
	db, err := openPostgresDB(rawURL, instance, identityTables(ms))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(time.Minute)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, connectError(rawURL, err)
	}
	s := &Store{db: db, read: db, path: RedactURL(rawURL), pg: true, pgURL: rawURL, instance: instance}
	err = s.setChannel()
	if err == nil {
		err = s.migrateTo(ms)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// snapshot begins a read transaction that sees one state of the database
// throughout (SQLite's WAL readers do; PostgreSQL needs REPEATABLE READ).
func (s *Store) snapshot(ctx context.Context) (*sql.Tx, error) {
	if !s.pg {
		return s.read.BeginTx(ctx, nil)
	}
	return s.read.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// Postgres says whether the store is a team database on PostgreSQL.
func (s *Store) Postgres() bool { return s.pg }

// postgresSetup prepares a database for the migrations: the table that
// records them (PostgreSQL has no user_version) and the case-insensitive
// collation that SQLite's COLLATE NOCASE columns become.
var postgresSetup = []string{
	`CREATE TABLE IF NOT EXISTS schema_versions (
		version    BIGINT PRIMARY KEY,
		name       TEXT NOT NULL,
		previous   BIGINT NOT NULL,
		applied_at TEXT NOT NULL,
		applied_by TEXT NOT NULL DEFAULT current_user)`,
	`CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`,
}

// migrationLock is the advisory lock two desktops opening a new team
// database at once take: one migrates, the other then finds it done.
const migrationLock = 0x44455348 // "DESH"

func (s *Store) postgresSchemaVersion() (int, error) {
	var v int
	var exists bool
	if err := s.db.QueryRow(`SELECT to_regclass('schema_versions') IS NOT NULL`).Scan(&exists); err != nil || !exists {
		return 0, err
	}
	err := s.db.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_versions`).Scan(&v)
	return v, err
}

// migratePostgres applies the migrations in one transaction. A PostgreSQL
// database needs no file copy first: each applied version records the one
// it came from (and who applied it).
func (s *Store) migratePostgres(ms []migration) error {
	return s.Tx(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrationLock); err != nil {
			return fmt.Errorf("lock the schema for migration: %w", err)
		}
		for _, q := range postgresSetup {
			if _, err := tx.Exec(q); err != nil {
				return fmt.Errorf("prepare the database for migrations: %w", err)
			}
		}
		team := isTeam(tx)
		if team {
			// New tables belong to the owners role, like the others.
			owners, _, err := teamRoles(tx)
			if err != nil {
				return err
			}
			if _, err := tx.Exec("SET LOCAL ROLE " + ident(owners)); err != nil {
				return Msg("This team database needs an update that only an owner can make: ask an owner to open it with this version of Deposit Desk first.", nil)
			}
		}
		var current int
		if err := tx.QueryRow("SELECT coalesce(max(version), 0) FROM schema_versions").Scan(&current); err != nil {
			return fmt.Errorf("read the schema version: %w", err)
		}
		for _, m := range ms {
			if m.version <= current {
				continue
			}
			if _, err := tx.Exec(ddlToPostgres(m.sql) + postgresOnly(m.version)); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if _, err := tx.Exec("INSERT INTO schema_versions(version, name, previous, applied_at) VALUES (?,?,?,?)",
				m.version, m.name, current, nowText(time.Now())); err != nil {
				return fmt.Errorf("record migration %s: %w", m.name, err)
			}
			current = m.version
		}
		if team {
			return teamPolicies(tx)
		}
		return nil
	})
}

//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// postgresOnly is what migration version adds on PostgreSQL alone
// (migrations/postgres/NNN_*.sql): roles, row-level security, triggers.
func postgresOnly(version int) string {
	entries, _ := postgresMigrations.ReadDir("migrations/postgres")
	var b strings.Builder
	for _, e := range entries {
		num, _, _ := strings.Cut(e.Name(), "_")
		if v, err := strconv.Atoi(num); err == nil && v == version {
			text, _ := postgresMigrations.ReadFile("migrations/postgres/" + e.Name())
			b.WriteString(";\n")
			b.Write(text)
		}
	}
	return b.String()
}
