package app

import (
	"encoding/csv"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, width := range []float64{20, 14, 22, 20, 90} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(auditHeader))
	for i, h := range auditHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, e := range entries {
		cells := auditRow(e)
		row := make([]any, len(cells))
		for j, c := range cells {
			row[j] = c // text, so a detail that looks like a number or a formula stays as written
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
