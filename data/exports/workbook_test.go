package exports_test

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

var (
	rowElement = regexp.MustCompile(`(?s)<row\b[^>]*>(.*?)</row>`)
	sheetRows  = regexp.MustCompile(`(?s)<sheetData>.*</sheetData>`)
)

// reshapeRows rewrites the rows of every worksheet of the xlsx at path.
func reshapeRows(t *testing.T, path string, reshape func(rows [][]string) string) {
	t.Helper()
	err := sample.EditXLSX(path, func(name string, b []byte) []byte {
		if !strings.HasPrefix(name, "xl/worksheets/") {
			return b
		}
		x := string(b)
		data := sheetRows.FindString(x)
		return []byte(strings.Replace(x, data, "<sheetData>"+reshape(rowElement.FindAllStringSubmatch(data, -1))+"</sheetData>", 1))
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

func TestAReturnsFileWithEveryCellInRowOneReadsAsTheCleanFile(t *testing.T) {
	dir := t.TempDir()
	e := sample.Returns(sample.Options{Seed: 9, Orders: 30})
	clean := writeSample(t, dir, "Return_Refund_Orders.xlsx", e)
	defective := writeSample(t, dir, "Return_Refund_Orders (row 1).xlsx", e)
	reshapeRows(t, defective, func(rows [][]string) string {
		var cells strings.Builder
		for _, r := range rows {
			cells.WriteString(r[1])
		}
		return `<row r="1">` + cells.String() + `</row>`
	})
	want := mustRead(t, clean, exports.Options{Site: "TH"})
	got := mustRead(t, defective, exports.Options{Site: "TH"})
	if len(got.Cases) != 30 || !slices.Equal(got.Cases, want.Cases) || got.Rows != want.Rows {
		t.Fatalf("got %d cases (%d rows), want %d (%d rows)", len(got.Cases), got.Rows, len(want.Cases), want.Rows)
	}
}

func TestRowsOutOfOrderReadAsTheCleanFileAndMessagesNameTheTrueRow(t *testing.T) {
	dir := t.TempDir()
	e := sample.Orders(sample.Options{Seed: 10, Orders: 40, Description: true})
	clean := writeSample(t, dir, "clean.xlsx", e)
	reversed := writeSample(t, dir, "reversed.xlsx", e)
	reverse := func(rows [][]string) string {
		var b strings.Builder
		for i := len(rows) - 1; i >= 0; i-- {
			b.WriteString(rows[i][0])
		}
		return b.String()
	}
	reshapeRows(t, reversed, reverse)
	want := mustRead(t, clean, exports.Options{Site: "US"})
	got := mustRead(t, reversed, exports.Options{Site: "US"})
	sameOrders(t, got.Orders, want.Orders)

	// A bad ID in row 5, read from a file whose row 5 comes late.
	bad := filepath.Join(dir, "bad.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Order ID", "Order Status", "Order Substatus", "Created Time"})
	for row := 2; row <= 6; row++ {
		id := "58387090000000000" + string(rune('0'+row))
		if row == 5 {
			id = "not-an-id"
		}
		f.SetSheetRow("Sheet1", "A"+string(rune('0'+row)), &[]any{id, "Completed", "Completed", "2026-10-01 10:00:00"})
	}
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	f.Close()
	reshapeRows(t, bad, reverse)
	_, err := exports.Read(context.Background(), bad, exports.Options{})
	if m := messageOf(t, err); m.Row != 5 || m.Column != "Order ID" {
		t.Fatalf("message %q at row %d, column %q", m.Error(), m.Row, m.Column)
	}
}

func TestOrdersOnASecondSheetAreRead(t *testing.T) {
	dir := t.TempDir()
	e := sample.Orders(sample.Options{Seed: 11, Orders: 20})
	p := writeSample(t, dir, "two sheets.xlsx", e)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("OrderSKUList", "Orders")
	idx, _ := f.NewSheet("Notes")
	f.SetCellValue("Notes", "A1", "Exported by the finance team")
	f.SetCellValue("Notes", "A3", "See the next sheet")
	f.MoveSheet("Notes", "Orders")
	f.SetActiveSheet(idx)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if list := sheetsOf(t, p); list[0] != "Notes" {
		t.Fatalf("sheets %v", list)
	}
	got := mustRead(t, p, exports.Options{Site: "US"})
	sameOrders(t, got.Orders, e.Orders)
}

func sheetsOf(t *testing.T, p string) []string {
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetList()
}

func TestASheetWithRowsButNoOrderIsRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no ids.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Order ID", "Order Status", "Order Substatus", "Created Time"})
	for _, row := range []string{"A2", "A3", "A4"} {
		f.SetSheetRow("Sheet1", row, &[]any{"", "Completed", "Completed", "2026-10-01 10:00:00"})
	}
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err := exports.Read(context.Background(), p, exports.Options{})
	if m := messageOf(t, err); m.File != "no ids.xlsx" || !strings.Contains(m.Error(), "nothing to import") {
		t.Fatalf("message %q", m.Error())
	}
}
