package data

import (
	"context"
	"database/sql"
)

// paddedIn is a query ending in "IN (…)" with mergeChunk places for keys,
// after some leading arguments, prepared once and run for each chunk of up
// to mergeChunk keys: a short chunk repeats its last key (IN takes it
// once). On SQLite, preparing a statement of 400 parameters for each chunk
// cost more than running it.
type paddedIn struct {
	stmt *sql.Stmt
	args []any
	lead int
}

// preparePaddedIn prepares query, to which it adds the IN list, with the
// leading arguments lead.
func preparePaddedIn(ctx context.Context, p interface {
	PrepareContext(context.Context, string) (*sql.Stmt, error)
}, query string, lead ...any) (*paddedIn, error) {
	st, err := p.PrepareContext(ctx, query+" IN ("+placeholders(mergeChunk)+")")
	if err != nil {
		return nil, err
	}
	return &paddedIn{stmt: st, args: append(lead, make([]any, mergeChunk)...), lead: len(lead)}, nil
}

// query runs the statement for keys (1 to mergeChunk of them), key(i)
// giving the i-th.
func (p *paddedIn) query(ctx context.Context, n int, key func(i int) string) (*sql.Rows, error) {
	for i := range mergeChunk {
		p.args[p.lead+i] = key(min(i, n-1))
	}
	return p.stmt.QueryContext(ctx, p.args...)
}

func (p *paddedIn) close() { p.stmt.Close() }
