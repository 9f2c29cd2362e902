package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// A hand-written workbook, in the shape openpyxl and most libraries write:
// shared strings, numbers without a type, one part per sheet.
type handBook struct {
	sheets   []handSheet
	sst      []string // the inner XML of each <si>
	numFmts  string   // <numFmt> elements
	xfs      []int    // numFmtId of each cell style
	date1904 bool
	prefix   string // "x:" writes every element of the main namespace with a prefix
}

type handSheet struct {
	name string
	data string // the inner XML of <sheetData>
}

func (b handBook) write(t testing.TB, path string) {
	t.Helper()
	p := b.prefix
	ns := `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	if p != "" {
		ns = `xmlns:` + strings.TrimSuffix(p, ":") + `="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	}
	const rns = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	parts := map[string]string{}
	var ct, sheets, rels strings.Builder
	ct.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, s := range b.sheets {
		n := strconv.Itoa(i + 1)
		ct.WriteString(`<Override PartName="/xl/worksheets/sheet` + n + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
		// Relationship ids in reverse of the sheet order: nothing may rely on them matching.
		id := "rId" + strconv.Itoa(len(b.sheets)-i+2)
		rels.WriteString(`<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`)
		sheets.WriteString(`<` + p + `sheet name="` + s.name + `" sheetId="` + n + `" r:id="` + id + `"/>`)
		parts["xl/worksheets/sheet"+n+".xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<` + p + `worksheet ` + ns + ` ` + rns + `><` + p + `dimension ref="A1:A1"/><` + p + `sheetData>` + s.data + `</` + p + `sheetData></` + p + `worksheet>`
	}
	ct.WriteString(`</Types>`)
	rels.WriteString(`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	pr := ""
	if b.date1904 {
		pr = `<` + p + `workbookPr date1904="1"/>`
	}
	parts["[Content_Types].xml"] = ct.String()
	parts["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	parts["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<` + p + `workbook ` + ns + ` ` + rns + `>` + pr + `<` + p + `sheets>` + sheets.String() + `</` + p + `sheets></` + p + `workbook>`
	parts["xl/_rels/workbook.xml.rels"] = rels.String()
	var xfs strings.Builder
	xfs.WriteString(`<` + p + `xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for _, id := range b.xfs {
		xfs.WriteString(`<` + p + `xf numFmtId="` + strconv.Itoa(id) + `" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
	}
	numFmts := ""
	if b.numFmts != "" {
		numFmts = `<` + p + `numFmts>` + b.numFmts + `</` + p + `numFmts>`
	}
	parts["xl/styles.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<` + p + `styleSheet ` + ns + `>` + numFmts +
		`<` + p + `fonts count="1"><` + p + `font><` + p + `sz val="11"/></` + p + `font></` + p + `fonts><` + p + `fills count="1"><` + p + `fill><` + p + `patternFill patternType="none"/></` + p + `fill></` + p + `fills><` + p + `borders count="1"><` + p + `border/></` + p + `borders><` + p + `cellStyleXfs count="1"><` + p + `xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></` + p + `cellStyleXfs><` + p + `cellXfs count="` + strconv.Itoa(len(b.xfs)+1) + `">` + xfs.String() + `</` + p + `cellXfs></` + p + `styleSheet>`
	var sst strings.Builder
	for _, si := range b.sst {
		sst.WriteString(`<` + p + `si>` + si + `</` + p + `si>`)
	}
	parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<` + p + `sst ` + ns + ` count="` + strconv.Itoa(len(b.sst)) + `" uniqueCount="` + strconv.Itoa(len(b.sst)) + `">` + sst.String() + `</` + p + `sst>`
	writeZip(t, path, parts)
}

func writeZip(t testing.TB, path string, parts map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"} {
		if s, ok := parts[name]; ok {
			w, _ := zw.Create(name)
			io.WriteString(w, s)
			delete(parts, name)
		}
	}
	for i := 1; len(parts) > 0; i++ {
		name := "xl/worksheets/sheet" + strconv.Itoa(i) + ".xml"
		w, _ := zw.Create(name)
		io.WriteString(w, parts[name])
		delete(parts, name)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sheetRows is a sheet read as row number → cells, blank rows and trailing
// empty cells left out.
type sheetRows map[int][]string

func (s sheetRows) add(num int, row []string) {
	n := len(row)
	for n > 0 && row[n-1] == "" {
		n--
	}
	if n > 0 {
		s[num] = append([]string(nil), row[:n]...)
	}
}

func (s sheetRows) String() string {
	var b strings.Builder
	for n := 1; n <= 1<<20 && len(s) > 0; n++ {
		if r, ok := s[n]; ok {
			fmt.Fprintf(&b, "%d:%q ", n, r)
		}
	}
	return b.String()
}

// readOurs reads the sheet the reader chooses; with sorted it reads it
// the way a sheet whose cells are out of order is read.
func readOurs(t testing.TB, path string, sorted bool) (sheetRows, string, *Reader) {
	t.Helper()
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	if sorted {
		if err := r.ReadSorted(); err != nil {
			t.Fatal(err)
		}
	}
	rows := sheetRows{}
	last := 0
	for r.Next() {
		if r.RowNum() <= last {
			t.Fatalf("%s: row %d after row %d", path, r.RowNum(), last)
		}
		last = r.RowNum()
		rows.add(r.RowNum(), r.Row())
	}
	if err := r.Err(); err != nil {
		if r.Unordered() && !sorted {
			return readOurs(t, path, true)
		}
		t.Fatalf("%s: %v", path, err)
	}
	return rows, r.Sheet(), r
}

// readExcelize is the oracle: excelize's streaming rows of the sheet, raw.
func readExcelize(t testing.TB, path, sheet string) (sheetRows, bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer f.Close()
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer rows.Close()
	out := sheetRows{}
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("excelize: %v", err)
		}
		out.add(n, cells)
	}
	return out, date1904
}

var ourDate = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$`)

// sameCells compares our rows with excelize's; a date-formatted number,
// which we give as a date, must be the date excelize's own conversion of
// the raw serial gives.
func sameCells(t *testing.T, what string, ours, theirs sheetRows, date1904 bool) {
	t.Helper()
	if len(ours) != len(theirs) {
		t.Errorf("%s: %d rows, excelize %d\nours:   %v\ntheirs: %v", what, len(ours), len(theirs), ours, theirs)
		return
	}
	for n, want := range theirs {
		got := ours[n]
		if len(got) != len(want) {
			t.Errorf("%s row %d: got %q, excelize %q", what, n, got, want)
			continue
		}
		for i := range want {
			if got[i] == want[i] {
				continue
			}
			if f, err := strconv.ParseFloat(want[i], 64); err == nil && ourDate.MatchString(got[i]) {
				if d, err := excelize.ExcelDateToTime(f, date1904); err == nil && d.Format(dateLayout) == got[i] {
					continue
				}
			}
			t.Errorf("%s row %d column %d: got %q, excelize %q", what, n, i+1, got[i], want[i])
		}
	}
}

// A defect rewrites a clean sheet's XML into what some writers produce;
// excelize misreads most of them, so the oracle is excelize reading the
// clean file.
type defect struct {
	name  string
	apply func(sheetXML string) string
}

var (
	rowTag   = regexp.MustCompile(`<(x:)?row\b[^>]*?(/?)>`)
	rowClose = regexp.MustCompile(`</(x:)?row>`)
	cellTag  = regexp.MustCompile(`(?s)<(x:)?c\b[^>]*?(/>|>.*?</(x:)?c>)`)
	cellRefA = regexp.MustCompile(`\sr="([A-Z]+)(\d+)"`)
	dimTag   = regexp.MustCompile(`<(x:)?dimension [^>]*/>`)
	sheetDat = regexp.MustCompile(`(?s)(<(?:x:)?sheetData>)(.*)(</(?:x:)?sheetData>)`)
)

func cellsOf(sheetXML string) []string {
	m := sheetDat.FindStringSubmatch(sheetXML)
	if m == nil {
		return nil
	}
	return cellTag.FindAllString(m[2], -1)
}

func withData(sheetXML, inner string) string {
	return sheetDat.ReplaceAllLiteralString(sheetXML, sheetDat.FindStringSubmatch(sheetXML)[1]+inner+sheetDat.FindStringSubmatch(sheetXML)[3])
}

func cellRow(c string) string { return cellRefA.FindStringSubmatch(c)[2] }

// rowsOf groups a sheet's cells by the row of their reference.
func rowsOf(sheetXML string) (order []string, groups map[string][]string) {
	groups = map[string][]string{}
	for _, c := range cellsOf(sheetXML) {
		r := cellRow(c)
		if groups[r] == nil {
			order = append(order, r)
		}
		groups[r] = append(groups[r], c)
	}
	return order, groups
}

var defects = []defect{
	{"every cell inside row 1 (returns files)", func(x string) string {
		return withData(x, `<row r="1">`+strings.Join(cellsOf(x), "")+`</row>`)
	}},
	{"one row element per cell", func(x string) string {
		var b strings.Builder
		for _, c := range cellsOf(x) {
			b.WriteString(`<row r="` + cellRow(c) + `">` + c + `</row>`)
		}
		return withData(x, b.String())
	}},
	{"one row element per cell, none numbered", func(x string) string {
		var b strings.Builder
		for _, c := range cellsOf(x) {
			b.WriteString(`<row>` + c + `</row>`)
		}
		return withData(x, b.String())
	}},
	{"rows in reverse order", func(x string) string {
		order, groups := rowsOf(x)
		var b strings.Builder
		for i := len(order) - 1; i >= 0; i-- {
			b.WriteString(`<row r="` + order[i] + `">` + strings.Join(groups[order[i]], "") + `</row>`)
		}
		return withData(x, b.String())
	}},
	{"a row split in two elements, cells reversed", func(x string) string {
		order, groups := rowsOf(x)
		var b strings.Builder
		for _, r := range order {
			cs := groups[r]
			for i := len(cs) - 1; i >= 0; i-- {
				if i == len(cs)/2 || i == len(cs)-1 {
					if i != len(cs)-1 {
						b.WriteString(`</row>`)
					}
					b.WriteString(`<row r="` + r + `">`)
				}
				b.WriteString(cs[i])
			}
			b.WriteString(`</row>`)
		}
		return withData(x, b.String())
	}},
	{"the last row first, then the others", func(x string) string {
		cs := cellsOf(x)
		last := cellRow(cs[len(cs)-1])
		var head, rest []string
		for _, c := range cs {
			if cellRow(c) == last {
				head = append(head, c)
			} else {
				rest = append(rest, c)
			}
		}
		return withData(x, `<row r="`+last+`">`+strings.Join(head, "")+`</row><row r="1">`+strings.Join(rest, "")+`</row>`)
	}},
}

// rewriteSheets copies a workbook, passing every worksheet part through
// edit and giving it a wrong <dimension>.
func rewriteSheets(t *testing.T, from, to string, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rewriteZip(t, to, func(name string, b []byte) []byte {
		if !strings.HasPrefix(name, "xl/worksheets/") {
			return b
		}
		return []byte(dimTag.ReplaceAllString(edit(string(b)), `<dimension ref="A1:A1"/>`))
	})
}

// testBooks writes every kind of workbook the differential test reads:
// excelize's stream writer (inline strings), its cell setter (shared
// strings), the sample exports, and hand-written ones in openpyxl's shape.
func testBooks(t *testing.T, dir string) []string {
	var paths []string
	add := func(name string) string {
		p := filepath.Join(dir, name)
		paths = append(paths, p)
		return p
	}
	for i, e := range []*sample.Export{
		sample.Orders(sample.Options{Seed: 1, Orders: 25, Description: true}),
		sample.Orders(sample.Options{Seed: 2, Orders: 25, SerialDates: true, Shuffle: true, Site: "TH"}),
		sample.Orders(sample.Options{Seed: 3, Orders: 25, Chinese: true, SerialDates: true, Dates: sample.DatesUS}),
		sample.Returns(sample.Options{Seed: 4, Orders: 25}),
	} {
		if err := sample.WriteXLSX(add(fmt.Sprintf("sample-%d.xlsx", i)), e); err != nil {
			t.Fatal(err)
		}
	}

	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Cover")
	f.SetCellValue("Cover", "B2", "not the orders")
	f.NewSheet("OrderSKUList")
	when := time.Date(2026, 10, 7, 13, 33, 5, 0, time.UTC)
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 22})
	custom := "yyyy/mm/dd hh:mm"
	customStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	money := "#,##0.00 \"THB\""
	moneyStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &money})
	for r := 1; r <= 40; r++ {
		row := strconv.Itoa(r)
		f.SetCellValue("OrderSKUList", "A"+row, "5838709000000"+fmt.Sprintf("%05d", r))
		f.SetCellValue("OrderSKUList", "B"+row, []string{"Completed", "已完成", "  spaced  ", "a & b <c>", "line\nbreak", "tab\there"}[r%6])
		f.SetCellValue("OrderSKUList", "C"+row, when.Add(time.Duration(r)*time.Hour))
		f.SetCellStyle("OrderSKUList", "C"+row, "C"+row, dateStyle)
		f.SetCellValue("OrderSKUList", "D"+row, float64(r)*1.25)
		f.SetCellStyle("OrderSKUList", "D"+row, "D"+row, moneyStyle)
		f.SetCellValue("OrderSKUList", "E"+row, r%2 == 0)
		if r%3 == 0 {
			f.SetCellFormula("OrderSKUList", "F"+row, "D"+row+"*2")
			f.SetCellValue("OrderSKUList", "G"+row, 45937.5)
			f.SetCellStyle("OrderSKUList", "G"+row, "G"+row, customStyle)
		}
		if r%7 == 0 {
			f.SetCellValue("OrderSKUList", "AB"+row, "far column")
		}
	}
	f.SetCellValue("OrderSKUList", "C45", "after a gap")
	if err := f.SaveAs(add("excelize-shared-strings.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()

	hand := handBook{
		sheets: []handSheet{{"Sheet1", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>` +
			`<row r="2" spans="1:5"><c r="A2" t="s"><v>5</v></c><c r="B2" t="str"><f>A2&amp;"x"</f><v>formula &amp; text</v></c><c r="C2" s="1"><v>45937.4375</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><r><rPr><b/></rPr><t>rich </t></r><r><t xml:space="preserve"> inline</t></r></is></c><c r="B3" t="s"><v>6</v></c><c r="C3" s="2"><v>1.5</v></c><c r="D3"><v>5.8387E+17</v></c><c r="E3" t="s"><v>7</v></c></row>` +
			`<row r="5"><c r="A5" t="s"><v>8</v></c><c r="C5" s="3"><v>45937</v></c><c r="E5" t="inlineStr"><is><t><![CDATA[<cdata> & more]]></t></is></c></row>` +
			`<row r="6"><c r="A6"><v>1</v></c><c r="B6" s="4"><v>2</v></c><c r="C6" t="n"><v>3</v></c></row>`}},
		sst: []string{
			`<t>Order ID</t>`,
			`<t xml:space="preserve">  Order Status </t>`,
			`<r><rPr><b/><sz val="11"/></rPr><t>Created</t></r><r><t xml:space="preserve"> Time</t></r>`,
			`<t>Amount &amp; fee &#x4E2D;&#25991; &lt;THB&gt; &quot;q&quot; &apos;a&apos;</t>`,
			`<t>退款金额</t><rPh sb="0" eb="1"><t>たいきん</t></rPh>`,
			`<t>583870900000000123</t>`,
			`<t>line_x000D_
break_x005F_x000D_ and _x0041_</t>`,
			`<t/>`,
			`<t>last</t>`,
		},
		numFmts: `<numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm:ss"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/><numFmt numFmtId="166" formatCode="&quot;day&quot;\ 0"/>`,
		xfs:     []int{164, 165, 14, 166},
	}
	hand.write(t, add("openpyxl-style.xlsx"))
	hand.date1904 = true
	hand.write(t, add("openpyxl-style-1904.xlsx"))
	hand.date1904 = false
	hand.prefix = "x:"
	for i := range hand.sheets {
		hand.sheets[i].data = regexp.MustCompile(`<(/?)(row|c|v|f|is|r|t|rPr|b)\b`).ReplaceAllString(hand.sheets[i].data, "<${1}x:$2")
	}
	hand.write(t, add("prefixed.xlsx"))

	positional := handBook{sheets: []handSheet{
		{"Notes", `<row r="1"><c t="inlineStr"><is><t>cover</t></is></c></row>`},
		{"orderskulist", `<row><c t="inlineStr"><is><t>Order ID</t></is></c><c t="inlineStr"><is><t>Status</t></is></c></row>` +
			`<row><c t="inlineStr"><is><t>583870900000000001</t></is></c><c t="inlineStr"><is><t>Shipped</t></is></c></row>` +
			`<row r="9"><c t="inlineStr"><is><t>583870900000000002</t></is></c><c/><c t="inlineStr"><is><t>third</t></is></c></row>` +
			`<row><c><v>7</v></c></row>`},
	}}
	positional.write(t, add("positional.xlsx"))
	return paths
}

// TestReaderAgreesWithExcelizeOnEveryTestWorkbook is the differential test:
// every workbook, as written and with each defect, reads as excelize reads
// the clean file.
func TestReaderAgreesWithExcelizeOnEveryTestWorkbook(t *testing.T) {
	dir := t.TempDir()
	for _, p := range testBooks(t, dir) {
		base := filepath.Base(p)
		ours, sheet, r := readOurs(t, p, false)
		want, date1904 := readExcelize(t, p, sheet)
		if len(want) < 3 {
			t.Fatalf("%s: excelize read only %v", base, want)
		}
		sameCells(t, base, ours, want, date1904)
		if r.Unordered() {
			t.Errorf("%s: a clean workbook read as unordered", base)
		}
		sorted, _, _ := readOurs(t, p, true)
		sameCells(t, base+" (sorted)", sorted, want, date1904)
		if strings.HasPrefix(base, "positional") {
			continue // the defects move cells by their references, which these lack
		}
		for i, d := range defects {
			q := filepath.Join(dir, fmt.Sprintf("%s-defect%d.xlsx", strings.TrimSuffix(base, ".xlsx"), i))
			rewriteSheets(t, p, q, d.apply)
			got, _, _ := readOurs(t, q, false)
			sameCells(t, base+": "+d.name, got, want, date1904)
		}
	}
}

func TestHandWrittenCellsReadAsExcelShowsThem(t *testing.T) {
	dir := t.TempDir()
	testBooks(t, dir)
	got, sheet, _ := readOurs(t, filepath.Join(dir, "openpyxl-style.xlsx"), false)
	if sheet != "Sheet1" {
		t.Fatalf("sheet %q", sheet)
	}
	want := sheetRows{
		1: {"Order ID", "  Order Status ", "Created Time", "Amount & fee 中文 <THB> \"q\" 'a'", "退款金额"},
		2: {"583870900000000123", "formula & text", "2025-10-07 10:30:00", "1", "#N/A"},
		3: {"rich  inline", "line\r\nbreak_x000D_ and A", "1.5", "5.8387E+17"},
		5: {"last", "", "2025-10-07 00:00:00", "", "<cdata> & more"},
		6: {"1", "2", "3"},
	}
	if got.String() != want.String() {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	got1904, _, _ := readOurs(t, filepath.Join(dir, "openpyxl-style-1904.xlsx"), false)
	if d := got1904[2][2]; d != "2029-10-08 10:30:00" {
		t.Fatalf("1904 date system: got %q", d)
	}
	pos, sheet, _ := readOurs(t, filepath.Join(dir, "positional.xlsx"), false)
	wantPos := sheetRows{1: {"Order ID", "Status"}, 2: {"583870900000000001", "Shipped"}, 9: {"583870900000000002", "", "third"}, 10: {"7"}}
	if sheet != "orderskulist" || pos.String() != wantPos.String() {
		t.Fatalf("sheet %q: got %v", sheet, pos)
	}
}

func TestNumberFormatsThatShowDates(t *testing.T) {
	for code, want := range map[string]bool{
		"yyyy-mm-dd": true, "dd/mm/yyyy hh:mm:ss": true, "[$-409]m/d/yy h:mm AM/PM;@": true, "h:mm": true,
		"General": false, "0.00": false, "#,##0.00 \"THB\"": false, "[h]:mm:ss": false, "\"day\" 0": false,
		"[Red]0.00;[Blue]-0.00": false, "0.00E+00": false, "_(* #,##0_)": false, "@": false,
	} {
		if got := dateFormatCode(code); got != want {
			t.Errorf("%q: got %v", code, got)
		}
	}
}

func TestOutOfOrderCellsStopTheStreamAndReadSortedMergesThem(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.xlsx")
	handBook{sheets: []handSheet{{"S", `<row r="1"><c r="A1" t="inlineStr"><is><t>a1</t></is></c><c r="A3"><v>3</v></c><c r="B1"><v>1</v></c><c r="A1"><v>again</v></c></row>`}}}.write(t, p)
	r, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Next() || r.RowNum() != 1 || strings.Join(r.Row(), "|") != "a1" {
		t.Fatalf("first row %d %q", r.RowNum(), r.Row())
	}
	if r.Next() && r.RowNum() == 3 && r.Next() {
		t.Fatal("a cell of row 1 after row 3 was not noticed")
	}
	var m *data.Message
	if !errors.As(r.Err(), &m) || !r.Unordered() {
		t.Fatalf("err %v, unordered %v", r.Err(), r.Unordered())
	}
	if err := r.ReadSorted(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for r.Next() {
		got = append(got, fmt.Sprint(r.RowNum(), r.Row()))
	}
	if strings.Join(got, " ") != "1 [again 1] 3 [3]" || r.Err() != nil {
		t.Fatalf("got %v, %v", got, r.Err())
	}
}

func TestDamagedWorkbooksGiveMessagesNamingTheFileAndRow(t *testing.T) {
	for _, c := range []struct{ data, want string }{
		{`<row r="1"><c r="A1" t="s"><v>99</v></c></row>`, "shared text number 99"},
		{`<row r="1"><c r="1A"><v>1</v></c></row>`, "1A is not a cell reference"},
		{`<row r="x"><c><v>1</v></c></row>`, "x is not a row number"},
		{`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2`, "ends in the middle of its rows"},
	} {
		p := filepath.Join(t.TempDir(), "bad.xlsx")
		handBook{sheets: []handSheet{{"S", c.data}}}.write(t, p)
		if c.want == "ends in the middle of its rows" {
			rewriteSheets(t, p, p, func(x string) string { return x[:strings.Index(x, "<v>2")+4] })
		}
		r, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		for r.Next() {
		}
		var m *data.Message
		if !errors.As(r.Err(), &m) || m.File != "bad.xlsx" || m.Row < 1 || !strings.Contains(m.Error(), c.want) {
			t.Errorf("%s: got %v", c.want, r.Err())
		} else {
			translated(t, m.Text)
		}
		r.Close()
	}
	translated(t, errRowOrder.Text)
}

// translated checks that a message the window shows has both translations.
func translated(t *testing.T, text string) {
	t.Helper()
	for _, name := range []string{"en.json", "zh_Hans.json"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m[text] == "" {
			t.Errorf("%s lacks %q", name, text)
		}
	}
}

func TestZipBombsCorruptZipsAndOldWorkbooksAreRefusedClearly(t *testing.T) {
	dir := t.TempDir()
	// A part that claims to unpack to far more than its deflate stream can.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "xl/workbook.xml", Method: zip.Deflate})
	w.Write(bytes.Repeat([]byte("<"), 10))
	zw.Close()
	bomb := buf.Bytes()
	// patch the claimed size in the central directory (offset 24 of its header)
	cd := bytes.LastIndex(bomb, []byte("PK\x01\x02"))
	copy(bomb[cd+24:], []byte{0xff, 0xff, 0xff, 0x7f})
	cases := map[string][]byte{
		"bomb.xlsx":    bomb,
		"corrupt.xlsx": append([]byte("PK\x03\x04"), bytes.Repeat([]byte{1}, 200)...),
		"old.xls":      append(append([]byte{}, oleMagic...), make([]byte, 600)...),
	}
	for name, b := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		_, err := Open(p)
		var m *data.Message
		if !errors.As(err, &m) || m.File != name {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if want := map[string]string{"bomb.xlsx": "not a readable xlsx", "corrupt.xlsx": "not a readable xlsx", "old.xls": "97–2003"}[name]; !strings.Contains(m.Error(), want) {
			t.Errorf("%s: %v", name, m)
		}
	}
}

// A CDATA section that the end of the scanner's 256 KB buffer cuts in two
// used to be read from where it began before the buffer was refilled:
// wrong text, or a panic. Cells of several lengths put one across every
// refill; excelize reads the same file as the oracle.
func TestCDATACellsCutByTheReadBufferReadWhole(t *testing.T) {
	var data strings.Builder
	for i := 1; i <= 4000; i++ {
		text := strings.Repeat(string(rune('a'+i%26)), 40+i%97)
		fmt.Fprintf(&data, `<row r="%d"><c r="A%d" t="str"><v><![CDATA[<%d> %s]]></v></c></row>`, i, i, i, text)
	}
	path := filepath.Join(t.TempDir(), "cdata.xlsx")
	handBook{sheets: []handSheet{{name: "Sheet1", data: data.String()}}}.write(t, path)
	ours, sheet, _ := readOurs(t, path, false)
	theirs, date1904 := readExcelize(t, path, sheet)
	if len(theirs) != 4000 {
		t.Fatalf("excelize read %d rows", len(theirs))
	}
	sameCells(t, "cdata.xlsx", ours, theirs, date1904)
}
