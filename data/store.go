package data

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // the SQLite driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite database of one user. It is safe for concurrent use:
// writes are serialised by SQLite (one writer, WAL readers never wait).
type Store struct {
	db   *sql.DB // the writer: one connection, transactions take the write lock at BEGIN
	read *sql.DB // readers: deferred transactions that never block each other
	path string
	pg   bool // team mode: a PostgreSQL database (postgres.go)

	pgURL    string // the address with its password, for the listening connection
	instance string // names this store's own notifications, which Listen ignores
	channel  string // where changes are announced (notifyChannel, per schema)

	clock func() time.Time // when transactions begin (SetClock)
}

// writerCache is the writer's page cache (KiB, as SQLite's negative
// cache_size): with the default 2 MiB a large import spilled its pages to the
// WAL again and again (141,000 page writes for a 100,000-row file, whose
// pages take 9 MB). It is taken only as pages are used; 32 MiB holds a
// 300,000-row import's pages, and keeps a streamed import of any size
// under 150 MB (64 MiB took a 2,000,000-row one to 153 MB).
const writerCache = "-32768"

// Open opens (creating when missing) the database at path, copies it aside
// before a migration changes it, and brings its schema up to date.
func Open(path string) (*Store, error) {
	if IsPostgresURL(path) {
		return openPostgres(path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, Msg("Cannot create the data folder {{.Folder}}: {{.Err}}", map[string]any{"Folder": dir, "Err": err.Error()})
		}
	}
	base := "file:" + escapePath(path) + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=10000&_synchronous=NORMAL"
	db := openSQLite(base + "&_txlock=immediate&_cache_size=" + writerCache)
	// One writer: a write transaction takes the lock at BEGIN, so two never
	// deadlock upgrading a read lock.
	db.SetMaxOpenConns(1)
	// INSERT OR REPLACE keeps a statement journal, by default a temporary
	// file: a 100,000-row import wrote it 125,000 times. Held in memory, it
	// costs no system call (the one connection keeps the setting).
	if _, err := db.Exec("PRAGMA temp_store = MEMORY"); err != nil {
		db.Close()
		return nil, err
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, err
	}
	// Readers in WAL mode neither block the writer nor each other, so the
	// window reads while an import writes and verdicts use every core.
	s.read = openSQLite(base + "&_query_only=true")
	s.read.SetMaxOpenConns(4)
	s.read.SetConnMaxIdleTime(time.Minute)
	return s, nil
}

// escapePath makes a file path safe inside a file: URI (spaces, #, ? and
// non-ASCII names such as 店铺 导出 2026 stay as they are otherwise).
func escapePath(p string) string {
	r := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")
	return r.Replace(p)
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	if s.read != nil && s.read != s.db {
		s.read.Close()
	}
	return s.db.Close()
}

// migration is one numbered file of migrations/.
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := migrations.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() {
			continue // postgres/: additions for PostgreSQL only
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		b, err := migrations.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the version the database is at (0 for a new file).
func (s *Store) SchemaVersion() (int, error) {
	if s.pg {
		return s.postgresSchemaVersion()
	}
	var v int
	err := s.db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

func (s *Store) migrate() error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	return s.migrateTo(ms)
}

// migrateTo applies the migrations newer than the file's version, each in a
// transaction, after copying a non-empty file aside.
func (s *Store) migrateTo(ms []migration) error {
	current, err := s.SchemaVersion()
	if err != nil {
		return Msg("{{.File}} is not a Deposit Desk database: {{.Err}}", map[string]any{"File": s.path, "Err": err.Error()})
	}
	latest := ms[len(ms)-1].version
	if current > latest {
		return Msg("The database {{.File}} was written by a newer Deposit Desk (schema {{.Have}}, this one knows {{.Know}}); update Deposit Desk.", map[string]any{"File": s.path, "Have": current, "Know": latest})
	}
	if current == latest {
		return nil
	}
	if s.pg {
		return s.migratePostgres(ms)
	}
	if current > 0 {
		if _, err := s.Backup(context.Background(), fmt.Sprintf("%s.before-v%d.bak", s.path, latest)); err != nil {
			return fmt.Errorf("backup before migration: %w", err)
		}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		err := s.Tx(context.Background(), func(tx *sql.Tx) error {
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Backup writes a consistent copy of the database to dest (which must not
// exist) with VACUUM INTO, and returns dest.
func (s *Store) Backup(ctx context.Context, dest string) (string, error) {
	if s.pg {
		return "", Msg("A team database lives on its PostgreSQL server: back it up there (pg_dump), or copy it to a file with depositdesk db copy --to FILE.", nil)
	}
	if _, err := os.Stat(dest); err == nil {
		return "", Msg("{{.File}} already exists; choose another name.", map[string]any{"File": dest})
	}
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return "", fmt.Errorf("back up to %s: %w", dest, err)
	}
	return dest, nil
}

// Restore replaces the database at dst with the backup at src: the backup is
// checked first (it must open as a Deposit Desk database), the current file is
// kept beside as dst+".before-restore.bak". The store at dst must be closed.
func Restore(src, dst string) error {
	if IsPostgresURL(dst) {
		return Msg("A team database is restored on its PostgreSQL server, or by copying a backup file into an empty database with depositdesk db copy.", nil)
	}
	check, err := Open(src)
	if err != nil {
		return err
	}
	var n int
	err = check.db.QueryRow("SELECT count(*) FROM shops").Scan(&n)
	check.Close()
	if err != nil {
		return Msg("{{.File}} is not a Deposit Desk backup.", map[string]any{"File": src})
	}
	if _, err := os.Stat(dst); err == nil {
		keep := dst + ".before-restore.bak"
		os.Remove(keep)
		if err := copyFile(dst, keep); err != nil {
			return err
		}
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(dst + suffix)
	}
	tmp := dst + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Tx runs fn in one transaction: all of it is written, or none of it. On
// PostgreSQL the other open windows hear of it when it commits (Listen).
func (s *Store) Tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return cancelledOr(ctx, notYourClient(err))
	}
	return s.commit(ctx, tx)
}

// commit commits tx, announcing it on PostgreSQL; on an error tx is rolled
// back.
func (s *Store) commit(ctx context.Context, tx *sql.Tx) error {
	if s.pg {
		if _, err := tx.ExecContext(ctx, "SELECT pg_notify(?, ?)", s.channel, s.instance); err != nil {
			tx.Rollback()
			return cancelledOr(ctx, err)
		}
	}
	return cancelledOr(ctx, tx.Commit())
}

// cancelledOr gives err, or the context's own error when the context is done
// and err is not already it. Once the context of a transaction is done,
// database/sql rolls the transaction back and closes its statements on a
// goroutine of its own; a statement racing it fails with "statement is
// closed" or "transaction has already been committed or rolled back", which
// would hide the cancel that caused it.
func cancelledOr(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return cerr
	}
	return err
}

// ErrNotFound is returned when a record does not exist.
var ErrNotFound = errors.New("not found")

// Setting reads a stored setting; def when unset.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := reading(s.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v), "read the setting %s", key)
	if errors.Is(err, ErrNotFound) {
		return def, nil
	}
	return v, err
}

func nowText(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parseNow(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}
