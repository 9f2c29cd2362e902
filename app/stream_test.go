package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// importStep is one `depositdesk import` of a scenario, as the person runs it.
type importStep struct {
	paths []string
	opt   BatchOptions
	// streamed names the files that must be written while read (the others
	// must fall back to a whole read).
	streamed []string
}

// batchOutcome is what a person and the database see of an import: every
// file's shop, refusal, counts and warnings, and then everything stored.
func batchOutcome(t *testing.T, d *Desk, p *BatchPlan, g data.ImportGroup, err error) map[string]any {
	t.Helper()
	out := map[string]any{"err": fmt.Sprint(err), "group": len(g.Batches), "data": snapshot(t, d)}
	if p != nil {
		for _, f := range p.Files {
			file := []any{f.Shop, f.Assigned, f.Dropped, fmt.Sprint(f.Refusal)}
			if f.Plan != nil {
				b := f.Plan.Batch
				b.ImportedAt = b.ImportedAt.UTC()
				file = append(file, b, fmt.Sprint(f.Plan.Warnings), f.Plan.Unknown, f.Plan.AlreadyImported, f.Plan.ExportTimeFrom)
			}
			out[f.Name] = file
		}
	}
	batches, berr := d.Imports(context.Background(), "")
	if berr != nil {
		t.Fatal(berr)
	}
	// IDs by rank: a stream that fell back used up a value of PostgreSQL's
	// sequences (they are not transactional), which is no difference a
	// person sees.
	batchRank, groupRank := map[int64]int64{}, map[int64]int64{}
	for i := len(batches) - 1; i >= 0; i-- {
		batchRank[batches[i].ID] = int64(len(batchRank) + 1)
		if g := batches[i].Group; g != 0 && groupRank[g] == 0 {
			groupRank[g] = int64(len(groupRank) + 1)
		}
	}
	for i := range batches {
		batches[i].ImportedAt = batches[i].ImportedAt.UTC()
		batches[i].ID, batches[i].Group = batchRank[batches[i].ID], groupRank[batches[i].Group]
	}
	batchNumber := regexp.MustCompile(`#[0-9]+`)
	ranked := func(text string) string {
		return batchNumber.ReplaceAllStringFunc(text, func(n string) string {
			id, _ := strconv.ParseInt(n[1:], 10, 64)
			return "#" + strconv.FormatInt(batchRank[id], 10)
		})
	}
	for _, f := range out {
		if file, ok := f.([]any); ok {
			file[3] = ranked(file[3].(string))
			if len(file) > 4 {
				b := file[4].(data.ImportBatch)
				b.ID, b.Group = batchRank[b.ID], groupRank[b.Group]
				file[4], file[5] = b, ranked(file[5].(string))
			}
		}
	}
	for _, shop := range out["data"].(map[string]any) {
		held := shop.([]any)
		for i, o := range held[0].([]data.Order) {
			held[0].([]data.Order)[i].BatchID = batchRank[o.BatchID]
		}
		for i, c := range held[1].([]data.ReturnCase) {
			held[1].([]data.ReturnCase)[i].BatchID = batchRank[c.BatchID]
		}
	}
	out["batches"] = batches
	return out
}

// sameWithAndWithoutStreaming runs the steps on two fresh databases, one
// reading every file whole and one streaming every file it can, and
// requires the same outcome after each step.
func sameWithAndWithoutStreaming(t *testing.T, setup func(d *Desk), steps []importStep) {
	t.Helper()
	whole, streaming := mustDesk(t), mustDesk(t)
	setup(whole)
	setup(streaming)
	saved := streamBytes
	t.Cleanup(func() { streamBytes = saved })
	for i, s := range steps {
		streamBytes = 1 << 62
		p, g, err := whole.ImportBatch(context.Background(), s.paths, s.opt)
		want := batchOutcome(t, whole, p, g, err)
		streamBytes = 1
		p, g, err = streaming.ImportBatch(context.Background(), s.paths, s.opt)
		got := batchOutcome(t, streaming, p, g, err)
		if p != nil {
			for _, f := range p.Files {
				if wantStreamed := contains(s.streamed, f.Name); f.streamed != wantStreamed {
					t.Fatalf("step %d: %s streamed: %v, want %v", i+1, f.Name, f.streamed, wantStreamed)
				}
			}
		}
		if !reflect.DeepEqual(got, want) {
			for k := range want {
				if !reflect.DeepEqual(got[k], want[k]) {
					t.Errorf("step %d, %s:\nstreamed   %.2000v\nread whole %.2000v", i+1, k, fmt.Sprintf("%+v", got[k]), fmt.Sprintf("%+v", want[k]))
				}
			}
			t.FailNow()
		}
	}
}

