package exports_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"depositdesk/data"
	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

// writeSample writes e into dir under name (.csv: BOM and tab padding, .xlsx).
func writeSample(t testing.TB, dir, name string, e *sample.Export) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := sample.WriteFile(p, e); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeText(t testing.TB, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRead(t testing.TB, path string, opt exports.Options) *exports.Result {
	t.Helper()
	res, err := exports.Read(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return res
}

func sameOrders(t *testing.T, got, want []data.Order) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d orders, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("order %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func messageOf(t *testing.T, err error) *data.Message {
	t.Helper()
	var m *data.Message
	if !errors.As(err, &m) {
		t.Fatalf("want a *data.Message, got %T %v", err, err)
	}
	if m.File == "" {
		t.Fatalf("message names no file: %v", m)
	}
	return m
}

func TestSampleExportsReadBackAsGenerated(t *testing.T) {
	cases := []struct {
		name string
		file string
		opt  sample.Options
		site string
		enc  string
	}{
		{"xlsx with a description row", "All order-2026-10-07-10_33.xlsx", sample.Options{Seed: 1, Orders: 60, Description: true, Site: "TH"}, "TH", ""},
		{"csv with BOM and tab-padded IDs", "All order-2026-10-07-10_33.csv", sample.Options{Seed: 2, Orders: 60, Site: "US"}, "US", "UTF-8 (BOM)"},
		{"csv with a description row", "a.csv", sample.Options{Seed: 3, Orders: 30, Description: true, Site: "VN"}, "VN", "UTF-8 (BOM)"},
		{"xlsx with Excel serial date cells", "serial.xlsx", sample.Options{Seed: 4, Orders: 50, SerialDates: true}, "US", ""},
		{"Chinese headers", "全部 笔订单-2026-10-07-10_33.xlsx", sample.Options{Seed: 5, Orders: 40, Chinese: true, Site: "MY"}, "MY", ""},
		{"shuffled columns with extra columns", "shuffled.csv", sample.Options{Seed: 6, Orders: 40, Shuffle: true, Dates: sample.DatesISO}, "UK", "UTF-8 (BOM)"},
		{"ISO dates in xlsx", "iso.xlsx", sample.Options{Seed: 7, Orders: 40, Dates: sample.DatesISO, Shuffle: true}, "ID", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := sample.Orders(c.opt)
			res := mustRead(t, writeSample(t, t.TempDir(), c.file, e), exports.Options{Site: c.site})
			if res.Kind != data.KindOrders || res.Rows != e.Rows || res.Encoding != c.enc {
				t.Fatalf("kind %q rows %d (want %d) encoding %q", res.Kind, res.Rows, e.Rows, res.Encoding)
			}
			sameOrders(t, res.Orders, e.Orders)
			if len(res.Warnings) != 0 {
				t.Fatalf("unexpected warnings: %v", res.Warnings)
			}
			var newest data.Stamp
			for _, o := range e.Orders {
				newest = max(newest, o.Created, o.Paid, o.Shipped, o.Delivered, o.Cancelled)
			}
			if res.Newest != newest {
				t.Fatalf("newest %v, want %v", res.Newest, newest)
			}
		})
	}
}

func TestMultiSKUOrdersAreAggregatedWithoutSummingTheirAmounts(t *testing.T) {
	p := writeText(t, "o.csv", "Order ID,Order Status,Order Substatus,Created Time,Order Amount,Order Refund Amount,Sku Quantity of return\n"+
		"583870900000000001\t,Completed,Completed,2026-10-01 10:00:00,\"$1,234.50\",12.00,1\n"+
		"583870900000000001\t,Completed,Completed,2026-10-01 10:00:00,\"$1,234.50\",12.00,2\n"+
		"583870900000000001\t,Completed,Completed,2026-10-01 10:00:00,\"$1,234.50\",12.00,\n"+
		"583870900000000002,Shipped,Delivered,2026-10-02 11:00:00,9.99,0,0\n")
	res := mustRead(t, p, exports.Options{})
	if len(res.Orders) != 2 || res.Rows != 4 {
		t.Fatalf("orders %d rows %d", len(res.Orders), res.Rows)
	}
	o := res.Orders[0]
	if o.ID != "583870900000000001" || o.Lines != 3 || o.Amount != 123450 || o.RefundAmount != 1200 || o.ReturnQty != 3 || o.Class != data.Completed {
		t.Fatalf("aggregated order: %+v", o)
	}
	if res.Orders[1].Class != data.Delivered {
		t.Fatalf("second order class %q", res.Orders[1].Class)
	}
}

func TestDayMonthOrderIsDecidedByTheData(t *testing.T) {
	header := "Order ID,Order Status,Order Substatus,Created Time\n"
	cases := []struct {
		name     string
		rows     string
		site     string
		dayFirst bool
		created  string // of the first order
		warned   bool
	}{
		{"a first field above 12 settles day first even for a US shop", "1,Completed,,05/03/2026 10:00:00\n2,Completed,,25/03/2026 10:00:00\n", "US", true, "2026-03-05 10:00:00", false},
		{"a second field above 12 settles month first even for a Thai shop", "1,Completed,,05/03/2026 1:00:00 PM\n2,Completed,,03/25/2026 10:00:00 AM\n", "TH", false, "2026-05-03 13:00:00", false},
		{"the site decides when no date does: US month first", "1,Completed,,05/03/2026 10:00:00\n", "US", false, "2026-05-03 10:00:00", true},
		{"the site decides when no date does: elsewhere day first", "1,Completed,,05/03/2026 10:00:00\n", "VN", true, "2026-03-05 10:00:00", true},
		{"year-first dates need no decision", "1,Completed,,2026/03/05\n", "US", false, "2026-03-05 00:00:00", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustRead(t, writeText(t, "d.csv", header+c.rows), exports.Options{Site: c.site})
			if res.DayFirst != c.dayFirst {
				t.Fatalf("DayFirst %v", res.DayFirst)
			}
			if got := res.Orders[0].Created.String(); got != c.created {
				t.Fatalf("created %s, want %s", got, c.created)
			}
			if warned := len(res.Warnings) == 1 && strings.Contains(res.Warnings[0].Text, "site"); warned != c.warned {
				t.Fatalf("warnings %v", res.Warnings)
			}
		})
	}
}

