package exports_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

// checkFuzzResult: a read either succeeds or fails with a *data.Message that names the file.
func checkFuzzResult(t *testing.T, name string, res *exports.Result, err error) {
	if err != nil {
		var m *data.Message
		if !errors.As(err, &m) || m.File != name {
			t.Fatalf("error is not a message about %s: %T %v", name, err, err)
		}
		_ = m.Error()
		return
	}
	if res.Rows < len(res.Orders) || res.Rows < len(res.Cases) {
		t.Fatalf("%d rows but %d orders, %d cases", res.Rows, len(res.Orders), len(res.Cases))
	}
	for _, w := range res.Warnings {
		_ = w.Error()
	}
}

func FuzzReadCSV(f *testing.F) {
	for i, opt := range []sample.Options{
		{Seed: 1, Orders: 3, Site: "TH"},
		{Seed: 2, Orders: 2, Dates: sample.DatesUS, Description: true},
		{Seed: 3, Orders: 2, Chinese: true, Shuffle: true, Dates: sample.DatesISO},
	} {
		var b bytes.Buffer
		if err := sample.WriteCSV(&b, sample.Orders(opt), i%2 == 0, i%2 == 0); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
	var b bytes.Buffer
	sample.WriteCSV(&b, sample.Returns(sample.Options{Seed: 4, Orders: 3}), true, false)
	f.Add(b.Bytes())
	f.Add([]byte("Order ID,Order Status,Created Time\n5.8387E+17,Shipped,31/12/2026 10:00\n1,x,12/31/2026\n"))
	f.Add([]byte("\xff\xfeO\x00r\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := exports.ReadFrom(context.Background(), bytes.NewReader(in), exports.Options{Name: "f.csv"})
		checkFuzzResult(t, "f.csv", res, err)
	})
}

func FuzzReadXLSX(f *testing.F) {
	dir := f.TempDir()
	for i, e := range []*sample.Export{
		sample.Orders(sample.Options{Seed: 1, Orders: 2, Description: true}),
		sample.Orders(sample.Options{Seed: 2, Orders: 2, SerialDates: true, Shuffle: true}),
		sample.Returns(sample.Options{Seed: 3, Orders: 2}),
	} {
		p := filepath.Join(dir, string(rune('a'+i))+".xlsx")
		if err := sample.WriteXLSX(p, e); err != nil {
			f.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := exports.ReadFrom(context.Background(), bytes.NewReader(in), exports.Options{Name: "f.xlsx"})
		checkFuzzResult(t, "f.xlsx", res, err)
	})
}
