package exports_test

import (
	"bufio"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

// benchRows is the size of the benchmark files: 100,000 SKU lines, 53 columns.
const benchRows = 100_000

var (
	benchOnce  sync.Once
	benchDir   string
	benchCSV   string
	benchXLSX  string
	benchSetup error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchFiles writes the 100k-row csv and xlsx once per process.
func benchFiles(b *testing.B) (csvPath, xlsxPath string) {
	benchOnce.Do(func() {
		if benchDir, benchSetup = os.MkdirTemp("", "exports-bench-"); benchSetup != nil {
			return
		}
		e := sample.Orders(sample.Options{Seed: 42, Rows: benchRows, Site: "TH"})
		benchCSV = filepath.Join(benchDir, "All order-2026-10-07-10_33.csv")
		benchXLSX = filepath.Join(benchDir, "All order-2026-10-07-10_33.xlsx")
		if benchSetup = sample.WriteFile(benchCSV, e); benchSetup != nil {
			return
		}
		benchSetup = sample.WriteXLSX(benchXLSX, e)
	})
	if benchSetup != nil {
		b.Fatal(benchSetup)
	}
	return benchCSV, benchXLSX
}

func benchRead(b *testing.B, path string) {
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := exports.Read(context.Background(), path, exports.Options{Site: "TH"})
		if err != nil {
			b.Fatal(err)
		}
		if res.Rows != benchRows {
			b.Fatalf("rows %d", res.Rows)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSV100k(b *testing.B) {
	p, _ := benchFiles(b)
	benchRead(b, p)
}

func BenchmarkReadXLSX100k(b *testing.B) {
	_, p := benchFiles(b)
	benchRead(b, p)
}

// BenchmarkBareExcelizeRows100k is the floor for xlsx: excelize's own
// streaming Rows()+Columns() over the same file, doing nothing with the cells.
func BenchmarkBareExcelizeRows100k(b *testing.B) {
	_, p := benchFiles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenFile(p)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("OrderSKUList")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		rows.Close()
		f.Close()
		if n != benchRows+1 {
			b.Fatalf("rows %d", n)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBareCSV100k is the floor for csv: encoding/csv alone over the same file.
func BenchmarkBareCSV100k(b *testing.B) {
	p, _ := benchFiles(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		r := csv.NewReader(bufio.NewReaderSize(f, 1<<20))
		r.ReuseRecord, r.LazyQuotes, r.FieldsPerRecord = true, true, -1
		n := 0
		for {
			if _, err := r.Read(); err != nil {
				break
			}
			n++
		}
		f.Close()
		if n != benchRows+1 {
			b.Fatalf("rows %d", n)
		}
	}
	b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
