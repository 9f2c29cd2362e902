package screens

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"depositdesk/app"
	"depositdesk/data"
)

// onPreview reads the selected file off the UI goroutine; progress and the
// plan come back through the shell's ui (fyne.Do). Nothing is written.
func (s *importScreen) onPreview() {
	f, desk := s.current(), s.desk()
	if f == nil || desk == nil || s.working() || f.shop == "" {
		return
	}
	exported, err := data.ParseStamp(strings.TrimSpace(f.exportedAt))
	if err != nil {
		dialog.ShowError(errors.New(lang.L("Write the time as YYYY-MM-DD HH:MM, e.g. 2026-11-20 10:33.")), s.shell.win)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.begin(f, fileReading, cancel)
	shop, path := f.shop, f.path
	s.shell.background(func() {
		estimate := estimateRows(path) // reaches the window with the first progress
		plan, err := desk.Preview(ctx, shop, path, app.ImportOptions{ExportedAt: exported, Progress: func(rows int) {
			s.shell.ui(func() { s.onProgress(f, rows, estimate) })
		}})
		s.shell.ui(func() { s.previewDone(f, plan, err) })
	})
}

// onCommit writes the previewed file in one transaction, off the UI goroutine.
func (s *importScreen) onCommit() {
	f, desk := s.current(), s.desk()
	if f == nil || desk == nil || s.working() || f.state != filePreviewed {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.begin(f, fileImporting, cancel)
	plan := f.plan
	s.shell.background(func() {
		batch, err := desk.Commit(ctx, plan)
		s.shell.ui(func() { s.commitDone(f, batch, err) })
	})
}

// onCancel stops the running preview or import; an import rolls back whole.
func (s *importScreen) onCancel() {
	if s.cancel != nil {
		s.cancel()
		s.cancelWork.Disable()
		s.progressText.SetText(lang.L("Cancelling…"))
	}
}

func (s *importScreen) begin(f *importFile, state fileState, cancel context.CancelFunc) {
	s.cancel, s.started = cancel, time.Now()
	f.state, f.err, f.rows, f.rate, f.took = state, nil, 0, 0, 0
	if state == fileReading {
		f.plan, f.estimate = nil, 0
	}
	s.refresh()
}

// end clears the running work and shows how it ended.
func (s *importScreen) end(f *importFile) {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	f.took = time.Since(s.started)
	s.refresh()
	if s.afterWork != nil {
		s.afterWork()
	}
}

// onProgress runs on the UI goroutine each time the reader reports rows.
func (s *importScreen) onProgress(f *importFile, rows, estimate int) {
	if f.state != fileReading {
		return
	}
	s.progressUpdates++
	f.rows, f.estimate = rows, estimate
	if secs := time.Since(s.started).Seconds(); secs > 0 {
		f.rate = float64(rows) / secs
	}
	if s.current() == f {
		s.updateProgress(f)
	}
}

// updateProgress shows the rows read and the speed, and how far through the
// file that is when its size gave an estimate.
func (s *importScreen) updateProgress(f *importFile) {
	if s.progress == nil {
		return
	}
	switch f.state {
	case fileReading:
		v := 0.0
		if f.estimate > 0 {
			v = min(float64(f.rows)/float64(f.estimate), 0.99)
		}
		s.progress.SetValue(v)
		if f.rows == 0 {
			s.progressText.SetText(lang.L("Reading the file…"))
		} else {
			s.progressText.SetText(lang.L(data.Plural(f.rows, msgKey("{{.Rows}} row read · {{.Rate}} rows/s"), msgKey("{{.Rows}} rows read · {{.Rate}} rows/s")), map[string]any{
				"Rows": groupDigits(f.rows), "Rate": groupDigits(int(f.rate + 0.5))}))
		}
	case fileImporting:
		s.progress.SetValue(0.5)
		s.progressText.SetText(lang.L(data.Plural(f.plan.Batch.Records, msgKey("Writing {{.Count}} record in one transaction…"), msgKey("Writing {{.Count}} records in one transaction…")),
			map[string]any{"Count": groupDigits(f.plan.Batch.Records)}))
	}
}

// progressPercent is the text on the bar: the share read, or nothing while unknown.
func (s *importScreen) progressPercent() string {
	f := s.current()
	if f == nil || f.state != fileReading || f.estimate == 0 {
		return ""
	}
	return lang.L("about {{.Percent}}%", map[string]any{"Percent": int(s.progress.Value * 100)})
}

func (s *importScreen) previewDone(f *importFile, plan *app.ImportPlan, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		f.state = fileCancelled
	case err != nil:
		f.state, f.err = fileFailed, err
	default:
		f.state, f.plan = filePreviewed, plan
		f.rows = plan.Batch.Rows
	}
	s.end(f)
}

func (s *importScreen) commitDone(f *importFile, batch data.ImportBatch, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		// Nothing was written; the preview still holds.
		f.state = filePreviewed
	case err != nil:
		f.state, f.err = fileFailed, err
	default:
		f.state, f.batch = fileImported, batch
	}
	s.end(f)
}

// groupDigits writes n with thousands separators: 100,000.
func groupDigits(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	digits := []byte(strconv.Itoa(n))
	var b bytes.Buffer
	if neg {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(d)
	}
	return b.String()
}

// estimateSample is how much of a file is looked at to guess its row count.
const estimateSample = 256 << 10

// estimateRows guesses how many rows a file holds from the length of its
// first rows, so the progress bar can show how far the reading is; 0 when
// there is no telling.
func estimateRows(path string) int {
	if strings.EqualFold(fileExt(path), ".xlsx") {
		return estimateXLSXRows(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0
	}
	return estimateFromSample(f, st.Size(), []byte{'\n'})
}

// estimateXLSXRows looks into the first worksheet's XML.
func estimateXLSXRows(path string) int {
	z, err := zip.OpenReader(path)
	if err != nil {
		return 0
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return 0
		}
		defer r.Close()
		return estimateFromSample(r, int64(f.UncompressedSize64), []byte("<row "))
	}
	return 0
}

// estimateFromSample counts sep in the first bytes of r and scales the count to size.
func estimateFromSample(r io.Reader, size int64, sep []byte) int {
	buf := make([]byte, estimateSample)
	n, _ := io.ReadFull(r, buf)
	if n == 0 {
		return 0
	}
	count := bytes.Count(buf[:n], sep)
	if count == 0 {
		return 0
	}
	if int64(n) >= size {
		return count
	}
	return int(float64(count) * float64(size) / float64(n))
}
