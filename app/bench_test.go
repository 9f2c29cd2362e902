package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"depositdesk/data"
	"depositdesk/data/datatest"
	"depositdesk/data/exports/sample"
)

// TestMain removes what the benchmarks generated (a 1M-order database, 100k-row
// exports, the folders of 20 exports) so repeated `make bench` runs do not
// fill the temp folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if data.IsPostgresURL(bigPath) {
		datatest.DropSchema(bigPath)
		bigPath = ""
	}
	dirs := []string{filepath.Dir(bigPath), filepath.Dir(importCSV)}
	for _, f := range benchFolders {
		dirs = append(dirs, filepath.Dir(f.dir))
	}
	for _, dir := range dirs {
		if dir != "." && dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// bigDesk is a database of 2,000 shops holding 1,000,000 orders, built once
// per benchmark process (it takes a while) in a temporary folder, or in a
// schema of the PostgreSQL server the suite runs on (datatest).
var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

const (
	bigShops         = 2000
	bigOrdersPerShop = 500
)

func buildBigDesk() {
	if datatest.Server() != "" {
		bigPath, bigErr = datatest.NewSchema()
	} else {
		var dir string
		dir, bigErr = os.MkdirTemp("", "depositdesk-bench-")
		bigPath = filepath.Join(dir, "big.db")
	}
	if bigErr != nil {
		return
	}
	d, err := Open(bigPath)
	if err != nil {
		bigErr = err
		return
	}
	defer d.Close()
	d.Now = func() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) }
	sites := []string{"US", "UK", "MY", "TH", "VN", "ID", "PH", "SG"}
	ctx := context.Background()
	for i := 0; i < bigShops; i++ {
		site := sites[i%len(sites)]
		sh, err := d.AddShop(context.Background(), data.Shop{Name: fmt.Sprintf("Shop %04d %s", i, site), Site: site, Deposit: 50000, Currency: "USD",
			Client: fmt.Sprintf("Client %02d", i%40)})
		if err != nil {
			bigErr = err
			return
		}
		mix := sample.DefaultMix
		if i%3 == 0 {
			mix = map[data.StatusClass]int{data.Completed: 9, data.Cancelled: 1}
		}
		e := sample.Orders(sample.Options{Seed: uint64(i + 1), Orders: bigOrdersPerShop, Site: site, Mix: mix})
		in := &data.Incoming{Batch: data.ImportBatch{ShopID: sh.ID, FileName: "bench.csv", SHA256: fmt.Sprint(i), Kind: data.KindOrders,
			ExportedAt: data.StampOf(time.Date(2026, 10, 2, 9, 0, 0, 0, time.UTC)), Rows: e.Rows, Records: len(e.Orders)}, Orders: e.Orders}
		if _, err := d.Store().CommitImport(ctx, in, d.Now(), nil); err != nil {
			bigErr = err
			return
		}
	}
}

// BenchmarkReadiness2000Shops1MOrders is the overview's verdict refresh: every
// shop's verdict from the store. Target: under 1 s (1.5 s on PostgreSQL).
func BenchmarkReadiness2000Shops1MOrders(b *testing.B) {
	bigOnce.Do(buildBigDesk)
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	d, err := Open(bigPath)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	asOf := data.MakeDate(2026, 11, 24)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		vs, err := d.Readiness(context.Background(), asOf)
		if err != nil {
			b.Fatal(err)
		}
		if len(vs) != bigShops {
			b.Fatalf("%d verdicts", len(vs))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/refresh")
}
