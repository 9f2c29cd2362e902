package screens

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/exports"
)

// importDesk is what the import page needs of the core.
type importDesk interface {
	Shops(ctx context.Context) ([]data.Shop, error)
	AddShop(context.Context, data.Shop) (data.Shop, error)
	RuleSets(ctx context.Context) ([]data.RuleSet, error)
	Preview(ctx context.Context, shop, path string, o app.ImportOptions) (*app.ImportPlan, error)
	Commit(ctx context.Context, p *app.ImportPlan) (data.ImportBatch, error)
}

var _ importDesk = (*app.Desk)(nil)

// prefImportShop remembers the shop last chosen for an import.
const prefImportShop = "import.shop"

// fileState is where one queued file stands.
type fileState int

const (
	fileQueued    fileState = iota // added, not previewed (or its preview was invalidated)
	fileReading                    // preview running
	filePreviewed                  // plan ready, nothing written
	fileImporting                  // commit running
	fileImported                   // written
	fileFailed                     // preview or commit failed: err
	fileCancelled                  // the person cancelled
)

// importFile is one file in the queue and everything done with it so far.
type importFile struct {
	path       string
	shop       string // chosen shop name, "" until chosen
	exportedAt string // typed export time; "" takes it from the file
	state      fileState
	rows       int     // rows read so far (while reading)
	estimate   int     // estimated rows in the file, 0 when unknown
	rate       float64 // rows per second (while reading)
	took       time.Duration
	plan       *app.ImportPlan
	batch      data.ImportBatch // after the import
	err        error
}

func (f *importFile) name() string { return filepath.Base(f.path) }

// busy reports whether work on the file is running.
func (f *importFile) busy() bool { return f.state == fileReading || f.state == fileImporting }

// forget drops a preview that no longer matches the file's settings.
func (f *importFile) forget() {
	if f.state == filePreviewed || f.state == fileFailed || f.state == fileCancelled {
		f.state, f.plan, f.err = fileQueued, nil, nil
	}
}

// importScreen is 导入: a queue of files; per file a shop, an optional export
// time, a preview of what importing would change, then the import itself.
// Reading and writing run off the UI goroutine and report through the
// shell's ui (fyne.Do).
type importScreen struct {
	shell *Shell

	files    []*importFile
	selected int                // index into files, -1 for none
	cancel   context.CancelFunc // of the running preview or import; nil when idle
	started  time.Time

	// progressUpdates counts progress reports applied to the window.
	progressUpdates int
	// afterWork, when set (tests), runs on the UI goroutine after each
	// preview or import has finished and the page shows its outcome.
	afterWork func()

	newShop     *addShopDialog // the add-shop form last opened
	filesDialog *filesDialog   // the file picker last opened

	batch     *batchImport // the queued files previewed together, if they were
	showBatch bool         // the detail area shows the batch, not one file
	batchUI   batchWidgets

	queue      *widget.List
	emptyQueue fyne.CanvasObject
	addFiles   *widget.Button
	addFolder  *widget.Button
	remove     *widget.Button
	previewAll *widget.Button
	detail     *fyne.Container
	outcome    *fyne.Container

	shopSelect   *picker
	exportedAt   *widget.Entry
	timeHint     *widget.Label
	preview      *widget.Button
	commit       *widget.Button
	cancelWork   *widget.Button
	saveReport   *widget.Button
	openShop     *widget.Button
	progress     *widget.ProgressBar
	progressText *widget.Label
}

// desk is the core as the import page needs it, nil when the shell's desk
// cannot import (a test fake).
func (s *importScreen) desk() importDesk {
	d, _ := s.shell.desk.(importDesk)
	return d
}

func (s *importScreen) current() *importFile {
	if s.selected < 0 || s.selected >= len(s.files) {
		return nil
	}
	return s.files[s.selected]
}

func (s *importScreen) working() bool { return s.cancel != nil }

