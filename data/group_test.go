package data

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// groupState is what an import group can change: the orders, the batches
// and the groups.
func groupState(t *testing.T, s *Store) []string {
	t.Helper()
	var out []string
	for _, q := range []string{
		"SELECT shop_id, order_id, class, batch_id FROM orders ORDER BY shop_id, order_id",
		"SELECT id, shop_id, sha256, group_id FROM import_batches ORDER BY id",
		"SELECT id, files FROM import_groups ORDER BY id",
	} {
		rows, err := s.read.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols))
			p := make([]any, len(cols))
			for i := range v {
				p[i] = &v[i]
			}
			if err := rows.Scan(p...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(v...))
		}
		rows.Close()
	}
	return out
}

func ordersFile(sh Shop, sha string, exported Stamp, ids ...string) *Incoming {
	in := &Incoming{Batch: ImportBatch{ShopID: sh.ID, FileName: sha + ".csv", SHA256: sha, Kind: KindOrders, ExportedAt: exported, Records: len(ids)}}
	for _, id := range ids {
		in.Orders = append(in.Orders, Order{ID: id, Class: Completed, Status: "Completed"})
	}
	return in
}

// TestAGroupWriterSeesItsOwnFilesAndDiscardsAllOfThemAcrossTransactions
// writes a group over several transactions: the writer's lookups see the
// files it has not committed yet, and discarding it, half committed, leaves
// the database exactly as before.
func TestAGroupWriterSeesItsOwnFilesAndDiscardsAllOfThemAcrossTransactions(t *testing.T) {
	ctx := context.Background()
	s := MustOpenDB(t)
	acme, bolt := mustShop(t, s, "Acme US"), mustShop(t, s, "Bolt US")
	early, later := stamp(t, "2026-11-01 08:00:00"), stamp(t, "2026-11-20 08:00:00")
	importOrders(t, s, acme, "sha-0", early, Order{ID: "576400000000000001", Class: ToShip}, Order{ID: "576400000000000002", Class: ToShip})
	before := groupState(t, s)

	w := s.NewGroupWriter(testNow)
	w.limit = 3 // a transaction every three records
	if _, err := w.Add(ctx, ordersFile(acme, "sha-1", later, "576400000000000002", "576400000000000003")); err != nil {
		t.Fatal(err)
	}
	// Not committed: only the writer sees the file.
	if h, err := w.Holders(ctx, []string{"576400000000000003"}, nil); err != nil || len(h) != 1 || h[0].ShopID != acme.ID {
		t.Fatalf("the writer's holders of its own new order: %+v, %v", h, err)
	}
	if h, err := s.Holders(ctx, []string{"576400000000000003"}, nil); err != nil || len(h) != 0 {
		t.Fatalf("holders outside the writer before it commits: %+v, %v", h, err)
	}
	if _, ok, err := w.LiveBatchBySHA(ctx, acme.ID, "sha-1"); err != nil || !ok {
		t.Fatalf("the writer does not find the file it wrote: %v, %v", ok, err)
	}
	if _, err := w.Add(ctx, ordersFile(bolt, "sha-2", later, "576400000000000004", "576400000000000005")); err != nil {
		t.Fatal(err)
	}
	// Four records: committed.
	if h, err := s.Holders(ctx, []string{"576400000000000004"}, nil); err != nil || len(h) != 1 || h[0].ShopID != bolt.ID {
		t.Fatalf("holders after the writer committed: %+v, %v", h, err)
	}
	if _, err := w.Add(ctx, ordersFile(acme, "sha-3", later, "576400000000000006")); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	restored, err := w.Discard(stop)
	if err != stop || !restored || w.ID() != 0 {
		t.Fatalf("discard: %v, restored %v, group %d", err, restored, w.ID())
	}
	if after := groupState(t, s); !reflect.DeepEqual(before, after) {
		t.Fatalf("a discarded group left the database changed:\nbefore %q\nafter  %q", before, after)
	}

	// Discarding a group that never committed rolls it back.
	w = s.NewGroupWriter(testNow)
	if _, err := w.Add(ctx, ordersFile(bolt, "sha-4", later, "576400000000000007")); err != nil {
		t.Fatal(err)
	}
	if restored, err := w.Discard(stop); err != stop || restored {
		t.Fatalf("discard before any commit: %v, restored %v", err, restored)
	}
	if after := groupState(t, s); !reflect.DeepEqual(before, after) {
		t.Fatalf("a rolled back group left the database changed:\nbefore %q\nafter  %q", before, after)
	}

	// Finished, over two transactions, with its closing step in the last.
	w = s.NewGroupWriter(testNow)
	w.limit = 2
	for i, in := range []*Incoming{
		ordersFile(acme, "sha-1", later, "576400000000000002", "576400000000000003"),
		ordersFile(bolt, "sha-2", later, "576400000000000004"),
	} {
		if b, err := w.Add(ctx, in); err != nil || b.Group != w.ID() {
			t.Fatalf("file %d: batch %+v, %v", i, b, err)
		}
	}
	ran := false
	if err := w.Finish(ctx, 2, func(tx *Tx) error { ran = true; return nil }); err != nil || !ran {
		t.Fatalf("finish: %v, ran %v", err, ran)
	}
	g, err := s.Group(ctx, w.ID())
	if err != nil || len(g.Batches) != 2 || g.Batches[0].SHA256 != "sha-1" || g.Batches[1].SHA256 != "sha-2" {
		t.Fatalf("the finished group: %+v, %v", g, err)
	}
	var files int
	s.read.QueryRow("SELECT files FROM import_groups WHERE id = ?", w.ID()).Scan(&files)
	if files != 2 {
		t.Fatalf("the group records %d files, want 2", files)
	}
}
