package workbook

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// styles are the cell formats every workbook shares.
type styles struct {
	title, subtitle, section, label, note                       int
	value, valueDate, valueMoney, valueMoneyBold, currency      int
	header, tableText, tableNum, tableNo, tableDate, tableMoney int
	tableGood, tableBad, tableWait                              int
	totalText, totalNum, totalDate, totalMoney                  int
	reason                                                      int
}

const (
	fontName  = "Calibri"
	black     = "000000"
	ink       = "1F4E79" // headings
	muted     = "595959" // labels and notes
	rule      = "BFBFBF" // table borders
	hairline  = "D9D9D9" // the line under a form value
	headFill  = "DCE6F1"
	moneyFmt  = "#,##0.00"
	dateFmt   = "yyyy-mm-dd"
	textFmtID = 49 // "@": the cell is text, so IDs never turn into numbers
)

// font names its family and size always: a font without them is drawn in
// whatever the application picks (a serif face in LibreOffice).
func font(size float64, bold, italic bool, color string) *excelize.Font {
	return &excelize.Font{Family: fontName, Size: size, Bold: bold, Italic: italic, Color: color}
}

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		if s.Font == nil {
			s.Font = font(11, false, false, black)
		}
		id, err = f.NewStyle(s)
		return id
	}
	str := func(s string) *string { return &s }
	box := []excelize.Border{
		{Type: "left", Color: rule, Style: 1}, {Type: "right", Color: rule, Style: 1},
		{Type: "top", Color: rule, Style: 1}, {Type: "bottom", Color: rule, Style: 1},
	}
	under := []excelize.Border{{Type: "bottom", Color: hairline, Style: 1}}
	above := []excelize.Border{{Type: "top", Color: muted, Style: 1}, {Type: "bottom", Color: muted, Style: 6}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	topRight := &excelize.Alignment{Horizontal: "right", Vertical: "top"}
	// Form lines: one line each mostly, so centred; long values wrap.
	formLeft := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	formRight := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	topCenter := &excelize.Alignment{Horizontal: "center", Vertical: "top"}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }

	s := &styles{
		title:    add(&excelize.Style{Font: font(16, true, false, ink), Alignment: &excelize.Alignment{Vertical: "center"}}),
		subtitle: add(&excelize.Style{Font: font(10, false, false, muted), Alignment: &excelize.Alignment{Vertical: "center"}}),
		section: add(&excelize.Style{Font: font(12, true, false, ink),
			Border: []excelize.Border{{Type: "bottom", Color: ink, Style: 2}}, Alignment: &excelize.Alignment{Vertical: "bottom"}}),
		label: add(&excelize.Style{Font: font(11, false, false, muted), Border: under, Alignment: formLeft}),
		note:  add(&excelize.Style{Font: font(11, false, true, muted), Alignment: &excelize.Alignment{Vertical: "top"}}),

		value:          add(&excelize.Style{Border: under, Alignment: formLeft, NumFmt: textFmtID}),
		valueDate:      add(&excelize.Style{Border: under, Alignment: formLeft, CustomNumFmt: str(dateFmt)}),
		valueMoney:     add(&excelize.Style{Border: under, Alignment: formRight, CustomNumFmt: str(moneyFmt)}),
		valueMoneyBold: add(&excelize.Style{Font: font(11, true, false, black), Border: under, Alignment: formRight, CustomNumFmt: str(moneyFmt)}),
		currency:       add(&excelize.Style{Border: under, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", Indent: 1}, NumFmt: textFmtID}),

		header: add(&excelize.Style{Font: font(11, true, false, black), Fill: fill(headFill), Border: box,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}),
		tableText:  add(&excelize.Style{Border: box, Alignment: top, NumFmt: textFmtID}),
		tableNum:   add(&excelize.Style{Border: box, Alignment: topRight}),
		tableNo:    add(&excelize.Style{Border: box, Alignment: topCenter}),
		tableDate:  add(&excelize.Style{Border: box, Alignment: topCenter, CustomNumFmt: str(dateFmt)}),
		tableMoney: add(&excelize.Style{Border: box, Alignment: topRight, CustomNumFmt: str(moneyFmt)}),
		tableGood:  add(&excelize.Style{Border: box, Alignment: topCenter, Font: font(11, false, false, "006100"), Fill: fill("C6EFCE")}),
		tableBad:   add(&excelize.Style{Border: box, Alignment: topCenter, Font: font(11, false, false, "9C0006"), Fill: fill("FFC7CE")}),
		tableWait:  add(&excelize.Style{Border: box, Alignment: topCenter, Font: font(11, false, false, "9C5700"), Fill: fill("FFEB9C")}),

		totalText:  add(&excelize.Style{Font: font(11, true, false, black), Border: above, Alignment: top, NumFmt: textFmtID}),
		totalNum:   add(&excelize.Style{Font: font(11, true, false, black), Border: above, Alignment: topRight}),
		totalDate:  add(&excelize.Style{Font: font(11, true, false, black), Border: above, Alignment: topCenter, CustomNumFmt: str(dateFmt)}),
		totalMoney: add(&excelize.Style{Font: font(11, true, false, black), Border: above, Alignment: topRight, CustomNumFmt: str(moneyFmt)}),

		reason: add(&excelize.Style{Border: box, Fill: fill("F7F9FC"), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, NumFmt: textFmtID}),
	}
	return s, err
}

// sheet writes one worksheet; the first error stops it and is kept in err,
// so the layout code reads as a list of what goes where.
type sheet struct {
	f    *excelize.File
	name string
	st   *styles
	err  error
	cols []float64
}

func (s *sheet) do(err error) {
	if s.err == nil && err != nil {
		s.err = err
	}
}

func cell(col string, row int) string {
	n, _ := excelize.ColumnNameToNumber(col)
	c, _ := excelize.CoordinatesToCellName(n, row)
	return c
}

func colName(i int) string {
	c, _ := excelize.ColumnNumberToName(i)
	return c
}

func (s *sheet) widths(w []float64) {
	s.cols = w
	for i, x := range w {
		s.do(s.f.SetColWidth(s.name, colName(i+1), colName(i+1), x))
	}
}

// page sets up printing: A4, one page wide, no grid, header and footer.
func (s *sheet) page(orientation, shop, title string, l Labels) {
	size, one, zero, yes, no := 9, 1, 0, true, false
	s.do(s.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}))
	s.do(s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &yes}))
	side, edge, hf := 0.5, 0.7, 0.3
	s.do(s.f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf, Horizontally: &yes,
	}))
	s.do(s.f.SetSheetView(s.name, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	head := "&L&8" + headerText(shop) + "&R&8" + headerText(title)
	foot := "&L&8" + headerText(l.T("note.footer")) + "&R&8&P / &N"
	s.do(s.f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: head, OddFooter: foot}))
}

