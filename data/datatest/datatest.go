// Package datatest gives tests a fresh, empty database: a SQLite file in a
// temporary folder, or — when DEPOSITDESK_TEST_PG names a PostgreSQL server
// (make test starts one) — a new schema on that server, so the same suite
// runs on both engines.
package datatest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver for the admin connection
)

// PostgresEnv names the URL of a PostgreSQL server (as a superuser) the
// suite runs on instead of SQLite files.
const PostgresEnv = "DEPOSITDESK_TEST_PG"

// Server is the PostgreSQL server the suite runs on, "" for SQLite.
func Server() string { return os.Getenv(PostgresEnv) }

var (
	adminOnce sync.Once
	admin     *sql.DB
	adminErr  error
)

// Admin is a connection to Server as its superuser (for creating schemas,
// roles, and reading what a test wrote with raw SQL).
func Admin(t testing.TB) *sql.DB {
	t.Helper()
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", Server())
		if adminErr == nil {
			adminErr = admin.Ping()
		}
	})
	if adminErr != nil {
		t.Fatalf("PostgreSQL at %s: %v", Server(), adminErr)
	}
	return admin
}

// DB is where a test's fresh database lives: filepath.Join(t.TempDir(),
// file...) for SQLite, else the URL of a new schema on Server, dropped when
// the test ends.
func DB(t testing.TB, file ...string) string {
	t.Helper()
	if Server() == "" {
		return filepath.Join(append([]string{t.TempDir()}, file...)...)
	}
	return Schema(t)
}

// Schema creates an empty schema on Server and returns the URL that uses it;
// it is dropped when the test ends (after the stores it opened are closed).
func Schema(t testing.TB) string {
	t.Helper()
	Admin(t)
	u, err := NewSchema()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { DropSchema(u) })
	return u
}

// NewSchema creates an empty schema on Server and returns the URL that uses
// it; DropSchema removes it (for what outlives one test, e.g. a benchmark's
// large database).
func NewSchema() (string, error) {
	adminOnce.Do(func() {
		admin, adminErr = sql.Open("pgx", Server())
	})
	if adminErr != nil {
		return "", adminErr
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + name); err != nil {
		return "", err
	}
	return WithParam(Server(), "search_path", name), nil
}

// DropSchema removes a schema made by NewSchema and all it holds.
func DropSchema(rawURL string) {
	if name := SchemaOf(rawURL); name != "" && admin != nil {
		admin.Exec("DROP SCHEMA " + name + " CASCADE")
	}
}

// WithParam returns rawURL with one query parameter set.
func WithParam(rawURL, key, value string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// AsLogin returns rawURL with another login (no password: the test server
// trusts its unix socket).
func AsLogin(rawURL, login string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	u.User = url.User(login)
	return u.String()
}

// Login creates a login role on Server with the given options (e.g.
// "CREATEROLE") and returns its name.
func Login(t testing.TB, options string) string {
	t.Helper()
	b := make([]byte, 5)
	rand.Read(b)
	name := "l_" + hex.EncodeToString(b)
	if _, err := Admin(t).Exec("CREATE ROLE " + name + " LOGIN " + options); err != nil {
		t.Fatal(err)
	}
	return name
}

// SchemaOf is the schema a URL made by Schema uses.
func SchemaOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Query().Get("search_path")
}

// LoginOf is the login a URL connects as.
func LoginOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return ""
	}
	return u.User.Username()
}
