package screens

import (
	"image/color"
	"sort"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tableColumn is one column of a sortTable.
type tableColumn struct {
	title string  // English, shown through lang.L (mark it with msgKey)
	width float32 // the column's width; the table's flex column takes what is left
	// less orders data rows a and b by this column; nil when it does not sort.
	less func(a, b int) bool
}

// tableCell is what one cell shows: text, or a status chip when status is set.
type tableCell struct {
	text   string
	status string // "ready", "waiting", "blocked": a chip instead of text
	bold   bool
	mono   bool // IDs, so digits line up and read unambiguously
	warn   bool // in the warning colour (old data)
	align  fyne.TextAlign
}

// sortTable is a widget.Table over rows of an in-memory slice: the caller
// keeps the data and says what each cell shows; the table keeps which data
// rows are shown (filtered) and in which order (sorted by a header click).
// Rows are selected whole; double-click or Enter activates one.
type sortTable struct {
	widget.Table

	columns []tableColumn
	flex    int                          // the column that takes the spare width; -1 for none
	cell    func(row, col int) tableCell // row indexes the caller's data
	// marked rows are tinted (changed since last time); nil marks none.
	marked func(row int) bool

	rows     []int // data rows shown, in display order
	sortCol  int   // -1: the caller's order
	sortDesc bool
	selected int // display row selected, -1 for none

	// OnActivate runs on double-click or Enter with the data row.
	OnActivate func(row int)
	// OnSelect runs when a row is selected, with the data row.
	OnSelect func(row int)
	// OnSort runs after a header click changed the order.
	OnSort func(col int, desc bool)
}

// newSortTable builds a table of these columns; cell says what a data row shows.
func newSortTable(columns []tableColumn, cell func(row, col int) tableCell) *sortTable {
	t := &sortTable{columns: columns, cell: cell, flex: -1, sortCol: -1, selected: -1}
	t.Length = t.length
	t.CreateCell = t.createCell
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = t.createHeader
	t.UpdateHeader = t.updateHeader
	t.ExtendBaseWidget(t)
	for i, c := range columns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

func (t *sortTable) length() (int, int) { return len(t.rows), len(t.columns) }

// SetRows shows these data rows, in the table's current sort order.
func (t *sortTable) SetRows(rows []int) {
	t.rows = rows
	t.selected = -1
	t.applySort()
	t.Refresh()
}

// Rows are the data rows shown, in display order.
func (t *sortTable) Rows() []int { return t.rows }

// SortBy orders the rows by a column (ascending, or descending when desc).
func (t *sortTable) SortBy(col int, desc bool) {
	if col < 0 || col >= len(t.columns) || t.columns[col].less == nil {
		return
	}
	var selectedRow = -1
	if t.selected >= 0 && t.selected < len(t.rows) {
		selectedRow = t.rows[t.selected]
	}
	t.sortCol, t.sortDesc = col, desc
	t.applySort()
	t.selected = -1
	for i, r := range t.rows {
		if r == selectedRow {
			t.selected = i
		}
	}
	t.Refresh()
}

// onHeaderTapped sorts by a column, or reverses the order when it already does.
func (t *sortTable) onHeaderTapped(col int) {
	desc := false
	if col == t.sortCol {
		desc = !t.sortDesc
	}
	t.SortBy(col, desc)
	if t.OnSort != nil {
		t.OnSort(t.sortCol, t.sortDesc)
	}
}

func (t *sortTable) applySort() {
	if t.sortCol < 0 {
		return
	}
	less := t.columns[t.sortCol].less
	if t.sortDesc {
		sort.SliceStable(t.rows, func(i, j int) bool { return less(t.rows[j], t.rows[i]) })
	} else {
		sort.SliceStable(t.rows, func(i, j int) bool { return less(t.rows[i], t.rows[j]) })
	}
}

// SelectRow selects a display row and scrolls it into view.
func (t *sortTable) SelectRow(i int) {
	if i < 0 || i >= len(t.rows) {
		return
	}
	old := t.selected
	t.selected = i
	t.refreshRow(old)
	t.refreshRow(i)
	t.ScrollTo(widget.TableCellID{Row: i, Col: 0})
	if t.OnSelect != nil {
		t.OnSelect(t.rows[i])
	}
}

// Selected is the selected data row, or -1.
func (t *sortTable) Selected() int {
	if t.selected < 0 || t.selected >= len(t.rows) {
		return -1
	}
	return t.rows[t.selected]
}

func (t *sortTable) refreshRow(i int) {
	if i < 0 {
		return
	}
	for c := range t.columns {
		t.RefreshItem(widget.TableCellID{Row: i, Col: c})
	}
}

func (t *sortTable) activate(i int) {
	if i >= 0 && i < len(t.rows) && t.OnActivate != nil {
		t.OnActivate(t.rows[i])
	}
}

// TypedKey moves the selection with the arrow keys and activates it with Enter.
func (t *sortTable) TypedKey(e *fyne.KeyEvent) {
	page := max(1, int(t.Size().Height/max(1, t.rowHeight()))-2)
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.activate(t.selected)
	case fyne.KeyDown:
		t.SelectRow(min(t.selected+1, len(t.rows)-1))
	case fyne.KeyUp:
		t.SelectRow(max(t.selected-1, 0))
	case fyne.KeyPageDown:
		t.SelectRow(min(t.selected+page, len(t.rows)-1))
	case fyne.KeyPageUp:
		t.SelectRow(max(t.selected-page, 0))
	case fyne.KeyHome:
		t.SelectRow(0)
	case fyne.KeyEnd:
		t.SelectRow(len(t.rows) - 1)
	}
}

// FocusGained and FocusLost keep the table's own one-cell focus highlight
// off: the selected row is the focus.
func (t *sortTable) FocusGained() {}

// FocusLost: see FocusGained.
func (t *sortTable) FocusLost() {}

func (t *sortTable) rowHeight() float32 { return t.createCell().MinSize().Height }

// Resize gives the flex column the width the others leave.
func (t *sortTable) Resize(s fyne.Size) {
	if t.flex >= 0 && t.flex < len(t.columns) {
		pad := theme.Padding()
		used := float32(0)
		for i, c := range t.columns {
			if i != t.flex {
				used += c.width + pad
			}
		}
		w := max(t.columns[t.flex].width, s.Width-used-pad-theme.ScrollBarSize())
		t.SetColumnWidth(t.flex, w)
	}
	t.Table.Resize(s)
}

func (t *sortTable) createHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	b.IconPlacement = widget.ButtonIconTrailingText
	return b
}

