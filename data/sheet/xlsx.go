package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strconv"
	"strings"

	kflate "github.com/klauspost/compress/flate"
	"github.com/richardlehane/mscfb"

	"depositdesk/data"
)

// preferredSheet is the sheet TikTok order exports put their rows in.
const preferredSheet = "OrderSKUList"

// unzipLimit bounds what a workbook may unpack to; a 200,000-row export
// unpacks to well under a gigabyte.
const unzipLimit = 4 << 30

// smallPartLimit bounds the parts read whole with encoding/xml (workbook,
// relationships, styles): a few KiB in a real export.
const smallPartLimit = 32 << 20

// sharedStringsLimit bounds the shared-strings part, which is held in
// memory: a 100,000-row export's is about 10 MiB unpacked.
const sharedStringsLimit = 1 << 30

// workbook is an open xlsx: its parts, the sheets to try in order, the
// shared strings and what the cell styles say about dates.
type workbook struct {
	name     string
	zr       *zip.Reader
	closer   io.Closer // the file, when opened from a path
	sheets   []sheetPart
	cur      int
	sstPart  *zip.File
	sst      *sharedStrings // read when a cell first needs it
	dates    []bool         // per cell style: the number format shows a date or time
	date1904 bool
	sheet    *sheetReader
}

type sheetPart struct {
	name string
	file *zip.File
}

func openXLSXFile(path, name string) (*Reader, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, notXLSX(name)
	}
	r, err := openBook(&zr.Reader, name)
	if err != nil {
		zr.Close()
		return nil, err
	}
	r.book.closer = zr
	return r, nil
}

// openXLSXReader reads a workbook from a stream into memory: a zip's
// directory is at its end.
func openXLSXReader(src io.Reader, name string) (*Reader, error) {
	b, err := io.ReadAll(src)
	if err != nil {
		return nil, notXLSX(name)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, notXLSX(name)
	}
	return openBook(zr, name)
}

// inflate reads a deflated part with klauspost/compress's flate, which
// inflates a worksheet about a quarter faster than compress/flate (a
// 15,000-row export's sheet: 38 ms against 52). Inflating is the half of
// reading a workbook that no parsing of ours can shorten.
func inflate(r io.Reader) io.ReadCloser { return kflate.NewReader(r) }

// sane rejects a zip whose parts claim sizes no deflate stream of their
// length can unpack to, or more than unzipLimit in all (zip bombs).
// archive/zip then refuses any part that unpacks to more than it claims.
func sane(zr *zip.Reader) bool {
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > f.CompressedSize64*1100+4096 {
			return false
		}
		total += f.UncompressedSize64
	}
	return total <= unzipLimit
}

// Relationship types end with these names, in the transitional and the
// strict OOXML namespaces alike.
const (
	relOfficeDocument = "/officeDocument"
	relWorksheet      = "/worksheet"
	relSharedStrings  = "/sharedStrings"
	relStyles         = "/styles"
)

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name    string `xml:"name,attr"`
		SheetID string `xml:"sheetId,attr"`
		RelID   string `xml:"id,attr"`
	} `xml:"sheets>sheet"`
}

