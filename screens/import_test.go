package screens

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"golang.org/x/text/encoding/simplifiedchinese"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// sampleExport is one of the bundled sample exports.
func sampleExport(name string) string { return filepath.Join("..", "assets", "samples", name) }

func addShop(t *testing.T, d *app.Desk, name, site string) {
	t.Helper()
	if _, err := d.AddShop(context.Background(), data.Shop{Name: name, Site: site, Deposit: 900000, Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
}

func TestAFixtureImportGoesFromPreviewToResult(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Lotus MY", "MY")
	s := newTestShell(t, d)
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{sampleExport("All order-2026-11-20-10_33.csv")})
	if len(im.files) != 1 || im.current() == nil {
		t.Fatalf("queue holds %d files", len(im.files))
	}
	if !im.preview.Disabled() {
		t.Error("Preview is enabled before a shop is chosen")
	}
	im.shopSelect.SetSelected("Lotus MY")
	if got := s.app.Preferences().String(prefImportShop); got != "Lotus MY" {
		t.Errorf("remembered shop %q", got)
	}
	if !strings.Contains(im.timeHint.Text, "2026-11-20 10:33") {
		t.Errorf("the export time hint does not name the time in the file name: %q", im.timeHint.Text)
	}

	test.Tap(im.preview)
	f := im.current()
	if f.state != filePreviewed {
		t.Fatalf("after Preview the file is in state %d (err %v)", f.state, f.err)
	}
	b := f.plan.Batch
	if b.Rows == 0 || b.Created == 0 || b.Kind != data.KindOrders || f.plan.ExportTimeFrom != "file name" {
		t.Errorf("plan: %+v from %q", b, f.plan.ExportTimeFrom)
	}
	if batches, _ := d.Imports(context.Background(), ""); len(batches) != 0 {
		t.Fatalf("the preview wrote %d batches", len(batches))
	}
	if im.commit.Disabled() {
		t.Fatal("Import is disabled after a preview")
	}

	test.Tap(im.commit)
	if f.state != fileImported || f.batch.ID == 0 {
		t.Fatalf("after Import: state %d, batch %+v, err %v", f.state, f.batch, f.err)
	}
	batches, _ := d.Imports(context.Background(), "Lotus MY")
	if len(batches) != 1 || batches[0].Created != b.Created {
		t.Errorf("the desk holds %+v, want one batch with %d created", batches, b.Created)
	}
	if !im.preview.Disabled() || !im.commit.Disabled() {
		t.Error("an imported file can be previewed or imported again")
	}

	// The same file again: recognised, nothing to write.
	test.Tap(im.remove)
	im.AddPaths([]string{sampleExport("All order-2026-11-20-10_33.csv")})
	if im.current().shop != "Lotus MY" {
		t.Errorf("a new file gets shop %q, want the last one chosen", im.current().shop)
	}
	test.Tap(im.preview)
	if f := im.current(); f.state != filePreviewed || !f.plan.AlreadyImported || !im.commit.Disabled() {
		t.Errorf("re-import: state %d, already %v, commit enabled %v", f.state, f.plan != nil && f.plan.AlreadyImported, !im.commit.Disabled())
	}
}

func TestAGB18030FileSaysHowItWasRead(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Sunrise TH", "TH")
	dir := t.TempDir()
	e := sample.Orders(sample.Options{Seed: 3, Orders: 30, Site: "TH", Chinese: true})
	var utf bytes.Buffer
	if err := sample.WriteCSV(&utf, e, false, true); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "全部 订单-2026-11-18-14_20.csv")
	if err := os.WriteFile(path, toGB18030(t, utf.Bytes()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, d)
	s.Show(PageImport)
	s.imports.AddPaths([]string{path})
	s.imports.shopSelect.SetSelected("Sunrise TH")
	test.Tap(s.imports.preview)
	f := s.imports.current()
	if f.state != filePreviewed || f.plan.Batch.Encoding != "GB18030" {
		t.Fatalf("state %d, encoding %q, err %v", f.state, f.plan.Batch.Encoding, f.err)
	}
	if got := encodingText(f.plan.Batch.Encoding, f.path); !strings.Contains(got, "GB18030") {
		t.Errorf("the summary says %q", got)
	}
}

func TestABadFileShowsWhereAndWhyInTheUsersLanguage(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Acme US", "US")
	path := filepath.Join(t.TempDir(), "orders.csv")
	os.WriteFile(path, []byte("Name,Price\nfoo,1\n"), 0o644)
	s := newTestShell(t, d)
	s.SetLanguage(LanguageChinese)
	s.Show(PageImport)
	s.imports.AddPaths([]string{path})
	s.imports.shopSelect.SetSelected("Acme US")
	test.Tap(s.imports.preview)
	f := s.imports.current()
	if f.state != fileFailed || f.err == nil {
		t.Fatalf("state %d, err %v", f.state, f.err)
	}
	text := trError(f.err)
	if !strings.Contains(text, "orders.csv") || !strings.Contains(text, "文件") {
		t.Errorf("the error reads %q; want the file named, in Chinese", text)
	}
	var buf bytes.Buffer
	if err := writeReport(&buf, s.imports.reportMessages(), false); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\uFEFF文件,行,列,")) || !strings.Contains(buf.String(), "orders.csv") {
		t.Errorf("report:\n%s", buf.String())
	}
	if len(s.imports.files) != 1 || s.imports.current().state != fileFailed {
		t.Error("switching the language lost the queue")
	}
}

