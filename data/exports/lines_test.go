package exports_test

import (
	"context"
	"strings"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports"
)

const linesHeader = "Order ID,Order Status,Order Substatus,Created Time,Paid Time,Delivered Time,Order Amount,Order Refund Amount\n"

func TestLinesOfOneOrderThatDisagreeAreAWarningNamingTheRows(t *testing.T) {
	p := writeText(t, "lines.csv", linesHeader+
		"1,Completed,Completed,2026-10-01 10:00:00,2026-10-01 10:05:00,2026-10-05 09:00:00,5.00,0\n"+ // row 2
		"1,Completed,Completed,2026-10-01 10:00:00,2026-10-01 10:05:00,2026-10-05 09:00:00,5.00,0\n"+ // row 3: agrees
		"2,Shipped,In transit,2026-10-02 10:00:00,,,7.00,0\n"+ // row 4
		"1,Cancelled,Completed,2026-10-01 10:00:00,2026-10-01 10:05:00,2026-10-06 09:00:00,5.00,0\n"+ // row 5: status, delivered
		"2,Shipped,Delivered,2026-10-02 10:00:00,,,7.50,0\n"+ // row 6: substatus, amount
		"2,Shipped,In transit,2026-10-02 10:00:00,2026-10-02 10:01:00,,7.00,0\n") // row 7: paid where the first line had none
	res := mustRead(t, p, exports.Options{})
	got := map[string]data.Message{}
	for _, w := range res.Warnings {
		if strings.Contains(w.Text, "disagree with the first line") {
			got[w.Column] = w
		}
	}
	want := map[string]struct {
		order string
		first int
		rows  string
	}{
		"Order Status":    {"1", 2, "row 5"},
		"Delivered Time":  {"1", 2, "row 5"},
		"Order Substatus": {"2", 4, "row 6"},
		"Order Amount":    {"2", 4, "row 6"},
		"Paid Time":       {"2", 4, "row 7"},
	}
	if len(got) != len(want) {
		t.Errorf("warnings: %v", res.Warnings)
	}
	for col, w := range want {
		m, ok := got[col]
		if !ok {
			t.Errorf("no warning about %s: %v", col, res.Warnings)
			continue
		}
		text := m.Message()
		if m.Args["Order"] != w.order || m.Args["FirstRow"] != w.first || !strings.Contains(text, "("+w.rows+")") {
			t.Errorf("%s: %q (args %v), want order %s, first row %d, rows %s", col, text, m.Args, w.order, w.first, w.rows)
		}
	}
	o1, o2 := res.Orders[0], res.Orders[1]
	if o1.Status != "Completed" || o1.Delivered.String() != "2026-10-05 09:00:00" || o1.Lines != 3 {
		t.Errorf("order 1 keeps its first line: %+v", o1)
	}
	if o2.Substatus != "In transit" || o2.Amount != 700 || o2.Paid.String() != "2026-10-02 10:01:00" {
		t.Errorf("order 2 keeps its first line and fills what it lacked: %+v", o2)
	}
}

func TestLinesWrittenAlikeAgreeWhateverTheDayMonthOrderTurnsOutToBe(t *testing.T) {
	// Row 2 leaves 03/04 undecided; row 3 decides day first; row 4 repeats row 2's dates.
	p := writeText(t, "lines.csv", linesHeader+
		"1,Completed,,03/04/2026 10:00:00,,,5,0\n"+
		"2,Completed,,25/04/2026 10:00:00,,,5,0\n"+
		"1,Completed,,03/04/2026 10:00:00,,,5,0\n")
	res := mustRead(t, p, exports.Options{Site: "US"})
	for _, w := range res.Warnings {
		t.Errorf("unexpected warning: %s", w.Error())
	}
	if got := res.Orders[0].Created.String(); got != "2026-04-03 10:00:00" {
		t.Errorf("created %s", got)
	}
}

func TestRowsAndIDsAreCountedInTheirOwnNumber(t *testing.T) {
	one := "Order ID,Order Status,Created Time\n5.8387E+17,Completed,2026-10-01\n583870900000000003,Completed,2026-10-01\n"
	_, err := exports.Read(context.Background(), writeText(t, "one.csv", one), exports.Options{})
	if got := messageOf(t, err).Message(); !strings.HasPrefix(got, "An ID is a number in scientific notation, 5.8387E+17 (row 2): its last digits were lost") {
		t.Errorf("one ID: %q", got)
	}
	res := mustRead(t, writeText(t, "w.csv", "Order ID,Order Status,Created Time,Order Amount\n1,Completed,2026-10-01,lots\n2,Completed,2026-10-01,5\n3,Completed,2026-10-01,many\n4,Completed,2026-10-01,much\n"), exports.Options{})
	if len(res.Warnings) != 1 || !strings.HasSuffix(res.Warnings[0].Message(), "(rows 2, 4, 5)") {
		t.Fatalf("warnings: %v", res.Warnings)
	}
	res = mustRead(t, writeText(t, "w.csv", "Order ID,Order Status,Created Time,Order Amount\n1,Completed,2026-10-01,5\n2,Completed,2026-10-01,lots\n"), exports.Options{})
	if len(res.Warnings) != 1 || !strings.HasSuffix(res.Warnings[0].Message(), "(row 3)") {
		t.Fatalf("warnings: %v", res.Warnings)
	}
}

func TestEveryLineOfAnOrderWithAnAmountThatIsNotANumberIsCounted(t *testing.T) {
	res := mustRead(t, writeText(t, "w.csv", linesHeader+
		"1,Completed,,2026-10-01 10:00:00,,,lots,0\n1,Completed,,2026-10-01 10:00:00,,,lots,0\n1,Completed,,2026-10-01 10:00:00,,,lots,0\n"), exports.Options{})
	if len(res.Warnings) != 1 || res.Warnings[0].Args["Count"] != 3 || !strings.HasSuffix(res.Warnings[0].Message(), "(rows 2, 3, 4)") {
		t.Fatalf("warnings: %v", res.Warnings)
	}
}
