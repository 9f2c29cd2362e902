package sheet

import (
	"bytes"
	"cmp"
	"io"
	"slices"
	"strconv"
	"time"

	"depositdesk/data"
)

// Excel's limits: a cell reference beyond them is not a spreadsheet's.
const (
	maxRows    = 1 << 20
	maxColumns = 1 << 14
)

// cell is one cell with a value, placed by its own reference. An
// shared-string cell points into the shared strings; any other cell's text
// is valid until the scanner reads on.
type cell struct {
	row, col   int
	sst        bool
	start, end uint32 // the shared string's span
	text       []byte
}

// cellScanner finds the cells of a worksheet's <sheetData>, whatever <row>
// element holds them: a cell with a reference (r="C7") goes there; one
// without follows the previous cell of its row element, or starts the row.
type cellScanner struct {
	x    *xmlScanner
	book *workbook

	inData, done      bool
	tagLoopOnly       bool // quickCell left out: a test compares the two ways
	inCell, inIS, rph bool
	rowElem           int // number of the current <row>
	lastRow, lastCol  int // where the previous cell went

	// the cell being read
	row, col int
	typ      []byte
	style    int
	hasIS    bool
	val      []byte
	date     []byte
	err      error // a *data.Message, or a read error of the part
}

// next reads up to the next cell with a value; false at the end of the
// sheet's data or on an error (c.err).
func (c *cellScanner) next(out *cell) bool {
	var t tag
	for !c.done && c.err == nil {
		if c.inData && !c.inCell && !c.tagLoopOnly {
			if yield, ok := c.quickCell(out); ok {
				if yield {
					return true
				}
				continue
			}
		}
		if !c.x.next(&t) {
			break
		}
		name := t.name
		if !c.inData {
			if string(name) == "sheetData" && !t.close {
				c.inData = !t.empty
				c.done = t.empty
			}
			continue
		}
		switch string(name) {
		case "c":
			yield := c.inCell && c.finish(out) // a cell left open by a malformed sheet ends here
			if !t.close {
				c.begin(&t)
				switch {
				case yield:
				case t.empty:
					yield = c.finish(out)
				case c.err == nil && c.plainCell():
					yield = c.finish(out)
				}
			}
			if yield {
				return true
			}
		case "v":
			if c.inCell && !c.inIS && !t.close && !t.empty {
				c.val, _ = c.x.text(c.val[:0])
			}
		case "is":
			if c.inCell {
				c.inIS = !t.close && !t.empty
				if !t.close {
					c.hasIS, c.val = true, c.val[:0]
				}
			}
		case "rPh":
			c.rph = !t.close && !t.empty
		case "t":
			if c.inIS && !c.rph && !t.close && !t.empty {
				c.val, _ = c.x.text(c.val)
			}
		case "row":
			if !t.close {
				c.beginRow(&t)
			}
		case "sheetData":
			if t.close {
				c.done, c.inData = true, false
				if c.inCell && c.finish(out) {
					return true
				}
			}
		}
	}
	if c.err == nil {
		switch {
		case c.x.err != nil:
			c.err = c.x.err
		case !c.done && c.inData:
			c.err = &data.Message{File: c.book.name, Row: c.lastRow,
				Text: "The workbook is damaged: the sheet ends in the middle of its rows; export it again from the platform"}
		}
	}
	return false
}

// quickCell reads, in one pass over the buffer, a cell written the way
// nearly every writer writes it: <c r="B7" s="3" t="inlineStr"> (no prefix,
// attribute names of letters, values in double quotes, single spaces)
// followed by a plain body (plainCell) or none. ok is false, with nothing
// read but the text before the next tag, for anything else, a cell that
// would be an error included: the tag loop reads those, the same way as
// before. Scanning the tag, parsing it and splitting its attributes were
// three passes and half the time of reading a sheet.
func (c *cellScanner) quickCell(out *cell) (yield, ok bool) {
	x := c.x
	b := x.buf[x.pos:x.end]
	lt := bytes.IndexByte(b, '<')
	if lt < 0 {
		return false, false
	}
	x.pos += lt // text between tags is skipped, as the tag loop does
	b = b[lt:]
	if len(b) < 3 || b[1] != 'c' || b[2] != ' ' {
		return false, false
	}
	at := c.start()
	i, empty := 3, false
	for {
		for i < len(b) && b[i] == ' ' {
			i++
		}
		if i >= len(b) {
			return false, false
		}
		if b[i] == '>' {
			i++
			break
		}
		if b[i] == '/' {
			if i+1 >= len(b) || b[i+1] != '>' {
				return false, false
			}
			i, empty = i+2, true
			break
		}
		k := i
		for i < len(b) && (b[i]|0x20 >= 'a' && b[i]|0x20 <= 'z') {
			i++
		}
		if i == k || i+1 >= len(b) || b[i] != '=' || b[i+1] != '"' {
			return false, false
		}
		key := b[k:i]
		q := bytes.IndexByte(b[i+2:], '"')
		if q < 0 {
			return false, false
		}
		val := b[i+2 : i+2+q]
		i += 3 + q
		if !at.set(key, val) {
			return false, false
		}
	}
	if at.col > maxColumns {
		return false, false
	}
	x.pos += i
	c.open(at, empty)
	if empty || c.plainCell() {
		return c.finish(out), true
	}
	return false, true
}