func TestWarningsKeepTheirRowsInTheSavedReport(t *testing.T) {
	msgs := []data.Message{
		{File: "a.csv", Row: 7, Column: "Order Status", Text: "{{.Count}} rows have an order status we do not know ({{.Status}} / {{.Substatus}}); these orders count as unknown and block the refund until the status is known (rows {{.Rows}})",
			Args: map[string]any{"Count": 2, "Status": "Lost", "Substatus": "", "Rows": "7, 9"}},
	}
	var csvOut, txtOut bytes.Buffer
	if err := writeReport(&csvOut, msgs, false); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(&txtOut, msgs, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csvOut.String(), "a.csv,7,Order Status,") || !strings.Contains(csvOut.String(), "rows 7, 9") {
		t.Errorf("csv report:\n%s", csvOut.String())
	}
	if !strings.HasPrefix(txtOut.String(), "file “a.csv”, row 7, column “Order Status”: 2 rows") {
		t.Errorf("text report:\n%s", txtOut.String())
	}
}

func TestADroppedFolderQueuesItsExports(t *testing.T) {
	d := openDesk(t)
	dir := t.TempDir()
	for _, name := range []string{"b.xlsx", "a.csv", "notes.txt", "~$b.xlsx"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644)
	}
	os.Mkdir(filepath.Join(dir, "old"), 0o755)
	os.WriteFile(filepath.Join(dir, "old", "c.csv"), []byte("x"), 0o644)
	s := newTestShell(t, d)
	s.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(dir)})
	if s.Current() != PageImport {
		t.Errorf("a drop shows %q, want the import page", s.Current())
	}
	var names []string
	for _, f := range s.imports.files {
		names = append(names, f.name())
	}
	if strings.Join(names, " ") != "a.csv b.xlsx" {
		t.Errorf("queued %v, want [a.csv b.xlsx]", names)
	}
	s.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(filepath.Join(dir, "a.csv"))})
	if len(s.imports.files) != 2 {
		t.Errorf("dropping a queued file again gives %d files", len(s.imports.files))
	}
}

func TestNewShopFromTheImportPage(t *testing.T) {
	d := openDesk(t)
	s := newTestShell(t, d)
	s.Show(PageImport)
	s.imports.AddPaths([]string{sampleExport("All order-2026-11-20-10_33.csv")})
	s.imports.shopSelect.SetSelected(newShopChoice())
	a := s.imports.newShop
	if a == nil {
		t.Fatal("New shop… opened no form")
	}
	if s.imports.shopSelect.Selected != "" {
		t.Errorf("the select shows %q while the form is open", s.imports.shopSelect.Selected)
	}
	test.Type(a.form.name, "莲花 Lotus MY")
	a.form.site.SetText("MY")
	test.Type(a.form.deposit, "abc")
	a.onAdd()
	if !a.problem.Visible() {
		t.Error("a bad deposit shows no problem")
	}
	a.form.deposit.SetText("90")
	a.onAdd()
	if _, err := d.Shop(context.Background(), "莲花 Lotus MY"); err != nil {
		t.Fatal(err)
	}
	if got := s.imports.current().shop; got != "莲花 Lotus MY" {
		t.Errorf("the file's shop is %q after adding one", got)
	}
	if s.imports.preview.Disabled() {
		t.Error("Preview stays disabled after the new shop was chosen")
	}
}

// gatedDesk holds every preview until the test lets it go, to see what the
// window does while one runs.
type gatedDesk struct {
	*app.Desk
	release chan struct{}
}

func (g *gatedDesk) Preview(ctx context.Context, shop, path string, o app.ImportOptions) (*app.ImportPlan, error) {
	<-g.release
	return g.Desk.Preview(ctx, shop, path, o)
}

// bigExport writes a 100,000-row orders export.
func bigExport(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "All order-2026-10-07-10_33.csv")
	if err := sample.WriteFile(path, sample.Orders(sample.Options{Seed: 42, Rows: 100_000, Site: "TH"})); err != nil {
		t.Fatal(err)
	}
	return path
}

