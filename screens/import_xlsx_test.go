package screens

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data/exports/sample"
)

// readingDesk tells the test when a preview has read its first rows.
type readingDesk struct {
	*app.Desk
	mu      sync.Mutex
	reading chan struct{}
}

func (r *readingDesk) started() chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reading = make(chan struct{})
	return r.reading
}

func (r *readingDesk) Preview(ctx context.Context, shop, path string, o app.ImportOptions) (*app.ImportPlan, error) {
	r.mu.Lock()
	reading := r.reading
	r.mu.Unlock()
	var once sync.Once
	progress := o.Progress
	o.Progress = func(rows int) {
		progress(rows)
		once.Do(func() { close(reading) })
	}
	return r.Desk.Preview(ctx, shop, path, o)
}

// The xlsx reader streams: the window sees the counts, many progress
// reports with a rate, and Cancel stops a preview within half a second.
func TestAnXLSXPreviewShowsCountsAndProgressAndCancelsWithinHalfASecond(t *testing.T) {
	path := filepath.Join(t.TempDir(), "All order-2026-10-07-10_33.xlsx")
	e := sample.Orders(sample.Options{Seed: 42, Rows: 100_000, Site: "TH"})
	if err := sample.WriteFile(path, e); err != nil {
		t.Fatal(err)
	}
	d := openDesk(t)
	addShop(t, d, "Big TH", "TH")
	r := &readingDesk{Desk: d}
	s, work := runningShell(t, r)
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{path})
	im.shopSelect.SetSelected("Big TH")

	r.started()
	test.Tap(im.preview)
	work.wait(t)
	f := im.current()
	if f.state != filePreviewed || f.plan.Batch.Rows != 100_000 || f.plan.Batch.Created != len(e.Orders) {
		t.Fatalf("state %d, err %v, batch %+v", f.state, f.err, f.plan.Batch)
	}
	if im.progressUpdates < 10 || f.rate <= 0 {
		t.Errorf("%d progress updates, %.0f rows/s: the window saw no reading progress", im.progressUpdates, f.rate)
	}
	if f.estimate < 80_000 || f.estimate > 120_000 {
		t.Errorf("estimated %d rows for 100,000", f.estimate)
	}

	reading := r.started()
	test.Tap(im.preview)
	select {
	case <-reading:
	case <-time.After(time.Minute):
		t.Fatal("the second preview never read a row")
	}
	start := time.Now()
	test.Tap(im.cancelWork)
	work.wait(t)
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("Cancel took %v to stop the preview", took)
	}
	if f.state != fileCancelled || f.plan != nil {
		t.Errorf("after Cancel: state %d, plan %v, err %v", f.state, f.plan != nil, f.err)
	}
}
