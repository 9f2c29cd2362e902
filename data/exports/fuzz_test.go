package exports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
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
	defer exports.SetEmitChunk(2)()
	f.Fuzz(func(t *testing.T, in []byte) {
		res, err := exports.ReadFrom(context.Background(), bytes.NewReader(in), exports.Options{Name: "f.csv"})
		checkFuzzResult(t, "f.csv", res, err)
		sameWhenStreamed(t, in, res, err)
	})
}

// sameWhenStreamed reads in again, streamed two records at a time, and
// requires what a whole read gave: the same error, or the same records in
// the same order and the same result — unless an order's lines are spread
// over the file (one ID handed over twice), which the writer of a stream
// detects and answers by reading the file whole.
func sameWhenStreamed(t *testing.T, in []byte, whole *exports.Result, wholeErr error) {
	var orders []data.Order
	var cases []data.ReturnCase
	streamed, err := exports.ReadFrom(context.Background(), bytes.NewReader(in), exports.Options{Name: "f.csv",
		Emit: func(o []data.Order, c []data.ReturnCase) error {
			orders, cases = append(orders, o...), append(cases, c...)
			return nil
		}})
	orderIDs, _ := data.RecordIDs(orders, nil)
	_, caseIDs := data.RecordIDs(nil, cases)
	seen := map[string]bool{}
	for _, id := range append(orderIDs, caseIDs...) {
		if seen[id] {
			return // spread: the stream's writer finds the ID twice
		}
		seen[id] = true
	}
	if (err == nil) != (wholeErr == nil) || err != nil && err.Error() != wholeErr.Error() {
		t.Fatalf("streamed: %v; whole: %v", err, wholeErr)
	}
	if err != nil {
		return
	}
	if !slices.EqualFunc(orders, whole.Orders, func(a, b data.Order) bool { return a == b }) ||
		!slices.EqualFunc(cases, whole.Cases, func(a, b data.ReturnCase) bool { return a == b }) {
		t.Fatalf("streamed %d orders, %d cases; whole %d, %d, or they differ", len(orders), len(cases), len(whole.Orders), len(whole.Cases))
	}
	w, st := *whole, *streamed
	w.Orders, w.Cases, st.Orders, st.Cases = nil, nil, nil, nil
	if !reflect.DeepEqual(st, w) {
		t.Fatalf("streamed result %+v\nwhole %+v", st, w)
	}
}

// FuzzReadXLSX mutates a whole workbook (zip and all) and, separately, the
// XML of a worksheet put into a fixed workbook (with shared strings and a
// date style), which is where the reader does its own parsing.
func FuzzReadXLSX(f *testing.F) {
	dir := f.TempDir()
	var parts map[string][]byte // the parts of the first seed, for the sheet-XML half
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
		book := unzipParts(f, b)
		// Namespace declarations are most of a small part: without them the
		// fuzzer spends its mutations (and minimisations) on what is read.
		for name, x := range book {
			book[name] = xmlnsDecl.ReplaceAll(x, nil)
		}
		if parts == nil {
			parts = book
			parts["xl/sharedStrings.xml"] = []byte(`<sst><si><t>Order ID</t></si><si><r><t>Order </t></r><r><t xml:space="preserve">Status</t></r></si><si><t>583870900000000001_x000D_</t></si></sst>`)
		}
		if i == 0 {
			f.Add(b, book["xl/worksheets/sheet1.xml"]) // as written, deflated
		} else {
			f.Add(zipParts(f, book, "", nil), book["xl/worksheets/sheet1.xml"]) // stored: the fuzzer sees the XML
		}
	}
	f.Add([]byte{}, []byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`+
		`<row r="1"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>Completed &amp; &#x4E2D;</t></is></c></row>`+
		`<x:row r="2"><x:c r="A2"><x:v>5.8387E+17</x:v></x:c><c><v><![CDATA[x]]></v></c></x:row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, book, sheetXML []byte) {
		if len(book) > 0 {
			res, err := exports.ReadFrom(context.Background(), bytes.NewReader(book), exports.Options{Name: "f.xlsx"})
			checkFuzzResult(t, "f.xlsx", res, err)
		}
		if len(sheetXML) > 0 {
			b := zipParts(t, parts, "xl/worksheets/sheet1.xml", sheetXML)
			res, err := exports.ReadFrom(context.Background(), bytes.NewReader(b), exports.Options{Name: "g.xlsx"})
			checkFuzzResult(t, "g.xlsx", res, err)
		}
	})
}

func unzipParts(t testing.TB, b []byte) map[string][]byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return parts
}

var xmlnsDecl = regexp.MustCompile(` xmlns(:[a-zA-Z0-9]+)?="[^"]*"`)

// zipParts writes parts, with part name replaced by content, stored
// uncompressed so that a mutation of the XML reaches the reader as it is.
func zipParts(t testing.TB, parts map[string][]byte, name string, content []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if n == name {
			w.Write(content)
		} else {
			w.Write(parts[n])
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
