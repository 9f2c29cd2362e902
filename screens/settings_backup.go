package screens

import (
	"context"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// backupDesk is what a backup needs of the core.
type backupDesk interface {
	Path() string
	Store() *data.Store
}

// restoreDesk is a desk that can be closed so its file can be replaced.
type restoreDesk interface {
	Path() string
	Close() error
}

// openDeskAt opens the database at path after a restore; tests may replace it.
var openDeskAt = func(path string) (Desk, error) { return app.Open(path) }

func (s *settingsScreen) onBackup() {
	d := dialog.NewFileSave(s.onBackupChosen, s.shell.win)
	d.SetFileName("DepositDesk-backup-" + time.Now().Format("2006-01-02-1504") + ".db")
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.shell.desk.Path()))); err == nil {
		d.SetLocation(dir)
	}
	d.Show()
}

func (s *settingsScreen) onBackupChosen(w fyne.URIWriteCloser, err error) {
	if err != nil {
		dialog.ShowError(errorMessage(trError(err)), s.shell.win)
		return
	}
	if w == nil {
		return
	}
	s.backupTo(chosenPath(w))
}

// backupTo writes a consistent copy of the database to dest, off the UI goroutine.
func (s *settingsScreen) backupTo(dest string) {
	desk, ok := s.shell.desk.(backupDesk)
	if !ok {
		return
	}
	wait := s.showWorking(lang.L("Backing up the database…"))
	s.shell.background(func() {
		_, err := desk.Store().Backup(context.Background(), dest)
		s.shell.ui(func() {
			wait.Hide()
			s.lastBackupErr = err
			if err != nil {
				dialog.ShowError(errorMessage(lang.L("The backup failed: {{.Error}}", map[string]any{"Error": trError(err)})), s.shell.win)
				return
			}
			dialog.ShowInformation(lang.L("Backed up"), lang.L("The database was copied to {{.File}}.", map[string]any{"File": dest}), s.shell.win)
		})
	})
}

func (s *settingsScreen) onRestore() {
	d := dialog.NewFileOpen(s.onRestoreChosen, s.shell.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".sqlite", ".bak"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(s.shell.desk.Path()))); err == nil {
		d.SetLocation(dir)
	}
	d.Show()
}

func (s *settingsScreen) onRestoreChosen(r fyne.URIReadCloser, err error) {
	if err != nil {
		dialog.ShowError(errorMessage(trError(err)), s.shell.win)
		return
	}
	if r == nil {
		return
	}
	src := r.URI().Path()
	r.Close()
	text := widget.NewLabel(lang.L("Replace everything in Deposit Desk with the backup {{.File}}? The current database is kept beside it as {{.Kept}}.",
		map[string]any{"File": filepath.Base(src), "Kept": filepath.Base(s.shell.desk.Path()) + ".before-restore.bak"}))
	text.Wrapping = fyne.TextWrapWord
	c := dialog.NewCustomConfirm(lang.L("Restore a backup"), lang.L("Restore"), lang.L("Cancel"), text, func(ok bool) {
		if ok {
			s.restoreFrom(src)
		}
	}, s.shell.win)
	c.Resize(fyne.NewSize(520, 0))
	c.Show()
}

// restoreFrom closes the desk, puts the backup in place of its database,
// opens it again and rebuilds the window over it. A backup that is not a
// Deposit Desk database is refused and the current one opened again.
func (s *settingsScreen) restoreFrom(src string) {
	desk, ok := s.shell.desk.(restoreDesk)
	if !ok {
		return
	}
	if s.shell.imports.working() {
		dialog.ShowInformation(lang.L("Restore a backup"), lang.L("An import is running; restore when it has finished."), s.shell.win)
		return
	}
	dst := desk.Path()
	wait := s.showWorking(lang.L("Restoring the backup…"))
	s.shell.background(func() {
		desk.Close()
		restoreErr := data.Restore(src, dst)
		reopened, openErr := openDeskAt(dst)
		s.shell.ui(func() {
			wait.Hide()
			s.lastRestoreErr = restoreErr
			if openErr != nil {
				dialog.ShowError(errorMessage(lang.L("The database could not be opened again: {{.Error}}. Quit Deposit Desk and start it again.",
					map[string]any{"Error": trError(openErr)})), s.shell.win)
				return
			}
			s.shell.ReplaceDesk(reopened)
			if restoreErr != nil {
				dialog.ShowError(errorMessage(lang.L("The backup was not restored: {{.Error}}", map[string]any{"Error": trError(restoreErr)})), s.shell.win)
				return
			}
			dialog.ShowInformation(lang.L("Restored"), lang.L("The backup {{.File}} is now your data.", map[string]any{"File": filepath.Base(src)}), s.shell.win)
		})
	})
}

// showWorking is a modal note with a spinner while slow work runs.
func (s *settingsScreen) showWorking(text string) dialog.Dialog {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(text, container.NewVBox(bar), s.shell.win)
	d.Resize(fyne.NewSize(360, 0))
	d.Show()
	return d
}

// errorText is a sentence already in the UI language, as an error for dialog.ShowError.