func openBook(zr *zip.Reader, name string) (*Reader, error) {
	if !sane(zr) {
		return nil, notXLSX(name)
	}
	zr.RegisterDecompressor(zip.Deflate, inflate)
	parts := make(map[string]*zip.File, len(zr.File))
	for _, f := range zr.File {
		parts[partKey(f.Name)] = f
	}
	b := &workbook{name: name, zr: zr}

	wbPath := "xl/workbook.xml"
	var root xmlRels
	if readXMLPart(parts["_rels/.rels"], &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, relOfficeDocument) {
				wbPath = resolvePart("", r.Target)
			}
		}
	}
	var wb xmlWorkbook
	if err := readXMLPart(parts[partKey(wbPath)], &wb); err != nil {
		return nil, notXLSX(name)
	}
	b.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")

	dir := path.Dir(wbPath)
	var rels xmlRels
	readXMLPart(parts[partKey(path.Join(dir, "_rels", path.Base(wbPath)+".rels"))], &rels)
	targets := map[string]string{}
	stylesPath, sstPath := path.Join(dir, "styles.xml"), path.Join(dir, "sharedStrings.xml")
	for _, r := range rels.Rels {
		target := resolvePart(dir, r.Target)
		switch {
		case strings.HasSuffix(r.Type, relWorksheet):
			targets[r.ID] = target
		case strings.HasSuffix(r.Type, relStyles):
			stylesPath = target
		case strings.HasSuffix(r.Type, relSharedStrings):
			sstPath = target
		}
	}
	b.sstPart = parts[partKey(sstPath)]
	b.dates = dateStyles(parts[partKey(stylesPath)])

	var preferred, others []sheetPart
	for _, s := range wb.Sheets {
		target, ok := targets[s.RelID]
		if !ok {
			target = path.Join(dir, "worksheets", "sheet"+s.SheetID+".xml")
		}
		f := parts[partKey(target)]
		if f == nil {
			continue // a chart sheet, or a sheet the file does not hold
		}
		if strings.EqualFold(s.Name, preferredSheet) {
			preferred = append(preferred, sheetPart{s.Name, f})
		} else {
			others = append(others, sheetPart{s.Name, f})
		}
	}
	b.sheets = append(preferred, others...)
	if len(b.sheets) == 0 {
		return nil, notXLSX(name)
	}
	r := &Reader{name: name, format: "xlsx", book: b}
	if err := b.open(r, 0, false); err != nil {
		return nil, err
	}
	r.next = func(r *Reader) bool { return r.book.sheet != nil && r.book.sheet.next(r) }
	r.close = b.close
	return r, nil
}

// partKey is how a part is looked up: some writers use backslashes or
// another letter case than their relationships do.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// resolvePart resolves a relationship target against the folder of the
// part that holds the relationship.
func resolvePart(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return path.Clean(path.Join(dir, target))
}

func readPart(f *zip.File, limit uint64) ([]byte, error) {
	if f == nil {
		return nil, io.ErrUnexpectedEOF
	}
	if f.UncompressedSize64 > limit {
		return nil, errPartTooLarge
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(io.LimitReader(rc, int64(limit)))
}

var errPartTooLarge = xml.UnmarshalError("part too large")

func readXMLPart(f *zip.File, v any) error {
	b, err := readPart(f, smallPartLimit)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}

type xmlStyles struct {
	NumFmts []struct {
		ID   string `xml:"numFmtId,attr"`
		Code string `xml:"formatCode,attr"`
	} `xml:"numFmts>numFmt"`
	CellXfs []struct {
		NumFmtID string `xml:"numFmtId,attr"`
	} `xml:"cellXfs>xf"`
}

// dateStyles says, per cell style index, whether the style's number format
// shows a date or a time. A workbook without readable styles has none.
func dateStyles(f *zip.File) []bool {
	var st xmlStyles
	if f == nil || readXMLPart(f, &st) != nil {
		return nil
	}
	custom := map[string]string{}
	for _, n := range st.NumFmts {
		custom[strings.TrimSpace(n.ID)] = n.Code
	}
	dates := make([]bool, len(st.CellXfs))
	for i, xf := range st.CellXfs {
		id := strings.TrimSpace(xf.NumFmtID)
		if code, ok := custom[id]; ok {
			dates[i] = dateFormatCode(code)
		} else if n, err := strconv.Atoi(id); err == nil {
			dates[i] = builtInDateFormat(n)
		}
	}
	return dates
}

// builtInDateFormat reports the built-in number formats that show dates or
// times (ECMA-376 §18.8.30 and the East Asian ones Excel adds).
func builtInDateFormat(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 ||
		id >= 50 && id <= 58 || id >= 71 && id <= 81
}

// dateFormatCode reports whether a custom number format shows a date or a
// time: it has a y, m, d, h or s outside quoted text, escapes and brackets.
// An elapsed-time format ([h]:mm) is a duration, not a date.
func dateFormatCode(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			for i++; i < len(code) && code[i] != '"'; i++ {
			}
		case '\\', '_', '*':
			i++
		case '[':
			end := strings.IndexByte(code[i:], ']')
			if end < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+end])
			if inner != "" && strings.Trim(inner, "hms") == "" {
				return false
			}
			i += end
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S', 'e':
			return true
		case 'G', 'g': // "General"
			if strings.HasPrefix(strings.ToLower(code[i:]), "general") {
				i += len("general") - 1
			}
		}
	}
	return false
}