func (s *importScreen) buildUI() fyne.CanvasObject {
	if s.desk() == nil {
		return comingView(lang.L("Import"),
			lang.L("Drag order and after-sales exports onto the window or pick them, choose the shop, check the preview, then import. Errors and warnings name the row."))
	}
	if len(s.files) == 0 {
		s.selected = -1
	}
	title := widget.NewLabelWithStyle(lang.L("Import"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText

	s.addFiles = widget.NewButtonWithIcon(lang.L("Add files…"), theme.FileIcon(), s.onAddFile)
	s.addFolder = widget.NewButtonWithIcon(lang.L("Add a folder…"), theme.FolderOpenIcon(), s.onAddFolder)
	s.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), s.onRemove)
	s.previewAll = widget.NewButtonWithIcon(lang.L("Preview all together"), theme.VisibilityIcon(), s.onPreviewAll)
	s.previewAll.Importance = widget.HighImportance

	s.queue = widget.NewList(s.queueLength, s.queueCreateItem, s.queueUpdateItem)
	s.queue.OnSelected = s.onQueueSelected

	dropIcon := widget.NewIcon(theme.UploadIcon())
	dropText := widget.NewLabelWithStyle(lang.L("Drop order or after-sales exports (.xlsx, .csv) or a whole folder anywhere on this window"),
		fyne.TextAlignCenter, fyne.TextStyle{})
	dropText.Wrapping = fyne.TextWrapWord
	s.emptyQueue = container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(64), dropIcon)), dropText, layout.NewSpacer())

	queueTitle := widget.NewLabelWithStyle(lang.L("Files"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(
		container.NewVBox(title, container.NewGridWithColumns(2, s.addFiles, s.addFolder), queueTitle),
		container.NewVBox(s.previewAll, container.NewHBox(s.remove)),
		nil, nil,
		container.NewStack(s.queue, s.emptyQueue))

	s.detail = container.NewStack()
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(s.detail))
	split.Offset = 0.3
	s.refresh()
	if s.selected >= 0 {
		s.queue.Select(s.selected)
	}
	return split
}

// refresh shows the queue and the selected file as they are now.
func (s *importScreen) refresh() {
	if s.queue == nil {
		return // not built yet
	}
	s.queue.Refresh()
	if len(s.files) == 0 {
		s.emptyQueue.Show()
	} else {
		s.emptyQueue.Hide()
	}
	if s.current() == nil || s.working() {
		s.remove.Disable()
	} else {
		s.remove.Enable()
	}
	if len(s.pendingPaths()) > 1 && !s.working() && s.batchDesk() != nil {
		s.previewAll.Enable()
	} else {
		s.previewAll.Disable()
	}
	if s.showBatch && s.batch != nil {
		s.detail.Objects = []fyne.CanvasObject{s.batchView()}
	} else {
		s.detail.Objects = []fyne.CanvasObject{s.detailView()}
	}
	s.detail.Refresh()
}

// --- the queue ---

func (s *importScreen) queueLength() int { return len(s.files) }

func (s *importScreen) queueCreateItem() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewBorder(nil, nil, widget.NewIcon(nil), nil,
		container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, sub))
}

func (s *importScreen) queueUpdateItem(i widget.ListItemID, o fyne.CanvasObject) {
	f := s.files[i]
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container)
	texts.Objects[0].(*widget.Label).SetText(f.name())
	texts.Objects[1].(*widget.Label).SetText(s.fileSummary(f))
	row.Objects[1].(*widget.Icon).SetResource(fileIcon(f))
}

func fileIcon(f *importFile) fyne.Resource {
	switch f.state {
	case fileReading, fileImporting:
		return theme.ViewRefreshIcon()
	case filePreviewed:
		if len(f.plan.Warnings) > 0 && !f.plan.AlreadyImported {
			return theme.WarningIcon()
		}
		return theme.VisibilityIcon()
	case fileImported:
		return theme.ConfirmIcon()
	case fileFailed:
		return theme.ErrorIcon()
	case fileCancelled:
		return theme.CancelIcon()
	}
	return theme.FileIcon()
}

// fileSummary is the second line of a queued file: its shop and where it stands.
func (s *importScreen) fileSummary(f *importFile) string {
	shop := f.shop
	if shop == "" {
		shop = lang.L("no shop chosen")
	}
	if b := s.batch; b != nil && f.state == fileQueued && (b.state == batchPreviewed || b.state == batchReading) && slices.Contains(b.paths, f.path) {
		return shop + " · " + lang.L("in the preview of all files")
	}
	return shop + " · " + stateText(f)
}

