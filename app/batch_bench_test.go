package app

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"
	"time"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// The folder benchmark: 20 exports of 15,000 SKU lines each, one per shop,
// as an agency downloads them in a week (issue 9: at least 1.6× faster than
// importing one file after another, on two cores).
const (
	folderFiles = 20
	folderRows  = 15_000
)

// benchFolder is a folder of exports in one format, and a small earlier
// export of each file's shop, so that the folder's files find their shops.
type benchFolder struct {
	once  sync.Once
	dir   string
	seeds []string
	err   error
}

var benchFolders = map[string]*benchFolder{"csv": {}, "xlsx": {}}

func folderExports(b *testing.B, ext string) (string, []string) {
	f := benchFolders[ext]
	f.once.Do(func() {
		root, err := os.MkdirTemp("", "depositdesk-folder-bench-")
		if err != nil {
			f.err = err
			return
		}
		f.dir = filepath.Join(root, "exports")
		if f.err = os.MkdirAll(f.dir, 0o755); f.err != nil {
			return
		}
		for i := 0; i < folderFiles; i++ {
			e := sample.Orders(sample.Options{Seed: uint64(100 + i), Rows: folderRows, Site: "TH"})
			name := fmt.Sprintf("All order-2026-10-%02d-10_%02d.%s", 1+i%28, i, ext)
			if f.err = sample.WriteFile(filepath.Join(f.dir, name), e); f.err != nil {
				return
			}
			early := *e
			early.Orders = e.Orders[:50]
			seed := filepath.Join(root, fmt.Sprintf("seed-%02d.csv", i))
			if f.err = sample.WriteFile(seed, &early); f.err != nil {
				return
			}
			f.seeds = append(f.seeds, seed)
		}
	})
	if f.err != nil {
		b.Fatal(f.err)
	}
	return f.dir, f.seeds
}

// seededDesk is a fresh database with one shop per folder file, each
// holding a few of its file's orders.
func seededDesk(b *testing.B, path string, seeds []string) *Desk {
	d, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	for i, seed := range seeds {
		name := fmt.Sprintf("Shop %02d", i)
		if _, err := d.AddShop(context.Background(), data.Shop{Name: name, Site: "TH", Deposit: 9000, Currency: "USD"}); err != nil {
			b.Fatal(err)
		}
		if _, err := d.Import(context.Background(), name, seed, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	return d
}

// BenchmarkImportFolder imports the folder both ways in every round, each
// into its own fresh database: one file after another (Import per file,
// as before batch import), and as one batch (ImportBatch: files read in
// parallel, one writer). It reports the ratio of the two times, for a
// folder of xlsx exports (what Seller Center gives by default) and of csv.
func BenchmarkImportFolder(b *testing.B) {
	for _, ext := range []string{"xlsx", "csv"} {
		b.Run(ext, func(b *testing.B) { benchImportFolder(b, ext) })
	}
}

func benchImportFolder(b *testing.B, ext string) {
	// Both ways run with the collector paced as the command line paces it
	// (depositdesk import FOLDER).
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	LimitMemory()
	dir, seeds := folderExports(b, ext)
	files, err := ExportFiles([]string{dir})
	if err != nil {
		b.Fatal(err)
	}
	tmp := b.TempDir()
	var oneByOne, batch, cpuOneByOne, cpuBatch time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		seq := seededDesk(b, filepath.Join(tmp, fmt.Sprintf("seq%d.db", i)), seeds)
		par := seededDesk(b, filepath.Join(tmp, fmt.Sprintf("par%d.db", i)), seeds)
		b.StartTimer()

		cpu0 := processCPU()
		start := time.Now()
		for j, f := range files {
			if _, err := seq.Import(context.Background(), fmt.Sprintf("Shop %02d", j), f, ImportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
		oneByOne += time.Since(start)
		cpu1 := processCPU()

		start = time.Now()
		p, g, err := par.ImportBatch(context.Background(), []string{dir}, BatchOptions{})
		if err != nil {
			b.Fatal(err)
		}
		batch += time.Since(start)
		cpuOneByOne += cpu1 - cpu0
		cpuBatch += processCPU() - cpu1
		if len(p.Refused()) != 0 || len(g.Batches) != folderFiles {
			b.Fatalf("%d refused, %d imported", len(p.Refused()), len(g.Batches))
		}

		b.StopTimer()
		seq.Close()
		par.Close()
		b.StartTimer()
	}
	b.ReportMetric(oneByOne.Seconds()/float64(b.N), "s/one-by-one")
	b.ReportMetric(batch.Seconds()/float64(b.N), "s/batch")
	b.ReportMetric(oneByOne.Seconds()/batch.Seconds(), "speedup")
	b.ReportMetric(float64(folderFiles*folderRows*b.N)/batch.Seconds(), "rows/s")
	// How many cores each way kept busy: one file after another already
	// uses more than one (a file is fingerprinted while it is read, an xlsx
	// inflated while it is scanned, and the collector runs beside them),
	// which bounds the speedup two cores can give.
	b.ReportMetric(cpuOneByOne.Seconds()/oneByOne.Seconds(), "cores/one-by-one")
	b.ReportMetric(cpuBatch.Seconds()/batch.Seconds(), "cores/batch")
}
