package exports_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// An xlsx that went through Excel with the order IDs as numbers: Excel keeps
// 15 significant digits, so the cells hold 583870900000000000 where the
// export said 583870900000000123.
func TestAnXlsxWhoseIDsExcelTurnedIntoNumbersIsRefusedNamingTheRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "店铺 导出 2026", "All order-2026-10-07-10_33.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Order ID", "Order Status", "Order Substatus", "Created Time"})
	for i, id := range []int64{583870900000000000, 583870900000004000, 583870900000012000} {
		row := i + 2
		cell, _ := excelize.CoordinatesToCellName(1, row)
		f.SetCellValue("Sheet1", cell, id) // a number cell, not text
		f.SetSheetRow("Sheet1", "B"+strconv.Itoa(row), &[]any{"Completed", "Completed", "10/01/2026 10:00:00 AM"})
	}
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := exports.Read(context.Background(), path, exports.Options{Site: "US"})
	var m *data.Message
	if err == nil || !errors.As(err, &m) {
		t.Fatalf("got %v, want a message", err)
	}
	if m.Row != 2 || m.Column != "Order ID" || !strings.Contains(m.Error(), "rows 2, 3, 4") || !strings.Contains(m.Error(), "past their 15th digit") {
		t.Fatalf("message %q (row %d, column %q)", m.Error(), m.Row, m.Column)
	}
}

func TestRealIDsThatHappenToEndInZerosAreAccepted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "orders.csv")
	os.WriteFile(path, []byte("Order ID,Order Status,Order Substatus,Created Time\n"+
		"583870900000001000,Completed,Completed,10/01/2026 10:00:00 AM\n"+
		"583870900000004567,Completed,Completed,10/01/2026 10:00:00 AM\n"), 0o644)
	res, err := exports.Read(context.Background(), path, exports.Options{Site: "US"})
	if err != nil || len(res.Orders) != 2 {
		t.Fatalf("got %v, %+v", err, res)
	}
}
