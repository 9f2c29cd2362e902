// Package exports reads TikTok Shop exports — the order export ("All order",
// one row per SKU line) and the returns (after-sales) export — into orders
// and after-sales cases, whatever the file's format, encoding, language of
// its headers and statuses, and day/month order. Every problem with a file's
// content is a *data.Message naming the file, row and column.
package exports

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"depositdesk/data"
	"depositdesk/data/sheet"
)

// Options tune a Read.
type Options struct {
	Name     string         // file name shown in messages; default the path's base name
	Site     string         // the shop's site: decides day/month order when the data cannot (US month first, else day first)
	Progress func(rows int) // called every few thousand rows with the rows read so far
	// Vocabulary says what status values mean; nil is the built-in one.
	Vocabulary *Vocabulary
	// Emit, when set, is handed the file's records as they are finished, a
	// few thousand at a time, instead of the Result collecting them (its
	// Orders and Cases stay empty): memory holds a chunk of the file,
	// whatever its size. A record is finished once a line of another record
	// follows it and the day/month order of its dates is settled; the last
	// chunk comes after the whole file is read and checked. The slices are
	// the receiver's. An error from Emit stops the reading and is returned.
	// A file Read refuses may have emitted records first: the receiver
	// discards them.
	Emit func(orders []data.Order, cases []data.ReturnCase) error
}

// Result is what a file holds.
type Result struct {
	Kind     data.FileKind
	Orders   []data.Order      // orders exports: one per Order ID, in file order
	Cases    []data.ReturnCase // returns exports: one per Return Order ID, in file order
	Rows     int               // data rows read (header, description and blank rows not counted)
	Records  int               // the orders or cases read, Emit's included
	Newest   data.Stamp        // the newest time in the data
	FileTime data.Stamp        // the export time in the file name, 0 if none
	Encoding string            // csv text encoding, "" for xlsx
	DayFirst bool              // slash dates were read day first (columns of their own order aside)
	// SiteDecided: no date settled the day/month order of some slash dates,
	// so Options.Site did; read again when the file goes to a shop of
	// another site.
	SiteDecided bool
	// DataOrder is the day/month order the file's own dates show.
	DataOrder DateOrder
	// Currencies are those the amounts name by a marker ("THB 120",
	// "฿120"), in order of appearance; "$" and "¥" name none.
	Currencies []string
	Warnings   []data.Message
	// Unknown lists the status values the vocabulary does not know, in the
	// order first seen, so the person can map each one.
	Unknown []UnknownValue
}

// UnknownValue is a status value of a file that the vocabulary does not know.
type UnknownValue struct {
	Value  string
	Column string // the column it was read in
	Case   bool   // a returns export's value (open or final), not an order status (a class)
	Count  int    // the orders or cases that hold it
	Row    int    // the first row holding it
}

// every is how often (in rows) Read checks for cancellation and reports progress.
const every = 2000

// maxHeaderRow is how far down the header row is looked for.
const maxHeaderRow = 10

// Read reads the order or returns export at path. It stops with ctx.Err()
// when ctx is cancelled.
func Read(ctx context.Context, path string, opt Options) (*Result, error) {
	if opt.Name == "" {
		opt.Name = filepath.Base(path)
	}
	r, err := sheet.Open(path)
	if err != nil {
		return nil, placed(err, opt.Name)
	}
	defer r.Close()
	return readSheet(ctx, r, opt)
}

// ReadFrom reads an export from src; opt.Name is its file name, which also
// gives its extension (an xlsx is read into memory, a csv streamed).
func ReadFrom(ctx context.Context, src io.Reader, opt Options) (*Result, error) {
	r, err := sheet.OpenReader(src, opt.Name)
	if err != nil {
		return nil, placed(err, opt.Name)
	}
	defer r.Close()
	return readSheet(ctx, r, opt)
}

// readSheet reads the rows as they stream; when a workbook's cells turn out
// to be out of row order (the stream stopped, or a message about a row may
// have come from a row not yet whole), it reads the sheet again, sorted.
func readSheet(ctx context.Context, r *sheet.Reader, opt Options) (*Result, error) {
	res, err := read(ctx, r, opt)
	// (Records already emitted cannot be taken back: the receiver of a
	// streamed read gets the error and reads the file whole.)
	if err != nil && ctx.Err() == nil && r.Unordered() && opt.Emit == nil {
		if err := r.ReadSorted(); err != nil {
			return nil, placed(err, opt.Name)
		}
		return read(ctx, r, opt)
	}
	return res, err
}

