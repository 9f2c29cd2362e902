package app

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// ExportAudit writes the audit log (of one shop, "" for all), newest first, to
// path as .xlsx or .csv (UTF-8 with a byte-order mark, so Excel reads Chinese
// names). An existing file is never overwritten.
func (d *Desk) ExportAudit(path, shop string) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".csv" {
		return data.Msg(MsgAuditFileKind, map[string]any{"Ext": ext})
	}
	entries, err := d.Audit(shop, 0)
	if err != nil {
		return err
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return data.Msg(MsgAuditFileExists, map[string]any{"File": path})
	}
	if err != nil {
		return data.Msg(MsgAuditFileWrite, map[string]any{"File": path, "Err": err.Error()})
	}
	if ext == ".csv" {
		err = writeAuditCSV(out, entries)
	} else {
		err = writeAuditXLSX(out, entries)
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

var auditHeader = []string{"Time", "User", "Shop", "Action", "Detail"}

func auditRow(e data.AuditEntry) []string {
	return []string{e.At.Local().Format("2006-01-02 15:04:05"), e.User, e.Shop, e.Action, e.Detail}
}

func writeAuditCSV(w io.Writer, entries []data.AuditEntry) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what Excel writes and expects
	cw.Write(auditHeader)
	for _, e := range entries {
		cw.Write(auditRow(e))
	}
	cw.Flush()
	return cw.Error()
}

func writeAuditXLSX(w io.Writer, entries []data.AuditEntry) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Audit log"
	var err error
	do := func(e error) {
		if err == nil {
			err = e
		}
	}
	do(f.SetSheetName("Sheet1", sheet))
	for i, width := range []float64{20, 14, 22, 20, detailChars + 2} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		do(f.SetColWidth(sheet, col, col, width))
	}
	bold, e := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	do(e)
	head := make([]any, len(auditHeader))
	for i, h := range auditHeader {
		head[i] = h
	}
	// Long details wrap inside their column instead of running off the page.
	top, e := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	do(e)
	wrap, e := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	do(e)
	do(f.SetColStyle(sheet, "A:D", top))
	do(f.SetColStyle(sheet, "E", wrap))
	do(f.SetSheetRow(sheet, "A1", &head))
	do(f.SetRowStyle(sheet, 1, 1, bold))
	for i, e := range entries {
		cells := auditRow(e)
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = c // text, so a detail that looks like a number or a formula stays as written
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		do(f.SetSheetRow(sheet, cell, &row))
		// Spreadsheets do not grow a row for wrapped text on their own.
		if lines := wrappedLines(e.Detail, detailChars); lines > 1 {
			do(f.SetRowHeight(sheet, i+2, float64(lines)*lineHeight))
		}
	}
	do(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	// Printed, the log runs down the pages, each as wide as the sheet.
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
