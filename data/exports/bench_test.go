package exports_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

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
	benchXLSX  string // inline strings, as excelize's stream writer writes them
	benchSST   string // the same cells through a shared-strings table, as Excel writes them
	benchSetup error
)

func TestMain(m *testing.M) {
	if cmd := os.Getenv(measureEnv); cmd != "" {
		os.Exit(measure(strings.Split(cmd, "\x1f")))
	}
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	if largePath != "" {
		os.RemoveAll(filepath.Dir(largePath))
	}
	for _, dir := range folderDirs {
		os.RemoveAll(filepath.Dir(dir))
		break // both formats share one folder
	}
	os.Exit(code)
}

// benchFiles writes the 100k-row csv and the two xlsx once per process.
func benchFiles(b *testing.B) (csvPath, xlsxPath, sstPath string) {
	benchOnce.Do(func() {
		if benchDir, benchSetup = os.MkdirTemp("", "exports-bench-"); benchSetup != nil {
			return
		}
		e := sample.Orders(sample.Options{Seed: 42, Rows: benchRows, Site: "TH"})
		benchCSV = filepath.Join(benchDir, "All order-2026-10-07-10_33.csv")
		benchXLSX = filepath.Join(benchDir, "All order-2026-10-07-10_33.xlsx")
		benchSST = filepath.Join(benchDir, "All order-2026-10-07-10_34.xlsx")
		if benchSetup = sample.WriteFile(benchCSV, e); benchSetup != nil {
			return
		}
		if benchSetup = sample.WriteXLSX(benchXLSX, e); benchSetup != nil {
			return
		}
		benchSetup = toSharedStrings(benchXLSX, benchSST)
	})
	if benchSetup != nil {
		b.Fatal(benchSetup)
	}
	return benchCSV, benchXLSX, benchSST
}