func (t *sortTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.columns) {
		b.SetText("")
		return
	}
	c := t.columns[id.Col]
	var icon fyne.Resource
	switch {
	case id.Col == t.sortCol && t.sortDesc:
		icon = theme.MoveDownIcon()
	case id.Col == t.sortCol:
		icon = theme.MoveUpIcon()
	}
	// Headers are updated on every scroll; a button refresh is not free.
	if title := lang.L(c.title); b.Text != title {
		b.SetText(title)
	}
	if b.Icon != icon {
		b.SetIcon(icon)
	}
	col := id.Col
	if c.less == nil {
		b.OnTapped = nil
	} else {
		b.OnTapped = func() { t.onHeaderTapped(col) }
	}
}

func (t *sortTable) createCell() fyne.CanvasObject { return newCellView(t) }

func (t *sortTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	v := o.(*cellView)
	v.row, v.col = id.Row, id.Col
	if id.Row < 0 || id.Row >= len(t.rows) {
		v.set(tableCell{}, false, false)
		return
	}
	r := t.rows[id.Row]
	marked := t.marked != nil && t.marked(r)
	v.set(t.cell(r, id.Col), id.Row == t.selected, marked)
}

// cellView is one cell: a row background (selection or "changed" tint), and
// a text or a status chip. It takes the taps so a click selects the row.
// The text is a canvas.Text cut to the cell's width here, with measurements
// Fyne caches: a truncating Label shapes its text again on every scroll.
type cellView struct {
	widget.BaseWidget
	table    *sortTable
	row, col int

	bg   *canvas.Rectangle
	text *canvas.Text
	full string // the whole text; text.Text may be cut short with "…"
	chip *statusChip
}

func newCellView(t *sortTable) *cellView {
	v := &cellView{table: t, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black), chip: newStatusChip("")}
	v.text.TextSize = theme.TextSize()
	v.chip.Hide()
	v.ExtendBaseWidget(v)
	return v
}

func (v *cellView) set(c tableCell, selected, marked bool) {
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	switch {
	case selected:
		v.bg.FillColor = th.Color(theme.ColorNameSelection, variant)
	case marked:
		v.bg.FillColor = changedTint(th)
	default:
		v.bg.FillColor = color.Transparent
	}
	v.bg.Refresh()
	if c.status != "" {
		v.text.Hide()
		if v.chip.status != c.status {
			v.chip.SetStatus(c.status)
		}
		v.chip.Show()
		return
	}
	v.chip.Hide()
	v.text.Show()
	v.text.TextStyle = fyne.TextStyle{Bold: c.bold, Monospace: c.mono}
	v.text.Alignment = c.align
	if c.warn {
		v.text.Color = th.Color(theme.ColorNameWarning, variant)
	} else {
		v.text.Color = th.Color(theme.ColorNameForeground, variant)
	}
	v.full = c.text
	v.fit(v.Size().Width)
}

// fitKey is one text cut to one width.
type fitKey struct {
	text  string
	size  float32
	style fyne.TextStyle
	width float32
}

// fitted remembers cut texts: scrolling brings the same texts back into view.
var fitted = struct {
	sync.Mutex
	m map[fitKey]string
}{m: map[fitKey]string{}}

