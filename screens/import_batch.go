package screens

import (
	"context"
	"errors"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// batchDesk is what importing many files at once needs of the core.
type batchDesk interface {
	PreviewBatch(ctx context.Context, paths []string, o app.BatchOptions) (*app.BatchPlan, error)
	AssignShop(ctx context.Context, p *app.BatchPlan, i int, shop string) error
	CommitBatch(ctx context.Context, p *app.BatchPlan) (data.ImportGroup, error)
	UndoGroup(ctx context.Context, id int64) (data.ImportGroup, error)
}

var _ batchDesk = (*app.Desk)(nil)

// batchState is where an import of many files stands.
type batchState int

const (
	batchReading   batchState = iota // previewing every file
	batchPreviewed                   // one plan for all, nothing written
	batchImporting                   // committing the group
	batchImported                    // written as one import group
	batchUndone                      // the group was undone
	batchFailed                      // err
	batchCancelled
)

// batchImport is the queued files previewed, imported and undone together:
// one preview, one Import, one Undo. Each file's shop is assigned by its
// orders, else by its folder, else by the person (PRODUCT §3).
type batchImport struct {
	paths    []string
	plan     *app.BatchPlan
	group    data.ImportGroup
	state    batchState
	err      error
	progress app.BatchProgress
}

// batchView's widgets, rebuilt with the view.
type batchWidgets struct {
	pickers  []*picker
	leaveOut []*widget.Check
	commit   *widget.Button
	undo     *widget.Button
	cancel   *widget.Button
	progress *widget.ProgressBar
	status   *widget.Label
}

func (s *importScreen) batchDesk() batchDesk {
	d, _ := s.shell.desk.(batchDesk)
	return d
}

// pendingPaths are the queued files not imported yet.
func (s *importScreen) pendingPaths() []string {
	var out []string
	for _, f := range s.files {
		if f.state != fileImported {
			out = append(out, f.path)
		}
	}
	return out
}

// onPreviewAll reads every queued file not imported yet as one batch, off
// the UI goroutine; nothing is written. When that batch is already shown
// for the same files, it is shown again instead.
func (s *importScreen) onPreviewAll() {
	desk := s.batchDesk()
	paths := s.pendingPaths()
	if desk == nil || s.working() || len(paths) == 0 {
		return
	}
	if b := s.batch; b != nil && slices.Equal(b.paths, paths) && (b.state == batchPreviewed || b.state == batchImported) {
		s.showBatch = true
		s.refresh()
		return
	}
	b := &batchImport{paths: paths}
	s.batch, s.showBatch = b, true
	s.batchWork(b, batchReading, func(ctx context.Context) func() {
		plan, err := desk.PreviewBatch(ctx, paths, app.BatchOptions{FolderMemory: true, Progress: func(p app.BatchProgress) {
			s.shell.ui(func() { s.onBatchProgress(b, p) })
		}})
		return func() { s.batchPreviewed(b, plan, err) }
	})
}

// batchWork puts the batch in state and runs work off the UI goroutine; the
// func work returns runs back on the UI goroutine, then the page shows how
// the work ended.
func (s *importScreen) batchWork(b *batchImport, state batchState, work func(ctx context.Context) (done func())) {
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, b.state = cancel, state
	s.refresh()
	s.shell.background(func() {
		done := work(ctx)
		s.shell.ui(func() {
			done()
			s.endBatch()
		})
	})
}

func (s *importScreen) onBatchProgress(b *batchImport, p app.BatchProgress) {
	if b != s.batch || b.state != batchReading {
		return
	}
	b.progress = p
	if s.batchUI.progress != nil && s.showBatch {
		s.showBatchProgress(b)
	}
}

func (s *importScreen) batchPreviewed(b *batchImport, plan *app.BatchPlan, err error) {
	switch {
	case errors.Is(err, context.Canceled):
		b.state = batchCancelled
	case err != nil:
		b.state, b.err = batchFailed, err
	default:
		b.state, b.plan = batchPreviewed, plan
		s.showAssignments(b)
	}
}

// showAssignments gives each queued file the shop the batch assigned it.
func (s *importScreen) showAssignments(b *batchImport) {
	for _, bf := range b.plan.Files {
		if f := s.fileAt(bf.Path); f != nil && f.state != fileImported {
			f.shop = bf.Shop
			f.forget()
		}
	}
}

func (s *importScreen) fileAt(path string) *importFile {
	for _, f := range s.files {
		if f.path == path {
			return f
		}
	}
	return nil
}

// endBatch clears the running work and shows how it ended.
func (s *importScreen) endBatch() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.refresh()
	if s.afterWork != nil {
		s.afterWork()
	}
}

