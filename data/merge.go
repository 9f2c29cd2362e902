package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// recordTable describes how one kind of imported record (orders, after-sales
// cases) is keyed, stored and remembered, so that one merge and one undo
// serve both.
type recordTable[T any] struct {
	table   string   // "orders"
	history string   // "order_history"
	key     string   // "order_id"
	cols    []string // the record's own columns, after shop_id and key
	keyOf   func(*T) string
	values  func(*T) []any // in cols order
}

// MergeCounts says what a merge did (or would do) with a file's records.
type MergeCounts struct {
	Created, Updated, Unchanged, Skipped int
}

func (c *MergeCounts) add(o MergeCounts) {
	c.Created += o.Created
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Skipped += o.Skipped
}

// existing is what the store holds for one key.
type existing struct {
	exportedAt Stamp
	batch      int64
	values     []any
}

// mergeChunk is how many keys are looked up in one query.
const mergeChunk = 400

// errSpread: a batch came to write a record it had already written (the
// lines of one order spread over a streamed file).
var errSpread = errors.New("a record of this batch came twice")

// merge compares records from an export taken at exportedAt with what the
// store holds and, when write is true, writes them as batchID, remembering
// every state it replaces. An older export never overwrites a newer one:
// such records count as skipped. A newer export showing the same state counts
// as unchanged but moves the record's export time forward. fresh says the
// caller knows the shop holds none of the records: nothing is looked up,
// and a record that is there after all fails its INSERT.
func (t recordTable[T]) merge(ctx context.Context, tx *sql.Tx, pg bool, shopID int64, records []T, exportedAt Stamp, batchID int64, write, fresh bool) (MergeCounts, error) {
	var c MergeCounts
	held := storedRecords[T]{t: t, tx: tx, shop: shopID}
	if !fresh {
		if err := held.find(ctx, len(records)); err != nil {
			return c, err
		}
		defer held.close()
	}
	// New records go in with a plain INSERT (the lookups say they are not
	// there, and the shop is locked against other writers); those replaced
	// with an upsert.
	var insert, replace, remember *rowWriter
	if write {
		all := append([]string{"shop_id", t.key}, t.cols...)
		all = append(all, "exported_at", "batch_id")
		head := "INSERT INTO " + t.table + "(" + strings.Join(all, ",") + ") "
		insert = newRowWriter(tx, pg, head, len(all), t.upsert())
		insert.tail = ""
		defer insert.close()
		replace = newRowWriter(tx, pg, head, len(all), t.upsert())
		defer replace.close()
		hist := append([]string{"batch_id", "shop_id", t.key}, t.cols...)
		hist = append(hist, "exported_at", "prev_batch_id")
		remember = newRowWriter(tx, pg, "INSERT INTO "+t.history+"("+strings.Join(hist, ",")+") ", len(hist), "")
		defer remember.close()
	}
	if write {
		// Keys in order fill the table's B-tree page after page instead of
		// splitting pages all over it: a large first import writes much faster.
		t.sortByKey(records)
	}
	args := make([]any, 0, len(t.cols)+4)
	for start := 0; start < len(records); start += mergeChunk {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		chunk := records[start:min(start+mergeChunk, len(records))]
		have, err := held.of(ctx, chunk)
		if err != nil {
			return c, err
		}
		for i := range chunk {
			r := &chunk[i]
			old, found := have[t.keyOf(r)]
			if found && write && old.batch == batchID {
				return c, errSpread
			}
			if !found && !write {
				c.Created++ // a preview needs no values for a new record
				continue
			}
			vals := t.values(r)
			same := found && sameValues(old.values, vals)
			switch {
			case !found:
				c.Created++
			case same && old.exportedAt >= exportedAt:
				c.Unchanged++
				continue
			case old.exportedAt > exportedAt:
				c.Skipped++
				continue
			default:
				// A newer export that shows the same state still counts: the
				// record now stands as of this export (a completed order's
				// closure date reads "the newest file that shows it completed").
				if same {
					c.Unchanged++
				} else {
					c.Updated++
				}
				if write {
					args = append(args[:0], batchID, shopID, t.keyOf(r))
					args = append(args, old.values...)
					args = append(args, old.exportedAt, old.batch)
					if err := remember.add(t.keyOf(r), args); err != nil {
						return c, err
					}
				}
			}
			if write {
				args = append(args[:0], shopID, t.keyOf(r))
				args = append(args, vals...)
				args = append(args, exportedAt, batchID)
				to := insert
				if found {
					to = replace
				}
				if err := to.add(t.keyOf(r), args); err != nil {
					return c, err
				}
			}
		}
		if write && (held.perChunk() || !pg) {
			// The next chunk's lookup reads the table: write this one first.
			// (When nothing is looked up chunk by chunk, PostgreSQL takes
			// the rows in fewer, larger statements.)
			if err := flushAll(remember, replace, insert); err != nil {
				return c, err
			}
		}
	}
	if write {
		return c, flushAll(remember, replace, insert)
	}
	return c, nil
}

