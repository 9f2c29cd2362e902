package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// preferredSheet is the sheet TikTok order exports put their rows in.
const preferredSheet = "OrderSKUList"

var rawCells = excelize.Options{RawCellValue: true}

// unzipLimit bounds what a workbook may unpack to; a 200,000-row export
// unpacks to well under a gigabyte.
const unzipLimit = 4 << 30

var openOptions = excelize.Options{UnzipSizeLimit: unzipLimit}

func openXLSXFile(path, name string) (r *Reader, err error) {
	defer recoverAsMessage(name, &r, &err)
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, notXLSX(name)
	}
	ok := sane(&zr.Reader)
	zr.Close()
	if !ok {
		return nil, notXLSX(name)
	}
	f, err := excelize.OpenFile(path, openOptions)
	return startXLSX(f, err, name)
}

func openXLSXReader(src io.Reader, name string) (r *Reader, err error) {
	defer recoverAsMessage(name, &r, &err)
	b, err := io.ReadAll(src)
	if err != nil {
		return nil, notXLSX(name)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || !sane(zr) {
		return nil, notXLSX(name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), openOptions)
	return startXLSX(f, err, name)
}

// sane rejects a zip whose parts claim sizes no deflate stream of their
// length can unpack to: excelize would allocate the claimed size up front.
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

// recoverAsMessage turns a panic inside excelize on a malformed workbook into
// the "not a readable workbook" message.
func recoverAsMessage(name string, r **Reader, err *error) {
	if p := recover(); p != nil {
		if *r != nil {
			(*r).Close()
		}
		*r, *err = nil, notXLSX(name)
	}
}

func startXLSX(f *excelize.File, err error, name string) (*Reader, error) {
	if err != nil {
		if f != nil {
			f.Close()
		}
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, passwordMessage(name)
		}
		return nil, notXLSX(name)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, notXLSX(name)
	}
	sheet := sheets[0]
	for _, s := range sheets {
		if strings.EqualFold(s, preferredSheet) {
			sheet = s
			break
		}
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		if rows != nil {
			rows.Close()
		}
		f.Close()
		return nil, notXLSX(name)
	}
	r := &Reader{name: name, format: "xlsx"}
	r.next = func(r *Reader) (ok bool) {
		defer func() {
			if p := recover(); p != nil {
				r.err, ok = notXLSX(name), false
			}
		}()
		if !rows.Next() {
			if err := rows.Error(); err != nil {
				r.err = readFailed(r, err)
			}
			return false
		}
		r.rowNum++
		cells, err := rows.Columns(rawCells)
		if err != nil {
			r.err = readFailed(r, err)
			return false
		}
		r.row = cells
		return true
	}
	r.close = func() error {
		err := rows.Close()
		if e := f.Close(); err == nil {
			err = e
		}
		return err
	}
	return r, nil
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
