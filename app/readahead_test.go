package app

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"depositdesk/data/exports/sample"
)

// taken reports whether q.take hands out a file within a short wait, and which.
func taken(q *readQueue) (int, bool) {
	got := make(chan int, 1)
	go func() {
		if i, ok := q.take(); ok {
			got <- i
		}
	}()
	select {
	case i := <-got:
		return i, true
	case <-time.After(100 * time.Millisecond):
		q.halt() // lets the waiting take return
		return 0, false
	}
}

func TestLargeFilesAreReadOneAheadOfTheWriterAndSmallOnesSeveral(t *testing.T) {
	mb := int64(1 << 20)
	// Large files: the one written and the one read, no third.
	q := newReadQueue([]int64{40 * mb, 40 * mb, 40 * mb}, 4)
	for want := 0; want < 2; want++ {
		if i, ok := taken(q); !ok || i != want {
			t.Fatalf("file %d was not handed out (got %d, %v)", want, i, ok)
		}
	}
	if i, ok := taken(q); ok {
		t.Fatalf("a third large file (%d) was read while two are held", i)
	}
	q = newReadQueue([]int64{40 * mb, 40 * mb, 40 * mb}, 4)
	taken(q)
	taken(q)
	q.wrote(0)
	if i, ok := taken(q); !ok || i != 2 {
		t.Fatalf("once the first file is written the third is not read (got %d, %v)", i, ok)
	}

	// Small files: as many ahead as the count allows.
	q = newReadQueue([]int64{mb, mb, mb, mb, mb}, 3)
	for want := 0; want < 3; want++ {
		if i, ok := taken(q); !ok || i != want {
			t.Fatalf("small file %d was not handed out (got %d, %v)", want, i, ok)
		}
	}
	if _, ok := taken(q); ok {
		t.Fatal("more small files were read ahead than the count allows")
	}
}

// An import much larger than what the reading may hold ahead of the writer
// (every file over the bound: one written, one read) still imports every
// order of every file, and its undo restores exactly the state before it.
func TestAnImportLargerThanTheMemoryBoundImportsEveryOrderAndUndoesExactly(t *testing.T) {
	defer func(n int64) { readAheadBytes = n }(readAheadBytes)
	readAheadBytes = 1 // every file is "large": one read ahead of the writer

	d := mustDesk(t)
	shop := mustAddShop(t, d, "Big TH", "TH")
	mustImport(t, d, "Big TH", writeExport(t, "All order-2026-10-01-10_00.csv", sample.Orders(sample.Options{Seed: 7, Orders: 40, Site: "TH"})))
	before := snapshot(t, d)

	dir := t.TempDir()
	want := map[string]bool{}
	for i := range 5 {
		e := sample.Orders(sample.Options{Seed: uint64(70 + i), Rows: 1500, Site: "TH"})
		for _, o := range e.Orders {
			want[o.ID] = true
		}
		ext := "csv"
		if i == 1 { // one workbook: its reader inflates on a goroutine of its own
			ext = "xlsx"
		}
		name := fmt.Sprintf("All order-2026-10-%02d-10_00.%s", 10+i, ext)
		if ext == "csv" {
			writeIn(t, dir, name, e)
		} else if err := sample.WriteXLSX(dir+"/"+name, e); err != nil {
			t.Fatal(err)
		}
	}
	p, g, err := d.ImportBatch(context.Background(), []string{dir}, BatchOptions{Shop: "Big TH"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused()) != 0 || len(g.Batches) != 5 {
		t.Fatalf("%d refused, %d batches", len(p.Refused()), len(g.Batches))
	}
	have := map[string]bool{}
	for _, o := range ordersIn(t, d, shop) {
		have[o.ID] = true
	}
	for id := range want {
		if !have[id] {
			t.Fatalf("order %s of the folder is missing (%d of %d stored)", id, len(have), len(want))
		}
	}
	if _, err := d.UndoGroup(context.Background(), g.ID); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, d); !reflect.DeepEqual(before, after) {
		t.Fatal("undo of the large import did not restore the state before it")
	}
}