func TestSEAAndUSSampleDatesAreReadWhateverTheSite(t *testing.T) {
	for _, layout := range []sample.DateLayout{sample.DatesSEA, sample.DatesUS} {
		for _, site := range []string{"US", "TH"} {
			e := sample.Orders(sample.Options{Seed: 9, Orders: 200, Dates: layout})
			res := mustRead(t, writeSample(t, t.TempDir(), "o.csv", e), exports.Options{Site: site})
			if res.DayFirst != (layout == sample.DatesSEA) {
				t.Fatalf("layout %d site %s: DayFirst %v", layout, site, res.DayFirst)
			}
			sameOrders(t, res.Orders, e.Orders)
		}
	}
}

func TestUSReturnsWithDayFirstRequestTimesAreReadDayFirst(t *testing.T) {
	// A US returns export: Time Requested day first with AM/PM, while the
	// same shop's orders export is month first.
	returns := "Return Order ID,Order ID,Return Type,Return Status,Return Sub Status,Time Requested,Refund Time\n" +
		"4001,5001,Refund only,Completed,,25/09/2026 10:00:00 AM,03/10/2026 11:15:00 AM\n" +
		"4002,5002,Return and refund,To Process,,04/10/2026 2:30:00 PM,\n"
	res := mustRead(t, writeText(t, "Return_Refund_Orders.csv", returns), exports.Options{Site: "US"})
	want := map[string][2]string{
		"4001": {"2026-09-25 10:00:00", "2026-10-03 11:15:00"}, // Refund Time follows the file's other date column
		"4002": {"2026-10-04 14:30:00", ""},
	}
	for _, c := range res.Cases {
		got := [2]string{c.Requested.String(), ""}
		if c.Refunded != 0 {
			got[1] = c.Refunded.String()
		}
		if got != want[c.ID] {
			t.Errorf("case %s: requested, refunded %v, want %v", c.ID, got, want[c.ID])
		}
	}
	if res.DataOrder != exports.OrderDayFirst || res.SiteDecided || len(res.Warnings) != 0 {
		t.Fatalf("order %v, site decided %v, warnings %v", res.DataOrder, res.SiteDecided, res.Warnings)
	}

	orders := "Order ID,Order Status,Order Substatus,Created Time,Paid Time\n" +
		"5001,Completed,Completed,09/14/2026 9:05:00 PM,09/14/2026 9:06:00 PM\n"
	o := mustRead(t, writeText(t, "All order-2026-10-07-10_33.csv", orders), exports.Options{Site: "US"})
	if got := o.Orders[0].Created.String(); got != "2026-09-14 21:05:00" || o.DataOrder != exports.OrderMonthFirst {
		t.Fatalf("US orders: created %s, order %v", got, o.DataOrder)
	}
}

