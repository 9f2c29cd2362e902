package app

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// ExportAudit writes the audit log (of one shop, "" for all), newest first, to
// path as .xlsx or .csv (UTF-8 with a byte-order mark, so Excel reads Chinese
// names). An existing file is never overwritten.
func (d *Desk) ExportAudit(ctx context.Context, path, shop string) error {
	if err := checkTableFile(path); err != nil {
		return err
	}
	entries, err := d.Audit(ctx, shop, 0)
	if err != nil {
		return err
	}
	t := Table{Sheet: "Audit log", Header: []string{"Time", "User", "Shop", "Action", "Detail"},
		Widths: []float64{20, 14, 22, 20, detailChars + 2}, Wrap: 4}
	for _, e := range entries {
		t.Rows = append(t.Rows, []any{e.At.Local().Format("2006-01-02 15:04:05"), e.User, e.Shop, e.Action, e.Detail})
	}
	return SaveTable(path, t)
}

// Table is what a person looks at, to save as a spreadsheet: the audit log,
// the overview as filtered, a shop's checklist.
type Table struct {
	Sheet  string
	Header []string
	// Rows hold text (kept as text, so an ID or a formula-like detail stays as
	// written) or float64 for amounts, which a spreadsheet can add up.
	Rows   [][]any
	Widths []float64 // column widths in characters
	Wrap   int       // the column whose long text wraps; -1 for none
}

// checkTableFile refuses a file name that is neither .xlsx nor .csv.
func checkTableFile(path string) error {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".csv" {
		return data.Msg(MsgTableFileKind, map[string]any{"Ext": ext})
	}
	return nil
}

// SaveTable writes t to path as .xlsx or .csv (UTF-8 with a byte-order mark,
// so Excel reads Chinese). An existing file is never overwritten, and a
// failed write leaves no half file behind.
func SaveTable(path string, t Table) error {
	if err := checkTableFile(path); err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return data.Msg(MsgAuditFileExists, map[string]any{"File": path})
	}
	if err != nil {
		return data.Msg(MsgAuditFileWrite, map[string]any{"File": path, "Err": err.Error()})
	}
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		err = writeTableCSV(out, t)
	} else {
		err = writeTableXLSX(out, t)
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path) // ours, created above: never leave half a file
		return data.Msg(MsgAuditFileWrite, map[string]any{"File": path, "Err": err.Error()})
	}
	return nil
}

// cellText is a cell as a CSV writes it: amounts with their two decimals.
func cellText(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return fmt.Sprint(c)
}

func writeTableCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	cw.Write(t.Header)
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = cellText(c)
		}
		cw.Write(cells)
	}
	cw.Flush()
	return cw.Error()
}

func writeTableXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.Sheet
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	do(f.SetSheetName("Sheet1", sheet))
	for i, width := range t.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		do(f.SetColWidth(sheet, col, col, width))
	}
	bold, e := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	do(e)
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = h
	}
	// Long text wraps inside its column instead of running off the page.
	top, e := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	do(e)
	wrap, e := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	do(e)
	amount, e := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, NumFmt: 4}) // #,##0.00
	do(e)
	last, _ := excelize.ColumnNumberToName(max(len(t.Header), 1))
	do(f.SetColStyle(sheet, "A:"+last, top))
	if t.Wrap >= 0 {
		col, _ := excelize.ColumnNumberToName(t.Wrap + 1)
		do(f.SetColStyle(sheet, col, wrap))
	}
	do(f.SetSheetRow(sheet, "A1", &head))
	do(f.SetRowStyle(sheet, 1, 1, bold))
	for i, r := range t.Rows {
		row := append([]any(nil), r...)
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		do(f.SetSheetRow(sheet, cell, &row))
		for j, c := range r {
			if _, ok := c.(float64); ok {
				name, _ := excelize.CoordinatesToCellName(j+1, i+2)
				do(f.SetCellStyle(sheet, name, name, amount))
			}
		}
		// Spreadsheets do not grow a row for wrapped text on their own.
		if t.Wrap >= 0 && t.Wrap < len(r) && t.Wrap < len(t.Widths) {
			if lines := wrappedLines(cellText(r[t.Wrap]), int(t.Widths[t.Wrap])-2); lines > 1 {
				do(f.SetRowHeight(sheet, i+2, float64(lines)*lineHeight))
			}
		}
	}
	do(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	// Printed, the table runs down the pages, each as wide as the sheet.
	landscape, one, zero, yes := "landscape", 1, 0, true
	do(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}))
	do(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	if err != nil {
		return err
	}
	return f.Write(w)
}

// detailChars is how many characters of the default font fit on one line of
// the Detail column; lineHeight is one such line in points.
const (
	detailChars = 88
	lineHeight  = 15
)

// wrappedLines estimates the lines s wraps to in a column of width
// characters, Chinese characters counting double.
func wrappedLines(s string, width int) int {
	lines := 0
	for _, part := range strings.Split(s, "\n") {
		n := 0
		for _, r := range part {
			if unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || (r >= 0xFF00 && r <= 0xFFEF) {
				n += 2
			} else {
				n++
			}
		}
		lines += max(1, (n+width-1)/width)
	}
	return lines
}