// onBatchShop sends file i to another shop (the person's choice) and plans again.
func (s *importScreen) onBatchShop(i int, shop string) {
	b, desk := s.batch, s.batchDesk()
	if b == nil || b.state != batchPreviewed || desk == nil || s.working() {
		return
	}
	if shop == newShopChoice() {
		s.newShop = showAddShop(s.shell.win, s.desk(), func(sh data.Shop) { s.onBatchShop(i, sh.Name) })
		return
	}
	s.batchWork(b, batchReading, func(ctx context.Context) func() {
		err := desk.AssignShop(ctx, b.plan, i, shop)
		return func() {
			b.state = batchPreviewed
			if err != nil {
				b.state, b.err = batchFailed, err
			} else {
				s.showAssignments(b)
			}
		}
	})
}

// onLeaveOut leaves file i out of the import, or takes it back in.
func (s *importScreen) onLeaveOut(i int, out bool) {
	b := s.batch
	if b == nil || b.state != batchPreviewed || b.plan.Files[i].Dropped == out {
		return
	}
	b.plan.Drop(i, out)
	s.refresh()
}

// onCommitAll writes every importable file of the batch in one transaction.
func (s *importScreen) onCommitAll() {
	b, desk := s.batch, s.batchDesk()
	if b == nil || b.state != batchPreviewed || desk == nil || s.working() {
		return
	}
	s.batchWork(b, batchImporting, func(ctx context.Context) func() {
		g, err := desk.CommitBatch(ctx, b.plan)
		return func() { s.batchCommitted(b, g, err) }
	})
}

func (s *importScreen) batchCommitted(b *batchImport, g data.ImportGroup, err error) {
	if err != nil {
		// Nothing was written; the preview still holds.
		b.state, b.err = batchPreviewed, err
		return
	}
	b.state, b.group, b.err = batchImported, g, nil
	for _, bf := range b.plan.Importable() {
		if f := s.fileAt(bf.Path); f != nil {
			f.state, f.shop, f.plan, f.batch = fileImported, bf.Shop, bf.Plan, bf.Plan.Batch
		}
	}
}

// onUndoAll takes the whole import group back out.
func (s *importScreen) onUndoAll() {
	b, desk := s.batch, s.batchDesk()
	if b == nil || b.state != batchImported || b.group.ID == 0 || desk == nil || s.working() {
		return
	}
	s.batchWork(b, batchImported, func(context.Context) func() {
		_, err := desk.UndoGroup(context.Background(), b.group.ID)
		return func() {
			if err != nil {
				b.err = err
				return
			}
			b.state = batchUndone
			for _, bf := range b.plan.Importable() {
				if f := s.fileAt(bf.Path); f != nil && f.state == fileImported {
					f.state, f.plan, f.batch = fileQueued, nil, data.ImportBatch{}
				}
			}
		}
	})
}

