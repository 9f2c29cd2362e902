// Package sheet reads the rows of a spreadsheet export, xlsx or csv, one row
// at a time. An xlsx is read with archive/zip and a byte-level scan of the
// worksheet XML (never a whole sheet in memory): every cell goes where its
// own reference says, whatever <row> element holds it, and rows come out in
// row order with the numbers Excel shows. A csv is read in whatever encoding
// Excel or WPS wrote it (UTF-8 with or without BOM, UTF-16, GB18030).
//
// Cells come back as text. An xlsx number with a date or time format comes
// back as "2006-01-02 15:04:05", the date and time the cell shows, in the
// workbook's date system (1900 or 1904), and so does an ISO date cell
// (t="d"); any other number comes back as written ("45937.4375", "1.0"), so
// the caller decides what it means. Booleans are "1" and "0", errors their
// code ("#N/A"), formulas their cached result.
package sheet

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"depositdesk/data"
)

// Reader streams the rows of one worksheet or csv file.
type Reader struct {
	name     string // file name as the user knows it
	format   string // "xlsx" or "csv"
	encoding string
	size     int64 // bytes in the file, 0 when unknown
	row      []string
	rowNum   int
	err      error
	next     func(r *Reader) bool
	close    func() error
	book     *workbook // xlsx only
}

// Open opens the spreadsheet at path, recognised by content (zip magic for
// xlsx) and extension. Anything it cannot read is a *data.Message naming the file.
func Open(path string) (*Reader, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, &data.Message{File: name, Text: "The file could not be opened: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case isZip(head):
		f.Close()
		return openXLSXFile(path, name)
	case isOLE(head):
		defer f.Close()
		return nil, oleMessage(f, name)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, &data.Message{File: name, Text: "The file could not be opened: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
	}
	r, err := openText(f, name)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.close = chainClose(r.close, f.Close)
	if fi, err := f.Stat(); err == nil {
		r.size = fi.Size()
	}
	return r, nil
}

// OpenReader reads a spreadsheet from r; name is the file name shown in
// messages and used for its extension. An xlsx is read into memory (a zip's
// directory is at its end), a csv is streamed.
func OpenReader(src io.Reader, name string) (*Reader, error) {
	br := bufio.NewReaderSize(src, 4096)
	head, _ := br.Peek(8)
	switch {
	case isZip(head):
		return openXLSXReader(br, name)
	case isOLE(head):
		b, _ := io.ReadAll(br)
		return nil, oleMessage(bytes.NewReader(b), name)
	}
	return openText(br, name)
}

func openText(src io.Reader, name string) (*Reader, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".xltx":
		return nil, notXLSX(name)
	case ".csv", ".txt", ".tsv", ".xls", "":
		return openCSV(src, name)
	}
	return nil, &data.Message{File: name, Text: "The file is not an xlsx or csv export; export the orders again from the platform as Excel (.xlsx) or CSV"}
}

// NextSheet moves to the next sheet of a workbook worth trying, starting at
// its first row: OrderSKUList comes first, then the others in workbook
// order. It returns false when there is none (and always for a csv).
func (r *Reader) NextSheet() bool {
	b := r.book
	if b == nil || b.cur+1 >= len(b.sheets) {
		return false
	}
	if err := b.open(r, b.cur+1, false); err != nil {
		r.err = err
		return false
	}
	return true
}

// Unordered reports whether a cell of the current sheet comes after a cell
// of a later row, which the streaming read cannot place: Next stops there
// with an error. When Next stopped earlier for another reason, the rest of
// the sheet is read to tell. ReadSorted then reads the sheet right.
func (r *Reader) Unordered() bool {
	return r.book != nil && r.book.sheet != nil && r.book.sheet.drain()
}

// ReadSorted starts the current sheet again, reading all its cells first
// and sorting them, so that every row holds all its cells wherever they are
// in the file. It costs memory in proportion to the sheet: use it only when
// Unordered says so.
func (r *Reader) ReadSorted() error {
	if r.book == nil {
		return nil
	}
	return r.book.open(r, r.book.cur, true)
}

// Sheet is the name of the worksheet being read, "" for a csv.
func (r *Reader) Sheet() string {
	if r.book == nil {
		return ""
	}
	return r.book.sheets[r.book.cur].name
}

// Next advances to the next row; it returns false at the end or on an error.
func (r *Reader) Next() bool {
	if r.err != nil || r.next == nil {
		return false
	}
	return r.next(r)
}

// Row is the current row's cells. The slice (and for csv its backing text)
// is reused by the next call to Next: copy what you keep.
func (r *Reader) Row() []string { return r.row }

// RowNum is the 1-based row number of the current row as Excel shows it.
func (r *Reader) RowNum() int { return r.rowNum }

// Err is the error that stopped Next, a *data.Message, or nil at a clean end.
func (r *Reader) Err() error { return r.err }

// Encoding names the text encoding of a csv ("UTF-8", "UTF-8 (BOM)",
// "GB18030", "UTF-16LE", "UTF-16BE"); "" for xlsx.
func (r *Reader) Encoding() string { return r.encoding }

// Format is "xlsx" or "csv".
func (r *Reader) Format() string { return r.format }

// Size is the file's size in bytes (0 when read from a stream): with the
// length of a row it estimates how many rows a csv holds.
func (r *Reader) Size() int64 { return r.size }

// Name is the file name used in messages.
func (r *Reader) Name() string { return r.name }

// Close releases the file and any temporary files. It is safe to call twice.
func (r *Reader) Close() error {
	c := r.close
	r.close, r.next = nil, nil
	if c == nil {
		return nil
	}
	return c()
}

func chainClose(a, b func() error) func() error {
	return func() error {
		var err error
		if a != nil {
			err = a()
		}
		if e := b(); err == nil {
			err = e
		}
		return err
	}
}

func isZip(b []byte) bool { return len(b) >= 4 && string(b[:4]) == "PK\x03\x04" }

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

func isOLE(b []byte) bool { return len(b) >= 8 && bytes.Equal(b[:8], oleMagic) }

func notXLSX(name string) *data.Message {
	return &data.Message{File: name, Text: "The file is not a readable xlsx workbook; export it again from the platform or open it in Excel and save it as .xlsx"}
}