func stateText(f *importFile) string {
	switch f.state {
	case fileReading:
		return lang.L("reading…")
	case filePreviewed:
		if f.plan.AlreadyImported {
			return lang.L("already imported")
		}
		b := f.plan.Batch
		return lang.L("preview: {{.New}} new, {{.Updated}} updated", map[string]any{"New": groupDigits(b.Created), "Updated": groupDigits(b.Updated)})
	case fileImporting:
		return lang.L("importing…")
	case fileImported:
		return lang.L("imported")
	case fileFailed:
		return lang.L("failed")
	case fileCancelled:
		return lang.L("cancelled")
	}
	return lang.L("ready to preview")
}

func (s *importScreen) onQueueSelected(i widget.ListItemID) {
	if i == s.selected && !s.showBatch {
		return
	}
	s.selected, s.showBatch = i, false
	s.refresh()
}

// AddPaths queues files and the .xlsx and .csv files of folders (not their
// subfolders), skipping what is queued already; the first new file is selected.
func (s *importScreen) AddPaths(paths []string) {
	shop := s.defaultShop()
	first := -1
	files, err := app.ExportFiles(paths) // a folder's .xlsx and .csv files, by name
	if err != nil {
		dialog.ShowError(errors.New(trError(err)), s.shell.win)
	}
	for _, p := range files {
		if slices.ContainsFunc(s.files, func(f *importFile) bool { return f.path == p }) {
			continue
		}
		if first < 0 {
			first = len(s.files)
		}
		s.files = append(s.files, &importFile{path: p, shop: shop})
	}
	if first >= 0 && !s.working() {
		s.selected = first
	}
	s.refresh()
	if s.queue != nil && s.selected >= 0 {
		s.queue.Select(s.selected)
	}
}

// defaultShop is the shop last chosen for an import, if it still exists.
func (s *importScreen) defaultShop() string {
	name := s.shell.app.Preferences().String(prefImportShop)
	if name == "" || s.desk() == nil {
		return ""
	}
	shops, err := s.desk().Shops(context.Background())
	if err != nil {
		return ""
	}
	for _, sh := range shops {
		if sh.Name == name {
			return name
		}
	}
	return ""
}

func (s *importScreen) onRemove() {
	if s.current() == nil || s.working() {
		return
	}
	s.files = slices.Delete(s.files, s.selected, s.selected+1)
	if s.selected >= len(s.files) {
		s.selected = len(s.files) - 1
	}
	if s.selected >= 0 {
		s.queue.Select(s.selected)
	} else {
		s.queue.UnselectAll()
	}
	s.refresh()
}

// forgetPlans drops every preview, e.g. after the database was replaced:
// they were computed against the old one.
func (s *importScreen) forgetPlans() {
	for _, f := range s.files {
		f.forget()
	}
	s.refresh()
}

// --- the selected file ---