func TestEachDateColumnKeepsItsOwnDayMonthOrder(t *testing.T) {
	// Created month first, Delivered day first; Paid shows neither, and the
	// other columns disagree, so the site decides it and says so.
	text := "Order ID,Order Status,Order Substatus,Created Time,Paid Time,Delivered Time\n" +
		"1,Completed,Completed,09/14/2026 10:00:00,05/03/2026 10:00:00,20/09/2026 10:00:00\n" +
		"2,Completed,Completed,09/01/2026 10:00:00,,02/09/2026 10:00:00\n"
	for _, c := range []struct {
		site, paid string
	}{{"US", "2026-05-03 10:00:00"}, {"TH", "2026-03-05 10:00:00"}} {
		res := mustRead(t, writeText(t, "mixed.csv", text), exports.Options{Site: c.site})
		o1, o2 := res.Orders[0], res.Orders[1]
		if o1.Created.String() != "2026-09-14 10:00:00" || o1.Delivered.String() != "2026-09-20 10:00:00" ||
			o2.Created.String() != "2026-09-01 10:00:00" || o2.Delivered.String() != "2026-09-02 10:00:00" {
			t.Fatalf("site %s: %+v %+v", c.site, o1, o2)
		}
		if o1.Paid.String() != c.paid {
			t.Errorf("site %s: paid %s, want %s", c.site, o1.Paid, c.paid)
		}
		if res.DataOrder != exports.OrderMixed || !res.SiteDecided || len(res.Warnings) != 1 || res.Warnings[0].Column != "Paid Time" {
			t.Fatalf("site %s: order %v, site decided %v, warnings %v", c.site, res.DataOrder, res.SiteDecided, res.Warnings)
		}
	}
}

func TestConflictingDayMonthOrdersAreAnErrorNamingARowOfEach(t *testing.T) {
	p := writeText(t, "c.csv", "Order ID,Order Status,Created Time\n1,Completed,25/03/2026 10:00:00\n2,Completed,01/01/2026 10:00:00\n3,Completed,03/25/2026 10:00:00\n")
	_, err := exports.Read(context.Background(), p, exports.Options{})
	m := messageOf(t, err)
	if m.Args["DayRow"] != 2 || m.Args["MonthRow"] != 4 || m.Column != "Created Time" {
		t.Fatalf("message %v", m)
	}
}

func TestReturnsExportGivesOpenAndClosedCases(t *testing.T) {
	e := sample.Returns(sample.Options{Seed: 3, Orders: 80, Description: true, Site: "TH"})
	res := mustRead(t, writeSample(t, t.TempDir(), "returns.xlsx", e), exports.Options{Site: "TH"})
	if res.Kind != data.KindReturns || len(res.Cases) != len(e.Cases) {
		t.Fatalf("kind %q cases %d", res.Kind, len(res.Cases))
	}
	open := 0
	for i, c := range res.Cases {
		if !reflect.DeepEqual(c, e.Cases[i]) {
			t.Fatalf("case %d:\n got %+v\nwant %+v", i, c, e.Cases[i])
		}
		if c.Open {
			open++
		}
	}
	if open == 0 || open == len(res.Cases) {
		t.Fatalf("want a mix of open and closed cases, got %d open of %d", open, len(res.Cases))
	}
}

