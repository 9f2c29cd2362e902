package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"time"
)

// Holder is a shop that already holds some of a file's orders (or after-sales
// cases): order IDs are unique across the platform, so the file belongs there.
type Holder struct {
	ShopID  int64
	Shop    string
	IDs     int     // how many of the file's IDs the shop holds
	Example string  // the smallest of them (an order's before a case's), for the message
	Batches []int64 // the live batches that wrote them, newest first (at most maxHolderBatches)
}

const maxHolderBatches = 3

// querier is what both a transaction and the reader pool answer.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Holders lists the shops that hold any of orderIDs (as orders, or as the
// order of an after-sales case) or returnIDs (as cases), most IDs first.
func (s *Store) Holders(ctx context.Context, orderIDs, returnIDs []string) ([]Holder, error) {
	return holders(ctx, s.read, s.pg, orderIDs, returnIDs)
}

// holderChunk is how many IDs PostgreSQL is asked about in one query, as
// one array: a 100,000-row file's IDs go in one query per lookup instead of
// 125 with 400 parameters each, every one parsed, planned and answered on
// its own (on a million orders: 180 ms a lookup instead of 240; a join with
// unnest(…) was planned as a hash of the whole table, 380 ms).
const holderChunk = 50_000

func holders(ctx context.Context, q querier, pg bool, orderIDs, returnIDs []string) ([]Holder, error) {
	type seen struct {
		shop int64
		id   string
	}
	found := map[seen]bool{}
	byShop := map[int64]*Holder{}
	batches := map[int64]map[int64]bool{}
	exampleFrom := map[int64]int{} // the lookup that first found the shop
	lookups := []struct {
		table, column string
		ids           []string
	}{
		{"orders", "order_id", orderIDs},
		{"return_cases", "order_id", orderIDs},
		{"return_cases", "return_id", returnIDs},
	}
	for li, l := range lookups {
		err := lookupIDs(ctx, q, pg, l.table, l.column, l.ids, func(shop int64, id string, batch int64) {
			h := byShop[shop]
			if h == nil {
				h = &Holder{ShopID: shop, Example: id}
				byShop[shop], batches[shop], exampleFrom[shop] = h, map[int64]bool{}, li
			}
			if !found[seen{shop, id}] {
				found[seen{shop, id}] = true
				h.IDs++
			}
			// The smallest ID of the first lookup that found the shop
			// (an order's before a case's): the same whatever order the
			// rows come in (a PostgreSQL plan, a parallel scan, chunks).
			if exampleFrom[shop] == li {
				h.Example = min(h.Example, id)
			}
			batches[shop][batch] = true
		})
		if err != nil {
			return nil, fmt.Errorf("look up which shops hold these IDs: %w", err)
		}
	}
	out := make([]Holder, 0, len(byShop))
	for shop, h := range byShop {
		if err := q.QueryRowContext(ctx, "SELECT name FROM shops WHERE id = ?", shop).Scan(&h.Shop); err != nil {
			return nil, fmt.Errorf("name the shop %d holding these IDs: %w", shop, err)
		}
		for b := range batches[shop] {
			h.Batches = append(h.Batches, b)
		}
		sort.Slice(h.Batches, func(i, j int) bool { return h.Batches[i] > h.Batches[j] })
		h.Batches = h.Batches[:min(len(h.Batches), maxHolderBatches)]
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].IDs != out[j].IDs {
			return out[i].IDs > out[j].IDs
		}
		return out[i].Shop < out[j].Shop
	})
	return out, nil
}

// lookupIDs tells found about each row of table whose column holds one of
// ids: on PostgreSQL one array of up to holderChunk IDs a query; on SQLite
// an IN list of up to mergeChunk, prepared once when there are several
// chunks (paddedIn).
func lookupIDs(ctx context.Context, q querier, pg bool, table, column string, ids []string, found func(shop int64, id string, batch int64)) error {
	query := fmt.Sprintf("SELECT shop_id, %[1]s, batch_id FROM %[2]s WHERE %[1]s", column, table)
	size := mergeChunk
	if pg {
		size = holderChunk
	}
	var look *paddedIn
	if !pg && len(ids) > size {
		var err error
		if look, err = preparePaddedIn(ctx, q, query); err != nil {
			return err
		}
		defer look.close()
	}
	for start := 0; start < len(ids); start += size {
		chunk := ids[start:min(start+size, len(ids))]
		var rows *sql.Rows
		var err error
		switch {
		case pg:
			rows, err = q.QueryContext(ctx, query+" = ANY(?::text[])", textArray(chunk))
		case look != nil:
			rows, err = look.query(ctx, len(chunk), func(i int) string { return chunk[i] })
		default:
			args := make([]any, len(chunk))
			for i, id := range chunk {
				args[i] = id
			}
			rows, err = q.QueryContext(ctx, query+" IN ("+placeholders(len(chunk))+")", args...)
		}
		if err != nil {
			return err
		}
		if err := eachHolding(rows, found); err != nil {
			return err
		}
	}
	return nil
}

// eachHolding reads (and closes) rows of shop, ID and batch.
func eachHolding(rows *sql.Rows, found func(shop int64, id string, batch int64)) error {
	defer rows.Close()
	for rows.Next() {
		var shop, batch int64
		var id string
		if err := rows.Scan(&shop, &id, &batch); err != nil {
			return err
		}
		found(shop, id, batch)
	}
	return rows.Err()
}

// folderKey is how a folder is remembered: its absolute, cleaned path.
func folderKey(folder string) string {
	if abs, err := filepath.Abs(folder); err == nil {
		return abs
	}
	return filepath.Clean(folder)
}

// FolderShop is the shop that files of folder were last imported into, when
// all of them went to one shop.
func (s *Store) FolderShop(ctx context.Context, folder string) (int64, bool, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, "SELECT shop_id FROM folder_shops WHERE folder = ?", folderKey(folder)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read the shop remembered for folder %s: %w", folder, err)
	}
	return id, true, nil
}

// RememberFolderTx remembers that folder's files go to shopID; shopID 0
// forgets the folder (its files went to several shops).
func RememberFolderTx(ctx context.Context, tx Querier, folder string, shopID int64, now time.Time) error {
	var err error
	if shopID == 0 {
		_, err = tx.ExecContext(ctx, "DELETE FROM folder_shops WHERE folder = ?", folderKey(folder))
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO folder_shops(folder, shop_id, updated_at) VALUES (?, ?, ?)
			ON CONFLICT(folder) DO UPDATE SET shop_id = excluded.shop_id, updated_at = excluded.updated_at`, folderKey(folder), shopID, nowText(now))
	}
	if err != nil {
		return fmt.Errorf("remember the shop of folder %s: %w", folder, err)
	}
	return nil
}