// batchView is the one preview of every queued file: each file with its
// shop (changeable), what importing it would do or why it cannot be, and
// one Import and one Undo for all of them.
func (s *importScreen) batchView() fyne.CanvasObject {
	b := s.batch
	w := batchWidgets{}
	heading := widget.NewLabelWithStyle(lang.L(data.Plural(len(b.paths), msgKey("{{.Count}} file"), msgKey("{{.Count}} files, one import")), map[string]any{"Count": len(b.paths)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	intro := widget.NewLabel(lang.L("Each file goes to the shop that already holds its orders, else to the shop its folder went to last time; choose the shop of the others. Nothing is written until you press Import."))
	intro.Wrapping = fyne.TextWrapWord

	w.commit = widget.NewButtonWithIcon(lang.L("Import all"), theme.UploadIcon(), s.onCommitAll)
	w.commit.Importance = widget.HighImportance
	w.undo = widget.NewButtonWithIcon(lang.L("Undo this import"), theme.ContentUndoIcon(), s.onUndoAll)
	w.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.onCancel)
	w.progress = widget.NewProgressBar()
	w.status = widget.NewLabel("")
	w.status.Wrapping = fyne.TextWrapWord

	rows := container.NewVBox()
	if b.plan != nil {
		for i, f := range b.plan.Files {
			rows.Add(s.batchRow(&w, i, f))
			rows.Add(widget.NewSeparator())
		}
	}
	s.batchUI = w
	s.showBatchState(b)
	actions := container.NewHBox(w.commit, w.undo, w.cancel, layout.NewSpacer())
	top := container.NewVBox(heading, intro, actions, w.progress, w.status)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(rows))
}

// batchRow is one file of the batch: name, shop, how it got it, and its counts or refusal.
func (s *importScreen) batchRow(w *batchWidgets, i int, f *app.BatchFile) fyne.CanvasObject {
	name := widget.NewLabelWithStyle(f.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapBreak // the whole name
	folder := widget.NewLabel(filepath.Dir(f.Path))
	folder.SizeName = theme.SizeNameCaptionText
	folder.Truncation = fyne.TextTruncateEllipsis

	p := s.newShopPicker(f.Shop, func(shop string) { s.onBatchShop(i, shop) })
	leave := widget.NewCheck(lang.L("Leave out"), func(on bool) { s.onLeaveOut(i, on) })
	leave.SetChecked(f.Dropped)
	if s.batch.state != batchPreviewed {
		p.Disable()
		leave.Disable()
	}
	w.pickers = append(w.pickers, p)
	w.leaveOut = append(w.leaveOut, leave)

	icon := theme.FileIcon()
	var lines []fyne.CanvasObject
	line := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		lines = append(lines, l)
	}
	if f.Shop != "" {
		line(assignmentText(f), widget.MediumImportance) // else the refusal says it has none
	}
	switch {
	case f.Dropped:
		icon = theme.CancelIcon()
		line(lang.L("Left out of this import."), widget.MediumImportance)
	case f.Refusal != nil:
		icon = theme.ErrorIcon()
		line(tr(*f.Refusal), widget.DangerImportance)
	case f.Plan != nil:
		bt := f.Plan.Batch
		if s.batch.state == batchImported {
			icon = theme.ConfirmIcon()
		}
		if !f.Plan.AlreadyImported { // else a warning says where it went before
			line(lang.L("{{.New}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped", map[string]any{
				"New": groupDigits(bt.Created), "Updated": groupDigits(bt.Updated), "Unchanged": groupDigits(bt.Unchanged), "Skipped": groupDigits(bt.Skipped)}),
				widget.MediumImportance)
		}
		for j, m := range f.Plan.Warnings {
			if j == 3 {
				line(lang.L("… and {{.Count}} more warnings: select the file in the list to see them all", map[string]any{"Count": len(f.Plan.Warnings) - 3}), widget.WarningImportance)
				break
			}
			line(tr(m), widget.WarningImportance)
		}
		if len(f.Plan.Warnings) > 0 {
			icon = theme.WarningIcon()
		}
	}
	shopBox := container.NewVBox(p, leave)
	text := container.NewVBox(append([]fyne.CanvasObject{name, folder}, lines...)...)
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), container.NewGridWrap(fyne.NewSize(240, p.MinSize().Height), shopBox), text)
}