// plainCell reads, in one step, the body of a cell written the way nearly
// every writer writes it: <v>text</v></c> or <is><t>text</t></is></c>,
// without a prefix, an entity, a CR or CDATA, all in the buffer. Anything
// else it leaves to the tag loop.
func (c *cellScanner) plainCell() bool {
	x := c.x
	b := x.buf[x.pos:x.end]
	open, close, inline := "<v>", "</v></c>", false
	if !bytes.HasPrefix(b, []byte(open)) {
		open, close, inline = "<is><t>", "</t></is></c>", true
		if !bytes.HasPrefix(b, []byte(open)) {
			return false
		}
	}
	body := b[len(open):]
	k := bytes.IndexByte(body, '<')
	if k < 0 || !bytes.HasPrefix(body[k:], []byte(close)) || escapeIndex(body[:k]) >= 0 {
		return false
	}
	c.val = append(c.val[:0], body[:k]...)
	c.hasIS = inline
	x.pos += len(open) + k + len(close)
	return true
}

func (c *cellScanner) beginRow(t *tag) {
	n := c.rowElem + 1
	if v, ok := attr(t.attrs, "r"); ok {
		var ok bool
		if n, ok = atoi(v); !ok || n < 1 || n > maxRows {
			c.err = c.damaged("The workbook is damaged: {{.Ref}} is not a row number; open it in Excel and save it again, or export it again", c.rowElem+1, v)
			return
		}
	}
	c.rowElem, c.lastRow, c.lastCol = n, n, 0
}

func (c *cellScanner) begin(t *tag) {
	at := c.start()
	for attrs := t.attrs; ; {
		key, val, rest, ok := nextAttr(attrs)
		if !ok {
			break
		}
		attrs = rest
		if !at.set(key, val) {
			c.err = c.damaged(badCellRef, at.row, val)
			return
		}
	}
	if at.col > maxColumns {
		c.err = c.damaged(badCellRef, at.row, []byte(columnName(at.col)+strconv.Itoa(at.row)))
		return
	}
	c.open(at, t.empty)
}

// cellStart is what a cell's tag says: where the cell goes, its type and
// its style.
type cellStart struct {
	row, col int
	typ      []byte
	style    int
}

// start is a cell's place before its attributes are read: after the
// previous cell of its row element, or first in the row.
func (c *cellScanner) start() cellStart {
	at := cellStart{row: c.lastRow, col: c.lastCol + 1, typ: c.typ[:0], style: -1}
	if at.row == 0 { // a cell outside any <row>
		at.row = 1
	}
	return at
}

// set reads one attribute of a cell's tag; false for a reference that is
// not a cell reference.
func (at *cellStart) set(key, val []byte) bool {
	switch string(key) {
	case "r":
		row, col, ok := cellRef(val)
		if !ok {
			return false
		}
		at.row, at.col = row, col
	case "t":
		at.typ = append(at.typ, val...)
	case "s":
		if n, ok := atoi(val); ok {
			at.style = n
		}
	}
	return true
}

// open starts reading the cell whose tag is read.
func (c *cellScanner) open(at cellStart, empty bool) {
	c.inCell, c.inIS, c.hasIS, c.rph = !empty, false, false, false
	c.val = c.val[:0]
	c.row, c.col, c.typ, c.style = at.row, at.col, at.typ, at.style
	c.lastRow, c.lastCol = at.row, at.col
}

