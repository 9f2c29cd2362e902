package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"depositdesk/data"
	"depositdesk/data/datatest"
)

// importOnce imports path into a new shop of a fresh database at where and
// returns how long the import took.
func timedImport(b *testing.B, where, path string) time.Duration {
	b.Helper()
	d, err := Open(where)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	if _, err := d.AddShop(context.Background(), data.Shop{Name: "Bench", Site: "TH", Deposit: 9000, Currency: "USD"}); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	p, err := d.Import(context.Background(), "Bench", path, ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	if p.Batch.Rows != importRows {
		b.Fatalf("%d rows", p.Batch.Rows)
	}
	return took
}

// BenchmarkImportCSV100kPostgresVsSQLite imports the same 100,000-row csv
// into a fresh SQLite file and a fresh PostgreSQL schema each round and
// reports the ratio of their times. Target: pg/sqlite ≤ 1.5. Runs where
// DEPOSITDESK_TEST_PG names a server (make bench starts one).
func BenchmarkImportCSV100kPostgresVsSQLite(b *testing.B) {
	if datatest.Server() == "" {
		b.Skip("PostgreSQL is not running: make bench starts one (.ci/with-postgres)")
	}
	p, _ := importFiles(b)
	var lite, pg time.Duration
	for i := 0; i < b.N; i++ {
		lite += timedImport(b, filepath.Join(b.TempDir(), "bench.db"), p)
		pg += timedImport(b, datatest.Schema(b), p)
	}
	b.ReportMetric(float64(lite.Milliseconds())/float64(b.N), "sqlite-ms")
	b.ReportMetric(float64(pg.Milliseconds())/float64(b.N), "pg-ms")
	b.ReportMetric(float64(pg)/float64(lite), "pg/sqlite")
}
