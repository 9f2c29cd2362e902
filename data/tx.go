package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tx is one write transaction of the store, the only kind the core (app/)
// sees: all of it is written, or none. Now is the time it began, read once
// from the store's clock, so every row and audit entry it writes carries
// the same time.
type Tx struct {
	*sql.Tx
	Now time.Time
	Ctx context.Context
}

// Exec, Query, QueryRow and Prepare run in the transaction with its context,
// so every statement of the core's writes (SaveShopTx, AuditTx, …) stops
// when the caller cancels, though those functions take a plain Querier.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(t.Ctx, query, args...)
}

// Query runs a query in the transaction with its context.
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(t.Ctx, query, args...)
}

// QueryRow runs a one-row query in the transaction with its context.
func (t *Tx) QueryRow(query string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(t.Ctx, query, args...)
}

// Prepare prepares a statement in the transaction with its context.
func (t *Tx) Prepare(query string) (*sql.Stmt, error) {
	return t.Tx.PrepareContext(t.Ctx, query)
}

// Querier is what the store's write functions need of a transaction: a *Tx
// (the core's) or a *sql.Tx (inside data/).
type Querier interface {
	Exec(query string, args ...any) (sql.Result, error)
	Query(query string, args ...any) (*sql.Rows, error)
	QueryRow(query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// SetClock sets the time transactions begin at (the core's injected clock).
func (s *Store) SetClock(now func() time.Time) { s.clock = now }

func (s *Store) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

// Update runs fn in one transaction (Store.Tx), with the time captured once;
// an error that is not already a sentence for a person is wrapped with what
// was being done.
func (s *Store) Update(ctx context.Context, what string, fn func(*Tx) error) error {
	now := s.now()
	err := s.Tx(ctx, func(tx *sql.Tx) error { return fn(&Tx{Tx: tx, Now: now, Ctx: ctx}) })
	return doing(what, err)
}

// doing wraps err with what was being done, unless it is already a sentence
// for a person, a record not found or a cancel.
func doing(what string, err error) error {
	var said *Message
	if err == nil || errors.As(err, &said) || errors.Is(err, ErrNotFound) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}