// finish turns the cell just read into out; false when it has no value.
func (c *cellScanner) finish(out *cell) bool {
	c.inCell, c.inIS, c.rph = false, false, false
	if c.err != nil {
		return false
	}
	*out = cell{row: c.row, col: c.col}
	switch string(c.typ) {
	case "s":
		n, ok := atoi(trimSpace(c.val))
		if len(c.val) == 0 {
			return false
		}
		sst, err := c.book.sharedStrings()
		if err != nil {
			c.err = err
			return false
		}
		start, end, inTable := sst.span(n)
		if !ok || !inTable {
			c.err = &data.Message{File: c.book.name, Row: c.row,
				Text: "The workbook is damaged: cell {{.Cell}} refers to shared text number {{.Index}}, which the workbook does not hold; open it in Excel and save it again, or export it again",
				Args: map[string]any{"Cell": columnName(c.col) + strconv.Itoa(c.row), "Index": string(c.val)}}
			return false
		}
		out.sst, out.start, out.end = true, start, end
		return end > start
	case "inlineStr":
		if c.hasIS {
			c.val = unescapeX(c.val)
		}
	case "d":
		c.val = isoDate(c.val)
	case "", "n":
		if c.book.isDateStyle(c.style) {
			if d, ok := serialDate(c.date[:0], c.val, c.book.date1904); ok {
				c.date = d
				out.text = d
				return true
			}
		}
	}
	out.text = c.val
	return len(c.val) > 0
}

const badCellRef = "The workbook is damaged: {{.Ref}} is not a cell reference; open it in Excel and save it again, or export it again"

func (c *cellScanner) damaged(text string, row int, ref []byte) *data.Message {
	return &data.Message{File: c.book.name, Row: row, Text: text, Args: map[string]any{"Ref": string(ref)}}
}

