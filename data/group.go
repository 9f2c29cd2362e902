package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// groupCommitRecords is how many records a GroupWriter writes in one
// transaction before it commits and begins the next.
//
// Each file of a group used to be a transaction of its own, and a
// transaction writes every page it changed. A folder of one shop's exports
// adds orders all over the shop's pages, so every file wrote the shop's
// whole table again: 77,600 page writes for 20 files of 7,500 orders whose
// data takes 6,700 pages, and a cost that grew with the square of the
// folder. Several files to a transaction write those pages once. The bound
// keeps a transaction's pages within the writer's cache, and the wait of
// anyone else writing on this computer (the window, another import) to the
// time it takes to read and write that many records: about half a second
// for csv, a second or two for xlsx, well within the ten seconds a writer
// waits for the database.
const groupCommitRecords = 100_000

// GroupWriter writes the files of one import group, several files to a
// transaction. Its lookups (Holders, LiveBatchBySHA) see what it has
// written and not yet committed. Finish commits the group; on any error,
// Discard takes all of it back out.
type GroupWriter struct {
	s         *Store
	now       time.Time
	id        int64   // the group, 0 until its first file
	tx        *sql.Tx // the open transaction, nil between two
	pending   int     // records written in tx
	limit     int     // records to a transaction (groupCommitRecords)
	committed bool    // part of the group is committed
}

// NewGroupWriter begins an import group imported at now; nothing is
// written until its first file.
func (s *Store) NewGroupWriter(now time.Time) *GroupWriter {
	return &GroupWriter{s: s, now: now, limit: groupCommitRecords}
}

// ID is the group's ID, 0 while nothing is written.
func (w *GroupWriter) ID() int64 { return w.id }

// begin opens a transaction when none is open, recording the group in the
// first one.
func (w *GroupWriter) begin(ctx context.Context) error {
	if w.tx != nil {
		return nil
	}
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return cancelledOr(ctx, err)
	}
	w.tx = tx
	if w.id == 0 {
		if w.id, err = newGroupTx(ctx, tx, w.now); err != nil {
			return cancelledOr(ctx, err)
		}
	}
	return nil
}

// Add writes in's records as a batch of the group.
func (w *GroupWriter) Add(ctx context.Context, in *Incoming) (ImportBatch, error) {
	if err := w.begin(ctx); err != nil {
		return ImportBatch{}, err
	}
	b, err := w.s.commitTx(ctx, w.tx, in, w.now, w.id)
	if err != nil {
		return ImportBatch{}, cancelledOr(ctx, notYourClient(err))
	}
	if w.pending += len(in.Orders) + len(in.Cases); w.pending >= w.limit {
		if err := w.Commit(ctx); err != nil {
			return ImportBatch{}, err
		}
	}
	return b, nil
}

// Commit commits what the group wrote so far.
func (w *GroupWriter) Commit(ctx context.Context) error {
	if w.tx == nil {
		return nil
	}
	tx := w.tx
	w.tx, w.pending = nil, 0
	if err := w.s.commit(ctx, tx); err != nil {
		if !w.committed {
			w.id = 0 // the group was recorded in this transaction: it is gone
		}
		return err
	}
	w.committed = true
	return nil
}

// Stream writes a file while it is read, as StreamImport does, as a batch
// of the group in a transaction of its own. Commit first: the stream's
// reader looks up the shops holding its records on a connection of its
// own, which must see the group's earlier files.
func (w *GroupWriter) Stream(ctx context.Context, b ImportBatch, next func() (*Chunk, error), finish func(*ImportBatch) error) (ImportBatch, error) {
	if w.tx != nil {
		return ImportBatch{}, errors.New("stream a file into an import group: commit its earlier files first")
	}
	b, err := w.s.StreamImport(ctx, &w.id, b, w.now, next, finish)
	if err == nil {
		w.committed = true
	}
	return b, err
}

// Holders is Store.Holders, counting what the group has written.
func (w *GroupWriter) Holders(ctx context.Context, orderIDs, returnIDs []string) ([]Holder, error) {
	if w.tx == nil {
		return w.s.Holders(ctx, orderIDs, returnIDs)
	}
	return holders(ctx, w.tx, w.s.pg, orderIDs, returnIDs)
}

// LiveBatchBySHA is Store.LiveBatchBySHA, counting what the group has
// written.
func (w *GroupWriter) LiveBatchBySHA(ctx context.Context, shopID int64, sha string) (ImportBatch, bool, error) {
	if w.tx == nil {
		return w.s.LiveBatchBySHA(ctx, shopID, sha)
	}
	return liveBatchBySHA(ctx, w.tx, shopID, sha)
}

// Finish records that the group holds files, with then run in the same
// transaction (the audit entries), and commits it. A group that wrote
// nothing writes nothing.
func (w *GroupWriter) Finish(ctx context.Context, files int, then func(*Tx) error) error {
	if w.id == 0 {
		return nil
	}
	err := w.begin(ctx)
	if err == nil && then != nil {
		err = then(&Tx{Tx: w.tx, Now: w.s.now(), Ctx: ctx})
	}
	if err == nil {
		err = FinishGroupTx(ctx, w.tx, w.id, files)
	}
	if err == nil {
		err = w.Commit(ctx)
	}
	return doing(fmt.Sprintf("finish import group %d", w.id), cancelledOr(ctx, err))
}

// Discard takes back out everything the group wrote, and gives err; when
// that fails too, the error says so and names the group to undo. restored
// says whether committed files were taken back out, which brings back
// records as they were first imported.
func (w *GroupWriter) Discard(err error) (restored bool, _ error) {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx, w.pending = nil, 0
	}
	if !w.committed {
		w.id = 0
		return false, err
	}
	if derr := w.s.DiscardGroup(context.Background(), w.id); derr != nil {
		return false, fmt.Errorf("%w; and the files already written could not be taken back out (undo import group %d): %v", err, w.id, derr)
	}
	w.id, w.committed = 0, false
	return true, err
}