// placed makes err a *data.Message about the file name.
func placed(err error, name string) error {
	var m *data.Message
	if errors.As(err, &m) {
		c := *m
		c.File = name
		return &c
	}
	return &data.Message{File: name, Text: "The file could not be read: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
}

// The message about IDs in scientific notation, for one and for many.
const (
	msgScientificID  = "An ID is a number in scientific notation, {{.Value}} ({{.Rows}}): its last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first"
	msgScientificIDs = "{{.Count}} IDs are numbers in scientific notation, such as {{.Value}} ({{.Rows}}): their last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first"
)

// reader holds the state of one Read.
type reader struct {
	ctx  context.Context
	opt  Options
	name string
	col  header
	res  Result
	warn warnings

	orderIdx map[string]int
	caseIdx  map[string]int
	vocab    *Vocabulary
	classes  map[[2]string]data.StatusClass
	cases    map[data.CaseValues]caseState
	unknown  map[UnknownValue]int // (Value, Column, Case) → index in res.Unknown
	strs     map[string]string    // interned status and type values

	firstRow []int32 // the row of each order's first line
	// the order-level cells of the previous line, and whether each agreed
	// with its order's first line
	prev struct {
		order  int
		cells  [7]string
		agreed [7]bool
	}

	// day/month order of each date column, settled by its first slash date
	// with a field above 12 (US returns: Time Requested day first, while the
	// orders export's columns are month first)
	dates            [nFields]columnOrder
	sciRows          []int
	sciCount         int
	sciValue, sciCol string
	// IDs longer than the 15 digits a spreadsheet number keeps, and those of
	// them that end in zeros past the 15th digit, as Excel leaves them
	longIDs, roundedIDs int
	roundedRows         []int
	roundedValue        string
	roundedCol          string

	headerSeen bool // a sheet's header was recognised (complete or not)
	emitted    int  // records handed to Options.Emit so far
}

// roundedByExcel reports whether an ID of digits has only zeros past its
// 15th digit: what is left of an 18- or 19-digit ID once Excel stored it as a
// number (583870900000000000 for 583870900000000001).
func roundedByExcel(id string) bool {
	if len(id) <= 15 {
		return false
	}
	for _, c := range id[15:] {
		if c != '0' {
			return false
		}
	}
	return true
}

// columnOrder is what one date column's values showed of its day/month order.
type columnOrder struct {
	order            DateOrder // OrderUnknown until a value settles it
	dayRow, monthRow int
	dayVal, monthVal string
	pending          bool // some values were kept packed, their order unknown when read
}

func read(ctx context.Context, sr *sheet.Reader, opt Options) (*Result, error) {
	rd := &reader{ctx: ctx, opt: opt, name: opt.Name}
	rd.warn.file = opt.Name
	rd.res.Encoding = sr.Encoding()
	rd.res.FileTime, _ = TimeFromFileName(opt.Name)
	if err := rd.findHeader(sr); err != nil {
		return nil, err
	}
	rd.classes = map[[2]string]data.StatusClass{}
	rd.cases = map[data.CaseValues]caseState{}
	rd.unknown = map[UnknownValue]int{}
	rd.strs = map[string]string{}
	rd.vocab = opt.Vocabulary
	if rd.vocab == nil {
		rd.vocab = builtIn
	}

	seen := 0
	descriptionChecked := false
	idCol := rd.col[fOrderID]
	if rd.res.Kind == data.KindReturns {
		idCol = rd.col[fReturnID]
	}
	for sr.Next() {
		seen++
		if seen%every == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if opt.Progress != nil {
				opt.Progress(seen)
			}
		}
		row := sr.Row()
		id := cell(row, idCol)
		if id == "" && blank(row) {
			continue
		}
		if !descriptionChecked {
			descriptionChecked = true
			if !digits(id) && !scientific(id) {
				continue // the row of field descriptions under the header
			}
		}
		rd.res.Rows++
		if rd.res.Rows == 1 {
			rd.reserve(sr, row)
		}
		var err error
		if rd.res.Kind == data.KindReturns {
			err = rd.caseRow(row, sr.RowNum())
		} else {
			err = rd.orderRow(row, sr.RowNum())
		}
		if err != nil {
			return nil, err
		}
		if opt.Emit != nil {
			if err := rd.emit(false); err != nil {
				return nil, err
			}
		}
	}
	if err := sr.Err(); err != nil {
		return nil, placed(err, rd.name)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Every long ID ending in zeros is no coincidence (one in a thousand
	// each): the file went through Excel as numbers.
	if rd.longIDs >= 2 && rd.roundedIDs == rd.longIDs {
		return nil, &data.Message{File: rd.name, Row: rd.roundedRows[0], Column: rd.roundedCol,
			Text: "{{.Count}} IDs end in zeros past their 15th digit, such as {{.Value}} ({{.Rows}}): Excel stored them as numbers and their last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first",
			Args: map[string]any{"Count": rd.roundedIDs, "Value": rd.roundedValue, "Rows": rowList(rd.roundedRows, rd.roundedIDs)}}
	}
	if rd.sciCount > 0 {
		return nil, &data.Message{File: rd.name, Row: rd.sciRows[0], Column: rd.sciCol,
			Text: data.Plural(rd.sciCount, msgScientificID, msgScientificIDs),
			Args: map[string]any{"Count": rd.sciCount, "Value": rd.sciValue, "Rows": rowList(rd.sciRows, rd.sciCount)}}
	}
	rd.res.Records = rd.emitted + len(rd.res.Orders) + len(rd.res.Cases)
	if rd.res.Rows > 0 && rd.res.Records == 0 {
		return nil, rd.nothingToImport()
	}
	rd.finishDates()
	if opt.Emit != nil {
		if err := rd.emit(true); err != nil {
			return nil, err
		}
	}
	if opt.Progress != nil {
		opt.Progress(seen)
	}
	rd.res.Warnings = rd.warn.messages()
	// A copy: a pointer into rd would keep the reader's indexes (one entry
	// per order) alive for as long as the result, through the whole write.
	res := rd.res
	return &res, nil
}

// reserve sizes the order (or case) slice and index from an estimate of the
// records in the file, so that a large csv is not copied over and over as it
// grows. An order has two lines on average: reserving one record per row
// held twice the memory the orders needed, for as long as they were held.
func (rd *reader) reserve(sr *sheet.Reader, first []string) {
	n := 256
	if rd.opt.Emit != nil {
		n = emitChunk + 16
	} else if sr.Format() == "csv" && sr.Size() > 0 {
		rowBytes := int64(len(first))
		for _, c := range first {
			rowBytes += int64(len(c))
		}
		n = int(min(sr.Size()/max(rowBytes, 16)/2, 1<<20)) + 16
	}
	if rd.res.Kind == data.KindReturns {
		rd.res.Cases = make([]data.ReturnCase, 0, n)
		rd.caseIdx = make(map[string]int, n)
	} else {
		rd.res.Orders = make([]data.Order, 0, n)
		rd.firstRow = make([]int32, 0, n)
		rd.orderIdx = make(map[string]int, n)
	}
}

// nothingToImport refuses a sheet whose data rows hold no order or case,
// rather than importing it as an empty export.
func (rd *reader) nothingToImport() error {
	f := fOrderID
	if rd.res.Kind == data.KindReturns {
		f = fReturnID
	}
	return &data.Message{File: rd.name, Column: f.name(),
		Text: "No data row of the file holds a value in {{.Column}}, so there is nothing to import; export the file again from the platform",
		Args: map[string]any{"Column": f.name()}}
}

// findHeader looks for the header in the sheets of a workbook in turn
// (OrderSKUList first, then the others, so orders on a second sheet are
// read); the first sheet's message stands when none has one.
func (rd *reader) findHeader(sr *sheet.Reader) error {
	err := rd.findHeaderIn(sr)
	for first := err; err != nil && !rd.headerSeen && sr.Err() == nil && sr.NextSheet(); {
		if err = rd.findHeaderIn(sr); err != nil && !rd.headerSeen {
			err = first
		}
	}
	return err
}

// findHeaderIn reads up to maxHeaderRow rows looking for the header, and
// checks it has every required column.
func (rd *reader) findHeaderIn(sr *sheet.Reader) error {
	var first []string
	for n := 0; n < maxHeaderRow && sr.Next(); n++ {
		row := sr.Row()
		h, known := matchHeader(row)
		if first == nil && !blank(row) {
			first = cloneRow(row)
		}
		if !h.looksLikeHeader(known) {
			continue
		}
		rd.col, rd.headerSeen = h, true
		rd.res.Kind = data.KindOrders
		required := requiredOrders
		if h[fReturnID] >= 0 || h[fReturnStatus] >= 0 {
			rd.res.Kind, required = data.KindReturns, requiredReturns
		}
		for _, f := range required {
			if h[f] < 0 {
				return &data.Message{File: rd.name, Row: sr.RowNum(),
					Text: "The file has no {{.Column}} column, which a {{.Kind}} export needs. Columns found: {{.Found}}",
					Args: map[string]any{"Column": f.name(), "Kind": string(rd.res.Kind), "Found": found(row)}}
			}
		}
		return nil
	}
	if err := sr.Err(); err != nil {
		return placed(err, rd.name)
	}
	if first == nil {
		return &data.Message{File: rd.name, Text: "The file is empty: it has no header row and no orders"}
	}
	return &data.Message{File: rd.name,
		Text: "No header row with an Order ID or Return Order ID column in the first {{.N}} rows; this does not look like a TikTok order or returns export. Columns found: {{.Found}}",
		Args: map[string]any{"N": maxHeaderRow, "Found": found(first)}}
}

func found(row []string) string {
	var names []string
	for _, c := range row {
		if c = strings.TrimSpace(c); c != "" {
			names = append(names, c)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func cloneRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = strings.Clone(c)
	}
	return out
}

// cell is the trimmed cell i of row, "" when the row is shorter.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return trim(row[i])
}

// trim drops spaces, tabs, line breaks and no-break spaces around s.
func trim(s string) string {
	for len(s) > 0 {
		switch c := s[0]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			s = s[1:]
			continue
		case c == 0xC2 && len(s) > 1 && s[1] == 0xA0:
			s = s[2:]
			continue
		}
		break
	}
	for len(s) > 0 {
		switch c := s[len(s)-1]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			s = s[:len(s)-1]
			continue
		case c == 0xA0 && len(s) > 1 && s[len(s)-2] == 0xC2:
			s = s[:len(s)-2]
			continue
		}
		break
	}
	return s
}