// headerText escapes & (a header code) and keeps the header within Excel's 255 characters.
func headerText(s string) string {
	return strings.ReplaceAll(truncRunes(s, 80), "&", "&&")
}

func (s *sheet) merge(from, to string) {
	if from != to {
		s.do(s.f.MergeCell(s.name, from, to))
	}
}

func (s *sheet) style(from, to string, id int) {
	s.do(s.f.SetCellStyle(s.name, from, to, id))
}

func (s *sheet) text(c, v string, style int) {
	s.do(s.f.SetCellStr(s.name, c, v))
	s.style(c, c, style)
}

func (s *sheet) int(c string, v int, style int) {
	s.do(s.f.SetCellInt(s.name, c, int64(v)))
	s.style(c, c, style)
}

// amount writes money as a number, so it sums and sorts; the style shows two decimals.
func (s *sheet) amount(c string, m data.Money, style int) {
	s.do(s.f.SetCellFloat(s.name, c, m.Float(), -1, 64))
	s.style(c, c, style)
}

// excelEpoch is 1970-01-01 as an Excel date serial (days since 1899-12-30).
const excelEpoch = 25569

// date writes a real date cell shown as yyyy-mm-dd; NoDate leaves it empty.
func (s *sheet) date(c string, d data.Date, style int) {
	if !d.IsZero() {
		s.do(s.f.SetCellInt(s.name, c, int64(d)+excelEpoch))
	}
	s.style(c, c, style)
}

func (s *sheet) label(c, v string) { s.text(c, v, s.st.label) }

func (s *sheet) title(row int, v, last string) {
	s.text(cell("A", row), v, s.st.title)
	s.merge(cell("A", row), cell(last, row))
	s.do(s.f.SetRowHeight(s.name, row, 26))
}

func (s *sheet) subtitle(row int, v, last string) {
	s.text(cell("A", row), v, s.st.subtitle)
	s.merge(cell("A", row), cell(last, row))
	s.do(s.f.SetRowHeight(s.name, row, 18))
}

func (s *sheet) section(row int, v, last string) {
	s.style(cell("A", row), cell(last, row), s.st.section)
	s.do(s.f.SetCellStr(s.name, cell("A", row), v))
	s.do(s.f.SetRowHeight(s.name, row, 22))
}

// field is a form line: label in A, the value across B..last.
func (s *sheet) field(row int, label, v, last string) {
	s.label(cell("A", row), label)
	s.style(cell("B", row), cell(last, row), s.st.value)
	s.do(s.f.SetCellStr(s.name, cell("B", row), v))
	s.merge(cell("B", row), cell(last, row))
	s.formRow(row, cellText{label, s.cols[0]}, cellText{v, sum(s.cols[1:]) - 1})
}

