package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Incoming is one read file on its way into a shop.
type Incoming struct {
	Batch  ImportBatch // ShopID, FileName, SHA256, Kind, Encoding, ExportedAt, Rows, Records, Warnings
	Orders []Order
	Cases  []ReturnCase
}

func (in *Incoming) counts(ctx context.Context, tx *sql.Tx, pg bool, batchID int64, write bool) (MergeCounts, error) {
	b := in.Batch
	if b.Kind == KindReturns {
		return caseTable.merge(ctx, tx, pg, b.ShopID, in.Cases, b.ExportedAt, batchID, write, false)
	}
	return orderTable.merge(ctx, tx, pg, b.ShopID, in.Orders, b.ExportedAt, batchID, write, false)
}

// PlanImport says what importing would do, writing nothing.
func (s *Store) PlanImport(ctx context.Context, in *Incoming) (MergeCounts, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return MergeCounts{}, err
	}
	defer tx.Rollback()
	c, err := in.counts(ctx, tx, s.pg, 0, false)
	return c, cancelledOr(ctx, err)
}

// CommitImport writes a file's records as a new batch in one transaction,
// with then(tx, batch) run inside it (the audit entry); on any error nothing
// is written.
func (s *Store) CommitImport(ctx context.Context, in *Incoming, now time.Time, then func(*Tx, ImportBatch) error) (ImportBatch, error) {
	var b ImportBatch
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if b, err = s.commitTx(ctx, tx, in, now, 0); err != nil {
			return err
		}
		if then != nil {
			return then(&Tx{Tx: tx, Now: now, Ctx: ctx}, b)
		}
		return nil
	})
	if err != nil {
		return ImportBatch{}, err
	}
	return b, nil
}

// commitTx writes in's records as a new batch of group (0 for none).
func (s *Store) commitTx(ctx context.Context, tx *sql.Tx, in *Incoming, now time.Time, group int64) (ImportBatch, error) {
	b, err := s.newBatchTx(ctx, tx, in.Batch, now, group)
	if err != nil {
		return b, err
	}
	c, err := in.counts(ctx, tx, s.pg, b.ID, true)
	if err != nil {
		return b, fmt.Errorf("write the records of %s: %w", b.FileName, err)
	}
	b.Created, b.Updated, b.Unchanged, b.Skipped = c.Created, c.Updated, c.Unchanged, c.Skipped
	return b, saveBatchTx(ctx, tx, b)
}

// newBatchTx records batch b of group as imported now and returns it with
// its ID; on PostgreSQL it first waits for any other import into the shop
// (lockShop).
func (s *Store) newBatchTx(ctx context.Context, tx *sql.Tx, b ImportBatch, now time.Time, group int64) (ImportBatch, error) {
	if err := s.lockShop(tx, b.ShopID); err != nil {
		return b, fmt.Errorf("wait for the other imports into the shop: %w", err)
	}
	warnings, _ := json.Marshal(nonNil(b.Warnings))
	res, err := tx.ExecContext(ctx, `INSERT INTO import_batches(shop_id, file_name, sha256, kind, encoding, exported_at, rows, records,
		created, updated, unchanged, skipped, warnings, imported_at, group_id) VALUES (?,?,?,?,?,?,?,?,0,0,0,0,?,?,?)`,
		b.ShopID, b.FileName, b.SHA256, string(b.Kind), b.Encoding, int64(b.ExportedAt), b.Rows, b.Records, string(warnings), nowText(now), group)
	if err != nil {
		return b, fmt.Errorf("record the import of %s: %w", b.FileName, err)
	}
	b.ID, _ = res.LastInsertId()
	b.ImportedAt, b.Group = now, group
	return b, nil
}