// assignmentText says which shop a file goes to and why.
func assignmentText(f *app.BatchFile) string {
	switch f.Assigned {
	case app.AssignedOrders:
		return lang.L("Into {{.Shop}}: that shop holds its orders", map[string]any{"Shop": f.Shop})
	case app.AssignedFolder:
		return lang.L("Into {{.Shop}}: the files of its folder went there last time", map[string]any{"Shop": f.Shop})
	}
	return lang.L("Into {{.Shop}}: chosen by you", map[string]any{"Shop": f.Shop})
}

// showBatchState enables what makes sense now and says where the batch stands.
func (s *importScreen) showBatchState(b *batchImport) {
	w := s.batchUI
	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	show(w.commit, b.state == batchPreviewed || b.state == batchImporting)
	show(w.undo, b.state == batchImported && b.group.ID != 0)
	show(w.cancel, b.state == batchReading || b.state == batchImporting)
	show(w.progress, b.state == batchReading || b.state == batchImporting)
	if b.state == batchPreviewed && len(b.plan.Importable()) > 0 && len(b.plan.Refused()) == 0 {
		w.commit.Enable()
	} else {
		w.commit.Disable()
	}
	w.status.Importance = widget.MediumImportance
	switch b.state {
	case batchReading:
		s.showBatchProgress(b)
	case batchImporting:
		w.progress.SetValue(0.5)
		w.status.SetText(lang.L("Writing every file in one transaction…"))
	case batchPreviewed:
		w.status.SetText(batchTotals(b.plan))
		if n := len(b.plan.Refused()); n > 0 {
			w.status.SetText(lang.L("Files that cannot be imported as they stand: {{.Count}}. Choose their shop or leave them out.", map[string]any{"Count": n}))
			w.status.Importance = widget.WarningImportance
		}
	case batchImported:
		w.status.SetText(lang.L(data.Plural(len(b.group.Batches), msgKey("Imported {{.Files}} file. Undo takes it back out."), msgKey("Imported {{.Files}} files as one import. Undo takes all of them back out.")), map[string]any{"Files": len(b.group.Batches)}))
		w.status.Importance = widget.SuccessImportance
		if b.group.ID == 0 {
			w.status.SetText(lang.L("Every file was imported before; nothing changed."))
		}
	case batchUndone:
		w.status.SetText(lang.L("The import was undone: the shops are as they were before it."))
	case batchCancelled:
		w.status.SetText(lang.L("Cancelled. Nothing was written."))
	case batchFailed:
		w.status.SetText(trError(b.err))
		w.status.Importance = widget.DangerImportance
	}
	if b.err != nil && b.state != batchFailed {
		w.status.SetText(trError(b.err))
		w.status.Importance = widget.DangerImportance
	}
	w.status.Refresh()
}

func (s *importScreen) showBatchProgress(b *batchImport) {
	w := s.batchUI
	p := b.progress
	if p.Files > 0 {
		w.progress.SetValue(float64(p.Done) / float64(p.Files))
	}
	w.status.SetText(lang.L("Reading file {{.Done}} of {{.Files}} · rows read: {{.Rows}}", map[string]any{
		"Done": p.Done, "Files": max(p.Files, len(b.paths)), "Rows": groupDigits(p.Rows)}))
}

// batchTotals sums up what importing the batch would write.
func batchTotals(p *app.BatchPlan) string {
	files := p.Importable()
	shops := map[string]bool{}
	var created, updated, unchanged int
	written := 0
	for _, f := range files {
		if f.Plan.AlreadyImported {
			continue // imported before: writes nothing
		}
		written++
		shops[f.Shop] = true
		created += f.Plan.Batch.Created
		updated += f.Plan.Batch.Updated
		unchanged += f.Plan.Batch.Unchanged
	}
	return lang.L("To import: files {{.Files}}, shops {{.Shops}}; records {{.New}} new, {{.Updated}} updated, {{.Unchanged}} unchanged.", map[string]any{
		"Files": written, "Shops": len(shops), "New": groupDigits(created), "Updated": groupDigits(updated), "Unchanged": groupDigits(unchanged)})
}
