package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"depositdesk/app"
)

func TestTheOverviewExportsAsFilteredOneFilePerClient(t *testing.T) {
	s := newDeskShell(t, demoDesk(t))
	o := s.overview
	test.Tap(o.tiles[app.Blocked])
	shown := shownShops(o)
	test.Tap(o.exportBtn)
	e := o.export
	dir := t.TempDir()
	e.folder.SetText(dir)
	e.perClient.SetChecked(true)
	test.Tap(e.run)
	if e.err != nil || len(e.written) != len(shown) { // every sample shop has its own client
		t.Fatalf("wrote %v (%v) for %d shops", e.written, e.err, len(shown))
	}
	var got []string
	for _, path := range e.written {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetName(0))
		f.Close()
		if err != nil || len(rows) != 2 || rows[0][0] != "Shop name" || rows[1][4] != "Blocked" {
			t.Fatalf("%s holds %v (%v)", filepath.Base(path), rows, err)
		}
		if !strings.Contains(filepath.Base(path), rows[1][1]) {
			t.Errorf("%s is not named after its client %q", filepath.Base(path), rows[1][1])
		}
		got = append(got, rows[1][0])
	}
	if strings.Join(got, ",") != strings.Join(shown, ",") {
		t.Errorf("exported %v, the table shows %v", got, shown)
	}

	// One CSV file, as filtered and ordered, amounts as numbers.
	test.Tap(o.tiles[app.Blocked])
	test.Tap(o.exportBtn)
	e = o.export
	e.folder.SetText(dir)
	e.format.SetSelected("CSV (.csv)")
	test.Tap(e.run)
	if e.err != nil || len(e.written) != 1 || filepath.Ext(e.written[0]) != ".csv" {
		t.Fatalf("wrote %v (%v)", e.written, e.err)
	}
	b, _ := os.ReadFile(e.written[0])
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(b), "\uFEFF")), "\r\n")
	if len(lines) != len(o.verdicts)+1 || !strings.HasPrefix(lines[0], "Shop name,Client,") {
		t.Errorf("the CSV has %d lines for %d shops: %q", len(lines), len(o.verdicts), lines[0])
	}
	if !strings.Contains(string(b), ",1500.00,USD,") {
		t.Errorf("the CSV does not hold Acme US's refundable 1500.00 USD:\n%s", b)
	}
}

func TestAShopsChecklistExports(t *testing.T) {
	s, _ := openShopPage(t, "曼谷日出 Sunrise TH")
	test.Tap(s.shop.exportBtn)
	e := s.shop.export
	if e.perClient != nil {
		t.Error("a checklist offers one file per client")
	}
	e.folder.SetText(t.TempDir())
	test.Tap(e.run)
	if e.err != nil || len(e.written) != 1 {
		t.Fatalf("wrote %v (%v)", e.written, e.err)
	}
	f, err := excelize.OpenFile(e.written[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Checklist")
	if len(rows) != len(s.shop.verdict.Checks)+1 || rows[0][1] != "Result" {
		t.Fatalf("checklist rows %v", rows)
	}
	for i, c := range s.shop.verdict.Checks {
		if rows[i+1][0] != checkLabel(c.ID) || rows[i+1][1] != checkState(c) {
			t.Errorf("row %d: %v, want %s %s", i+1, rows[i+1], checkLabel(c.ID), checkState(c))
		}
	}
	if !strings.Contains(filepath.Base(e.written[0]), "Sunrise TH") {
		t.Errorf("file name %s", filepath.Base(e.written[0]))
	}
}
