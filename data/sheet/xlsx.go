package sheet

import (
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

func openXLSXFile(path, name string) (*Reader, error) {
	f, err := excelize.OpenFile(path)
	return startXLSX(f, err, name)
}

func openXLSXReader(src io.Reader, name string) (*Reader, error) {
	f, err := excelize.OpenReader(src)
	return startXLSX(f, err, name)
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
	r.next = func(r *Reader) bool {
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
