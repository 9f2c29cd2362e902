package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"depositdesk/data/exports/sample"
)

// scanCells lists every cell the scanner reads from a worksheet's XML, and
// the error that ends it, with or without quickCell, through a buffer of
// bufSize bytes (a small one cuts tags at every place).
func scanCells(sheetXML []byte, tagLoopOnly bool, bufSize int) string {
	book := &workbook{name: "f.xlsx", sst: &sharedStrings{text: "OrderStatus", ends: []uint32{5, 11}}, dates: []bool{false, true}}
	c := cellScanner{x: newXMLScanner(bytes.NewReader(sheetXML), bufSize), book: book, tagLoopOnly: tagLoopOnly}
	var b strings.Builder
	var out cell
	for c.next(&out) {
		fmt.Fprintf(&b, "%d,%d sst=%v %d-%d %q\n", out.row, out.col, out.sst, out.start, out.end, out.text)
	}
	fmt.Fprintf(&b, "end: %+v", c.err)
	return b.String()
}

// FuzzQuickCellsReadAsTheTagLoop: the one-pass reading of a cell
// (quickCell) takes only the cells it can read exactly as the tag loop
// does, so any worksheet reads the same with it and without it, however
// the buffer cuts the XML.
func FuzzQuickCellsReadAsTheTagLoop(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000.5</v></c><c r="C1" t="inlineStr"><is><t>Completed &amp; 中</t></is></c></row>`,
		`<row r="2"><c r="A2" t="inlineStr" s="0"><is><t>a_x000D_b</t></is></c><c r="B2"/><c r="C2" t="str"><v>x</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c></row>`,
		`<row><c><v>1</v></c><c t="s"><v>1</v></c></row><row><c s="1"><v>2</v></c></row>`,
		`<c r="A1"><v>cells outside rows</v></c><c><v>next</v></c>`,
		`<row r="3"><c r="A3"  t="s" ><v>1</v></c><c	r="B3"><v>tab</v></c><c r='C3'><v>quote</v></c><c r = "D3"><v>spaces</v></c></row>`,
		`<row r="4"><c r="A4" t="s" t="s"><v>0</v></c><c r="B4" x:t="s"><v>1</v></c><c r="C4" cm="1" vm="2"><v>3</v></c></row>`,
		`<row r="5"><c r="A0"><v>bad</v></c></row>`,
		`<row r="6"><c r="XFE6"><v>too far</v></c></row>`,
		`<row r="7"><c r="A7" t="s"><v>9</v></c></row>`,
		`<row r="8"><c r="A8"><v>open</v><c r="B8"><v>next</v></c></row>`,
		`<row r="9"><x:c r="A9"><x:v>prefixed</x:v></x:c><c r="B9" t="inlineStr"><is><r><t>rich </t></r><r><t>text</t></r><rPh><t>ph</t></rPh></is></c></row>`,
		"<row r=\"10\">\n  <c r=\"A10\" t=\"d\"><v>2026-11-30T10:00:00</v></c>\n  <c r=\"B10\"><v><![CDATA[x<y]]></v></c>\n  <c r=\"C10\"><v>a\r\nb</v></c></row>",
		`<row r="11"><c r="A11" t="s"/><c r="B11" s="1"/><c r="C11" s="x"><v>1</v></c><c r="D11" t="inlineStr"><is><t>unclosed`,
	} {
		f.Add([]byte(`<worksheet><sheetData>` + s + `</sheetData></worksheet>`))
	}
	f.Add(sampleSheet(f))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		want := scanCells(sheetXML, true, 256<<10)
		for _, size := range []int{256 << 10, 7} {
			if got := scanCells(sheetXML, false, size); got != want {
				t.Fatalf("with quickCell (a %d-byte buffer):\n%s\nthe tag loop alone:\n%s", size, got, want)
			}
		}
	})
}

// sampleSheet is the worksheet XML of a small export as the tests write it.
func sampleSheet(t testing.TB) []byte {
	p := filepath.Join(t.TempDir(), "s.xlsx")
	if err := sample.WriteXLSX(p, sample.Orders(sample.Options{Seed: 1, Orders: 3})); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatal("no sheet1.xml")
	return nil
}
