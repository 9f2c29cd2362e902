package data

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
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

// existing is what the store holds for one key.
type existing struct {
	exportedAt Stamp
	batch      int64
	values     []any
}

// mergeChunk is how many keys are looked up in one query.
const mergeChunk = 400

// merge compares records from an export taken at exportedAt with what the
// store holds and, when write is true, writes them as batchID, remembering
// every state it replaces. An older export never overwrites a newer one:
// such records count as skipped. A newer export showing the same state counts
// as unchanged but moves the record's export time forward.
func (t recordTable[T]) merge(ctx context.Context, tx *sql.Tx, pg bool, shopID int64, records []T, exportedAt Stamp, batchID int64, write bool) (MergeCounts, error) {
	var c MergeCounts
	var hasAny bool
	if err := tx.QueryRow("SELECT EXISTS(SELECT 1 FROM "+t.table+" WHERE shop_id = ?)", shopID).Scan(&hasAny); err != nil {
		return c, err
	}
	// Rows go in many to a statement: one round trip per chunk, not per
	// record, which is what a server (PostgreSQL) needs to keep up.
	all := append([]string{"shop_id", t.key}, t.cols...)
	all = append(all, "exported_at", "batch_id")
	insert := newRowsInsert(tx, pg, t.table, all, t.upsert())
	if !hasAny {
		// Nothing of this shop's to replace (and no other writer, as the
		// shop is locked): a plain INSERT, which costs PostgreSQL less.
		insert.tail = ""
	}
	hist := append([]string{"batch_id", "shop_id", t.key}, t.cols...)
	hist = append(hist, "exported_at", "prev_batch_id")
	remember := newRowsInsert(tx, pg, t.history, hist, "")
	if write {
		// Keys in order fill the table's B-tree page after page instead of
		// splitting pages all over it: a large first import writes much faster.
		sort.Slice(records, func(i, j int) bool { return t.keyOf(&records[i]) < t.keyOf(&records[j]) })
	}
	args := make([]any, 0, len(t.cols)+4)
	for start := 0; start < len(records); start += mergeChunk {
		if err := ctx.Err(); err != nil {
			return c, err
		}
		chunk := records[start:min(start+mergeChunk, len(records))]
		have := map[string]existing{}
		if hasAny {
			var err error
			if have, err = t.lookup(tx, shopID, chunk); err != nil {
				return c, err
			}
		}
		for i := range chunk {
			r := &chunk[i]
			vals := t.values(r)
			old, found := have[t.keyOf(r)]
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
					if err := remember.add(t.keyOf(r), args...); err != nil {
						return c, err
					}
				}
			}
			if write {
				args = append(args[:0], shopID, t.keyOf(r))
				args = append(args, vals...)
				args = append(args, exportedAt, batchID)
				if err := insert.add(t.keyOf(r), args...); err != nil {
					return c, err
				}
			}
		}
	}
	if err := remember.flush(); err != nil {
		return c, err
	}
	return c, insert.flush()
}

// insertRows is how many rows one INSERT carries at most (within the
// 32,766 parameters SQLite allows and PostgreSQL's 65,535).
const insertRows = 1000

// rowsInsert collects rows for one multi-row INSERT; a key seen twice
// flushes first, so one statement never upserts the same row twice, and
// from then on upserts.
type rowsInsert struct {
	tx         *sql.Tx
	pg         bool
	head, tail string
	upsert     string
	width      int
	args       []any
	keys       map[string]bool
}

func newRowsInsert(tx *sql.Tx, pg bool, table string, cols []string, tail string) *rowsInsert {
	return &rowsInsert{tx: tx, pg: pg, head: "INSERT INTO " + table + "(" + strings.Join(cols, ",") + ") ", tail: tail,
		upsert: tail, width: len(cols), keys: map[string]bool{}}
}

func (b *rowsInsert) add(key string, vals ...any) error {
	if b.keys[key] {
		if err := b.flush(); err != nil {
			return err
		}
		b.tail = b.upsert
	}
	b.keys[key] = true
	b.args = append(b.args, vals...)
	if len(b.args) >= insertRows*b.width {
		return b.flush()
	}
	return nil
}

func (b *rowsInsert) flush() error {
	n := len(b.args) / b.width
	if n == 0 {
		return nil
	}
	var err error
	if b.pg {
		err = b.flushArrays(n)
	} else {
		row := "(" + placeholders(b.width) + ")"
		_, err = b.tx.Exec(b.head+"VALUES "+strings.Repeat(row+",", n-1)+row+b.tail, b.args...)
	}
	b.args = b.args[:0]
	clear(b.keys)
	return err
}

// flushArrays sends the rows to PostgreSQL as one array per column
// (INSERT … SELECT FROM unnest), which the server parses once, however many
// rows there are.
func (b *rowsInsert) flushArrays(n int) error {
	cols := make([]any, b.width)
	casts := make([]string, b.width)
	for j := 0; j < b.width; j++ {
		if _, isText := normal(b.args[j]).(string); isText {
			col := make([]string, n)
			for i := range col {
				text, _ := normal(b.args[i*b.width+j]).(string)
				col[i] = keepBytes(text)
			}
			cols[j], casts[j] = col, "?::text[]"
		} else {
			col := make([]int64, n)
			for i := range col {
				col[i], _ = normal(b.args[i*b.width+j]).(int64)
			}
			cols[j], casts[j] = col, "?::bigint[]"
		}
	}
	_, err := b.tx.Exec(b.head+"SELECT * FROM unnest("+strings.Join(casts, ",")+")"+b.tail, cols...)
	return err
}

// lookup reads the stored state of the chunk's keys.
func (t recordTable[T]) lookup(tx *sql.Tx, shopID int64, chunk []T) (map[string]existing, error) {
	keys := make([]any, 0, len(chunk)+1)
	keys = append(keys, shopID)
	for i := range chunk {
		keys = append(keys, t.keyOf(&chunk[i]))
	}
	q := "SELECT " + t.key + ", exported_at, batch_id, " + strings.Join(t.cols, ",") +
		" FROM " + t.table + " WHERE shop_id = ? AND " + t.key + " IN (" + placeholders(len(chunk)) + ")"
	rows, err := tx.Query(q, keys...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := make(map[string]existing, len(chunk))
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

// upsert is the ON CONFLICT clause that replaces a stored record in place
// (both engines speak it; INSERT OR REPLACE is SQLite's alone).
func (t recordTable[T]) upsert() string {
	set := make([]string, 0, len(t.cols)+2)
	for _, c := range append(append([]string{}, t.cols...), "exported_at", "batch_id") {
		set = append(set, c+" = excluded."+c)
	}
	return " ON CONFLICT(shop_id, " + t.key + ") DO UPDATE SET " + strings.Join(set, ", ")
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
