package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// notifyChannel is where every committed change of a team database is
// announced (Store.Tx), so every open window can show it; a database holding
// several Deposit Desk schemas has a channel per schema.
const notifyChannel = "depositdesk"

func (s *Store) setChannel() error {
	var schema string
	if err := s.db.QueryRow("SELECT coalesce(current_schema(), 'public')").Scan(&schema); err != nil {
		return fmt.Errorf("read the schema name: %w", err)
	}
	s.channel = notifyChannel
	if schema != "public" {
		s.channel += "_" + schema
	}
	return nil
}

// shopLockClass keeps the per-shop advisory locks apart from any other
// program's locks on the same server.
const shopLockClass = 0x4444 << 32

// lockShop serialises imports and undos of one shop on PostgreSQL: the
// second waits until the first commits, then merges with what it wrote.
// (SQLite has one writer at a time already.)
func (s *Store) lockShop(tx *sql.Tx, shopID int64) error {
	if !s.pg {
		return nil
	}
	_, err := tx.Exec("SELECT pg_advisory_xact_lock(?)", int64(shopLockClass)|shopID)
	return err
}

// Instance names this store's connections on the server (application_name
// "depositdesk INSTANCE"), "" on SQLite.
func (s *Store) Instance() string { return s.instance }

func newInstance() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// RemoteEvent is what Listen reports: someone else changed the data, or the
// connection to the server was lost (Lost, while retrying) or came back.
type RemoteEvent struct {
	Changed  bool
	Lost     error
	Restored bool
}

// Listen calls fn (from its own goroutine) whenever another person commits a
// change to the team database, and when the connection to the server is
// lost and restored; it retries until ctx ends. It returns once it listens
// (or after 5 s of trying). On SQLite it does nothing.
func (s *Store) Listen(ctx context.Context, fn func(RemoteEvent)) {
	if !s.pg {
		return
	}
	ready := make(chan struct{})
	go s.listen(ctx, fn, ready)
	select {
	case <-ready:
	case <-time.After(5 * time.Second):
	case <-ctx.Done():
	}
}

func (s *Store) listen(ctx context.Context, fn func(RemoteEvent), ready chan struct{}) {
	lost := false
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, fn, &lost, ready)
		if ctx.Err() != nil {
			return
		}
		if !lost {
			lost = true
			fn(RemoteEvent{Lost: Msg("Connection to the team database lost, retrying… ({{.Err}})", map[string]any{"Err": err.Error()})})
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
	}
}

// listenOnce holds one listening connection until it fails.
func (s *Store) listenOnce(ctx context.Context, fn func(RemoteEvent), lost *bool, ready chan struct{}) error {
	cfg, err := pgx.ParseConfig(s.pgURL)
	if err != nil {
		return err
	}
	cfg.RuntimeParams["application_name"] = "depositdesk " + s.instance
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+ident(s.channel)); err != nil {
		return err
	}
	select {
	case <-ready:
	default:
		close(ready)
	}
	if *lost {
		*lost = false
		// What changed while we were away is unknown: reload everything.
		fn(RemoteEvent{Restored: true, Changed: true})
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if n.Payload != s.instance {
			fn(RemoteEvent{Changed: true})
		}
	}
}