// isDateStyle reports whether cell style s shows a date.
func (b *workbook) isDateStyle(s int) bool { return s >= 0 && s < len(b.dates) && b.dates[s] }

// sharedStrings is the workbook's table of strings, all in one string, the
// i-th being text[ends[i-1]:ends[i]]: a cell then costs no allocation.
type sharedStrings struct {
	text string
	ends []uint32
}

func (t *sharedStrings) span(i int) (start, end uint32, ok bool) {
	if i < 0 || i >= len(t.ends) {
		return 0, 0, false
	}
	if i > 0 {
		start = t.ends[i-1]
	}
	return start, t.ends[i], true
}

// sharedStrings reads the table on first use, with the same byte-level
// scanner as the cells: it can hold as many strings as the sheet has cells.
func (b *workbook) sharedStrings() (*sharedStrings, error) {
	if b.sst != nil {
		return b.sst, nil
	}
	b.sst = &sharedStrings{}
	if b.sstPart == nil {
		return b.sst, nil
	}
	if b.sstPart.UncompressedSize64 > sharedStringsLimit {
		return nil, errPartTooLarge
	}
	rc, err := b.sstPart.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLScanner(rc, 256<<10)
	text := make([]byte, 0, min(b.sstPart.UncompressedSize64/2, sharedStringsLimit))
	var ends []uint32
	var t tag
	in, inRPh, start := false, false, 0
	for x.next(&t) {
		switch string(t.name) {
		case "si":
			if !t.close {
				in, start = true, len(text)
			}
			if t.close || t.empty {
				text = append(text[:start], unescapeX(text[start:])...)
				if uint64(len(text)) > sharedStringsLimit {
					return nil, errPartTooLarge
				}
				ends = append(ends, uint32(len(text)))
				in = false
			}
		case "rPh":
			inRPh = !t.close && !t.empty
		case "t":
			if in && !inRPh && !t.close && !t.empty {
				text, _ = x.text(text)
			}
		}
	}
	if x.err != nil {
		return nil, x.err
	}
	b.sst = &sharedStrings{text: string(text), ends: ends}
	return b.sst, nil
}

// open starts reading sheet i of the ones to try.
func (b *workbook) open(r *Reader, i int, sorted bool) error {
	if b.sheet != nil {
		b.sheet.close()
		b.sheet = nil
	}
	f := b.sheets[i].file
	rc, err := f.Open()
	if err != nil {
		return notXLSX(b.name)
	}
	if f.UncompressedSize64 >= aheadMin {
		rc = newReadAhead(rc)
	}
	b.cur = i
	b.sheet = newSheetReader(b, rc)
	r.row, r.rowNum, r.err = nil, 0, nil
	if sorted {
		return b.sheet.sortAll(r)
	}
	return nil
}

func (b *workbook) close() error {
	if b.sheet != nil {
		b.sheet.close()
		b.sheet = nil
	}
	if b.closer != nil {
		c := b.closer
		b.closer = nil
		return c.Close()
	}
	return nil
}

func readFailed(r *Reader, err error) *data.Message {
	return &data.Message{File: r.name, Row: r.rowNum + 1, Text: "The workbook could not be read past this row: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
}

func passwordMessage(name string) *data.Message {
	return &data.Message{File: name, Text: "The workbook is password-protected; remove the password in Excel and export again"}
}

// oleMessage explains an OLE compound file: either an encrypted (password-
// protected) xlsx or an old Excel 97–2003 .xls workbook.
func oleMessage(ra io.ReaderAt, name string) *data.Message {
	if doc, err := mscfb.New(ra); err == nil {
		for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
			if entry.Name == "EncryptionInfo" || entry.Name == "EncryptedPackage" {
				return passwordMessage(name)
			}
		}
	}
	return &data.Message{File: name, Text: "The file is an old Excel 97–2003 workbook (.xls); open it in Excel, save it as Excel Workbook (.xlsx) and import that file"}
}
