// Package sheet reads the rows of a spreadsheet export, xlsx or csv, one row
// at a time: xlsx through excelize's streaming Rows (never a whole sheet in
// memory), csv in whatever encoding Excel or WPS wrote it (UTF-8 with or
// without BOM, UTF-16 with BOM, GB18030). Cells come back as text; xlsx
// numbers come back raw (an Excel serial date stays "45937.4375"), so the
// caller decides what a number means.
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
// messages and used for its extension. An xlsx is read into memory (excelize
// needs random access), a csv is streamed.
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