func TestUnknownReturnStatusCountsAsOpenWithAWarning(t *testing.T) {
	p := writeText(t, "r.csv", "Return Order ID,Order ID,Return Status,Time Requested\n"+
		"577100000000000001,576400000000000001,Completed,2026-09-01 10:00:00\n"+
		"577100000000000002,576400000000000002,Awaiting arbitration,2026-09-01 10:00:00\n"+
		"577100000000000003,576400000000000003,Refund rejected,2026-09-01 10:00:00\n"+
		"577100000000000004,576400000000000004,In process,2026-09-01 10:00:00\n")
	res := mustRead(t, p, exports.Options{})
	want := []bool{false, true, false, true}
	for i, c := range res.Cases {
		if c.Open != want[i] {
			t.Fatalf("case %s open %v", c.ID, c.Open)
		}
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Row != 3 || res.Warnings[0].Args["Value"] != "Awaiting arbitration" ||
		res.Warnings[0].Column != "Return Status" {
		t.Fatalf("warnings %v", res.Warnings)
	}
	if len(res.Unknown) != 1 || res.Unknown[0] != (exports.UnknownValue{Value: "Awaiting arbitration", Column: "Return Status", Case: true, Count: 1, Row: 3}) {
		t.Fatalf("unknown values %+v", res.Unknown)
	}
}

func TestCSVEncodingsAreDetectedAndNamed(t *testing.T) {
	zh := "订单号,订单状态,订单子状态,创建时间,商品名称\n576400000000000001,已发货,已送达,2026-10-01 10:00:00,保温杯\n576400000000000002,已取消,,2026-10-02 10:00:00,耳机\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().String(zh)
	if err != nil {
		t.Fatal(err)
	}
	tab := strings.ReplaceAll(zh, ",", "\t")
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(tab)
	if err != nil {
		t.Fatal(err)
	}
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(zh)
	cases := []struct{ name, text, enc string }{
		{"plain UTF-8", zh, "UTF-8"},
		{"UTF-8 with BOM and CRLF", "\uFEFF" + strings.ReplaceAll(zh, "\n", "\r\n"), "UTF-8 (BOM)"},
		{"GB18030", gb, "GB18030"},
		{"UTF-16LE tab-separated with BOM", u16, "UTF-16LE"},
		{"UTF-16BE with BOM", u16be, "UTF-16BE"},
		{"semicolon-separated", strings.ReplaceAll(zh, ",", ";"), "UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := mustRead(t, writeText(t, "zh.csv", c.text), exports.Options{})
			if res.Encoding != c.enc {
				t.Fatalf("encoding %q, want %q", res.Encoding, c.enc)
			}
			if len(res.Orders) != 2 || res.Orders[0].Class != data.Delivered || res.Orders[1].Class != data.Cancelled || res.Orders[0].Created.String() != "2026-10-01 10:00:00" {
				t.Fatalf("orders %+v", res.Orders)
			}
		})
	}
}

func TestFilesThatAreNotExportsGetAMessageNamingThem(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	protected := filepath.Join(dir, "protected.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Order ID")
	if err := f.SaveAs(protected, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 600)...)
	latin1 := []byte("Order ID,Order Status,Created Time\n1,Compl\xe9t\xe9,2026-10-01\n\xff\xfe\xfd\xfc\xe9\xe9 \xe9\n")
	cases := []struct{ name, path, want string }{
		{"a pdf", write("report.pdf", []byte("%PDF-1.4 \x00\x01\x02")), "not an xlsx or csv"},
		{"a corrupt xlsx", write("broken.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{7}, 300)...)), "not a readable xlsx"},
		{"a text file named xlsx", write("renamed.xlsx", []byte("Order ID,Order Status\n")), "not a readable xlsx"},
		{"an old xls workbook", write("old.xls", ole), "Excel 97–2003"},
		{"a password-protected xlsx", protected, "password-protected"},
		{"a csv in no known encoding", write("latin.csv", latin1), "no text encoding"},
		{"an empty csv", write("empty.csv", nil), "empty"},
		{"a csv of something else", write("other.csv", []byte("Name,Age\nA,3\n")), "No header row"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := exports.Read(context.Background(), c.path, exports.Options{})
			m := messageOf(t, err)
			if m.File != filepath.Base(c.path) || !strings.Contains(m.Error(), c.want) {
				t.Fatalf("message %q", m.Error())
			}
		})
	}
}

