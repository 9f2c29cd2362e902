package screens

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// onDropped takes files and folders dropped anywhere on the window to the
// import page (the shell routes the window's drops here).
func (s *Shell) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) == 0 {
		return
	}
	s.Show(PageImport)
	s.imports.addAndPreview(paths)
}

// addAndPreview queues files; several at once (a folder, many files
// dropped or picked) are previewed together as one batch.
func (s *importScreen) addAndPreview(paths []string) {
	before := len(s.files)
	s.AddPaths(paths)
	if len(s.files)-before > 1 {
		s.onPreviewAll()
	}
}

// importable reports whether a file name looks like an export we read.
func importable(name string) bool {
	switch strings.ToLower(fileExt(name)) {
	case ".xlsx", ".csv":
		return !strings.HasPrefix(filepath.Base(name), "~$") // Excel's lock files
	}
	return false
}

func fileExt(name string) string { return filepath.Ext(name) }

func (s *importScreen) onAddFile() {
	s.filesDialog = showFilesDialog(s.shell.win, s.shell.app.Preferences(), s.addAndPreview)
}

func (s *importScreen) onAddFolder() {
	dialog.NewFolderOpen(s.onFolderChosen, s.shell.win).Show()
}

func (s *importScreen) onFolderChosen(l fyne.ListableURI, err error) {
	if err != nil {
		dialog.ShowError(errors.New(trError(err)), s.shell.win)
		return
	}
	if l == nil {
		return
	}
	s.addAndPreview([]string{l.Path()})
}