func (s *importScreen) detailView() fyne.CanvasObject {
	f := s.current()
	if f == nil {
		hint := widget.NewLabel(lang.L("Add the order and after-sales exports you downloaded from the seller center. For each file you choose the shop, see what would change, and only then import."))
		hint.Wrapping = fyne.TextWrapWord
		return container.NewVBox(hint)
	}
	heading := widget.NewLabelWithStyle(f.name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Wrapping = fyne.TextWrapWord
	where := widget.NewLabel(filepath.Dir(f.path))
	where.SizeName = theme.SizeNameCaptionText
	where.Truncation = fyne.TextTruncateEllipsis

	s.shopSelect = s.newShopPicker(f.shop, s.onShopChanged)

	s.exportedAt = widget.NewEntry()
	s.exportedAt.SetPlaceHolder(lang.L("YYYY-MM-DD HH:MM (optional)"))
	s.exportedAt.SetText(f.exportedAt)
	s.exportedAt.Validator = validExportTime
	s.exportedAt.OnChanged = s.onExportedAtChanged
	s.timeHint = widget.NewLabel(exportTimeHint(f))
	s.timeHint.Wrapping = fyne.TextWrapWord
	s.timeHint.SizeName = theme.SizeNameCaptionText

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Import into"), s.shopSelect),
		widget.NewFormItem(lang.L("Export time"), container.NewVBox(s.exportedAt, s.timeHint)),
	)

	s.preview = widget.NewButtonWithIcon(lang.L("Preview"), theme.VisibilityIcon(), s.onPreview)
	s.commit = widget.NewButtonWithIcon(lang.L("Import"), theme.UploadIcon(), s.onCommit)
	s.commit.Importance = widget.HighImportance
	s.cancelWork = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.onCancel)
	s.openShop = widget.NewButtonWithIcon(lang.L("Open the shop"), theme.NavigateNextIcon(), s.onOpenShop)

	s.progress = widget.NewProgressBar()
	s.progress.TextFormatter = s.progressPercent
	s.progressText = widget.NewLabel("")
	progress := container.NewVBox(s.progress, s.progressText)
	if !f.busy() {
		progress.Hide()
	}
	s.updateProgress(f)
	s.updateButtons(f)

	actions := container.NewHBox(s.preview, s.commit, s.cancelWork, layout.NewSpacer(), s.openShop)
	top := container.NewVBox(heading, where, form, actions, progress)
	s.outcome = container.NewStack()
	s.showOutcome(f)
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.outcome))
}

// showOutcome shows the preview, result or error of the file below its settings.
func (s *importScreen) showOutcome(f *importFile) {
	s.outcome.Objects = []fyne.CanvasObject{s.outcomeView(f)}
	s.outcome.Refresh()
}

// settingsChanged follows a change of shop or export time: a preview made
// with the old ones no longer holds. The form itself stays as it is, so
// typing is not interrupted.
func (s *importScreen) settingsChanged(f *importFile) {
	f.forget()
	s.queue.Refresh()
	s.updateButtons(f)
	s.showOutcome(f)
}

// updateButtons enables what makes sense for the file now.
func (s *importScreen) updateButtons(f *importFile) {
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	idle := !s.working()
	enable(s.preview, idle && f.shop != "" && f.state != fileImported)
	enable(s.commit, idle && f.state == filePreviewed && !f.plan.AlreadyImported)
	enable(s.cancelWork, f.busy())
	if idle && !f.busy() && f.state != fileImported {
		s.shopSelect.Enable()
		s.exportedAt.Enable()
	} else {
		s.shopSelect.Disable()
		s.exportedAt.Disable()
	}
	if f.state == fileImported {
		s.openShop.Show()
	} else {
		s.openShop.Hide()
	}
	if f.state == filePreviewed {
		s.preview.SetText(lang.L("Preview again"))
	} else {
		s.preview.SetText(lang.L("Preview"))
	}
}

func (s *importScreen) onOpenShop() {
	if f := s.current(); f != nil {
		s.shell.OpenShop(f.shop)
	}
}

// exportTimeHint says where the export time will come from when none is typed.
func exportTimeHint(f *importFile) string {
	if strings.TrimSpace(f.exportedAt) != "" {
		return lang.L("The time you entered is used as the export time.")
	}
	if st, ok := exports.TimeFromFileName(f.name()); ok {
		return lang.L("Left empty, the export time is taken from the file name: {{.Time}}.", map[string]any{"Time": shortStamp(st)})
	}
	return lang.L("Left empty, the export time is the newest time in the data (the file name holds none).")
}

func validExportTime(text string) error {
	if _, err := data.ParseStamp(strings.TrimSpace(text)); err != nil {
		return errors.New(lang.L("Write the time as YYYY-MM-DD HH:MM, e.g. 2026-11-20 10:33."))
	}
	return nil
}

func (s *importScreen) onExportedAtChanged(text string) {
	f := s.current()
	if f == nil || f.exportedAt == text {
		return
	}
	f.exportedAt = text
	s.timeHint.SetText(exportTimeHint(f))
	s.settingsChanged(f)
}

// shortStamp is a time without seconds, as people write it.
func shortStamp(st data.Stamp) string {
	if st == 0 {
		return ""
	}
	return st.Time().Format("2006-01-02 15:04")
}