// runningShell is a shell whose work really runs on other goroutines, as
// in the window, and reports back to the test's goroutine, which stands for
// the UI goroutine: Fyne's test driver would run fyne.Do in place, on the
// worker, beside the test's own taps. What the work sends back runs while
// the test waits for it (work.wait). The test ends once the work has.
func runningShell(t *testing.T, d Desk) (*Shell, *uiWork) {
	s := newTestShell(t, d)
	w := &uiWork{ready: make(chan struct{}, 1), done: make(chan struct{}, 4)}
	s.background = func(work func()) {
		w.running.Add(1)
		go func() {
			defer w.running.Done()
			work()
		}()
	}
	s.ui = w.queue
	s.imports.afterWork = func() { w.done <- struct{}{} }
	t.Cleanup(func() {
		finished := make(chan struct{})
		go func() {
			w.running.Wait()
			close(finished)
		}()
		select {
		case <-finished:
		case <-time.After(time.Minute):
			t.Error("the window's work still ran a minute after the test")
		}
	})
	return s, w
}

// uiWork is the work of a runningShell, and what it sent back to the UI.
type uiWork struct {
	running sync.WaitGroup
	mu      sync.Mutex
	sent    []func()      // for the UI goroutine, in order
	ready   chan struct{} // something was sent
	done    chan struct{} // the import page's work ended
}

func (w *uiWork) queue(fn func()) {
	w.mu.Lock()
	w.sent = append(w.sent, fn)
	w.mu.Unlock()
	select {
	case w.ready <- struct{}{}:
	default:
	}
}

// wait runs what the work sends back, on the test's goroutine, until the
// import page's work has ended.
func (w *uiWork) wait(t *testing.T) {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		w.mu.Lock()
		sent := w.sent
		w.sent = nil
		w.mu.Unlock()
		for _, fn := range sent {
			fn()
		}
		select {
		case <-w.done:
			return
		default:
		}
		select {
		case <-w.ready:
		case <-w.done:
			return
		case <-timeout:
			t.Fatal("the work never finished")
		}
	}
}

func TestA100000RowImportLeavesTheWindowFreeAndShowsProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 100,000-row file")
	}
	path := bigExport(t)
	d := openDesk(t)
	addShop(t, d, "Big TH", "TH")
	g := &gatedDesk{Desk: d, release: make(chan struct{})}
	s, work := runningShell(t, g)
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{path})
	im.shopSelect.SetSelected("Big TH")

	test.Tap(im.preview) // returns at once: the preview waits on another goroutine
	if !im.working() || !im.preview.Disabled() || im.cancelWork.Disabled() {
		t.Fatal("while a preview runs, Preview should be disabled and Cancel enabled")
	}
	s.Show(PageSettings) // the window still answers
	s.Show(PageImport)
	close(g.release)
	work.wait(t)

	f := im.current()
	if f.state != filePreviewed || f.plan.Batch.Rows != 100_000 {
		t.Fatalf("state %d, rows %d, err %v", f.state, f.rows, f.err)
	}
	if im.progressUpdates < 10 {
		t.Errorf("%d progress updates reached the window during 100,000 rows, want many", im.progressUpdates)
	}
	if f.estimate < 80_000 || f.estimate > 120_000 {
		t.Errorf("estimated %d rows for 100,000", f.estimate)
	}

	test.Tap(im.commit)
	work.wait(t)
	if f.state != fileImported || f.batch.Rows != 100_000 {
		t.Fatalf("after import: state %d, batch %+v, err %v", f.state, f.batch, f.err)
	}
}

func TestCancelStopsAPreviewAndWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100,000-row file")
	}
	path := bigExport(t)
	d := openDesk(t)
	addShop(t, d, "Big TH", "TH")
	g := &gatedDesk{Desk: d, release: make(chan struct{})}
	s, work := runningShell(t, g)
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{path})
	im.shopSelect.SetSelected("Big TH")
	test.Tap(im.preview)
	test.Tap(im.cancelWork)
	close(g.release)
	work.wait(t)
	if f := im.current(); f.state != fileCancelled || f.plan != nil {
		t.Errorf("after Cancel: state %d, plan %v, err %v", f.state, f.plan != nil, f.err)
	}
	if im.working() || im.preview.Disabled() {
		t.Error("after Cancel the page is still busy")
	}
	if batches, _ := d.Imports(context.Background(), ""); len(batches) != 0 {
		t.Errorf("a cancelled preview wrote %d batches", len(batches))
	}
}

func toGB18030(t *testing.T, utf8 []byte) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
