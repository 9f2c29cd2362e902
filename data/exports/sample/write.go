package sample

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// timeOrID reports whether TikTok pads this column's cells with a tab.
func timeOrID(header string) bool {
	return strings.HasSuffix(header, "ID") || strings.HasSuffix(header, "Time") || strings.HasSuffix(header, "时间") || strings.HasSuffix(header, "号") || header == "Time Requested"
}

// WriteCSV writes e as comma-separated UTF-8; bom starts the file with a
// byte-order mark and tabPadding appends a TAB to ID and time cells, both as
// TikTok's csv exports do.
func WriteCSV(w io.Writer, e *Export, bom, tabPadding bool) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if bom {
		bw.WriteString("\uFEFF")
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(e.Header); err != nil {
		return err
	}
	if e.Description != nil {
		if err := cw.Write(e.Description); err != nil {
			return err
		}
	}
	pad := make([]bool, len(e.Header))
	for i, h := range e.Header {
		pad[i] = tabPadding && timeOrID(h)
	}
	out := make([]string, len(e.Header))
	err := e.each(func(cells []string, _ []data.Stamp) error {
		for i, c := range cells {
			if pad[i] && c != "" {
				c += "\t"
			}
			out[i] = c
		}
		return cw.Write(out)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes e as an xlsx workbook with the sheet OrderSKUList (for
// returns too), IDs and all text as text cells, through excelize's
// StreamWriter. With Options.SerialDates time cells are Excel serial numbers.
func WriteXLSX(path string, e *Export) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "OrderSKUList"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	dateStyle := 0
	if e.Options.SerialDates {
		fmtCode := "mm/dd/yyyy hh:mm:ss"
		if e.Options.Dates != DatesUS {
			fmtCode = "dd/mm/yyyy hh:mm:ss"
		}
		if dateStyle, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode}); err != nil {
			return err
		}
	}
	green, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C6EFCE"}}})
	if err != nil {
		return err
	}
	row := make([]any, len(e.Header))
	for i, h := range e.Header {
		row[i] = h
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	n := 2
	if e.Description != nil {
		for i, d := range e.Description {
			row[i] = excelize.Cell{StyleID: green, Value: d}
		}
		if err := sw.SetRow("A2", row); err != nil {
			return err
		}
		n++
	}
	err = e.each(func(cells []string, times []data.Stamp) error {
		for i, c := range cells {
			switch {
			case e.Options.SerialDates && times[i] != 0:
				row[i] = excelize.Cell{StyleID: dateStyle, Value: excelSerial(times[i])}
			case c == "":
				row[i] = nil
			default:
				row[i] = c
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, n)
		n++
		return sw.SetRow(ref, row)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

// WriteFile writes e to path as TikTok would: .xlsx through WriteXLSX,
// anything else as csv with a BOM and tab-padded IDs and times.
func WriteFile(path string, e *Export) error {
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return WriteXLSX(path, e)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := WriteCSV(f, e, true, true); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