// formHeight is the height of a one-line form row: room for Chinese text and a little air.
const formHeight = 19

// formRow gives a form line the form height, or more when its text wraps.
func (s *sheet) formRow(row int, cells ...cellText) {
	h := formHeight
	for _, c := range cells {
		if n := wrapLines(c.text, c.width); n > 1 {
			h = max(h, n*17+4)
		}
	}
	s.do(s.f.SetRowHeight(s.name, row, float64(min(h, 409))))
}

func (s *sheet) dateField(row int, label string, d data.Date, last string, l Labels) {
	s.label(cell("A", row), label)
	s.style(cell("B", row), cell(last, row), s.st.valueDate)
	if d.IsZero() {
		s.do(s.f.SetCellStr(s.name, cell("B", row), l.T("note.none")))
	} else {
		s.do(s.f.SetCellInt(s.name, cell("B", row), int64(d)+excelEpoch))
	}
	s.merge(cell("B", row), cell(last, row))
	s.formRow(row, cellText{label, s.cols[0]})
}

// money is a form line with the amount in B and its currency beside it in C.
func (s *sheet) money(row int, label string, m data.Money, currency string, bold bool) {
	s.label(cell("A", row), label)
	style := s.st.valueMoney
	if bold {
		style = s.st.valueMoneyBold
	}
	s.amount(cell("B", row), m, style)
	s.text(cell("C", row), currency, s.st.currency)
	s.formRow(row, cellText{label, s.cols[0]})
}

func (s *sheet) header(row int, titles []string) {
	var cells []cellText
	for i, t := range titles {
		c := cell(colName(i+1), row)
		s.text(c, t, s.st.header)
		if i < len(s.cols) {
			cells = append(cells, cellText{t, s.cols[i]})
		}
	}
	s.fitRow(row, 4, cells...)
	if h, _ := s.f.GetRowHeight(s.name, row); h < 20 {
		s.do(s.f.SetRowHeight(s.name, row, 20))
	}
}

// table freezes the rows down to the header, filters it, and repeats it on
// every printed page.
func (s *sheet) table(head, lastRow int, last string) {
	s.do(s.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, YSplit: head, TopLeftCell: cell("A", head+1), ActivePane: "bottomLeft",
	}))
	if lastRow > head {
		s.do(s.f.AutoFilter(s.name, cell("A", head)+":"+cell(last, lastRow), nil))
		// AutoFilter replaces the sheet properties, fit-to-page among them.
		yes := true
		s.do(s.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &yes}))
	}
	s.do(s.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(s.name, "'", "''") + "'!$" + strconv.Itoa(head) + ":$" + strconv.Itoa(head),
		Scope:    s.name,
	}))
}

// cellText is a text and the width of the column (or merged columns) it wraps in.
type cellText struct {
	text  string
	width float64
}

// fitRow sets the height of a row whose cells wrap, from an estimate of
// their lines: Excel does not grow rows on opening, and neither application
// grows merged cells.
func (s *sheet) fitRow(row int, pad float64, cells ...cellText) {
	height := tableHeight
	for _, c := range cells {
		lineHeight := 15.0
		if hasWide(c.text) {
			lineHeight = 17
		}
		height = math.Max(height, float64(wrapLines(c.text, c.width))*lineHeight+3)
	}
	s.do(s.f.SetRowHeight(s.name, row, math.Min(height+pad, 409)))
}

// tableHeight is the least height of a table row: one line of Chinese text with air.
const tableHeight = 18.0

// wrapLines estimates how many lines text takes in a column of the given
// width (in Excel character units) with word wrap: Latin words move whole to
// the next line; Chinese, Japanese and Korean characters (about two units
// wide) break anywhere.
func wrapLines(text string, width float64) int {
	avail := math.Max(width-1.5, 1)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		cur := 0.0
		for _, tok := range tokens(para) {
			w := textWidth(tok)
			if cur > 0 && cur+w > avail {
				lines++
				cur = 0
				tok = strings.TrimLeft(tok, " ")
				w = textWidth(tok)
			}
			for w > avail { // a word longer than the line breaks where it must
				lines++
				w -= avail
			}
			cur += w
		}
	}
	return max(lines, 1)
}

// tokens splits a line into the pieces wrapping keeps together: a word with
// its leading space, or a single wide character.
func tokens(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case isWide(r):
			flush()
			out = append(out, string(r))
		case r == ' ':
			flush()
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	flush()
	return out
}

func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case isWide(r):
			w += 2.1
		case unicode.IsUpper(r) || r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 1.2
		default:
			w += 1.0
		}
	}
	return w
}

func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xff60)
}

func hasWide(s string) bool {
	for _, r := range s {
		if isWide(r) {
			return true
		}
	}
	return false
}