func contains(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}

// A file written while it is read, a chunk at a time, ends exactly as the
// same file read whole: the same records, counts, warnings, shop and batch.
func TestAStreamedImportEndsAsAWholeOne(t *testing.T) {
	dir := t.TempDir()
	e := sample.Orders(sample.Options{Seed: 61, Orders: 9_000, Site: "TH"})
	first := writeIn(t, dir, "All order-2026-10-01-10_00.csv", e)
	later := movedOn(sample.Orders(sample.Options{Seed: 61, Orders: 9_500, Site: "TH"}), 4_000)
	second := writeIn(t, filepath.Join(dir, "later"), "All order-2026-10-20-10_00.xlsx", later)
	returns := writeIn(t, filepath.Join(dir, "returns"), "Return_Refund_Orders-2026-10-20-11_30.csv", returnsOf(62, later.Orders[:5_000]))
	noTime := writeIn(t, filepath.Join(dir, "undated"), "orders.csv", movedOn(later, 6_000))
	noTime2 := writeIn(t, filepath.Join(dir, "undated"), "orders-2.csv", movedOn(later, 7_000))
	sameWithAndWithoutStreaming(t, func(d *Desk) { mustAddShop(t, d, "Lotus TH", "TH") }, []importStep{
		{paths: []string{first}, opt: BatchOptions{Shop: "Lotus TH"}, streamed: []string{filepath.Base(first)}},
		// by its orders, some of them stored: updated, unchanged and new
		{paths: []string{second}, streamed: []string{filepath.Base(second)}},
		{paths: []string{returns}, streamed: []string{filepath.Base(returns)}},
		// imported before: said so, nothing written
		{paths: []string{second}},
		{paths: []string{noTime}, opt: BatchOptions{ExportedAt: data.StampOf(day(2026, 10, 28))}, streamed: []string{"orders.csv"}},
		// no export time before reading: the newest time in the data, found by a first reading
		{paths: []string{noTime2}, streamed: []string{"orders-2.csv"}},
	})
}

