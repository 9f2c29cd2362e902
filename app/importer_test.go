package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"depositdesk/data"
	"depositdesk/data/datatest"
	"depositdesk/data/exports/sample"
)

// mustDesk opens a desk on a fresh database with a fixed clock.
func mustDesk(t testing.TB) *Desk {
	t.Helper()
	d, err := Open(datatest.DB(t, "店铺 导出 2026", "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { d.Close() })
	return d
}

func mustAddShop(t testing.TB, d *Desk, name, site string) data.Shop {
	t.Helper()
	sh, err := d.AddShop(context.Background(), data.Shop{Name: name, Site: site, Deposit: 150000, Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// writeExport writes a generated export under a file name and returns its path.
func writeExport(t testing.TB, name string, e *sample.Export) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := sample.WriteFile(path, e); err != nil {
		t.Fatal(err)
	}
	return path
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func ordersIn(t testing.TB, d *Desk, shop data.Shop) []data.Order {
	t.Helper()
	os, err := d.Store().Orders(context.Background(), shop.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	return os
}

func TestPreviewCountsWithoutWriting(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Acme US", "US")
	path := writeExport(t, "All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Seed: 1, Orders: 30}))
	p, err := d.Preview(context.Background(), "Acme US", path, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Batch.Created != 30 || p.Batch.Records != 30 || p.Batch.Kind != data.KindOrders {
		t.Fatalf("preview %+v", p.Batch)
	}
	if n := len(ordersIn(t, d, sh)); n != 0 {
		t.Fatalf("preview wrote %d orders", n)
	}
	if b, _ := d.Imports(context.Background(), ""); len(b) != 0 {
		t.Fatalf("preview recorded %d batches", len(b))
	}
	if _, err := d.Commit(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	if n := len(ordersIn(t, d, sh)); n != 30 {
		t.Fatalf("commit wrote %d orders, want 30", n)
	}
}

func TestTheExportTimeComesFromTheOptionThenTheFileNameThenTheData(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	e := sample.Orders(sample.Options{Seed: 2, Orders: 10, Start: day(2026, 8, 1), End: day(2026, 9, 1)})
	named := writeExport(t, "All order-2026-10-07-10_33.xlsx", e)
	plain := writeExport(t, "orders.csv", e)
	opt, _ := data.ParseStamp("2026-10-09 08:00:00")
	cases := []struct {
		path string
		opt  ImportOptions
		want string
		from string
	}{
		{named, ImportOptions{ExportedAt: opt}, "2026-10-09 08:00:00", "option"},
		{named, ImportOptions{}, "2026-10-07 10:33:00", "file name"},
	}
	for _, c := range cases {
		p, err := d.Preview(context.Background(), "Acme US", c.path, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if p.Batch.ExportedAt.String() != c.want || p.ExportTimeFrom != c.from {
			t.Errorf("%s: exported %s from %s, want %s from %s", filepath.Base(c.path), p.Batch.ExportedAt, p.ExportTimeFrom, c.want, c.from)
		}
	}
	p, err := d.Preview(context.Background(), "Acme US", plain, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var newest data.Stamp
	for _, o := range e.Orders {
		for _, s := range []data.Stamp{o.Created, o.Paid, o.Shipped, o.Delivered, o.Cancelled} {
			newest = max(newest, s)
		}
	}
	if p.ExportTimeFrom != "data" || p.Batch.ExportedAt != newest {
		t.Fatalf("no time in the name: %s from %s, want %s from the data", p.Batch.ExportedAt, p.ExportTimeFrom, newest)
	}
}

func TestOverlappingExportsMergeByOrderID(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Acme US", "US")
	e := sample.Orders(sample.Options{Seed: 3, Orders: 20, Mix: map[data.StatusClass]int{data.InTransit: 1}})
	first := writeExport(t, "All order-2026-10-01-09_00.csv", e)
	// The next export: the same orders, now delivered, and five new ones.
	later := *e
	later.Orders = append([]data.Order(nil), e.Orders...)
	for i := range later.Orders {
		later.Orders[i].Class, later.Orders[i].Substatus = data.Delivered, "Delivered"
		later.Orders[i].Delivered = later.Orders[i].Shipped + 2*86400
	}
	more := sample.Orders(sample.Options{Seed: 4, Orders: 5, Mix: map[data.StatusClass]int{data.ToShip: 1}})
	later.Orders = append(later.Orders, more.Orders...)
	second := writeExport(t, "All order-2026-10-08-09_00.csv", sampleFrom(e, later.Orders))

	if _, err := d.Import(context.Background(), "Acme US", first, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := d.Import(context.Background(), "Acme US", second, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Batch.Updated != 20 || p.Batch.Created != 5 {
		t.Fatalf("second export: %+v", p.Batch)
	}
	for _, o := range ordersIn(t, d, sh) {
		if o.Class == data.InTransit {
			t.Fatalf("order %s regressed to in_transit", o.ID)
		}
	}
}

// sampleFrom is e with other orders (the same columns and layout).
func sampleFrom(e *sample.Export, orders []data.Order) *sample.Export {
	opt := e.Options
	opt.Orders = len(orders)
	out := sample.Orders(opt)
	// Keep the generated rows' shape but swap in the orders we want.
	out.Orders = orders
	return out
}

func TestAnOlderExportImportedLaterIsSkippedOrderByOrder(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	done := sample.Orders(sample.Options{Seed: 5, Orders: 12, Mix: map[data.StatusClass]int{data.Completed: 1}})
	moving := sampleFrom(done, withClass(done.Orders, data.InTransit))
	newer := writeExport(t, "All order-2026-10-20-09_00.csv", done)
	older := writeExport(t, "All order-2026-09-20-09_00.csv", moving)
	if _, err := d.Import(context.Background(), "Acme US", newer, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := d.Import(context.Background(), "Acme US", older, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Batch.Skipped != 12 || p.Batch.Updated != 0 {
		t.Fatalf("older export: %+v", p.Batch)
	}
}

func withClass(orders []data.Order, c data.StatusClass) []data.Order {
	out := append([]data.Order(nil), orders...)
	for i := range out {
		out[i].Class = c
		switch c {
		case data.InTransit:
			out[i].Status, out[i].Substatus, out[i].Delivered = "Shipped", "In transit", 0
		}
	}
	return out
}

func TestReimportingAFileChangesNothing(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Acme US", "US")
	path := writeExport(t, "All order-2026-10-07-10_33.xlsx", sample.Orders(sample.Options{Seed: 6, Orders: 25, Description: true}))
	if _, err := d.Import(context.Background(), "Acme US", path, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	before := ordersIn(t, d, sh)
	p, err := d.Import(context.Background(), "Acme US", path, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !p.AlreadyImported || p.Batch.Unchanged != 25 || p.Batch.Created+p.Batch.Updated != 0 {
		t.Fatalf("re-import: %+v", p.Batch)
	}
	batches, _ := d.Imports(context.Background(), "Acme US")
	if len(batches) != 1 {
		t.Fatalf("re-import recorded a batch: %d batches", len(batches))
	}
	after := ordersIn(t, d, sh)
	if len(after) != len(before) {
		t.Fatal("re-import changed the orders")
	}
	for i := range after {
		if after[i] != before[i] {
			t.Fatalf("order %s changed on re-import", after[i].ID)
		}
	}
}

func TestBadFilesAreRefusedWithTheirNameAndChangeNothing(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Acme US", "US")
	dir := t.TempDir()
	notSheet := filepath.Join(dir, "notes.txt")
	os.WriteFile(notSheet, []byte("hello"), 0o644)
	missing := filepath.Join(dir, "All order-2026-10-07-10_33.csv")
	os.WriteFile(missing, []byte("Order ID,Product Name,Created Time,Quantity\n576400000000000001,Mug,10/01/2026 10:00:00 AM,1\n"), 0o644)
	sci := filepath.Join(dir, "excel-saved.csv")
	os.WriteFile(sci, []byte("Order ID,Order Status,Order Substatus,Created Time\n5.764E+17,Completed,Completed,10/01/2026 10:00:00 AM\n"), 0o644)
	badDate := filepath.Join(dir, "bad-date.csv")
	os.WriteFile(badDate, []byte("Order ID,Order Status,Order Substatus,Created Time\n576400000000000001,Completed,Completed,yesterday\n"), 0o644)
	for _, c := range []struct{ path, says string }{
		{notSheet, "notes.txt"},
		{missing, "Order Status"},
		{sci, "excel-saved.csv"},
		{badDate, "yesterday"},
		{filepath.Join(dir, "gone.csv"), "gone.csv"},
	} {
		_, err := d.Import(context.Background(), "Acme US", c.path, ImportOptions{})
		var m *data.Message
		if err == nil || !errors.As(err, &m) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: error %v, want a message saying %q", filepath.Base(c.path), err, c.says)
		}
	}
	if n := len(ordersIn(t, d, sh)); n != 0 {
		t.Fatalf("refused files left %d orders", n)
	}
	if b, _ := d.Imports(context.Background(), ""); len(b) != 0 {
		t.Fatalf("refused files left %d batches", len(b))
	}
}

func TestACancelledImportWritesNothing(t *testing.T) {
	d := mustDesk(t)
	sh := mustAddShop(t, d, "Acme US", "US")
	path := writeExport(t, "All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Seed: 7, Rows: 9000}))
	ctx, cancel := context.WithCancel(context.Background())
	_, err := d.Import(ctx, "Acme US", path, ImportOptions{Progress: func(int) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled import: %v", err)
	}
	if n := len(ordersIn(t, d, sh)); n != 0 {
		t.Fatalf("a cancelled import left %d orders", n)
	}
}

func TestImportIntoAnUnknownShopSaysSo(t *testing.T) {
	d := mustDesk(t)
	_, err := d.Import(context.Background(), "Nobody", "x.csv", ImportOptions{})
	if err == nil || !strings.Contains(err.Error(), "no shop named Nobody") {
		t.Fatalf("got %v", err)
	}
}

func TestUndoBringsTheVerdictBack(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Acme US", "US")
	asOf := data.MakeDate(2026, 11, 24)
	returns := writeExport(t, "Return order-2026-11-20-09_00.csv", sample.Returns(sample.Options{Seed: 8, Orders: 30}))
	before, _ := d.Readiness(context.Background(), asOf)
	p, err := d.Import(context.Background(), "Acme US", returns, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Batch.Kind != data.KindReturns {
		t.Fatalf("kind %s", p.Batch.Kind)
	}
	mid, _ := d.Readiness(context.Background(), asOf)
	if check(mid[0], CheckReturnsClosed).OK {
		t.Fatal("open after-sales cases should fail returns_closed")
	}
	if _, err := d.Undo(context.Background(), p.Batch.ID); err != nil {
		t.Fatal(err)
	}
	after, _ := d.Readiness(context.Background(), asOf)
	if check(after[0], CheckReturnsClosed).Detail != check(before[0], CheckReturnsClosed).Detail || after[0].Status != before[0].Status {
		t.Fatalf("after undo: %+v\nbefore: %+v", after[0], before[0])
	}
}

func check(v Verdict, id string) Check {
	for _, c := range v.Checks {
		if c.ID == id {
			return c
		}
	}
	return Check{}
}
