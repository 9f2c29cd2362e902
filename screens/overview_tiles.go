package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// tappableTile is a tile of the overview that filters the table when tapped.
type tappableTile struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

func newTappableTile(content fyne.CanvasObject, onTap func()) *tappableTile {
	t := &tappableTile{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tappableTile) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.content)
}

func (t *tappableTile) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor shows the tile can be clicked.
func (t *tappableTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// onTileTapped shows only the shops of a status (again: all of them).
func (o *overviewScreen) onTileTapped(status string) {
	if o.status == status {
		status = ""
	}
	o.statusSel.SetSelectedIndex(indexOf(statusChoices, status))
}

// filterEntry is the overview's filter box: Down or Enter moves into the table.
type filterEntry struct {
	widget.Entry
	toTable func()
}

func newFilterEntry(toTable func()) *filterEntry {
	e := &filterEntry{toTable: toTable}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { toTable() }
	return e
}

func (e *filterEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyDown {
		e.toTable()
		return
	}
	e.Entry.TypedKey(k)
}

// focusTable gives the table the keyboard, on its first row.
func (o *overviewScreen) focusTable() {
	if o.table == nil || len(o.table.Rows()) == 0 {
		return
	}
	o.shell.win.Canvas().Focus(o.table)
	if o.table.Selected() < 0 {
		o.table.SelectRow(0)
	}
}