// fit cuts the text to the width with an ellipsis.
func (v *cellView) fit(width float32) {
	key := fitKey{v.full, v.text.TextSize, v.text.TextStyle, width}
	fitted.Lock()
	t, ok := fitted.m[key]
	fitted.Unlock()
	if !ok {
		t = cutToWidth(v.full, width-2*theme.InnerPadding(), v.text.TextSize, v.text.TextStyle)
		fitted.Lock()
		if len(fitted.m) > 50000 {
			fitted.m = map[fitKey]string{}
		}
		fitted.m[key] = t
		fitted.Unlock()
	}
	if v.text.Text != t {
		v.text.Text = t
	}
	v.text.Refresh()
}

// cutToWidth is t, or its longest prefix that fits avail with "…".
func cutToWidth(t string, avail, size float32, style fyne.TextStyle) string {
	if avail > 0 && fyne.MeasureText(t, size, style).Width > avail {
		runes := []rune(t)
		lo, hi := 0, len(runes)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if fyne.MeasureText(string(runes[:mid])+"…", size, style).Width <= avail {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return string(runes[:lo]) + "…"
	}
	return t
}

// Tapped selects the row and gives the table the keyboard.
func (v *cellView) Tapped(*fyne.PointEvent) {
	v.table.SelectRow(v.row)
	if c := fyne.CurrentApp().Driver().CanvasForObject(v.table); c != nil {
		c.Focus(v.table)
	}
}

// DoubleTapped activates the row (opens the shop).
func (v *cellView) DoubleTapped(*fyne.PointEvent) {
	v.table.SelectRow(v.row)
	v.table.activate(v.row)
}

func (v *cellView) CreateRenderer() fyne.WidgetRenderer {
	return &cellRenderer{v: v}
}

type cellRenderer struct{ v *cellView }

func (r *cellRenderer) Layout(s fyne.Size) {
	v := r.v
	// The background reaches over the table's cell padding so a row reads as one band.
	pad := theme.Padding()
	v.bg.Move(fyne.NewPos(-pad/2, -pad/2))
	v.bg.Resize(s.AddWidthHeight(pad, pad))
	inner := theme.InnerPadding()
	th := v.text.MinSize().Height
	v.text.Move(fyne.NewPos(inner, (s.Height-th)/2))
	v.text.Resize(fyne.NewSize(s.Width-2*inner, th))
	if v.text.Visible() && s.Width > 0 {
		v.fit(s.Width)
	}
	cs := v.chip.MinSize()
	v.chip.Move(fyne.NewPos(pad, (s.Height-cs.Height)/2))
	v.chip.Resize(cs)
}

func (r *cellRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height + 2*theme.InnerPadding()
	return fyne.NewSize(2*theme.InnerPadding(), h).Max(r.v.chip.MinSize())
}

func (r *cellRenderer) Refresh() {
	r.v.bg.Refresh()
	r.v.text.Refresh()
	r.v.chip.Refresh()
}

func (r *cellRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.bg, r.v.text, r.v.chip}
}

func (r *cellRenderer) Destroy() {}

// statusChip is a verdict status as a small rounded, coloured label.
type statusChip struct {
	widget.BaseWidget
	status string
	bg     *canvas.Rectangle
	text   *canvas.Text
}

func newStatusChip(status string) *statusChip {
	c := &statusChip{bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.White)}
	c.text.TextStyle.Bold = true
	c.text.Alignment = fyne.TextAlignCenter
	c.ExtendBaseWidget(c)
	c.SetStatus(status)
	return c
}

// SetStatus shows another status.
func (c *statusChip) SetStatus(status string) {
	c.status = status
	c.text.Text = ""
	if status != "" {
		c.text.Text = statusLabel(status)
	}
	c.Refresh()
}

func (c *statusChip) CreateRenderer() fyne.WidgetRenderer { return &chipRenderer{c: c} }

type chipRenderer struct{ c *statusChip }

func (r *chipRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText(r.c.text.Text, r.c.text.TextSize, r.c.text.TextStyle)
	pad := theme.Padding()
	return fyne.NewSize(max(ts.Width+4*pad, 64), ts.Height+pad)
}

func (r *chipRenderer) Layout(s fyne.Size) {
	r.c.bg.Resize(s)
	r.c.text.Resize(s)
}

func (r *chipRenderer) Refresh() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.c.bg.FillColor = th.Color(statusColorName(r.c.status), v)
	r.c.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) + 2
	r.c.text.Color = th.Color(ColorNameOnStatus, v)
	r.c.text.TextSize = th.Size(theme.SizeNameCaptionText) + 1
	r.c.bg.Refresh()
	r.c.text.Refresh()
}

func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c.bg, r.c.text} }

func (r *chipRenderer) Destroy() {}

// changedTint is the background of a row whose status changed since last
// time: the theme's primary colour, faint enough to read text on.
func changedTint(th fyne.Theme) color.Color {
	return changedTintOf(th, fyne.CurrentApp().Settings().ThemeVariant())
}

func changedTintOf(th fyne.Theme, v fyne.ThemeVariant) color.Color {
	r, g, b, _ := th.Color(theme.ColorNamePrimary, v).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 0x1c}
}