func TestContentErrorsNameTheirPlace(t *testing.T) {
	cases := []struct {
		name, text string
		row        int
		column     string
		want       string
	}{
		{"a missing required column lists the columns found",
			"Order ID,Order Status,Paid Time\n1,Completed,\n", 1, "", "no Created Time column, which a orders export needs. Columns found: Order ID, Order Status, Paid Time"},
		{"a returns export without Return Status",
			"Return Order ID,Order ID,Return Type\n1,2,Refund only\n", 1, "", "no Return Status column"},
		{"IDs in scientific notation name their rows",
			"Order ID,Order Status,Created Time\n5.8387E+17,Completed,2026-10-01\n5.8387E+17,Completed,2026-10-01\n583870900000000003,Completed,2026-10-01\n5.83871E+17,Completed,2026-10-01\n", 2, "Order ID", "3 IDs are numbers in scientific notation, such as 5.8387E+17 (rows 2, 3, 5)"},
		{"another non-digit ID names row and column",
			"Order ID,Order Status,Created Time\n583870900000000001,Completed,2026-10-01\nTOTAL,Completed,2026-10-01\n", 3, "Order ID", "TOTAL is not an ID"},
		{"a date in no known form names row and column",
			"Order ID,Order Status,Created Time,Paid Time\n1,Completed,2026-10-01,2026-10-01\n2,Completed,2026-10-01,yesterday\n", 3, "Paid Time", "yesterday is not a date"},
		{"an impossible date is not a date",
			"Order ID,Order Status,Created Time\n1,Completed,31/02/2026 10:00:00\n", 2, "Created Time", "31/02/2026 10:00:00 is not a date"},
		{"a bad date on the second line of an order",
			linesHeader + "1,Completed,,2026-10-01 10:00:00,2026-10-01 10:05:00,,5,0\n1,Completed,,2026-10-01 10:00:00,not yet,,5,0\n", 3, "Paid Time", "not yet is not a date"},
		{"a bad date on the third line of an order whose first line had none",
			linesHeader + "1,Completed,,2026-10-01 10:00:00,,,5,0\n1,Completed,,2026-10-01 10:00:00,,,5,0\n1,Completed,,2026-10-01 10:00:00,,32/10/2026,5,0\n", 4, "Delivered Time", "32/10/2026 is not a date"},
		{"a bad date on the second line of an after-sales case",
			"Return Order ID,Order ID,Return Status,Time Requested\n577100000000000001,576400000000000001,Completed,2026-09-01 10:00:00\n577100000000000001,576400000000000001,Completed,2026-13-01 10:00:00\n", 3, "Time Requested", "2026-13-01 10:00:00 is not a date"},
		{"a later line of an order that contradicts its column's day/month order",
			linesHeader + "1,Completed,,,25/03/2026 10:00:00,,5,0\n2,Completed,,,01/01/2026 10:00:00,,5,0\n2,Completed,,,03/25/2026 10:00:00,,5,0\n", 4, "Paid Time", "disagree on the order of day and month"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := exports.Read(context.Background(), writeText(t, "e.csv", c.text), exports.Options{Name: "My export.csv"})
			m := messageOf(t, err)
			if m.File != "My export.csv" || m.Row != c.row || m.Column != c.column || !strings.Contains(m.Message(), c.want) {
				t.Fatalf("got %q (row %d, column %q)", m.Error(), m.Row, m.Column)
			}
		})
	}
}

