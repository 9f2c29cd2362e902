package screens

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// prefImportFolder remembers the folder files were last picked from.
const prefImportFolder = "import.folder"

// filesDialog picks several exports at once: the folders and the .xlsx and
// .csv files of a folder, listed with their whole names, each file with a
// check box. (Fyne's file dialog picks one file and cuts long names; a native
// dialog library would need GTK on Linux, which Fyne itself does not.)
type filesDialog struct {
	win    fyne.Window
	prefs  fyne.Preferences
	onPick func(paths []string)

	dir     string
	entries []os.DirEntry // folders first, then exports, by name
	checked map[string]bool
	err     error

	dirLabel *widget.Label
	list     *widget.List
	count    *widget.Label
	add      *widget.Button
	all      *widget.Button
	dialog   *dialog.CustomDialog
}

// showFilesDialog opens the picker on the folder used last (else the
// Downloads folder, else home); onPick gets the checked files' paths.
func showFilesDialog(win fyne.Window, prefs fyne.Preferences, onPick func([]string)) *filesDialog {
	d := &filesDialog{win: win, prefs: prefs, onPick: onPick}
	d.dirLabel = widget.NewLabel("")
	d.dirLabel.Truncation = fyne.TextTruncateEllipsis
	d.dirLabel.TextStyle.Bold = true
	up := widget.NewButtonWithIcon(lang.L("Up"), theme.MoveUpIcon(), d.onUp)
	d.list = widget.NewList(d.length, d.createRow, d.updateRow)
	d.list.OnSelected = d.onSelected
	d.count = widget.NewLabel("")
	d.all = widget.NewButton(lang.L("Select all"), d.onSelectAll)
	d.add = widget.NewButtonWithIcon("", theme.ContentAddIcon(), d.onAdd)
	d.add.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() { d.dialog.Hide() })
	top := container.NewBorder(nil, nil, up, nil, d.dirLabel)
	bottom := container.NewHBox(d.all, d.count)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Add files"), container.NewBorder(top, bottom, nil, nil, d.list), win)
	d.dialog.SetButtons([]fyne.CanvasObject{cancel, d.add})
	d.open(rememberedFolder(prefs, prefImportFolder, "Downloads"))
	d.dialog.Resize(fyne.NewSize(820, 560))
	d.dialog.Show()
	return d
}

// rememberedFolder is the folder stored under key while it exists, else the
// first of the person's folders named (Downloads, Documents) that exists,
// else the home folder.
func rememberedFolder(prefs fyne.Preferences, key string, names ...string) string {
	isDir := func(p string) bool { st, err := os.Stat(p); return err == nil && st.IsDir() }
	if dir := prefs.String(key); dir != "" && isDir(dir) {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	for _, n := range names {
		if isDir(filepath.Join(home, n)) {
			return filepath.Join(home, n)
		}
	}
	return home
}

// open lists a folder: its subfolders, then its exports.
func (d *filesDialog) open(dir string) {
	d.dir, d.checked, d.entries, d.err = dir, map[string]bool{}, nil, nil
	all, err := os.ReadDir(dir)
	d.err = err
	var folders, files []os.DirEntry
	for _, e := range all {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir():
			folders = append(folders, e)
		case importable(e.Name()):
			files = append(files, e)
		}
	}
	byName := func(es []os.DirEntry) {
		sort.Slice(es, func(i, j int) bool { return strings.ToLower(es[i].Name()) < strings.ToLower(es[j].Name()) })
	}
	byName(folders)
	byName(files)
	d.entries = append(folders, files...)
	d.dirLabel.SetText(dir)
	d.list.UnselectAll()
	d.list.Refresh()
	d.list.ScrollToTop()
	d.showCount()
}

func (d *filesDialog) length() int { return len(d.entries) }

func (d *filesDialog) createRow() fyne.CanvasObject {
	name := widget.NewLabel("") // the whole name: the dialog is wide enough for exports' names
	return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, name)
}

func (d *filesDialog) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	e := d.entries[i]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	name.SetText(e.Name())
	switch {
	case e.IsDir():
		icon.SetResource(theme.FolderIcon())
	case d.checked[e.Name()]:
		icon.SetResource(theme.CheckButtonCheckedIcon())
	default:
		icon.SetResource(theme.CheckButtonIcon())
	}
}

// onSelected enters a folder or ticks a file.
func (d *filesDialog) onSelected(i widget.ListItemID) {
	d.list.Unselect(i)
	e := d.entries[i]
	if e.IsDir() {
		d.open(filepath.Join(d.dir, e.Name()))
		return
	}
	d.checked[e.Name()] = !d.checked[e.Name()]
	d.list.RefreshItem(i)
	d.showCount()
}

func (d *filesDialog) onUp() {
	if parent := filepath.Dir(d.dir); parent != d.dir {
		d.open(parent)
	}
}

// onSelectAll ticks every export of the folder (or clears them all when all are ticked).
func (d *filesDialog) onSelectAll() {
	files := d.files()
	every := len(files) > 0
	for _, f := range files {
		every = every && d.checked[f]
	}
	for _, f := range files {
		d.checked[f] = !every
	}
	d.list.Refresh()
	d.showCount()
}

// files are the exports listed.
func (d *filesDialog) files() []string {
	var out []string
	for _, e := range d.entries {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

func (d *filesDialog) chosen() []string {
	var out []string
	for _, f := range d.files() {
		if d.checked[f] {
			out = append(out, filepath.Join(d.dir, f))
		}
	}
	return out
}

func (d *filesDialog) showCount() {
	n := len(d.chosen())
	switch {
	case d.err != nil:
		d.count.SetText(lang.L("The folder cannot be read: {{.Error}}", map[string]any{"Error": d.err.Error()}))
	case len(d.files()) == 0:
		d.count.SetText(lang.L("No .xlsx or .csv export in this folder"))
	default:
		d.count.SetText(lang.L("{{.Chosen}} of {{.Total}} exports chosen", map[string]any{"Chosen": n, "Total": len(d.files())}))
	}
	d.add.SetText(lang.L(data.Plural(n, msgKey("Add {{.Count}} file"), msgKey("Add {{.Count}} files")), map[string]any{"Count": n}))
	if n == 0 {
		d.add.Disable()
	} else {
		d.add.Enable()
	}
}

func (d *filesDialog) onAdd() {
	paths := d.chosen()
	if len(paths) == 0 {
		return
	}
	d.prefs.SetString(prefImportFolder, d.dir)
	d.dialog.Hide()
	d.onPick(paths)
}