// saveBatchTx records what batch b did and what its file turned out to
// hold once read (fingerprint, encoding, rows, records, warnings).
func saveBatchTx(ctx context.Context, tx *sql.Tx, b ImportBatch) error {
	warnings, _ := json.Marshal(nonNil(b.Warnings))
	if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET sha256=?, encoding=?, rows=?, records=?,
		created=?, updated=?, unchanged=?, skipped=?, warnings=? WHERE id=?`,
		b.SHA256, b.Encoding, b.Rows, b.Records, b.Created, b.Updated, b.Unchanged, b.Skipped, string(warnings), b.ID); err != nil {
		return fmt.Errorf("count the import of %s: %w", b.FileName, err)
	}
	return nil
}

// An import group is written by a GroupWriter, a few files to a
// transaction, and a group that fails half-way is discarded, so that it is
// all or nothing.

func newGroupTx(ctx context.Context, tx *sql.Tx, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO import_groups(files, imported_at) VALUES (0, ?)", nowText(now))
	if err != nil {
		return 0, fmt.Errorf("record an import group: %w", err)
	}
	return res.LastInsertId()
}

// FinishGroupTx records how many files the group holds once all are written.
func FinishGroupTx(ctx context.Context, tx Querier, group int64, files int) error {
	if _, err := tx.ExecContext(ctx, "UPDATE import_groups SET files = ? WHERE id = ?", files, group); err != nil {
		return fmt.Errorf("finish import group %d: %w", group, err)
	}
	return nil
}

// DiscardGroup takes back out every batch a group that failed half-way
// wrote, newest first, and forgets the group and its batches, in one
// transaction: the database is as it was before the group.
func (s *Store) DiscardGroup(ctx context.Context, group int64) error {
	g, err := s.Group(ctx, group)
	if err != nil {
		return err
	}
	return s.Tx(ctx, func(tx *sql.Tx) error {
		for i := len(g.Batches) - 1; i >= 0; i-- {
			if b := &g.Batches[i]; !b.Undone {
				if err := s.undoTx(tx, b, time.Time{}); err != nil {
					return err
				}
			}
		}
		// The batches' history rows go with them (ON DELETE CASCADE).
		if _, err := tx.ExecContext(ctx, "DELETE FROM import_batches WHERE group_id = ?", group); err != nil {
			return fmt.Errorf("forget the batches of import group %d: %w", group, err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM import_groups WHERE id = ?", group); err != nil {
			return fmt.Errorf("forget import group %d: %w", group, err)
		}
		return nil
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const batchColumns = `b.id, b.shop_id, s.name, b.file_name, b.sha256, b.kind, b.encoding, b.exported_at, b.rows, b.records,
	b.created, b.updated, b.unchanged, b.skipped, b.warnings, b.imported_at, b.undone_at, b.group_id`

func scanBatch(r rowScanner) (ImportBatch, error) {
	var b ImportBatch
	var kind, warnings, imported, undone string
	err := r.Scan(&b.ID, &b.ShopID, &b.Shop, &b.FileName, &b.SHA256, &kind, &b.Encoding, &b.ExportedAt, &b.Rows, &b.Records,
		&b.Created, &b.Updated, &b.Unchanged, &b.Skipped, &warnings, &imported, &undone, &b.Group)
	b.Kind = FileKind(kind)
	json.Unmarshal([]byte(warnings), &b.Warnings)
	b.Warnings = nonNil(b.Warnings)
	b.ImportedAt = parseNow(imported)
	if undone != "" {
		b.Undone, b.UndoneAt = true, parseNow(undone)
	}
	return b, err
}

// Batches lists import batches, newest first; shopID 0 lists every shop's.
func (s *Store) Batches(ctx context.Context, shopID int64) ([]ImportBatch, error) {
	q := "SELECT " + batchColumns + " FROM import_batches b JOIN shops s ON s.id = b.shop_id"
	var args []any
	if shopID != 0 {
		q += " WHERE b.shop_id = ?"
		args = append(args, shopID)
	}
	rows, err := s.read.QueryContext(ctx, q+" ORDER BY b.id DESC", args...)
	out, err := collect(rows, err, scanBatch)
	return out, reading(err, "list the imports")
}

// Batch reads one batch; ErrNotFound when there is none.
func (s *Store) Batch(ctx context.Context, id int64) (ImportBatch, error) {
	b, err := scanBatch(s.read.QueryRowContext(ctx, "SELECT "+batchColumns+" FROM import_batches b JOIN shops s ON s.id = b.shop_id WHERE b.id = ?", id))
	return b, reading(err, "read import %d", id)
}

// LiveBatchBySHA finds a batch of this shop, not undone, with the same file contents.
func (s *Store) LiveBatchBySHA(ctx context.Context, shopID int64, sha string) (ImportBatch, bool, error) {
	return liveBatchBySHA(ctx, s.read, shopID, sha)
}

func liveBatchBySHA(ctx context.Context, q querier, shopID int64, sha string) (ImportBatch, bool, error) {
	b, err := scanBatch(q.QueryRowContext(ctx, "SELECT "+batchColumns+` FROM import_batches b JOIN shops s ON s.id = b.shop_id
		WHERE b.shop_id = ? AND b.sha256 = ? AND b.undone_at = '' ORDER BY b.id DESC LIMIT 1`, shopID, sha))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return b, false, nil
	case err != nil:
		return b, false, fmt.Errorf("find an earlier import of the same file: %w", err)
	}
	return b, true, nil
}

// LiveBatchesBySHA finds the batches of any shop, not undone, with these file contents.
func (s *Store) LiveBatchesBySHA(ctx context.Context, sha string) ([]ImportBatch, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+batchColumns+` FROM import_batches b JOIN shops s ON s.id = b.shop_id
		WHERE b.sha256 = ? AND b.undone_at = '' ORDER BY b.id DESC`, sha)
	bs, err := collect(rows, err, scanBatch)
	if err != nil {
		return nil, fmt.Errorf("find earlier imports of the same file: %w", err)
	}
	return bs, nil
}

// UndoBatch restores exactly the state before the batch, in one transaction
// with then(tx, batch) (the audit entry). It refuses when a later import
// changed records this batch wrote, naming those batches: undo them first.
func (s *Store) UndoBatch(ctx context.Context, id int64, now time.Time, then func(*Tx, ImportBatch) error) (ImportBatch, error) {
	b, err := s.Batch(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return b, Msg("There is no import batch {{.ID}}.", map[string]any{"ID": id})
	}
	if err != nil {
		return b, err
	}
	if b.Undone {
		return b, Msg("Import batch {{.ID}} ({{.File}}) was already undone.", map[string]any{"ID": id, "File": b.FileName})
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.undoTx(tx, &b, now); err != nil {
			return err
		}
		if then != nil {
			return then(&Tx{Tx: tx, Now: now, Ctx: ctx}, b)
		}
		return nil
	})
	return b, err
}

// undoTx takes batch b back out in tx, refusing when a later live batch
// changed records it wrote. On PostgreSQL it first waits for any import or
// undo of the shop (lockShop), then reads whether someone undid it meanwhile.
func (s *Store) undoTx(tx *sql.Tx, b *ImportBatch, now time.Time) error {
	if err := s.lockShop(tx, b.ShopID); err != nil {
		return fmt.Errorf("wait for the other imports into the shop: %w", err)
	}
	var undone bool
	if err := tx.QueryRow("SELECT undone_at <> '' FROM import_batches WHERE id = ?", b.ID).Scan(&undone); err != nil {
		return fmt.Errorf("read import batch %d: %w", b.ID, err)
	}
	if undone {
		return Msg("Import batch {{.ID}} ({{.File}}) was already undone.", map[string]any{"ID": b.ID, "File": b.FileName})
	}
	var later []int64
	for _, conflicts := range []func(*sql.Tx, int64, int64) ([]int64, error){orderTable.undoConflicts, caseTable.undoConflicts} {
		ids, err := conflicts(tx, b.ShopID, b.ID)
		if err != nil {
			return fmt.Errorf("find imports after batch %d: %w", b.ID, err)
		}
		later = append(later, ids...)
	}
	if len(later) > 0 {
		names := make([]string, len(later))
		for i, l := range later {
			names[i] = "#" + strconv.FormatInt(l, 10)
		}
		return Msg("Import batch {{.ID}} cannot be undone alone: later imports ({{.Later}}) changed the same records. Undo those first.",
			map[string]any{"ID": b.ID, "Later": strings.Join(names, ", ")})
	}
	if err := orderTable.undo(tx, b.ShopID, b.ID); err != nil {
		return fmt.Errorf("undo the orders of batch %d: %w", b.ID, err)
	}
	if err := caseTable.undo(tx, b.ShopID, b.ID); err != nil {
		return fmt.Errorf("undo the cases of batch %d: %w", b.ID, err)
	}
	if _, err := tx.Exec("UPDATE import_batches SET undone_at = ? WHERE id = ?", nowText(now), b.ID); err != nil {
		return fmt.Errorf("mark batch %d undone: %w", b.ID, err)
	}
	b.Undone, b.UndoneAt = true, now
	return nil
}

// Group reads an import group with its batches; ErrNotFound when there is none.
func (s *Store) Group(ctx context.Context, id int64) (ImportGroup, error) {
	g := ImportGroup{ID: id}
	var imported, undone string
	err := s.read.QueryRowContext(ctx, "SELECT imported_at, undone_at FROM import_groups WHERE id = ?", id).Scan(&imported, &undone)
	if errors.Is(err, sql.ErrNoRows) {
		return g, ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("read import group %d: %w", id, err)
	}
	g.ImportedAt, g.Undone = parseNow(imported), undone != ""
	rows, err := s.read.QueryContext(ctx, "SELECT "+batchColumns+" FROM import_batches b JOIN shops s ON s.id = b.shop_id WHERE b.group_id = ? ORDER BY b.id", id)
	if g.Batches, err = collect(rows, err, scanBatch); err != nil {
		return g, fmt.Errorf("read the batches of import group %d: %w", id, err)
	}
	return g, nil
}

// UndoGroup takes every live batch of an import group back out, newest
// first, in one transaction with then(tx, batches undone) (the audit
// entries): all of them, or none when one cannot be undone.
func (s *Store) UndoGroup(ctx context.Context, id int64, now time.Time, then func(*Tx, []ImportBatch) error) (ImportGroup, error) {
	g, err := s.Group(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return g, Msg("There is no import group {{.ID}}.", map[string]any{"ID": id})
	}
	if err != nil {
		return g, err
	}
	if g.Undone {
		return g, Msg("Import group {{.ID}} was already undone.", map[string]any{"ID": id})
	}
	err = s.Tx(ctx, func(tx *sql.Tx) error {
		var undone []ImportBatch
		for i := len(g.Batches) - 1; i >= 0; i-- {
			b := &g.Batches[i]
			if b.Undone {
				continue
			}
			if err := s.undoTx(tx, b, now); err != nil {
				return err
			}
			undone = append(undone, *b)
		}
		if _, err := tx.Exec("UPDATE import_groups SET undone_at = ? WHERE id = ?", nowText(now), id); err != nil {
			return fmt.Errorf("mark import group %d undone: %w", id, err)
		}
		if then != nil {
			return then(&Tx{Tx: tx, Now: now, Ctx: ctx}, undone)
		}
		return nil
	})
	if err != nil {
		return g, err
	}
	g.Undone = true
	return g, nil
}

// Evidence is what a shop's live imports prove: the export time of its
// newest orders export and of its newest returns export, 0 when it has none
// of that kind. An empty export (header only) counts: it proves there is nothing.
type Evidence struct {
	Orders, Returns Stamp
}

// AsOf is how fresh the shop's data is (PRODUCT.md §2): the older of the
// newest orders and newest returns export, or the one kind there is; 0 when
// nothing was imported.
func (e Evidence) AsOf() Stamp {
	switch {
	case e.Orders == 0:
		return e.Returns
	case e.Returns == 0:
		return e.Orders
	}
	return min(e.Orders, e.Returns)
}

// Evidence is, for every shop that has a live import, its Evidence.
func (s *Store) Evidence(ctx context.Context) (map[int64]Evidence, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT shop_id, kind, max(exported_at) FROM import_batches WHERE undone_at = '' GROUP BY shop_id, kind")
	if err != nil {
		return nil, fmt.Errorf("read the exports each shop has: %w", err)
	}
	defer rows.Close()
	out := map[int64]Evidence{}
	for rows.Next() {
		var id int64
		var kind string
		var st Stamp
		if err := rows.Scan(&id, &kind, &st); err != nil {
			return nil, fmt.Errorf("read the exports each shop has: %w", err)
		}
		e := out[id]
		switch FileKind(kind) {
		case KindOrders:
			e.Orders = st
		case KindReturns:
			e.Returns = st
		}
		out[id] = e
	}
	return out, rows.Err()
}