func TestUnknownStatusesAreUnknownWithOneWarningPerStatus(t *testing.T) {
	var b strings.Builder
	b.WriteString("Order ID,Order Status,Order Substatus,Created Time\n")
	for i := 0; i < 40; i++ {
		status := "Completed,Completed"
		if i%4 == 1 {
			status = "Awaiting review,"
		}
		b.WriteString("58387090000000" + string(rune('1'+i%9)) + string(rune('0'+i/9)) + "00," + status + ",2026-10-01 10:00:00\n")
	}
	res := mustRead(t, writeText(t, "u.csv", b.String()), exports.Options{})
	unknown := 0
	for _, o := range res.Orders {
		if o.Class == data.Unknown {
			unknown++
		}
	}
	if unknown != 10 || len(res.Warnings) != 1 {
		t.Fatalf("unknown %d, warnings %v", unknown, res.Warnings)
	}
	w := res.Warnings[0]
	if w.Row != 3 || w.Args["Count"] != 10 || w.Args["Rows"].(data.Parts).String() != "rows 3, 7, 11, 15, 19, …" || w.Column != "Order Status" {
		t.Fatalf("warning %v %v", w.Error(), w.Args)
	}
}

func TestCancellationStopsTheReadMidFile(t *testing.T) {
	e := sample.Orders(sample.Options{Seed: 1, Rows: 10000})
	p := writeSample(t, t.TempDir(), "big.csv", e)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := exports.Read(ctx, p, exports.Options{Progress: func(rows int) {
		calls++
		if rows >= 4000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || calls != 2 {
		t.Fatalf("err %v after %d progress calls", err, calls)
	}
}

func TestTimeFromFileName(t *testing.T) {
	cases := []struct {
		name string
		want string
	}{
		{"All order-2026-10-07-10_33.xlsx", "2026-10-07 10:33:00"},
		{"All order-2026-10-07-10_33(1).xlsx", "2026-10-07 10:33:00"},
		{"/home/a/Downloads/To Ship order-2026-01-31-23_59.csv", "2026-01-31 23:59:00"},
		{"全部 笔订单-2026-10-07-10_33.xlsx", "2026-10-07 10:33:00"},
		{"All order-2026-10-07-17:01.csv", "2026-10-07 17:01:00"},
		{"全部 订单-2025-07-08-21_50.xlsx", "2025-07-08 21:50:00"},
		{"全部 笔订单-2026-11-18-14_20(2).csv", "2026-11-18 14:20:00"},
		{"ทั้งหมด คำสั่งซื้อ-2026-10-07-10_33.xlsx", "2026-10-07 10:33:00"},
		{"ที่จะจัดส่ง คำสั่งซื้อ-2026-10-07-08_05.csv", "2026-10-07 08:05:00"},
		{"คำสั่งซื้อที่ส่งคืน_คืนเงิน-2026-10-07-10_40.xlsx", "2026-10-07 10:40:00"},
		{"ทั้งหมด คำสั่งซื้อ-2569-10-07-10_33.xlsx", "2026-10-07 10:33:00"},
		{"Return_Refund_Orders_2026-09-25_10_00.xlsx", "2026-09-25 10:00:00"},
		{"All order-2026-10-07-16:36.xlsx", "2026-10-07 16:36:00"},
		{"All order-2026-10-07-16：36.xlsx", "2026-10-07 16:36:00"},
		{"All order-2026-10-07-16꞉36.xlsx", "2026-10-07 16:36:00"},
		{"All order-2026-10-07-16-36.xlsx", "2026-10-07 16:36:00"},
		{"All order-2026-10-07-16:36:05.xlsx", "2026-10-07 16:36:05"},
		{"All order-2026-10-07-24_10.xlsx", ""},
		{"orders.xlsx", ""},
		{"All order-2026-13-07-10_33.xlsx", ""},
	}
	for _, c := range cases {
		st, ok := exports.TimeFromFileName(c.name)
		if ok != (c.want != "") || st.String() != c.want {
			t.Errorf("%s: got %q %v, want %q", c.name, st, ok, c.want)
		}
	}
	res := mustRead(t, writeSample(t, t.TempDir(), "All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Orders: 2})), exports.Options{})
	if res.FileTime.String() != "2026-10-07 10:33:00" {
		t.Fatalf("FileTime %v", res.FileTime)
	}
}
