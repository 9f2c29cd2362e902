package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// importRows is the size of the import benchmark files: 100,000 SKU lines in
// 53 columns, the same files as data/exports' reader benchmarks (seed 42, TH),
// so `make bench` compares the whole import with a bare excelize pass.
const importRows = 100_000

var (
	importOnce           sync.Once
	importCSV, importXLS string
	importErr            error
)

func importFiles(b *testing.B) (string, string) {
	importOnce.Do(func() {
		dir, err := os.MkdirTemp("", "depositdesk-import-bench-")
		if err != nil {
			importErr = err
			return
		}
		e := sample.Orders(sample.Options{Seed: 42, Rows: importRows, Site: "TH"})
		importCSV = filepath.Join(dir, "All order-2026-10-07-10_33.csv")
		importXLS = filepath.Join(dir, "All order-2026-10-07-10_33.xlsx")
		if importErr = sample.WriteFile(importCSV, e); importErr == nil {
			importErr = sample.WriteXLSX(importXLS, e)
		}
	})
	if importErr != nil {
		b.Fatal(importErr)
	}
	return importCSV, importXLS
}

// benchImport imports the file into a new shop of a fresh database each round
// (so every round does the same work): read, merge and commit in one
// transaction, as `depositdesk import` does.
func benchImport(b *testing.B, path string) {
	dir := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, err := Open(filepath.Join(dir, fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		name := "Bench"
		if _, err := d.AddShop(context.Background(), data.Shop{Name: name, Site: "TH", Deposit: 9000, Currency: "USD"}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := d.Import(context.Background(), name, path, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if p.Batch.Rows != importRows {
			b.Fatalf("%d rows", p.Batch.Rows)
		}
		b.StopTimer()
		d.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(importRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkImportCSV100k: target at least 200,000 rows/s.
func BenchmarkImportCSV100k(b *testing.B) {
	p, _ := importFiles(b)
	benchImport(b, p)
}

// BenchmarkImportXLSX100k: target at most 1.2× data/exports' BenchmarkBareExcelizeRows100k.
func BenchmarkImportXLSX100k(b *testing.B) {
	_, p := importFiles(b)
	benchImport(b, p)
}