// toSharedStrings rewrites a workbook of inline-string cells into one whose
// text cells index a shared-strings table, the way Excel saves a workbook.
func toSharedStrings(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		return err
	}
	index := map[string]int{}
	var table bytes.Buffer
	return sample.EditXLSX(to, func(name string, b []byte) []byte {
		switch {
		case strings.HasPrefix(name, "xl/worksheets/"):
			return sharedCells(b, index, &table)
		case name == "xl/_rels/workbook.xml.rels":
			return bytes.Replace(b, []byte("</Relationships>"), []byte(`<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`), 1)
		case name == "[Content_Types].xml":
			return bytes.Replace(b, []byte("</Types>"), []byte(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`), 1)
		}
		return b
	}, func() map[string][]byte {
		head := fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="%d">`, len(index))
		return map[string][]byte{"xl/sharedStrings.xml": append(append([]byte(head), table.Bytes()...), "</sst>"...)}
	})
}

// sharedCells replaces every <c … t="inlineStr"><is><t>text</t></is></c>
// with <c … t="s"><v>index</v></c>, adding new texts to the table.
func sharedCells(x []byte, index map[string]int, table *bytes.Buffer) []byte {
	const open, close = ` t="inlineStr"><is><t`, `</t></is>`
	var b bytes.Buffer
	b.Grow(len(x) / 2)
	for {
		i := bytes.Index(x, []byte(open))
		if i < 0 {
			b.Write(x)
			return b.Bytes()
		}
		b.Write(x[:i])
		x = x[i+len(open):]
		x = x[bytes.IndexByte(x, '>')+1:]
		j := bytes.Index(x, []byte(close))
		text := string(x[:j])
		x = x[j+len(close):]
		n, ok := index[text]
		if !ok {
			n = len(index)
			index[text] = n
			table.WriteString(`<si><t xml:space="preserve">` + text + `</t></si>`)
		}
		b.WriteString(` t="s"><v>` + strconv.Itoa(n) + `</v>`)
	}
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
	p, _, _ := benchFiles(b)
	benchRead(b, p)
}

func BenchmarkReadXLSX100k(b *testing.B) {
	_, p, _ := benchFiles(b)
	benchRead(b, p)
}

func BenchmarkReadXLSXSharedStrings100k(b *testing.B) {
	_, _, p := benchFiles(b)
	benchRead(b, p)
}

// bareExcelize is the yardstick for xlsx: excelize's own streaming
// Rows()+Columns() over the file, doing nothing with the cells.
func bareExcelize(b *testing.B, path string) time.Duration {
	start := time.Now()
	f, err := excelize.OpenFile(path)
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
	return time.Since(start)
}

// buildCLI builds the program once per benchmark, as a user runs it.
func buildCLI(b *testing.B) string {
	bin := filepath.Join(b.TempDir(), "depositdesk")
	cmd := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// measureEnv asks the test binary to run a command and report its wall
// time and peak memory. Measured from the benchmark process itself, the
// command's peak memory would include the benchmark's own pages, which a
// child shares until it executes the program.
const measureEnv = "DEPOSITDESK_BENCH_MEASURE"

func measure(args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("\nmeasured: %d ns, %d KiB\n", took.Nanoseconds(), cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	return 0
}

// cliRun runs the built program on the database db, as measureEnv asks,
// and says what it printed, how long the whole process took and its peak
// resident memory.
func cliRun(b *testing.B, bin, db string, args ...string) (out string, took time.Duration, peak int64) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "HOME="+filepath.Dir(db), measureEnv+"="+strings.Join(append([]string{bin, "--db", db}, args...), "\x1f"))
	raw, err := cmd.CombinedOutput()
	out = string(raw)
	if err != nil {
		b.Fatalf("depositdesk %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	var ns, kib int64
	if i := strings.LastIndex(out, "measured: "); i < 0 {
		b.Fatalf("depositdesk %s printed %q", strings.Join(args, " "), out)
	} else if _, err := fmt.Sscanf(out[i:], "measured: %d ns, %d KiB", &ns, &kib); err != nil {
		b.Fatalf("%v in %q", err, out[i:])
	}
	return out, time.Duration(ns), kib << 10
}

// benchShop is a new database holding the one shop the benchmarks import into.
func benchShop(b *testing.B, bin string) string {
	db := filepath.Join(b.TempDir(), "bench.db")
	cliRun(b, bin, db, "shop", "add", "Bench TH", "--site", "TH", "--deposit", "1000", "--currency", "THB")
	return db
}

// cliImport imports path into a new database with the built program and
// says how long the whole process took and its peak resident memory.
func cliImport(b *testing.B, bin, path string, rows int) (took time.Duration, peak int64) {
	out, took, peak := cliRun(b, bin, benchShop(b, bin), "import", "--shop", "Bench TH", path)
	if !strings.Contains(out, strconv.Itoa(rows)+" rows") {
		b.Fatalf("import printed %q", out)
	}
	return took, peak
}

// BenchmarkCLIImport100k measures the speed goals of issue 9 in one run:
// the whole `depositdesk import` process on the 100k-row export, as xlsx
// with inline strings and with a shared-strings table (each as a ratio to a
// bare excelize pass over the same file), and as csv (rows per second);
// and the peak memory of any of those imports.
func BenchmarkCLIImport100k(b *testing.B) {
	csvPath, inline, shared := benchFiles(b)
	bin := buildCLI(b)
	var excInline, excShared, cliInline, cliShared, cliCSV time.Duration
	var peak int64
	b.ResetTimer()
	for b.Loop() {
		excInline += bareExcelize(b, inline)
		excShared += bareExcelize(b, shared)
		for _, m := range []struct {
			path string
			sum  *time.Duration
		}{{inline, &cliInline}, {shared, &cliShared}, {csvPath, &cliCSV}} {
			took, rss := cliImport(b, bin, m.path, benchRows)
			*m.sum += took
			peak = max(peak, rss)
		}
	}
	n := float64(b.N)
	b.ReportMetric(excInline.Seconds()/cliInline.Seconds(), "x-excelize-inline")
	b.ReportMetric(excShared.Seconds()/cliShared.Seconds(), "x-excelize-shared")
	b.ReportMetric(cliInline.Seconds()/n, "s-xlsx-inline")
	b.ReportMetric(cliShared.Seconds()/n, "s-xlsx-shared")
	b.ReportMetric(benchRows*n/cliCSV.Seconds(), "csv-rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

var (
	largeOnce sync.Once
	largePath string
	largeErr  error
)

// largeRows is the size of the file that shows a CLI import's memory does
// not grow with the file: ten times the 100k-row export (about 500 MB of
// csv, 500,000 orders).
const largeRows = 1_000_000

// BenchmarkCLIImportLarge reports the peak memory (peak-MB) and speed of
// `depositdesk import` of a 1,000,000-row csv export: a file that large is
// written while it is read, so the peak stays that of a small file.
func BenchmarkCLIImportLarge(b *testing.B) {
	largeOnce.Do(func() {
		var dir string
		if dir, largeErr = os.MkdirTemp("", "exports-bench-large-"); largeErr == nil {
			largePath = filepath.Join(dir, "All order-2026-10-08-09_15.csv")
			largeErr = sample.WriteFile(largePath, sample.Orders(sample.Options{Seed: 43, Rows: largeRows, Site: "TH"}))
		}
	})
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	path := largePath
	bin := buildCLI(b)
	var took time.Duration
	var peak int64
	b.ResetTimer()
	for b.Loop() {
		t, rss := cliImport(b, bin, path, largeRows)
		took += t
		peak = max(peak, rss)
	}
	b.ReportMetric(float64(largeRows)*float64(b.N)/took.Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// The folder of the command-line folder benchmark: 20 exports of 15,000
// rows (different orders in each), in each format, and a small earlier
// export of each (its first 50 orders), so that a database can hold one shop
// per file that the file's orders name.
const (
	folderFiles = 20
	folderRows  = 15_000
)

var (
	folderOnce  sync.Once
	folderDirs  map[string]string // format → folder
	folderSeeds []string
	folderErr   error
)

func folderExports(b *testing.B) (map[string]string, []string) {
	folderOnce.Do(func() {
		root, err := os.MkdirTemp("", "exports-bench-folder-")
		if err != nil {
			folderErr = err
			return
		}
		folderDirs = map[string]string{"csv": filepath.Join(root, "csv"), "xlsx": filepath.Join(root, "xlsx")}
		for _, dir := range folderDirs {
			if folderErr = os.MkdirAll(dir, 0o755); folderErr != nil {
				return
			}
		}
		for i := range folderFiles {
			e := sample.Orders(sample.Options{Seed: uint64(200 + i), Rows: folderRows, Site: "TH"})
			name := fmt.Sprintf("All order-2026-%02d-01-10_00", 1+i%12)
			if i >= 12 {
				name = fmt.Sprintf("All order-2027-%02d-01-10_00", 1+i%12)
			}
			if folderErr = sample.WriteFile(filepath.Join(folderDirs["csv"], name+".csv"), e); folderErr != nil {
				return
			}
			if folderErr = sample.WriteXLSX(filepath.Join(folderDirs["xlsx"], name+".xlsx"), e); folderErr != nil {
				return
			}
			early := *e
			early.Orders = e.Orders[:50]
			seed := filepath.Join(root, fmt.Sprintf("All order-2025-01-01-10_%02d.csv", i))
			if folderErr = sample.WriteFile(seed, &early); folderErr != nil {
				return
			}
			folderSeeds = append(folderSeeds, seed)
		}
	})
	if folderErr != nil {
		b.Fatal(folderErr)
	}
	return folderDirs, folderSeeds
}

// agencyDB is a database holding 20 shops, each holding the first orders of
// one folder file: each file of the folder goes to its own shop by its
// orders, as an agency's weekly downloads do. Made once, copied for each
// use.
func agencyDB(b *testing.B, bin string, seeds []string) func() string {
	template := filepath.Join(b.TempDir(), "agency.db")
	for i, seed := range seeds {
		shop := fmt.Sprintf("Shop %02d", i)
		cliRun(b, bin, template, "shop", "add", shop, "--site", "TH", "--deposit", "1000", "--currency", "THB")
		cliRun(b, bin, template, "import", "--shop", shop, seed)
	}
	raw, err := os.ReadFile(template)
	if err != nil {
		b.Fatal(err)
	}
	return func() string {
		db := filepath.Join(b.TempDir(), "agency.db")
		if err := os.WriteFile(db, raw, 0o644); err != nil {
			b.Fatal(err)
		}
		return db
	}
}

// BenchmarkCLIImportFolder is the folder goal of issue 9 as a person runs
// it: `depositdesk import FOLDER` against one `depositdesk import FILE`
// after another, whole processes, each way on a new database, for a folder
// of csv and one of xlsx exports; it reports the ratio of the two times,
// the median over the runs (x-one-by-one-csv, x-one-by-one-xlsx) and the
// lowest (x-lowest-csv, x-lowest-xlsx), and the folder imports' peak
// memory. one-shop: a seller's exports of one shop (--shop); 20-shops: an
// agency's, each file going to the shop that holds its orders.
// (BenchmarkImportFolder in app/ measures the 20 shops in one process.)
func BenchmarkCLIImportFolder(b *testing.B) {
	dirs, seeds := folderExports(b)
	bin := buildCLI(b)
	agency := agencyDB(b, bin, seeds)
	for _, c := range []struct {
		name string
		db   func() string
		shop []string
	}{
		{"one-shop", func() string { return benchShop(b, bin) }, []string{"--shop", "Bench TH"}},
		{"20-shops", agency, nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			batch := map[string]time.Duration{}
			ratios := map[string][]float64{}
			var peak int64
			for b.Loop() {
				for _, format := range []string{"csv", "xlsx"} {
					out, took, rss := cliRun(b, bin, c.db(), append(append([]string{"import"}, c.shop...), dirs[format])...)
					if !strings.Contains(out, fmt.Sprintf("%d files imported", folderFiles)) {
						b.Fatalf("the folder import printed %q", out)
					}
					batch[format] += took
					peak = max(peak, rss)

					db := c.db()
					files, err := filepath.Glob(filepath.Join(dirs[format], "*."+format))
					if err != nil || len(files) != folderFiles {
						b.Fatalf("%d files (%v)", len(files), err)
					}
					var oneByOne time.Duration
					for _, f := range files {
						out, took, _ := cliRun(b, bin, db, append(append([]string{"import"}, c.shop...), f)...)
						if !strings.Contains(out, fmt.Sprintf("%d rows", folderRows)) {
							b.Fatalf("import %s printed %q", f, out)
						}
						oneByOne += took
					}
					ratios[format] = append(ratios[format], oneByOne.Seconds()/took.Seconds())
				}
			}
			// Each ratio pairs a folder import with the files one by one
			// right after it; the median of the pairs is the figure, so that
			// a moment when the host gives this machine less than its two
			// cores (which costs the folder most) does not decide it alone.
			for _, format := range []string{"csv", "xlsx"} {
				slices.Sort(ratios[format])
				b.ReportMetric(ratios[format][len(ratios[format])/2], "x-one-by-one-"+format)
				b.ReportMetric(ratios[format][0], "x-lowest-"+format)
				b.ReportMetric(batch[format].Seconds()/float64(b.N), "s-folder-"+format)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
	}
}

// BenchmarkBareCSV100k is the floor for csv: encoding/csv alone over the same file.
func BenchmarkBareCSV100k(b *testing.B) {
	p, _, _ := benchFiles(b)
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