// Whenever a stream cannot be sure of the outcome it writes nothing and the
// file is read whole, which decides: orders another shop holds (in a later
// chunk), an order's lines spread over the file, a bad date near the end,
// a file no shop holds.
func TestAStreamThatCannotBeSureReadsTheFileWhole(t *testing.T) {
	dir := t.TempDir()
	theirs := sample.Orders(sample.Options{Seed: 71, Orders: 40, Site: "TH"})
	mine := sample.Orders(sample.Options{Seed: 72, Orders: 9_000, Site: "TH"})
	seed := writeIn(t, filepath.Join(dir, "seed"), "All order-2026-09-01-10_00.csv", theirs)
	mixed := *mine
	mixed.Orders = append(append([]data.Order(nil), mine.Orders...), theirs.Orders...)
	held := writeIn(t, filepath.Join(dir, "held"), "All order-2026-10-01-10_00.csv", &mixed)

	// The first order's first line moved to the end of the file.
	ordered := writeIn(t, filepath.Join(dir, "spread"), "All order-2026-10-02-10_00.csv", mine)
	b, err := os.ReadFile(ordered)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(strings.TrimRight(string(b), "\n")+"\n", "\n")
	id := strings.TrimSpace(strings.Split(lines[1], ",")[0])
	if !strings.HasPrefix(lines[2], id) {
		t.Fatalf("the first order has one line: %q %q", lines[1], lines[2])
	}
	spread := filepath.Join(dir, "spread", "All order-2026-10-03-10_00.csv")
	text := lines[0] + strings.Join(lines[2:], "") + lines[1]
	if err := os.WriteFile(spread, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	// A date no one can read, in the last rows.
	rows := strings.Split(text, "\n")
	rows[len(rows)-3] = strings.Replace(rows[len(rows)-3], "/2026", "/20x6", 1)
	badDate := filepath.Join(dir, "bad", "All order-2026-10-04-10_00.csv")
	if err := errors.Join(os.MkdirAll(filepath.Dir(badDate), 0o755), os.WriteFile(badDate, []byte(strings.Join(rows, "\n")), 0o644)); err != nil {
		t.Fatal(err)
	}

	sameWithAndWithoutStreaming(t, func(d *Desk) {
		mustAddShop(t, d, "Lotus TH", "TH")
		mustAddShop(t, d, "Sunrise TH", "TH")
	}, []importStep{
		{paths: []string{seed}, opt: BatchOptions{Shop: "Sunrise TH"}, streamed: []string{filepath.Base(seed)}},
		{paths: []string{held}, opt: BatchOptions{Shop: "Lotus TH"}},
		{paths: []string{held}},
		{paths: []string{badDate}, opt: BatchOptions{Shop: "Lotus TH"}},
		{paths: []string{spread}, opt: BatchOptions{Shop: "Lotus TH"}},
		{paths: []string{ordered}, streamed: []string{filepath.Base(ordered)}},
	})
}

// Cancelling a streamed import half-way leaves nothing behind: no orders,
// no batch, no import group.
func TestACancelledStreamLeavesNothing(t *testing.T) {
	saved := streamBytes
	streamBytes = 1
	t.Cleanup(func() { streamBytes = saved })
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Lotus TH", "TH")
	path := writeExport(t, "All order-2026-10-01-10_00.csv", sample.Orders(sample.Options{Seed: 81, Orders: 12_000, Site: "TH"}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cancelledAt := 0
	_, _, err := d.ImportBatch(ctx, []string{path}, BatchOptions{Shop: "Lotus TH", Progress: func(p BatchProgress) {
		if p.Rows >= 10_000 && cancelledAt == 0 {
			cancelledAt = p.Rows
			cancel() // a chunk is written by now
		}
	}})
	if !errors.Is(err, context.Canceled) || cancelledAt == 0 || cancelledAt > 16_000 {
		t.Fatalf("stream cancelled at row %d: %v", cancelledAt, err)
	}
	batches, berr := d.Imports(context.Background(), "")
	if n := len(ordersIn(t, d, sh)); n != 0 || berr != nil || len(batches) != 0 {
		t.Fatalf("a cancelled stream left %d orders and %d batches (%v)", n, len(batches), berr)
	}
	if _, err := d.Store().Group(context.Background(), 1); !errors.Is(err, data.ErrNotFound) {
		t.Fatalf("a cancelled stream left its import group: %v", err)
	}
}

// A large file that follows small ones in a folder is streamed to the shop
// they went to: the group's writer commits what it wrote before the
// stream's reader, on a connection of its own, asks who holds the file's
// orders.
func TestALargeFileAfterSmallOnesOfItsGroupStreamsToTheirShop(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Lotus TH", "TH")
	mustImport(t, d, "Lotus TH", writeExport(t, "All order-2026-09-01-10_00.csv", sample.Orders(sample.Options{Seed: 63, Orders: 20, Site: "TH"})))
	dir := t.TempDir()
	// The small file: the shop's 20 orders and 30 new ones.
	small := writeIn(t, dir, "All order-2026-10-01-10_00.csv", sample.Orders(sample.Options{Seed: 63, Orders: 50, Site: "TH"}))
	// The large one: none of the shop's stored orders, only the small
	// file's new ones and more.
	large := sample.Orders(sample.Options{Seed: 63, Orders: 9_000, Site: "TH"})
	large.Orders = large.Orders[20:]
	big := writeIn(t, dir, "All order-2026-10-02-10_00.csv", large)
	saved := streamBytes
	t.Cleanup(func() { streamBytes = saved })
	st, err := os.Stat(small)
	if err != nil {
		t.Fatal(err)
	}
	streamBytes = st.Size() + 1

	p, g, err := d.ImportBatch(context.Background(), []string{dir}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused()) != 0 || len(g.Batches) != 2 {
		t.Fatalf("%d refused, %d batches", len(p.Refused()), len(g.Batches))
	}
	f := fileNamed(t, p, filepath.Base(big))
	if !f.streamed || f.Shop != "Lotus TH" || f.Assigned != AssignedOrders || fileNamed(t, p, filepath.Base(small)).streamed {
		t.Fatalf("the large file: streamed %v, shop %q (%s); the small one streamed %v", f.streamed, f.Shop, f.Assigned, fileNamed(t, p, filepath.Base(small)).streamed)
	}
	if n := len(ordersIn(t, d, sh)); n != 9_000 {
		t.Fatalf("the shop holds %d orders, want 9000", n)
	}
	for _, b := range g.Batches {
		if b.Group != g.ID {
			t.Fatalf("batch %d is in group %d, not %d", b.ID, b.Group, g.ID)
		}
	}
}
