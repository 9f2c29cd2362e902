package data

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
)

// A large import reaches PostgreSQL as one array per column (rowWriter's
// INSERT … SELECT FROM unnest). pgx would encode such an array element by
// element through interfaces, growing its buffer as it goes: for 50,000
// orders that was a tenth of a second of the import. pgColumns holds the
// arrays already in PostgreSQL's binary form, built in one pass over the
// queued values, and the driver (pgConn.ExecContext) sends them as they are.

// PostgreSQL's type OIDs of the arrays and of their elements.
const (
	oidInt8       = 20
	oidText       = 25
	oidInt8Array  = 1016
	oidTextArray  = 1009
	arrayHeadSize = 20 // dimensions, has-nulls flag, element type, length, lower bound
)

// pgColumns is the single argument of a statement whose parameters are
// whole columns ($1 … $n, each a bigint[] or text[]), already encoded.
type pgColumns struct {
	values [][]byte
	oids   []uint32
	casts  []string // "?::bigint[]" or "?::text[]", in column order
}

// encodeColumns encodes rows queued rows of width values each (row after
// row, as rowWriter keeps them) as one binary array per column. A column is
// text when its first row's value is (normal), else a 64-bit integer.
func encodeColumns(args []any, width, rows int) (*pgColumns, error) {
	c := &pgColumns{values: make([][]byte, width), oids: make([]uint32, width), casts: make([]string, width)}
	for j := 0; j < width; j++ {
		_, isText := normal(args[j]).(string)
		if isText {
			size := arrayHeadSize + 4*rows
			for i := 0; i < rows; i++ {
				s, _ := normal(args[i*width+j]).(string)
				size += len(s)
			}
			b := arrayHead(make([]byte, 0, size), oidText, rows)
			for i := 0; i < rows; i++ {
				v := normal(args[i*width+j])
				s, ok := v.(string)
				if !ok {
					return nil, fmt.Errorf("column %d, row %d: %T in a text column", j+1, i+1, v)
				}
				s = keepBytes(s)
				b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
				b = append(b, s...)
			}
			c.values[j], c.oids[j], c.casts[j] = b, oidTextArray, "?::text[]"
			continue
		}
		b := arrayHead(make([]byte, 0, arrayHeadSize+12*rows), oidInt8, rows)
		for i := 0; i < rows; i++ {
			v := normal(args[i*width+j])
			n, ok := v.(int64)
			if !ok {
				return nil, fmt.Errorf("column %d, row %d: %T in an integer column", j+1, i+1, v)
			}
			b = binary.BigEndian.AppendUint32(b, 8)
			b = binary.BigEndian.AppendUint64(b, uint64(n))
		}
		c.values[j], c.oids[j], c.casts[j] = b, oidInt8Array, "?::bigint[]"
	}
	return c, nil
}

// arrayHead starts a one-dimensional array of n elements of type elem,
// without nulls, indexed from 1.
func arrayHead(b []byte, elem uint32, n int) []byte {
	b = binary.BigEndian.AppendUint32(b, 1) // dimensions
	b = binary.BigEndian.AppendUint32(b, 0) // no nulls
	b = binary.BigEndian.AppendUint32(b, elem)
	b = binary.BigEndian.AppendUint32(b, uint32(n))
	return binary.BigEndian.AppendUint32(b, 1) // lower bound
}