// cellRef reads a reference such as C7 (any letter case).
func cellRef(b []byte) (row, col int, ok bool) {
	i := 0
	for ; i < len(b); i++ {
		c := b[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		if col > maxColumns {
			return 0, 0, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	row, ok = atoi(b[i:])
	if !ok || row < 1 || row > maxRows {
		return 0, 0, false
	}
	return row, col, true
}

func columnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// dateLayout is how a date-formatted number comes out of the reader: the
// calendar date and time the cell shows, in the workbook's date system.
const dateLayout = "2006-01-02 15:04:05"

var (
	epoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// serialDate writes the Excel serial number v as dateLayout, to the second.
// Serials before 1900-03-01 are shifted by Excel's phantom 1900-02-29.
func serialDate(dst, v []byte, date1904 bool) ([]byte, bool) {
	f, err := strconv.ParseFloat(string(v), 64)
	if err != nil || f < 0 || f >= 2958466 { // 10000-01-01
		return nil, false
	}
	base := epoch1900
	switch {
	case date1904:
		base = epoch1904
	case f < 60:
		base = base.AddDate(0, 0, 1)
	}
	secs := int64(f*86400 + 0.5)
	return base.Add(time.Duration(secs)*time.Second).AppendFormat(dst, dateLayout), true
}

// isoDate writes a t="d" cell (ISO 8601) as dateLayout when it can read it.
func isoDate(v []byte) []byte {
	for _, layout := range [...]string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999", "2006-01-02"} {
		if t, err := time.Parse(layout, string(v)); err == nil {
			return t.AppendFormat(v[:0], dateLayout)
		}
	}
	return v
}

// rowBuilder gathers the cells of one row; its text lives in one buffer so
// that a row costs one string allocation however many cells it has.
type rowBuilder struct {
	num   int
	text  []byte
	slots []slot // by column - 1
	width int    // columns up to the last with a value
}

type slot struct {
	start, end uint32
	from       uint8
}

const (
	fromNone uint8 = iota
	fromRow
	fromSST
)

func (b *rowBuilder) put(c *cell) {
	if c.col > len(b.slots) {
		b.slots = append(b.slots, make([]slot, c.col-len(b.slots)+8)...)
	}
	s := &b.slots[c.col-1]
	if c.sst {
		*s = slot{c.start, c.end, fromSST}
	} else {
		start := len(b.text)
		b.text = append(b.text, c.text...)
		*s = slot{uint32(start), uint32(len(b.text)), fromRow}
	}
	b.num = c.row
	b.width = max(b.width, c.col)
}

// emit writes the row's cells into row and starts the next row empty.
func (b *rowBuilder) emit(row []string, sst *sharedStrings) []string {
	text := string(b.text)
	row = row[:0]
	for i := range b.width {
		s := b.slots[i]
		switch s.from {
		case fromRow:
			row = append(row, text[s.start:s.end])
		case fromSST:
			row = append(row, sst.text[s.start:s.end])
		default:
			row = append(row, "")
		}
		b.slots[i] = slot{}
	}
	b.text, b.num, b.width = b.text[:0], 0, 0
	return row
}

// sheetReader turns the cells of a worksheet into rows in row order. It
// streams: a row is complete when a cell of a later row arrives, which is
// how every writer we know orders its cells, even those that put every cell
// in <row r="1"> or give each cell its own <row>. A cell of an earlier row
// stops the stream (Reader.Unordered); the sheet is then read again whole
// and sorted (sortAll).
type sheetReader struct {
	book      *workbook
	rc        io.ReadCloser
	scan      cellScanner
	rows      rowBuilder
	ahead     cell // the first cell of the next row, when held
	hasAhead  bool
	ended     bool
	unordered bool
	sorted    *sortedCells
}

func newSheetReader(b *workbook, rc io.ReadCloser) *sheetReader {
	sr := &sheetReader{book: b, rc: rc}
	sr.scan = cellScanner{x: newXMLScanner(rc, 256<<10), book: b}
	return sr
}

func (sr *sheetReader) close() {
	if sr.rc != nil {
		sr.rc.Close()
		sr.rc = nil
	}
}

var errRowOrder = &data.Message{Text: "The cells of this sheet are out of row order"}

func (sr *sheetReader) next(r *Reader) bool {
	if sr.sorted != nil {
		return sr.sorted.next(r, sr)
	}
	if sr.ended {
		return false
	}
	for {
		if !sr.hasAhead {
			if !sr.scan.next(&sr.ahead) {
				sr.ended = true
				if err := sr.scan.err; err != nil {
					r.err = sr.failed(r, err)
					return false
				}
				return sr.emit(r)
			}
			sr.hasAhead = true
		}
		c := &sr.ahead
		switch {
		case sr.rows.num == 0 || c.row == sr.rows.num:
			sr.rows.put(c)
			sr.hasAhead = false
		case c.row > sr.rows.num:
			return sr.emit(r)
		default:
			sr.unordered, sr.ended = true, true
			m := *errRowOrder
			m.File, m.Row = sr.book.name, c.row
			r.err = &m
			return false
		}
	}
}

func (sr *sheetReader) emit(r *Reader) bool {
	if sr.rows.num == 0 {
		return false
	}
	r.rowNum = sr.rows.num
	r.row = sr.rows.emit(r.row, sr.book.sst)
	return true
}

func (sr *sheetReader) failed(r *Reader, err error) error {
	if m, ok := err.(*data.Message); ok {
		return m
	}
	return readFailed(r, err)
}

// drain reads the rest of a streamed sheet, reporting whether a cell comes
// after a later row's.
func (sr *sheetReader) drain() bool {
	if sr.unordered || sr.sorted != nil {
		return sr.unordered
	}
	cur := sr.rows.num
	if sr.hasAhead {
		if sr.ahead.row < cur {
			return true
		}
		cur = sr.ahead.row
	}
	var c cell
	for !sr.ended && sr.scan.next(&c) {
		if c.row < cur {
			sr.unordered = true
			break
		}
		cur = c.row
	}
	sr.ended = true
	return sr.unordered
}

// sortedCells holds a whole sheet's cells, sorted by row and column (a
// later cell of the same reference wins), for sheets whose cells come out
// of row order.
type sortedCells struct {
	cells []sortedCell
	text  []byte
	i     int
}

type sortedCell struct {
	row, col   uint32
	start, end uint32
	sst        bool
}

// sortAll reads the whole sheet and sorts its cells.
func (sr *sheetReader) sortAll(r *Reader) error {
	s := &sortedCells{}
	var c cell
	for sr.scan.next(&c) {
		sc := sortedCell{row: uint32(c.row), col: uint32(c.col), start: c.start, end: c.end, sst: c.sst}
		if !c.sst {
			sc.start = uint32(len(s.text))
			s.text = append(s.text, c.text...)
			sc.end = uint32(len(s.text))
		}
		s.cells = append(s.cells, sc)
	}
	if err := sr.scan.err; err != nil {
		return sr.failed(r, err)
	}
	slices.SortStableFunc(s.cells, func(a, b sortedCell) int {
		return cmp.Or(cmp.Compare(a.row, b.row), cmp.Compare(a.col, b.col))
	})
	sr.sorted = s
	sr.close()
	return nil
}

func (s *sortedCells) next(r *Reader, sr *sheetReader) bool {
	if s.i >= len(s.cells) {
		return false
	}
	row := s.cells[s.i].row
	for ; s.i < len(s.cells) && s.cells[s.i].row == row; s.i++ {
		sc := s.cells[s.i]
		c := cell{row: int(sc.row), col: int(sc.col), sst: sc.sst, start: sc.start, end: sc.end}
		if !sc.sst {
			c.text = s.text[sc.start:sc.end]
		}
		sr.rows.put(&c)
	}
	return sr.emit(r)
}