func blank(row []string) bool {
	for _, c := range row {
		if trim(c) != "" {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scientific recognises a number Excel shows in scientific notation, such as
// 5.8387E+17 (or 5,8387E+17 where the decimal mark is a comma).
func scientific(s string) bool {
	e := strings.IndexAny(s, "Ee")
	if e <= 0 || e == len(s)-1 {
		return false
	}
	mant, exp := s[:e], s[e+1:]
	if exp[0] == '+' || exp[0] == '-' {
		exp = exp[1:]
	}
	if !digits(exp) {
		return false
	}
	sep := false
	for i := 0; i < len(mant); i++ {
		switch c := mant[i]; {
		case c >= '0' && c <= '9':
		case (c == '.' || c == ',') && !sep && i > 0:
			sep = true
		default:
			return false
		}
	}
	return true
}

// checkID accepts an ID of digits; it collects IDs in scientific notation
// (reported together at the end) and fails on anything else.
func (rd *reader) checkID(id string, f field, row int) (bool, error) {
	if digits(id) {
		if len(id) > 15 {
			rd.longIDs++
			if roundedByExcel(id) {
				if rd.roundedIDs == 0 {
					rd.roundedValue, rd.roundedCol = strings.Clone(id), f.name()
				}
				rd.roundedIDs++
				if len(rd.roundedRows) < sampleRows {
					rd.roundedRows = append(rd.roundedRows, row)
				}
			}
		}
		return true, nil
	}
	if scientific(id) {
		if rd.sciCount == 0 {
			rd.sciValue, rd.sciCol = strings.Clone(id), f.name()
		}
		rd.sciCount++
		if len(rd.sciRows) < sampleRows {
			rd.sciRows = append(rd.sciRows, row)
		}
		return false, nil
	}
	return false, &data.Message{File: rd.name, Row: row, Column: f.name(),
		Text: "{{.Value}} is not an ID: {{.Column}} holds digits only", Args: map[string]any{"Value": id, "Column": f.name()}}
}

func (rd *reader) intern(s string) string {
	if v, ok := rd.strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	rd.strs[v] = v
	return v
}

func (rd *reader) orderRow(row []string, rowNum int) error {
	id := cell(row, rd.col[fOrderID])
	if id == "" {
		rd.warn.add(warnNoID, fOrderID.name(), rowNum, map[string]any{"Column": fOrderID.name()}, "", "")
		return nil
	}
	if ok, err := rd.checkID(id, fOrderID, rowNum); !ok {
		return err
	}
	i, ok := rd.orderIdx[id]
	status, sub := cell(row, rd.col[fOrderStatus]), cell(row, rd.col[fOrderSubstatus])
	if !ok {
		i = len(rd.res.Orders)
		o := data.Order{ID: strings.Clone(id)}
		o.Status, o.Substatus = rd.intern(status), rd.intern(sub)
		o.Class = rd.classify(o.Status, o.Substatus, rowNum)
		rd.orderIdx[o.ID] = i
		rd.res.Orders = append(rd.res.Orders, o)
		rd.firstRow = append(rd.firstRow, int32(rowNum))
	}
	o := &rd.res.Orders[i]
	o.Lines++
	first := o.Lines == 1
	if !first {
		if status != o.Status {
			rd.disagree(fOrderStatus, rowNum, i)
		}
		if sub != o.Substatus {
			rd.disagree(fOrderSubstatus, rowNum, i)
		}
	}
	if q := cell(row, rd.col[fReturnQty]); q != "" {
		n, ok := wholeNumber(q)
		if !ok {
			rd.warn.add(warnBadNumber, fReturnQty.name(), rowNum, map[string]any{"Value": strings.Clone(q)}, "", "")
		}
		o.ReturnQty += n
	}
	// Times and amounts repeat on every line of an order: every line is read
	// and checked as the first is, and must agree with it. A line whose cell
	// is the previous line's, which agreed, agrees without being read again.
	same := !first && rd.prev.order == i
	for k, t := range [...]struct {
		f  field
		st *data.Stamp
	}{{fCreated, &o.Created}, {fPaid, &o.Paid}, {fShipped, &o.Shipped}, {fDelivered, &o.Delivered}, {fCancelled, &o.Cancelled}} {
		s := cell(row, rd.col[t.f])
		if same && rd.prev.agreed[k] && s == rd.prev.cells[k] {
			continue
		}
		agrees, err := rd.lineTime(row, t.f, rowNum, first, t.st)
		if err != nil {
			return err
		}
		if !agrees {
			rd.disagree(t.f, rowNum, i)
		}
		rd.prev.cells[k], rd.prev.agreed[k] = s, agrees
	}
	for k, a := range [...]struct {
		f field
		m *data.Money
	}{{fAmount, &o.Amount}, {fRefundAmount, &o.RefundAmount}} {
		k += 5
		s := cell(row, rd.col[a.f])
		if same && rd.prev.agreed[k] && s == rd.prev.cells[k] {
			continue
		}
		agrees, number := rd.lineAmount(row, a.f, rowNum, first, a.m)
		if !agrees {
			rd.disagree(a.f, rowNum, i)
		}
		// An amount that is not a number is read again, to warn on every line.
		rd.prev.cells[k], rd.prev.agreed[k] = s, agrees && number
	}
	rd.prev.order = i
	return nil
}

// lineTime reads the time of field f on a line of a record (an order or an
// after-sales case): the first line sets it; a later line is read and checked
// the same way (a bad date is refused) and reports whether it agrees — the
// first line's time is kept, an empty one filled.
func (rd *reader) lineTime(row []string, f field, rowNum int, first bool, st *data.Stamp) (agrees bool, err error) {
	if first {
		return true, rd.date(row, f, rowNum, st)
	}
	var v data.Stamp
	if err := rd.date(row, f, rowNum, &v); err != nil {
		return false, err
	}
	if rd.sameTime(f, *st, v) {
		return true, nil
	}
	if *st == 0 {
		*st = v
	}
	return false, nil
}

// lineAmount is lineTime for an amount (one that is not a number is a
// warning on any line, and number false).
func (rd *reader) lineAmount(row []string, f field, rowNum int, first bool, m *data.Money) (agrees, number bool) {
	v, number := rd.amount(row, f, rowNum)
	switch {
	case first:
		*m = v
	case v != *m:
		if *m == 0 {
			*m = v
		}
		return false, number
	}
	return true, number
}

// sameTime reports whether two times read from the lines of one order are
// the same, one of them perhaps a slash date whose day/month order (that of
// column f) was not yet known when it was read.
func (rd *reader) sameTime(f field, a, b data.Stamp) bool {
	if a == b {
		return true
	}
	if a == 0 || b == 0 || pending(a) == pending(b) {
		return false
	}
	if pending(b) {
		a, b = b, a
	}
	for _, dayFirst := range [...]bool{true, false} {
		if o := rd.dates[f].order; o != OrderUnknown && dayFirst != (o == OrderDayFirst) {
			continue
		}
		if v, ok := unpack(a).resolve(dayFirst); ok && v == b {
			return true
		}
	}
	return false
}

// disagree warns that the line at rowNum disagrees with the first line of
// order i on field f.
func (rd *reader) disagree(f field, rowNum, i int) {
	rd.warn.add(warnLinesDisagree, f.name(), rowNum,
		map[string]any{"Column": f.name(), "Order": rd.res.Orders[i].ID, "FirstRow": int(rd.firstRow[i])}, "", "")
}

func (rd *reader) caseRow(row []string, rowNum int) error {
	id := cell(row, rd.col[fReturnID])
	if id == "" {
		rd.warn.add(warnNoID, fReturnID.name(), rowNum, map[string]any{"Column": fReturnID.name()}, "", "")
		return nil
	}
	if ok, err := rd.checkID(id, fReturnID, rowNum); !ok {
		return err
	}
	orderID := cell(row, rd.col[fOrderID])
	if orderID != "" {
		if ok, err := rd.checkID(orderID, fOrderID, rowNum); !ok {
			return err
		}
	}
	i, ok := rd.caseIdx[id]
	if !ok {
		i = len(rd.res.Cases)
		c := data.ReturnCase{ID: strings.Clone(id), OrderID: strings.Clone(orderID)}
		c.Type = rd.intern(cell(row, rd.col[fReturnType]))
		c.Status = rd.intern(cell(row, rd.col[fReturnStatus]))
		c.Substatus = rd.intern(cell(row, rd.col[fReturnSubstatus]))
		c.Dispute = rd.intern(cell(row, rd.col[fDispute]))
		c.Appeal = rd.intern(cell(row, rd.col[fAppeal]))
		c.Compensation = rd.intern(cell(row, rd.col[fCompensation]))
		c.Open = rd.caseOpen(c.Values(), rowNum)
		rd.caseIdx[c.ID] = i
		rd.res.Cases = append(rd.res.Cases, c)
	}
	// Every line of a case is read and checked as its first; its lines may be
	// of several SKUs, so only an empty time or amount is filled from them.
	c := &rd.res.Cases[i]
	if _, err := rd.lineTime(row, fRequested, rowNum, !ok, &c.Requested); err != nil {
		return err
	}
	if _, err := rd.lineTime(row, fRefundTime, rowNum, !ok, &c.Refunded); err != nil {
		return err
	}
	if c.Amount == 0 {
		c.Amount, _ = rd.amount(row, fAmount, rowNum)
	}
	return nil
}

// classify caches the class per (status, substatus) pair and warns, once per
// pair, about every row whose status is unknown.
func (rd *reader) classify(status, sub string, rowNum int) data.StatusClass {
	k := [2]string{status, sub}
	c, ok := rd.classes[k]
	if !ok {
		c = rd.vocab.Classify(status, sub)
		rd.classes[k] = c
	}
	if c == data.Unknown {
		value := rd.vocab.UnknownOrderValue(status, sub)
		col := fOrderStatus.name()
		if value != status {
			col = fOrderSubstatus.name()
		}
		rd.warn.add(warnUnknownStatus, col, rowNum, map[string]any{"Status": status, "Substatus": sub, "Value": value}, status, sub)
		rd.noteUnknown(UnknownValue{Value: value, Column: col}, rowNum)
	}
	return c
}

// caseState is what the status cells of a case say, decided once per combination.
type caseState struct {
	open    bool
	unknown []UnknownCell
}

// caseOpen decides whether a case is open and warns about every cell whose
// value is unknown, by column and value.
func (rd *reader) caseOpen(v data.CaseValues, rowNum int) bool {
	st, ok := rd.cases[v]
	if !ok {
		st.open, st.unknown = rd.vocab.CaseOpen(v)
		rd.cases[v] = st
	}
	for _, u := range st.unknown {
		rd.warn.add(warnUnknownCase, string(u.Column), rowNum, map[string]any{"Column": string(u.Column), "Value": u.Value}, statusKey(u.Value), "")
		rd.noteUnknown(UnknownValue{Value: u.Value, Column: string(u.Column), Case: true}, rowNum)
	}
	return st.open
}

// noteUnknown counts one more record holding an unknown value (spellings
// that differ only in case or spacing are one value).
func (rd *reader) noteUnknown(u UnknownValue, rowNum int) {
	k := UnknownValue{Value: statusKey(u.Value), Column: u.Column, Case: u.Case}
	if i, ok := rd.unknown[k]; ok {
		rd.res.Unknown[i].Count++
		return
	}
	rd.unknown[k] = len(rd.res.Unknown)
	u.Count, u.Row = 1, rowNum
	rd.res.Unknown = append(rd.res.Unknown, u)
}

func (rd *reader) amount(row []string, f field, rowNum int) (data.Money, bool) {
	s := cell(row, rd.col[f])
	m, cur, ok := parseAmountIn(s)
	if cur != "" {
		if iso := isoCurrency(cur); iso != "" && !slices.Contains(rd.res.Currencies, iso) {
			rd.res.Currencies = append(rd.res.Currencies, iso)
		}
	}
	if !ok {
		rd.warn.add(warnBadAmount, f.name(), rowNum, map[string]any{"Value": strings.Clone(s)}, "", "")
	}
	return m, ok
}

func wholeNumber(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, true
	}
	if strings.HasSuffix(s, ".0") { // xlsx numbers may come as 1.0
		s = s[:len(s)-2]
	}
	if !digits(s) || len(s) > 9 {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// date reads the time cell of field f into *st, keeping slash dates whose
// order is not yet known packed for finishDates.
func (rd *reader) date(row []string, f field, rowNum int, st *data.Stamp) error {
	s := cell(row, rd.col[f])
	form, v, p := scanDate(s)
	switch form {
	case noDate:
		return nil
	case fullDate:
		*st = v
		return nil
	case badDate:
		return rd.badDate(s, f, rowNum)
	}
	c := &rd.dates[f]
	switch {
	case p.a > 12:
		if c.dayRow == 0 {
			c.dayRow, c.dayVal = rowNum, strings.Clone(s)
		}
	case p.b > 12:
		if c.monthRow == 0 {
			c.monthRow, c.monthVal = rowNum, strings.Clone(s)
		}
	}
	if c.dayRow != 0 && c.monthRow != 0 {
		return &data.Message{File: rd.name, Row: max(c.dayRow, c.monthRow), Column: f.name(),
			Text: "Dates in this column disagree on the order of day and month: row {{.DayRow}} has the day first ({{.DayValue}}), row {{.MonthRow}} has the month first ({{.MonthValue}}). Export the file again from the platform",
			Args: map[string]any{"DayRow": c.dayRow, "DayValue": c.dayVal, "MonthRow": c.monthRow, "MonthValue": c.monthVal}}
	}
	switch {
	case c.dayRow != 0:
		c.order = OrderDayFirst
	case c.monthRow != 0:
		c.order = OrderMonthFirst
	}
	if c.order == OrderUnknown {
		*st = p.pack()
		c.pending = true
		return nil
	}
	v, ok := p.resolve(c.order == OrderDayFirst)
	if !ok {
		return rd.badDate(s, f, rowNum)
	}
	*st = v
	return nil
}

func (rd *reader) badDate(s string, f field, rowNum int) error {
	return &data.Message{File: rd.name, Row: rowNum, Column: f.name(),
		Text: "{{.Value}} is not a date and time in a form we know, such as 2026-10-07 13:33:00, 07/10/2026 13:33:00 or 10/07/2026 1:33:00 PM",
		Args: map[string]any{"Value": strings.Clone(s)}}
}

// finishDates settles each date column's day/month order — its own values,
// else the file's other date columns when they agree, else the shop's site —
// resolves the packed dates and finds the newest time.
func (rd *reader) finishDates() {
	for f := range rd.dates {
		switch o := rd.dates[f].order; {
		case o == OrderUnknown:
		case rd.res.DataOrder == OrderUnknown:
			rd.res.DataOrder = o
		case rd.res.DataOrder != o:
			rd.res.DataOrder = OrderMixed
		}
	}
	siteDayFirst := !MonthFirstSite(rd.opt.Site)
	site := rd.opt.Site
	if site == "" {
		site = "—"
	}
	var dayFirst [nFields]bool
	for f := range rd.dates {
		c := &rd.dates[f]
		switch {
		case c.order != OrderUnknown:
			dayFirst[f] = c.order == OrderDayFirst
		case rd.res.DataOrder == OrderDayFirst || rd.res.DataOrder == OrderMonthFirst:
			dayFirst[f] = rd.res.DataOrder == OrderDayFirst
		default:
			dayFirst[f] = siteDayFirst
			if !c.pending {
				continue
			}
			rd.res.SiteDecided = true
			switch {
			case rd.res.DataOrder == OrderUnknown && siteDayFirst:
				rd.warn.add(warnDayFirstBySite, "", 0, map[string]any{"Site": site}, "", "")
			case rd.res.DataOrder == OrderUnknown:
				rd.warn.add(warnMonthFirstBySite, "", 0, map[string]any{"Site": site}, "", "")
			case siteDayFirst:
				rd.warn.add(warnColumnDayFirstBySite, field(f).name(), 0, map[string]any{"Site": site, "Column": field(f).name()}, "", "")
			default:
				rd.warn.add(warnColumnMonthFirstBySite, field(f).name(), 0, map[string]any{"Site": site, "Column": field(f).name()}, "", "")
			}
		}
	}
	switch rd.res.DataOrder {
	case OrderDayFirst, OrderMonthFirst:
		rd.res.DayFirst = rd.res.DataOrder == OrderDayFirst
	default:
		rd.res.DayFirst = siteDayFirst
	}
	rd.settle(rd.res.Orders, rd.res.Cases, &dayFirst)
}

// settle resolves the records' dates kept packed, each column day first as
// dayFirst says, and finds the newest time.
func (rd *reader) settle(orders []data.Order, cases []data.ReturnCase, dayFirst *[nFields]bool) {
	fix := func(f field, st *data.Stamp) {
		if pending(*st) {
			// Undecided dates have day and month ≤ 12, valid either way.
			*st, _ = unpack(*st).resolve(dayFirst[f])
		}
		if *st > rd.res.Newest {
			rd.res.Newest = *st
		}
	}
	for i := range orders {
		o := &orders[i]
		fix(fCreated, &o.Created)
		fix(fPaid, &o.Paid)
		fix(fShipped, &o.Shipped)
		fix(fDelivered, &o.Delivered)
		fix(fCancelled, &o.Cancelled)
	}
	for i := range cases {
		fix(fRequested, &cases[i].Requested)
		fix(fRefundTime, &cases[i].Refunded)
	}
}

// emitChunk is how many finished records a streamed Read hands over at a time.
var emitChunk = 4096

// emit hands the finished records to Options.Emit: on the way, once a
// chunk is held and the order of every date column holding packed dates
// is settled, all but the last record (its next line may follow); at the
// end (final, dates finished), all of them.
func (rd *reader) emit(final bool) error {
	n := len(rd.res.Orders) + len(rd.res.Cases)
	if !final {
		if n <= emitChunk {
			return nil
		}
		var dayFirst [nFields]bool
		for f := range rd.dates {
			c := &rd.dates[f]
			if c.pending && c.order == OrderUnknown {
				return nil // held until the column's order is known, or the end
			}
			dayFirst[f] = c.order == OrderDayFirst
		}
		n--
		rd.settle(rd.res.Orders[:min(n, len(rd.res.Orders))], rd.res.Cases[:min(n, len(rd.res.Cases))], &dayFirst)
	}
	if n == 0 {
		return nil
	}
	orders, cases := rd.res.Orders[:min(n, len(rd.res.Orders))], rd.res.Cases[:min(n, len(rd.res.Cases))]
	// What is kept starts a new slice: the emitted one is the receiver's.
	if rd.res.Kind == data.KindReturns {
		rest := rd.res.Cases[len(cases):]
		rd.res.Cases = append(make([]data.ReturnCase, 0, emitChunk+16), rest...)
		clear(rd.caseIdx)
		for i := range rd.res.Cases {
			rd.caseIdx[rd.res.Cases[i].ID] = i
		}
		cases = cases[:len(cases):len(cases)]
	} else {
		rest := rd.res.Orders[len(orders):]
		rd.res.Orders = append(make([]data.Order, 0, emitChunk+16), rest...)
		clear(rd.orderIdx)
		for i := range rd.res.Orders {
			rd.orderIdx[rd.res.Orders[i].ID] = i
		}
		rd.firstRow = append(rd.firstRow[:0], rd.firstRow[len(orders):]...)
		orders = orders[:len(orders):len(orders)]
	}
	if rd.prev.order -= n; rd.prev.order < 0 {
		rd.prev.order = -1
	}
	rd.emitted += n
	return rd.opt.Emit(orders, cases)
}
