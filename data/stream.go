package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Chunk is a few thousand finished records of a file being read, with the
// shops holding any of their IDs (Holders of RecordIDs, looked up while the
// previous chunk was being written).
type Chunk struct {
	Orders  []Order
	Cases   []ReturnCase
	Holders []Holder
}

// RecordIDs are the IDs that tie records to a shop: orders' IDs; cases'
// orders and their own IDs.
func RecordIDs(orders []Order, cases []ReturnCase) (orderIDs, returnIDs []string) {
	if len(cases) > 0 {
		seen := make(map[string]bool, len(cases))
		for _, c := range cases {
			returnIDs = append(returnIDs, c.ID)
			if c.OrderID != "" && !seen[c.OrderID] {
				seen[c.OrderID] = true
				orderIDs = append(orderIDs, c.OrderID)
			}
		}
		return orderIDs, returnIDs
	}
	orderIDs = make([]string, len(orders))
	for i := range orders {
		orderIDs[i] = orders[i].ID
	}
	return orderIDs, nil
}

// ErrStreamStopped says a file could not be written while it was read —
// another shop holds some of its records, or the lines of one of its
// orders are spread over the file — and nothing was written: read it whole.
var ErrStreamStopped = errors.New("the file cannot be written while it is read")

// StreamImport writes a file's records into shop b.ShopID as a new batch of
// import group *group while the file is being read, in one transaction
// (which records the group first when *group is 0, setting it on success):
// next hands over the next chunk (nil at the end); finish, called once the
// file is read, completes the batch's description (rows, records,
// encoding, warnings, fingerprint) or refuses the file. b.ExportedAt must
// be known from the start. A chunk that no shop holds anything of is
// written without reading anything back (a record written earlier in the
// same stream, or meanwhile by someone else, fails its INSERT); one that
// another shop holds some of stops the import with ErrStreamStopped (the
// whole-file import then says which). On any error nothing is written.
func (s *Store) StreamImport(ctx context.Context, group *int64, b ImportBatch, now time.Time,
	next func() (*Chunk, error), finish func(*ImportBatch) error) (ImportBatch, error) {
	err := s.Tx(ctx, func(tx *sql.Tx) error {
		g := *group
		if g == 0 {
			var err error
			if g, err = newGroupTx(ctx, tx, now); err != nil {
				return err
			}
		}
		var err error
		if b, err = s.newBatchTx(ctx, tx, b, now, g); err != nil {
			return err
		}
		var c MergeCounts
		for {
			chunk, err := next()
			if err != nil {
				return err
			}
			if chunk == nil {
				break
			}
			got, err := s.streamChunk(ctx, tx, b, chunk)
			if err != nil {
				return err
			}
			c.add(got)
		}
		// finish describes the file, keeping the batch's place.
		id, imported := b.ID, b.ImportedAt
		if err := finish(&b); err != nil {
			return err
		}
		b.ID, b.ImportedAt, b.Group = id, imported, g
		b.Created, b.Updated, b.Unchanged, b.Skipped = c.Created, c.Updated, c.Unchanged, c.Skipped
		return saveBatchTx(ctx, tx, b)
	})
	if err != nil {
		return ImportBatch{}, err
	}
	*group = b.Group
	return b, nil
}

// streamChunk writes one chunk of a streamed file as batch b.
func (s *Store) streamChunk(ctx context.Context, tx *sql.Tx, b ImportBatch, chunk *Chunk) (MergeCounts, error) {
	fresh := true
	for _, h := range chunk.Holders {
		if h.ShopID != b.ShopID {
			return MergeCounts{}, ErrStreamStopped
		}
		fresh = false
	}
	var c MergeCounts
	var err error
	if b.Kind == KindReturns {
		c, err = caseTable.merge(ctx, tx, s.pg, b.ShopID, chunk.Cases, b.ExportedAt, b.ID, true, fresh)
	} else {
		c, err = orderTable.merge(ctx, tx, s.pg, b.ShopID, chunk.Orders, b.ExportedAt, b.ID, true, fresh)
	}
	if errors.Is(err, errSpread) {
		return c, ErrStreamStopped
	}
	if err != nil {
		return c, fmt.Errorf("write the records of %s: %w", b.FileName, err)
	}
	return c, nil
}
