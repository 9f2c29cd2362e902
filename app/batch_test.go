package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// writeIn writes a generated export into dir (created) under name.
func writeIn(t testing.TB, dir, name string, e *sample.Export) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := errors.Join(os.MkdirAll(dir, 0o755), sample.WriteFile(path, e)); err != nil {
		t.Fatal(err)
	}
	return path
}

// returnsOf is a returns export whose cases belong to the given orders.
func returnsOf(seed uint64, orders []data.Order) *sample.Export {
	r := sample.Returns(sample.Options{Seed: seed, Orders: len(orders)})
	for i := range r.Cases {
		r.Cases[i].OrderID = orders[i].ID
	}
	return r
}

// movedOn is a later export of e in which the first n orders have completed.
func movedOn(e *sample.Export, n int) *sample.Export {
	c := *e
	c.Orders = append([]data.Order(nil), e.Orders...)
	for i := range c.Orders[:n] {
		o := &c.Orders[i]
		o.Status, o.Substatus, o.Class = "Completed", "Completed", data.Completed
	}
	return &c
}

// fileNamed finds a file of the plan by its name.
func fileNamed(t testing.TB, p *BatchPlan, name string) *BatchFile {
	t.Helper()
	for _, f := range p.Files {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no file %s in the plan", name)
	return nil
}

func indexOf(t testing.TB, p *BatchPlan, name string) int {
	t.Helper()
	for i, f := range p.Files {
		if f.Name == name {
			return i
		}
	}
	t.Fatalf("no file %s in the plan", name)
	return -1
}

func asMsg(t testing.TB, err error) *data.Message {
	t.Helper()
	var m *data.Message
	if !errors.As(err, &m) {
		t.Fatalf("want a *data.Message, got %T %v", err, err)
	}
	return m
}

func TestAFileWhoseOrdersAnotherShopHoldsIsRefusedNamingThatShopAndItsBatch(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	uk := mustAddShop(t, d, "Acme UK", "UK")
	e := sample.Orders(sample.Options{Seed: 1, Orders: 30})
	first := mustImport(t, d, "Acme US", writeExport(t, "All order-2026-10-07-10_33.csv", e)).Batch
	// The next export of the same shop, picked for the wrong shop.
	later := writeExport(t, "All order-2026-10-14-09_00.csv", e)
	_, err := d.Preview(context.Background(), "Acme UK", later, ImportOptions{})
	m := asMsg(t, err)
	text := m.Error()
	for _, want := range []string{"Acme US", "#" + itoa(first.ID), "30 of this file's orders", "All order-2026-10-14-09_00.csv"} {
		if !strings.Contains(text, want) {
			t.Errorf("refusal %q does not name %q", text, want)
		}
	}
	if _, err := d.Import(context.Background(), "Acme UK", later, ImportOptions{}); err == nil {
		t.Fatal("Import accepted a file whose orders another shop holds")
	}
	if n := len(ordersIn(t, d, uk)); n != 0 {
		t.Fatalf("the refused file wrote %d orders into Acme UK", n)
	}
	// Undoing the earlier import frees the orders for the right shop.
	if _, err := d.Undo(context.Background(), first.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Import(context.Background(), "Acme UK", later, ImportOptions{}); err != nil {
		t.Fatalf("after the undo the file is still refused: %v", err)
	}
}

func TestAReturnsFileIsMatchedThroughItsOrdersAndItsReturnOrders(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme TH", "TH")
	orders := sample.Orders(sample.Options{Seed: 3, Orders: 12})
	mustImport(t, d, "Acme US", writeExport(t, "All order-2026-10-07-10_33.csv", orders))
	returns := writeExport(t, "Return_Refund_Orders-2026-10-07-10_40.csv", returnsOf(3, orders.Orders[:5]))
	_, err := d.Preview(context.Background(), "Acme TH", returns, ImportOptions{})
	if m := asMsg(t, err); !strings.Contains(m.Error(), "Acme US") {
		t.Fatalf("returns of Acme US's orders into Acme TH: %v", m)
	}
	// Once Acme US holds the cases, a later returns export of the same cases
	// is matched by its return order IDs too, even with no order ID given.
	mustImport(t, d, "Acme US", returns)
	again := returnsOf(3, orders.Orders[:5])
	for i := range again.Cases {
		again.Cases[i].OrderID = ""
	}
	p, err := d.PreviewBatch(context.Background(), []string{writeExport(t, "Return_Refund_Orders-2026-10-09-08_00.csv", again)}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Files[0]; f.Shop != "Acme US" || f.Assigned != AssignedOrders || f.Refusal != nil {
		t.Fatalf("returns by return order IDs: shop %q (%s), refusal %v", f.Shop, f.Assigned, f.Refusal)
	}
}

func TestEachFileOfAFolderGoesToTheShopHoldingItsOrders(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme TH", "TH")
	mustAddShop(t, d, "Acme MY", "MY") // the last shop added: never a default
	us := sample.Orders(sample.Options{Seed: 11, Orders: 20})
	th := sample.Orders(sample.Options{Seed: 12, Orders: 20, Site: "TH"})
	mustImport(t, d, "Acme US", writeExport(t, "All order-2026-10-01-10_00.csv", us))
	mustImport(t, d, "Acme TH", writeExport(t, "All order-2026-10-01-11_00.xlsx", th))

	dir := filepath.Join(t.TempDir(), "exports 十月")
	writeIn(t, dir, "All order-2026-10-08-10_00.csv", movedOn(us, 5))
	writeIn(t, dir, "ทั้งหมด คำสั่งซื้อ-2026-10-08-11_00.xlsx", movedOn(th, 5))
	writeIn(t, dir, "Return_Refund_Orders-2026-10-08-11_05.csv", returnsOf(12, th.Orders[:4]))
	writeIn(t, dir, "All order-2026-10-08-12_00.csv", sample.Orders(sample.Options{Seed: 13, Orders: 5})) // nobody's yet

	p, err := d.PreviewBatch(context.Background(), []string{dir}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 4 {
		t.Fatalf("%d files in the plan, want 4", len(p.Files))
	}
	cases := []struct {
		file, shop string
		how        Assignment
	}{
		{"All order-2026-10-08-10_00.csv", "Acme US", AssignedOrders},
		{"ทั้งหมด คำสั่งซื้อ-2026-10-08-11_00.xlsx", "Acme TH", AssignedOrders},
		{"Return_Refund_Orders-2026-10-08-11_05.csv", "Acme TH", AssignedOrders},
		{"All order-2026-10-08-12_00.csv", "", Unassigned},
	}
	for _, c := range cases {
		f := fileNamed(t, p, c.file)
		if f.Shop != c.shop || f.Assigned != c.how {
			t.Errorf("%s: shop %q (%q), want %q (%q)", c.file, f.Shop, f.Assigned, c.shop, c.how)
		}
		if (f.Refusal == nil) != (c.shop != "") || (f.Plan != nil) != (c.shop != "") {
			t.Errorf("%s: refusal %v, plan %v", c.file, f.Refusal, f.Plan != nil)
		}
	}
	if f := fileNamed(t, p, "All order-2026-10-08-10_00.csv"); f.Plan.Batch.Unchanged+f.Plan.Batch.Updated != 20 || f.Plan.Batch.Updated == 0 {
		t.Errorf("plan of the US file: %+v", f.Plan.Batch)
	}
	if _, err := d.CommitBatch(context.Background(), p); err == nil {
		t.Fatal("CommitBatch wrote a batch holding a file without a shop")
	}
	// The person chooses the new file's shop; then everything goes in one step.
	if err := d.AssignShop(context.Background(), p, indexOf(t, p, "All order-2026-10-08-12_00.csv"), "Acme MY"); err != nil {
		t.Fatal(err)
	}
	if f := fileNamed(t, p, "All order-2026-10-08-12_00.csv"); f.Shop != "Acme MY" || f.Assigned != AssignedChosen || !f.Importable() {
		t.Fatalf("after choosing: %q %q %v", f.Shop, f.Assigned, f.Refusal)
	}
	g, err := d.CommitBatch(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if g.ID == 0 || len(g.Batches) != 4 {
		t.Fatalf("group %d with %d batches, want 4", g.ID, len(g.Batches))
	}
	for _, b := range g.Batches {
		if b.Group != g.ID {
			t.Errorf("batch %d in group %d, want %d", b.ID, b.Group, g.ID)
		}
	}
	if n := len(ordersIn(t, d, mustShop(t, d, "Acme MY"))); n != 5 {
		t.Errorf("Acme MY holds %d orders, want 5", n)
	}
}

func mustShop(t testing.TB, d *Desk, name string) data.Shop {
	t.Helper()
	sh, err := d.Shop(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

func TestAFileMatchingSeveralShopsIsRefusedNamingThem(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme US 2", "US")
	e := sample.Orders(sample.Options{Seed: 5, Orders: 20})
	head, tail := *e, *e
	head.Orders, tail.Orders = e.Orders[:10], e.Orders[10:]
	a := mustImport(t, d, "Acme US", writeExport(t, "All order-2026-10-01-10_00.csv", &head)).Batch
	b := mustImport(t, d, "Acme US 2", writeExport(t, "All order-2026-10-02-10_00.csv", &tail)).Batch
	both := writeExport(t, "All order-2026-10-09-10_00.csv", e)
	p, err := d.PreviewBatch(context.Background(), []string{both}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	f := p.Files[0]
	if f.Shop != "" || f.Refusal == nil || f.Importable() {
		t.Fatalf("a file of two shops' orders went to %q (refusal %v)", f.Shop, f.Refusal)
	}
	text := f.Refusal.Error()
	for _, want := range []string{"Acme US (10)", "Acme US 2 (10)", "#" + itoa(a.ID), "#" + itoa(b.ID)} {
		if !strings.Contains(text, want) {
			t.Errorf("refusal %q does not name %q", text, want)
		}
	}
	// Naming one of them does not make it importable either.
	if err := d.AssignShop(context.Background(), p, 0, "Acme US"); err != nil {
		t.Fatal(err)
	}
	if f.Importable() || !strings.Contains(f.Refusal.Error(), "Acme US 2") {
		t.Fatalf("chosen Acme US: importable %v, refusal %v", f.Importable(), f.Refusal)
	}
	if _, err := d.Preview(context.Background(), "Acme US", both, ImportOptions{}); err == nil {
		t.Fatal("Preview into one of two holders accepted the file")
	}
}

func TestAFolderRemembersItsShopForFilesNoShopHolds(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme UK", "UK") // used last: must not be picked
	dir := filepath.Join(t.TempDir(), "acme-us")
	first := writeIn(t, dir, "All order-2026-10-01-10_00.csv", sample.Orders(sample.Options{Seed: 21, Orders: 8}))
	p, err := d.PreviewBatch(context.Background(), []string{first}, BatchOptions{Shop: "Acme US", FolderMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.CommitBatch(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	mustImport(t, d, "Acme UK", writeExport(t, "All order-2026-10-03-10_00.csv", sample.Orders(sample.Options{Seed: 22, Orders: 8})))

	// A returns export whose orders nobody holds yet lands in the same folder.
	next := writeIn(t, dir, "Return_Refund_Orders-2026-10-05-10_00.csv", sample.Returns(sample.Options{Seed: 23, Orders: 3}))
	p, err = d.PreviewBatch(context.Background(), []string{next}, BatchOptions{FolderMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Files[0]; f.Shop != "Acme US" || f.Assigned != AssignedFolder || !f.Importable() {
		t.Fatalf("with folder memory: %q (%q), refusal %v", f.Shop, f.Assigned, f.Refusal)
	}
	// The command line does not use the memory: no shop holds the file.
	p, err = d.PreviewBatch(context.Background(), []string{next}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Files[0]; f.Shop != "" || f.Assigned != Unassigned || f.Refusal == nil {
		t.Fatalf("without folder memory: %q (%q), refusal %v", f.Shop, f.Assigned, f.Refusal)
	}
	// Elsewhere, nothing is remembered.
	other := writeExport(t, "Return_Refund_Orders-2026-10-05-10_00.csv", sample.Returns(sample.Options{Seed: 23, Orders: 3}))
	p, err = d.PreviewBatch(context.Background(), []string{other}, BatchOptions{FolderMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	if f := p.Files[0]; f.Shop != "" || f.Assigned != Unassigned {
		t.Fatalf("another folder: %q (%q)", f.Shop, f.Assigned)
	}
}

func TestANewShopsReturnsFileFollowsItsOrdersFileInTheSameBatch(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme UK", "UK")
	dir := t.TempDir()
	orders := sample.Orders(sample.Options{Seed: 31, Orders: 10})
	writeIn(t, dir, "All order-2026-10-01-10_00.csv", orders)
	writeIn(t, dir, "Return_Refund_Orders-2026-10-01-10_05.csv", returnsOf(31, orders.Orders[:3]))
	p, err := d.PreviewBatch(context.Background(), []string{dir}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused()) != 2 {
		t.Fatalf("a new shop's files: %d refused, want both", len(p.Refused()))
	}
	if err := d.AssignShop(context.Background(), p, 0, "Acme UK"); err != nil {
		t.Fatal(err)
	}
	if f := p.Files[1]; f.Shop != "Acme UK" || f.Assigned != AssignedOrders || !f.Importable() {
		t.Fatalf("returns file: %q (%q), refusal %v", f.Shop, f.Assigned, f.Refusal)
	}
	// Choosing another shop for the returns file contradicts the orders file.
	if err := d.AssignShop(context.Background(), p, 1, "Acme US"); err != nil {
		t.Fatal(err)
	}
	if f := p.Files[1]; f.Importable() || !strings.Contains(f.Refusal.Error(), "Acme UK") {
		t.Fatalf("returns file sent elsewhere: importable %v, refusal %v", f.Importable(), f.Refusal)
	}
	if _, err := d.CommitBatch(context.Background(), p); err == nil {
		t.Fatal("committed a batch sending one shop's orders to two shops")
	}
	p.Drop(1, true)
	g, err := d.CommitBatch(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Batches) != 1 || g.Batches[0].Shop != "Acme UK" {
		t.Fatalf("committed %+v", g.Batches)
	}
}

// snapshot is everything a shop holds, for exact comparisons.
func snapshot(t testing.TB, d *Desk) map[string]any {
	t.Helper()
	out := map[string]any{}
	shops, err := d.Shops(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range shops {
		cases, err := d.Store().Cases(context.Background(), sh.ID, false, 0)
		if err != nil {
			t.Fatal(err)
		}
		out[sh.Name] = []any{ordersIn(t, d, sh), cases}
	}
	return out
}

func TestUndoOfAnImportGroupRestoresExactlyTheStateBeforeIt(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme TH", "TH")
	us := sample.Orders(sample.Options{Seed: 41, Orders: 30})
	th := sample.Orders(sample.Options{Seed: 42, Orders: 30, Site: "TH"})
	mustImport(t, d, "Acme US", writeExport(t, "All order-2026-10-01-10_00.csv", us))
	mustImport(t, d, "Acme TH", writeExport(t, "All order-2026-10-01-10_00.xlsx", th))
	before := snapshot(t, d)

	// Newer exports: some orders move on, some are new; two overlapping
	// exports of one shop go in the same group.
	us2 := movedOn(sample.Orders(sample.Options{Seed: 41, Orders: 40}), 30)
	us3 := movedOn(us2, 38)
	th2 := movedOn(sample.Orders(sample.Options{Seed: 42, Orders: 35, Site: "TH"}), 20)
	dir := t.TempDir()
	writeIn(t, dir, "All order-2026-10-20-10_00.csv", us2)
	writeIn(t, dir, "All order-2026-10-25-10_00.csv", us3)
	writeIn(t, dir, "All order-2026-10-20-11_00.xlsx", th2)
	writeIn(t, dir, "Return_Refund_Orders-2026-10-20-11_30.csv", returnsOf(42, th2.Orders[:6]))
	p, g, err := d.ImportBatch(context.Background(), []string{dir}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Refused()) != 0 || len(g.Batches) != 4 {
		t.Fatalf("%d refused, %d batches", len(p.Refused()), len(g.Batches))
	}
	if reflect.DeepEqual(before, snapshot(t, d)) {
		t.Fatal("the group changed nothing; the test proves nothing")
	}
	undone, err := d.UndoGroup(context.Background(), g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !undone.Undone || len(undone.Batches) != 4 {
		t.Fatalf("undone group: %+v", undone)
	}
	if after := snapshot(t, d); !reflect.DeepEqual(before, after) {
		t.Fatal("undo of the group did not restore the state before it")
	}
	batches, _ := d.Imports(context.Background(), "")
	for _, b := range batches {
		if b.Group == g.ID && !b.Undone {
			t.Errorf("batch %d of the group is still live", b.ID)
		}
	}
	if _, err := d.UndoGroup(context.Background(), g.ID); err == nil {
		t.Fatal("a group was undone twice")
	}
	// The same folder imports again as if new.
	if _, g2, err := d.ImportBatch(context.Background(), []string{dir}, BatchOptions{}); err != nil || len(g2.Batches) != 4 {
		t.Fatalf("re-import after undo: %v, %d batches", err, len(g2.Batches))
	}
}

func TestAGroupIsNotUndoneWhenALaterImportBuiltOnIt(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	e := sample.Orders(sample.Options{Seed: 51, Orders: 10})
	_, g, err := d.ImportBatch(context.Background(), []string{writeExport(t, "All order-2026-10-01-10_00.csv", e)}, BatchOptions{Shop: "Acme US"})
	if err != nil {
		t.Fatal(err)
	}
	later := movedOn(e, 10)
	b := mustImport(t, d, "Acme US", writeExport(t, "All order-2026-11-01-10_00.csv", later)).Batch
	before := snapshot(t, d)
	_, err = d.UndoGroup(context.Background(), g.ID)
	if m := asMsg(t, err); !strings.Contains(m.Error(), "#"+itoa(b.ID)) {
		t.Fatalf("refusal does not name the later batch: %v", m)
	}
	if !reflect.DeepEqual(before, snapshot(t, d)) {
		t.Fatal("a refused undo changed the data")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func rightShopWarnings(p *ImportPlan) []string {
	var out []string
	for _, w := range p.Warnings {
		if strings.Contains(w.Text, "is this the right shop") {
			out = append(out, w.Error())
		}
	}
	return out
}

// writeText writes text into a new folder under name.
func writeText(t testing.TB, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSignsOfAnotherSiteAreRightShopWarningsInThePreview(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme TH", "TH")
	cases := []struct {
		name string
		path string
		want []string
	}{
		{"day-first dates", writeExport(t, "All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Seed: 71, Orders: 60, Site: "TH"})),
			[]string{"Acme US", "day first"}},
		{"baht amounts", writeText(t, "All order-2026-10-07-10_33.csv", "Order ID,Order Status,Order Substatus,Created Time,Order Amount\n"+
			"5001,Completed,Completed,2026-09-14 10:00:00,฿1,200.00\n"+
			"5002,Completed,Completed,2026-09-15 10:00:00,THB 80.00\n"),
			[]string{"THB", "USD"}},
	}
	for _, c := range cases {
		p, err := d.Preview(context.Background(), "Acme US", c.path, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		w := rightShopWarnings(p)
		if len(w) != 1 {
			t.Fatalf("%s into a US shop: %v", c.name, w)
		}
		for _, want := range c.want {
			if !strings.Contains(w[0], want) {
				t.Errorf("%s into a US shop: %q lacks %q", c.name, w[0], want)
			}
		}
		if p, err = d.Preview(context.Background(), "Acme TH", c.path, ImportOptions{}); err != nil || len(rightShopWarnings(p)) != 0 {
			t.Fatalf("%s into a Thai shop: %v %v", c.name, err, p.Warnings)
		}
	}
}

func TestUSReturnsDatedDayFirstGoIntoAUSShopWithoutWarnings(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	path := writeText(t, "Return_Refund_Orders-2026-10-07-10_40.csv",
		"Return Order ID,Order ID,Return Type,Return Status,Return Sub Status,Time Requested,Refund Time\n"+
			"4001,5001,Refund only,Completed,,25/09/2026 10:00:00 AM,03/10/2026 11:15:00 AM\n")
	p, err := d.Preview(context.Background(), "Acme US", path, ImportOptions{})
	if err != nil || len(p.Warnings) != 0 {
		t.Fatalf("US returns, day first: %v %v", err, p.Warnings)
	}
	if _, err := d.Commit(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	cases, err := d.Store().Cases(context.Background(), mustShop(t, d, "Acme US").ID, false, 0)
	if err != nil || len(cases) != 1 || cases[0].Requested.String() != "2026-09-25 10:00:00" || cases[0].Refunded.String() != "2026-10-03 11:15:00" {
		t.Fatalf("stored case: %v %+v", err, cases)
	}
}

func TestAGroupCancelledHalfWayLeavesTheDatabaseAsItWas(t *testing.T) {
	d := mustDesk(t)
	for i, site := range []string{"US", "TH", "MY"} {
		name := "Shop " + site
		mustAddShop(t, d, name, site)
		e := sample.Orders(sample.Options{Seed: uint64(80 + i), Orders: 20, Site: site})
		mustImport(t, d, name, writeExport(t, "All order-2026-10-01-10_00.csv", e))
	}
	before := snapshot(t, d)
	batchesBefore, _ := d.Imports(context.Background(), "")
	dir := t.TempDir()
	for i, site := range []string{"US", "TH", "MY"} {
		writeIn(t, dir, "All order-2026-10-2"+strconv.Itoa(i)+"-10_00.csv", movedOn(sample.Orders(sample.Options{Seed: uint64(80 + i), Orders: 30, Site: site}), 15))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	written := 0
	_, _, err := d.ImportBatch(ctx, []string{dir}, BatchOptions{Progress: func(p BatchProgress) {
		if p.Done == 1 {
			written = 1
			cancel() // after the first file was written
		}
	}})
	if !errors.Is(err, context.Canceled) || written != 1 {
		t.Fatalf("err %v, progress %d", err, written)
	}
	if !reflect.DeepEqual(before, snapshot(t, d)) {
		t.Fatal("a cancelled group left orders behind")
	}
	if after, _ := d.Imports(context.Background(), ""); len(after) != len(batchesBefore) {
		t.Fatalf("a cancelled group left %d batches behind", len(after)-len(batchesBefore))
	}
}

func TestAFolderImportedAgainIsKnownByItsFingerprintsAndChangesNothing(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	mustAddShop(t, d, "Acme TH", "TH")
	dir := t.TempDir()
	writeIn(t, dir, "All order-2026-10-01-10_00.csv", sample.Orders(sample.Options{Seed: 91, Orders: 12}))
	writeIn(t, dir, "All order-2026-10-01-11_00.csv", sample.Orders(sample.Options{Seed: 92, Orders: 12, Site: "TH"}))
	for i, shop := range []string{"Acme US", "Acme TH"} {
		p, err := d.PreviewBatch(context.Background(), []string{dir}, BatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.AssignShop(context.Background(), p, i, shop); err != nil {
			t.Fatal(err)
		}
		p.Drop(1-i, true)
		if _, err := d.CommitBatch(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, d)
	p, g, err := d.ImportBatch(context.Background(), []string{dir}, BatchOptions{})
	if err != nil || g.ID != 0 {
		t.Fatalf("again: %v, group %d", err, g.ID)
	}
	for i, shop := range []string{"Acme US", "Acme TH"} {
		f := p.Files[i]
		if f.Refusal != nil || f.Plan == nil || !f.Plan.AlreadyImported || f.Shop != shop || f.Plan.Batch.Unchanged != 12 {
			t.Fatalf("%s: refusal %v, plan %+v", f.Name, f.Refusal, f.Plan)
		}
	}
	if !reflect.DeepEqual(before, snapshot(t, d)) {
		t.Fatal("importing the folder again changed the data")
	}
}

func TestTheRefusalOfAFileReadsRightForOneHeldOrderAndForMany(t *testing.T) {
	for _, c := range []struct {
		held int
		want string
	}{
		{1, "One of this file's orders, 576400000000000001, is already held by shop Acme UK"},
		{7, "7 of this file's orders, such as 576400000000000001, are already held by shop Acme UK"},
	} {
		m := refusalFor("a.csv", "Acme US", []data.Holder{{ShopID: 2, Shop: "Acme UK", IDs: c.held, Example: "576400000000000001", Batches: []int64{4}}})
		if m == nil || !strings.Contains(m.Message(), c.want) || !strings.Contains(m.Message(), "undo batch #4 first") {
			t.Errorf("%d held: %v", c.held, m)
		}
	}
}