// sendColumns runs q (already in PostgreSQL's words) with the encoded
// columns as its parameters, in binary. Inside a transaction it does not
// wait for the server: the statements go down one pipeline, each sent while
// the one before runs and answered while the caller prepares the next, so
// the server goes from one to the next without waiting for the program. The
// next other use of the connection (a statement, the commit) waits for them
// and fails with their error, so a transaction never commits without them.
// Outside a transaction it waits, as any statement does.
func (c *pgConn) sendColumns(ctx context.Context, q string, cols *pgColumns, returning bool) (driver.Result, error) {
	if returning {
		return nil, errors.New("an INSERT of whole columns cannot return ids")
	}
	pg := c.Conn.Conn().PgConn()
	if pg.IsClosed() {
		return nil, driver.ErrBadConn
	}
	formats := make([]int16, len(cols.values))
	for i := range formats {
		formats[i] = 1 // binary
	}
	if pg.TxStatus() != 'T' {
		tag, err := pg.ExecParams(ctx, q, cols.values, cols.oids, formats, nil).Close()
		if err != nil {
			return nil, err
		}
		return driver.RowsAffected(tag.RowsAffected()), nil
	}
	if c.ahead == nil {
		c.ahead = pg.StartPipeline(ctx)
	}
	c.ahead.SendQueryParams(q, cols.values, cols.oids, formats, nil)
	c.ahead.SendPipelineSync()
	if err := c.ahead.Flush(); err != nil {
		c.ahead, c.sent = nil, 0 // a failed flush closes the pipeline and the connection
		return nil, err
	}
	c.sent++
	if c.sent > 1 {
		// The statement before has had the server to itself: its answer
		// is due now, and waiting for it keeps at most one in the pipe.
		if err := c.answer(); err != nil {
			c.settle()
			return nil, err
		}
	}
	return sentAhead{}, nil
}

// answer reads the oldest unanswered statement's result and its sync point.
func (c *pgConn) answer() error {
	for {
		res, err := c.ahead.GetResults()
		if err != nil {
			return err
		}
		switch r := res.(type) {
		case *pgconn.ResultReader:
			if _, err := r.Close(); err != nil {
				return err
			}
		case *pgconn.PipelineSync:
			c.sent--
			return nil
		case nil:
			return errors.New("the server did not answer a statement sent")
		}
	}
}

// settle waits for the statements sent ahead, if any, ends the pipeline,
// and returns the first error.
func (c *pgConn) settle() error {
	if c.ahead == nil {
		return nil
	}
	var err error
	for c.sent > 0 && err == nil {
		err = c.answer()
	}
	if end := c.ahead.Close(); err == nil {
		err = end
	}
	c.ahead, c.sent = nil, 0
	if err != nil {
		return fmt.Errorf("write the rows sent before: %w", err)
	}
	return nil
}

// sentAhead is the result of a statement still running.
type sentAhead struct{}

func (sentAhead) LastInsertId() (int64, error) {
	return 0, errors.New("an INSERT of whole columns returns no id")
}

func (sentAhead) RowsAffected() (int64, error) {
	return 0, errors.New("the rows sent are counted when the next statement runs")
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if err := c.settle(); err != nil {
		return nil, err
	}
	tx, err := c.Conn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &pgTx{Tx: tx, conn: c}, nil
}

func (c *pgConn) Ping(ctx context.Context) error {
	if err := c.settle(); err != nil {
		return err
	}
	return c.Conn.Ping(ctx)
}

func (c *pgConn) ResetSession(ctx context.Context) error {
	if err := c.settle(); err != nil {
		return driver.ErrBadConn
	}
	return c.Conn.ResetSession(ctx)
}

func (c *pgConn) Close() error {
	c.settle()
	return c.Conn.Close()
}

// pgTx commits only once the statements sent ahead have succeeded.
type pgTx struct {
	driver.Tx
	conn *pgConn
}

func (t *pgTx) Commit() error {
	if err := t.conn.settle(); err != nil {
		t.Tx.Rollback()
		return err
	}
	return t.Tx.Commit()
}

func (t *pgTx) Rollback() error {
	t.conn.settle() // its error goes with the rest of the transaction
	return t.Tx.Rollback()
}

// textArray is strings as a PostgreSQL text[] parameter, each kept as
// keepBytes keeps a lone string argument (pgConn.CheckNamedValue).
func textArray(strs []string) []string {
	out := make([]string, len(strs))
	for i, s := range strs {
		out[i] = keepBytes(s)
	}
	return out
}
