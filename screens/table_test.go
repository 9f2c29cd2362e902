package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fruitTable is a sortTable over a few names and counts.
func fruitTable(t *testing.T) (*sortTable, []string) {
	test.NewTempApp(t)
	names := []string{"pear", "apple", "fig", "banana"}
	counts := []int{3, 9, 1, 4}
	tb := newSortTable([]tableColumn{
		{title: "Name", width: 100, less: func(a, b int) bool { return names[a] < names[b] }},
		{title: "Count", width: 60, less: func(a, b int) bool { return counts[a] < counts[b] }},
		{title: "Note", width: 80},
	}, func(row, col int) tableCell {
		switch col {
		case 0:
			return tableCell{text: names[row]}
		case 1:
			return tableCell{text: strings.Repeat("*", counts[row])}
		}
		return tableCell{status: "ready"}
	})
	tb.SetRows(seq(len(names)))
	w := test.NewWindow(tb)
	w.Resize(fyne.NewSize(400, 300))
	t.Cleanup(w.Close)
	return tb, names
}

func shownNames(tb *sortTable, names []string) string {
	var out []string
	for _, r := range tb.Rows() {
		out = append(out, names[r])
	}
	return strings.Join(out, ",")
}

func TestSortTableSortsByAHeaderAndReversesOnTheSecondClick(t *testing.T) {
	tb, names := fruitTable(t)
	tb.onHeaderTapped(0)
	if got := shownNames(tb, names); got != "apple,banana,fig,pear" {
		t.Errorf("by name: %s", got)
	}
	tb.onHeaderTapped(0)
	if got := shownNames(tb, names); got != "pear,fig,banana,apple" {
		t.Errorf("by name, reversed: %s", got)
	}
	tb.onHeaderTapped(1)
	if got := shownNames(tb, names); got != "fig,pear,banana,apple" {
		t.Errorf("by count: %s", got)
	}
	tb.onHeaderTapped(2) // a column that does not sort changes nothing
	if got := shownNames(tb, names); got != "fig,pear,banana,apple" {
		t.Errorf("after the note header: %s", got)
	}
	tb.SetRows([]int{0, 1}) // new rows keep the order
	if got := shownNames(tb, names); got != "pear,apple" {
		t.Errorf("filtered rows: %s", got)
	}
}

func TestSortTableKeysMoveTheSelectionAndEnterActivates(t *testing.T) {
	tb, names := fruitTable(t)
	var opened []string
	tb.OnActivate = func(row int) { opened = append(opened, names[row]) }
	cell := newCellView(tb)
	cell.row = 1
	test.Tap(cell)
	if tb.Selected() != 1 {
		t.Fatalf("a click selects row %d", tb.Selected())
	}
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyDown, fyne.KeyUp} {
		tb.TypedKey(&fyne.KeyEvent{Name: k})
	}
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	tb.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if strings.Join(opened, ",") != "fig,pear" {
		t.Errorf("Enter opened %v", opened)
	}
	tb.onHeaderTapped(0)
	if tb.Selected() != 0 || names[tb.Selected()] != "pear" {
		t.Errorf("sorting lost the selection: %d", tb.Selected())
	}
}

func TestCellTextIsCutToItsColumn(t *testing.T) {
	test.NewTempApp(t)
	long := strings.Repeat("blocker ", 20)
	got := cutToWidth(long, 120, 14, fyne.TextStyle{})
	if !strings.HasSuffix(got, "…") || len(got) >= len(long) {
		t.Errorf("cut to %q", got)
	}
	if w := fyne.MeasureText(got, 14, fyne.TextStyle{}).Width; w > 120 {
		t.Errorf("cut text is %v wide", w)
	}
	if cutToWidth("fits", 120, 14, fyne.TextStyle{}) != "fits" {
		t.Error("a short text is cut")
	}
}