// sortByKey puts records in key order; records of one key keep the order
// they came in, so that of an order listed twice the last state stays.
// Their positions are sorted (records are large to move), then the records
// are moved once, along the cycles of the new order.
func (t recordTable[T]) sortByKey(records []T) {
	order := make([]int32, len(records))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := strings.Compare(t.keyOf(&records[a]), t.keyOf(&records[b])); c != 0 {
			return c
		}
		return int(a - b)
	})
	// Position j takes the record at order[j]; a position done is marked -1.
	for i := range order {
		if order[i] < 0 || int(order[i]) == i {
			continue
		}
		first, j := records[i], i
		for {
			k := int(order[j])
			order[j] = -1
			if k == i {
				records[j] = first
				break
			}
			records[j] = records[k]
			j = k
		}
	}
}

// flushAll writes what each writer holds, in order.
func flushAll(ws ...*rowWriter) error {
	for _, w := range ws {
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

// upsert is the ON CONFLICT clause that replaces a stored record in place
// (both engines speak it; INSERT OR REPLACE is SQLite's alone).
func (t recordTable[T]) upsert() string {
	set := make([]string, 0, len(t.cols)+2)
	for _, c := range append(append([]string{}, t.cols...), "exported_at", "batch_id") {
		set = append(set, c+" = excluded."+c)
	}
	return " ON CONFLICT(shop_id, " + t.key + ") DO UPDATE SET " + strings.Join(set, ", ")
}

// rowWriter inserts rows many at a time: on SQLite one multi-row INSERT
// per writeRows rows (a statement per row made the calls into SQLite most of
// the cost of a large import); on PostgreSQL one array per column (INSERT …
// SELECT FROM unnest), which the server parses once however many rows, up
// to arrayRows. A key seen twice (an order listed twice) flushes first when
// its first row is still queued, so one statement never writes the same row
// twice, and from then on the writer upserts.
type rowWriter struct {
	tx     *sql.Tx
	pg     bool
	head   string // "INSERT INTO t(a,b) "
	tail   string // "", or the ON CONFLICT clause
	upsert string // the ON CONFLICT clause a repeated key switches to
	width  int
	full   *sql.Stmt // writeRows rows, prepared on first use (SQLite)
	args   []any
	rows   int
	keys   map[string]int // every key written, with the statement it went in
	stmt   int            // the statement being queued
}

const (
	writeRows = 50
	arrayRows = 5000
)

func newRowWriter(tx *sql.Tx, pg bool, head string, width int, upsert string) *rowWriter {
	return &rowWriter{tx: tx, pg: pg, head: head, width: width, tail: upsert, upsert: upsert,
		args: make([]any, 0, width*writeRows), keys: map[string]int{}}
}

// add queues one row's values (copied), writing when enough are queued.
func (w *rowWriter) add(key string, vals []any) error {
	if stmt, seen := w.keys[key]; seen {
		if stmt == w.stmt {
			if err := w.flush(); err != nil {
				return err
			}
		}
		if w.tail != w.upsert {
			w.tail = w.upsert
			w.close() // the statement prepared without it
			w.full = nil
		}
	}
	w.keys[key] = w.stmt
	w.args = append(w.args, vals...)
	w.rows++
	if w.rows < writeRows || w.pg && w.rows < arrayRows {
		return nil
	}
	return w.flush()
}

// flush writes the queued rows.
func (w *rowWriter) flush() error {
	if w.rows == 0 {
		return nil
	}
	var err error
	switch {
	case w.pg:
		err = w.flushArrays()
	case w.rows == writeRows:
		if w.full == nil {
			if w.full, err = w.tx.Prepare(w.statement(writeRows)); err != nil {
				return err
			}
		}
		_, err = w.full.Exec(w.args...)
	default:
		_, err = w.tx.Exec(w.statement(w.rows), w.args...)
	}
	clear(w.args)
	w.args, w.rows = w.args[:0], 0
	w.stmt++
	return err
}

func (w *rowWriter) statement(rows int) string {
	one := "(" + placeholders(w.width) + ")"
	return w.head + "VALUES " + strings.Repeat(one+",", rows-1) + one + w.tail
}

// flushArrays sends the queued rows to PostgreSQL as one array per column,
// encoded here in one pass (pgarrays.go).
func (w *rowWriter) flushArrays() error {
	cols, err := encodeColumns(w.args, w.width, w.rows)
	if err != nil {
		return err
	}
	_, err = w.tx.Exec(w.head+"SELECT * FROM unnest("+strings.Join(cols.casts, ",")+")"+w.tail, cols)
	return err
}

func (w *rowWriter) close() {
	if w.full != nil {
		w.full.Close()
	}
}

// storedRecords is what the store holds of the records a merge brings, for
// one shop: nothing to look up when the shop holds none; every record of
// the shop, read once, when it holds no more than the merge brings (a
// shop's first large export after a small one); else each chunk's keys,
// looked up with one statement prepared once (paddedIn).
type storedRecords[T any] struct {
	t    recordTable[T]
	tx   *sql.Tx
	shop int64
	any  bool                // the shop holds records of this kind
	all  map[string]existing // every record of the shop, when read at once
	look *paddedIn           // the chunk lookup, prepared on first use
}

// find counts (up to brought+1) what the shop holds, and reads it all when
// that is no more than brought.
func (s *storedRecords[T]) find(ctx context.Context, brought int) error {
	var n int
	if err := s.tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM "+s.t.table+" WHERE shop_id = ? LIMIT ?) AS held",
		s.shop, brought+1).Scan(&n); err != nil {
		return fmt.Errorf("count the shop's %s: %w", s.t.table, err)
	}
	s.any = n > 0
	if !s.any || n > brought {
		return nil
	}
	rows, err := s.tx.QueryContext(ctx, s.t.selectStored()+" WHERE shop_id = ?", s.shop)
	if err != nil {
		return fmt.Errorf("read the shop's %s: %w", s.t.table, err)
	}
	s.all, err = s.t.scanStored(rows, n)
	return err
}

