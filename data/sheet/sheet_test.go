package sheet

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"depositdesk/data/exports/sample"
)

type gotRow struct {
	num   int
	cells string
}

func readAll(t *testing.T, r *Reader, err error) []gotRow {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows []gotRow
	for r.Next() {
		rows = append(rows, gotRow{r.RowNum(), strings.Join(r.Row(), "|")})
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

func nonBlank(rows []gotRow) []gotRow {
	var out []gotRow
	for _, r := range rows {
		if strings.Trim(r.cells, "|") != "" {
			out = append(out, r)
		}
	}
	return out
}

// rewriteZip rewrites an xlsx, passing every part through edit.
func rewriteZip(t *testing.T, path string, edit func(name string, b []byte) []byte) {
	t.Helper()
	if err := sample.EditXLSX(path, edit, nil); err != nil {
		t.Fatal(err)
	}
}

func TestXLSXBlankRowsKeepTheirRowNumbers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "gaps.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Order ID")
	f.SetCellValue("Sheet1", "B1", "Created Time")
	f.SetCellValue("Sheet1", "A2", "583870900000000001")
	f.SetCellValue("Sheet1", "C5", "x")
	f.SetCellValue("Sheet1", "A7", "583870900000000002")
	f.SetCellValue("Sheet1", "B7", 45937.4375)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A wrong <dimension> must not hide rows.
	dim := regexp.MustCompile(`<dimension ref="[^"]*"/>`)
	rewriteZip(t, p, func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return dim.ReplaceAll(b, []byte(`<dimension ref="A1:B2"/>`))
		}
		return b
	})
	r, err := Open(p)
	got := nonBlank(readAll(t, r, err))
	want := []gotRow{{1, "Order ID|Created Time"}, {2, "583870900000000001"}, {5, "||x"}, {7, "583870900000000002|45937.4375"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("row %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestXLSXPrefersTheOrderSKUListSheet(t *testing.T) {
	p := filepath.Join(t.TempDir(), "two.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "cover")
	f.NewSheet("OrderSKUList")
	f.SetCellValue("OrderSKUList", "A1", "Order ID")
	f.SaveAs(p)
	f.Close()
	r, err := Open(p)
	if got := readAll(t, r, err); len(got) != 1 || got[0].cells != "Order ID" {
		t.Fatalf("got %v", got)
	}
}

func TestCSVRowNumbersCountBlankLinesAndQuotedLineBreaks(t *testing.T) {
	text := "a,b\r\n1,2\r\n\r\n3,\"two\nlines\"\n4,5\n"
	r, err := OpenReader(strings.NewReader(text), "x.csv")
	got := readAll(t, r, err)
	want := []gotRow{{1, "a|b"}, {2, "1|2"}, {4, "3|two\nlines"}, {5, "4|5"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("row %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestCSVDelimiterComesFromTheHeaderLine(t *testing.T) {
	cases := []struct{ text, want string }{
		{"a,b,c\n1,2,3\n", "1|2|3"},
		{"a\tb\tc\n1\t2,5\t3\n", "1|2,5|3"},
		{"a;b;c\n1;2,5;3\n", "1|2,5|3"},
		{"\"a;x\",b,c\n1,2,3\n", "1|2|3"},
	}
	for _, c := range cases {
		r, err := OpenReader(strings.NewReader(c.text), "x.csv")
		got := readAll(t, r, err)
		if len(got) != 2 || got[1].cells != c.want {
			t.Errorf("%q: got %v", c.text, got)
		}
	}
}

func TestUTF16WithoutBOMIsRecognisedByItsZeroBytes(t *testing.T) {
	var b bytes.Buffer
	for _, c := range "Order ID\tStatus\n1\tDone\n" {
		b.WriteByte(byte(c))
		b.WriteByte(0)
	}
	r, err := OpenReader(&b, "u.txt")
	got := readAll(t, r, err)
	if r.Encoding() != "UTF-16LE" || len(got) != 2 || got[1].cells != "1|Done" {
		t.Fatalf("%s %v", r.Encoding(), got)
	}
}