// perChunk reports whether each chunk's keys are looked up in the table.
func (s *storedRecords[T]) perChunk() bool {
	return s.any && s.all == nil
}

// of is the stored state of the chunk's keys (more keys than those, when
// the shop's records were read at once).
func (s *storedRecords[T]) of(ctx context.Context, chunk []T) (map[string]existing, error) {
	switch {
	case !s.any:
		return map[string]existing{}, nil
	case s.all != nil:
		return s.all, nil
	}
	if s.look == nil {
		look, err := preparePaddedIn(ctx, s.tx, s.t.selectStored()+" WHERE shop_id = ? AND "+s.t.key, s.shop)
		if err != nil {
			return nil, fmt.Errorf("look up the shop's %s: %w", s.t.table, err)
		}
		s.look = look
	}
	rows, err := s.look.query(ctx, len(chunk), func(i int) string { return s.t.keyOf(&chunk[i]) })
	if err != nil {
		return nil, fmt.Errorf("look up the shop's %s: %w", s.t.table, err)
	}
	return s.t.scanStored(rows, len(chunk))
}

func (s *storedRecords[T]) close() {
	if s.look != nil {
		s.look.close()
	}
}

// selectStored selects what scanStored reads.
func (t recordTable[T]) selectStored() string {
	return "SELECT " + t.key + ", exported_at, batch_id, " + strings.Join(t.cols, ",") + " FROM " + t.table
}

// scanStored reads (and closes) rows of selectStored, keyed.
func (t recordTable[T]) scanStored(rows *sql.Rows, size int) (map[string]existing, error) {
	defer rows.Close()
	have := make(map[string]existing, size)
	for rows.Next() {
		var key string
		var e existing
		e.values = make([]any, len(t.cols))
		dest := make([]any, 3+len(t.cols))
		dest[0], dest[1], dest[2] = &key, &e.exportedAt, &e.batch
		for i := range e.values {
			dest[3+i] = &e.values[i]
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		have[key] = e
	}
	return have, rows.Err()
}

// sameValues compares stored values (as the driver returns them: int64,
// string, []byte) with a record's values (int64-like Go types and strings).
func sameValues(stored, vals []any) bool {
	if len(stored) != len(vals) {
		return false
	}
	for i := range vals {
		if normal(stored[i]) != normal(vals[i]) {
			return false
		}
	}
	return true
}

func normal(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case Stamp:
		return int64(x)
	case Date:
		return int64(x)
	case Money:
		return int64(x)
	case StatusClass:
		return string(x)
	}
	return v
}

// undoConflicts lists later, live batches that changed records this batch wrote.
func (t recordTable[T]) undoConflicts(tx *sql.Tx, shopID, batchID int64) ([]int64, error) {
	rows, err := tx.Query(`SELECT DISTINCT h.batch_id FROM `+t.history+` h JOIN import_batches b ON b.id = h.batch_id
		WHERE h.shop_id = ? AND h.prev_batch_id = ? AND h.batch_id <> ? AND b.undone_at = '' ORDER BY h.batch_id`, shopID, batchID, batchID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// undo removes what the batch created and puts back what it replaced.
func (t recordTable[T]) undo(tx *sql.Tx, shopID, batchID int64) error {
	if _, err := tx.Exec("DELETE FROM "+t.table+" WHERE shop_id = ? AND batch_id = ?", shopID, batchID); err != nil {
		return err
	}
	cols := strings.Join(t.cols, ",")
	_, err := tx.Exec(fmt.Sprintf(`INSERT INTO %s(shop_id, %s, %s, exported_at, batch_id)
		SELECT shop_id, %s, %s, exported_at, prev_batch_id FROM %s WHERE batch_id = ?`,
		t.table, t.key, cols, t.key, cols, t.history), batchID)
	return err
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
