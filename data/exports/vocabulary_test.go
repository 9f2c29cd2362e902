package exports_test

import (
	"fmt"
	"strings"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

// every class, so each language's every word is read
var everyClass = map[data.StatusClass]int{
	data.Unpaid: 1, data.OnHold: 1, data.ToShip: 1, data.InTransit: 1, data.Delivered: 1, data.Completed: 3, data.Cancelled: 2,
}

func TestExportsInEveryLanguageOfDOMAINAreReadWithoutUnknownStatuses(t *testing.T) {
	dir := t.TempDir()
	for _, lang := range sample.Languages {
		for _, ext := range []string{"csv", "xlsx"} {
			t.Run(lang+"."+ext, func(t *testing.T) {
				e := sample.Orders(sample.Options{Seed: 21, Orders: 60, Site: "TH", Mix: everyClass})
				sample.Localize(e, lang)
				p := writeSample(t, dir, fmt.Sprintf("All order-%s-2026-10-07-10_33.%s", lang, ext), e)
				res := mustRead(t, p, exports.Options{})
				if len(res.Unknown) != 0 {
					t.Fatalf("unknown values %+v", res.Unknown)
				}
				for i, o := range res.Orders {
					if o.Class != e.Orders[i].Class || o.Status != e.Orders[i].Status {
						t.Fatalf("order %s: %q / %q read as %s, written as %s", o.ID, o.Status, o.Substatus, o.Class, e.Orders[i].Class)
					}
				}
			})
		}
	}
}

func TestACaseIsOpenWhileAnyStatusColumnHoldsAValueNotKnownFinal(t *testing.T) {
	v := exports.NewVocabulary([]data.StatusMapping{{Value: "Paid out", Class: data.CaseFinal}, {Value: "Under review", Class: data.CaseOpen}})
	cases := []struct {
		name    string
		values  data.CaseValues
		open    bool
		unknown string // "column=value, …"
	}{
		{"completed, nothing else", data.CaseValues{Status: "Completed", Substatus: "Refunded"}, false, ""},
		{"return status open", data.CaseValues{Status: "To Process", Substatus: "Awaiting seller response"}, true, ""},
		{"return status unknown", data.CaseValues{Status: "Escalated"}, true, "Return Status=Escalated"},
		{"empty return status", data.CaseValues{}, true, "Return Status="},
		{"final but a dispute is pending", data.CaseValues{Status: "Completed", Dispute: "Pending"}, true, ""},
		{"final but an appeal value is unknown", data.CaseValues{Status: "Cancelled", Appeal: "Appeal submitted"}, true, "Appeal Status=Appeal submitted"},
		{"final, sub status unknown", data.CaseValues{Status: "Completed", Substatus: "Buyer gave up"}, true, "Return Sub Status=Buyer gave up"},
		{"final, dashes are empty", data.CaseValues{Status: "Refund rejected", Dispute: "-", Appeal: "/", Compensation: " "}, false, ""},
		{"request canceled is final", data.CaseValues{Status: "Canceled", Substatus: "Request Canceled"}, false, ""},
		{"a taught final value closes it", data.CaseValues{Status: "Completed", Compensation: "paid  OUT"}, false, ""},
		{"a taught open value keeps it open", data.CaseValues{Status: "Completed", Dispute: "Under review"}, true, ""},
		{"Thai and Chinese final words", data.CaseValues{Status: "เสร็จสมบูรณ์", Substatus: "已完成"}, false, ""},
	}
	for _, c := range cases {
		open, unknown := v.CaseOpen(c.values)
		var got []string
		for _, u := range unknown {
			got = append(got, string(u.Column)+"="+u.Value)
		}
		if open != c.open || strings.Join(got, ", ") != c.unknown {
			t.Errorf("%s: open %v unknown %q, want %v %q", c.name, open, strings.Join(got, ", "), c.open, c.unknown)
		}
	}
}

func TestUnknownCaseValuesAreReportedWithTheirRowsAndColumns(t *testing.T) {
	p := writeText(t, "Return order-2026-10-07-10_33.csv", "Return Order ID,Order ID,Return Status,Return Sub Status,Dispute Status,Appeal Status,Compensation Status\n"+
		"577100000000000001,576400000000000001,Completed,Refunded,,,\n"+
		"577100000000000002,576400000000000002,Completed,Refunded,,,Compensation granted\n"+
		"577100000000000003,576400000000000003,Completed,Refunded,,,Compensation granted\n"+
		"577100000000000004,576400000000000004,Refund rejected,Rejected by seller,Seller appealed,,\n")
	res := mustRead(t, p, exports.Options{})
	want := []bool{false, true, true, true}
	for i, c := range res.Cases {
		if c.Open != want[i] {
			t.Errorf("case %s open %v, want %v", c.ID, c.Open, want[i])
		}
	}
	if res.Cases[1].Compensation != "Compensation granted" || res.Cases[3].Dispute != "Seller appealed" {
		t.Errorf("raw values not kept: %+v", res.Cases)
	}
	wantUnknown := []exports.UnknownValue{
		{Value: "Compensation granted", Column: "Compensation Status", Case: true, Count: 2, Row: 3},
		{Value: "Seller appealed", Column: "Dispute Status", Case: true, Count: 1, Row: 5},
	}
	if fmt.Sprint(res.Unknown) != fmt.Sprint(wantUnknown) {
		t.Errorf("unknown %+v, want %+v", res.Unknown, wantUnknown)
	}
	if len(res.Warnings) != 2 || res.Warnings[0].Args["Rows"].(data.Parts).String() != "rows 3, 4" || res.Warnings[0].Column != "Compensation Status" {
		t.Errorf("warnings %+v", res.Warnings)
	}
	// Mapped, the same file reads closed and warns of nothing.
	v := exports.NewVocabulary([]data.StatusMapping{{Value: "compensation granted", Class: data.CaseFinal}, {Value: "Seller appealed", Class: data.CaseFinal}})
	res = mustRead(t, p, exports.Options{Vocabulary: v})
	for _, c := range res.Cases {
		if c.Open {
			t.Errorf("case %s still open once its values are mapped final", c.ID)
		}
	}
	if len(res.Unknown) != 0 || len(res.Warnings) != 0 {
		t.Errorf("mapped values still reported: %+v %+v", res.Unknown, res.Warnings)
	}
}

func TestATaughtOrderValueIsReadAsItsClass(t *testing.T) {
	p := writeText(t, "All order-2026-10-07-10_33.csv", "Order ID,Order Status,Order Substatus,Created Time\n"+
		"576400000000000001,รอการยืนยัน,,2026-10-01 10:00:00\n"+
		"576400000000000002,Shipped,Out for delivery,2026-10-01 10:00:00\n"+
		"576400000000000003,Completed,,2026-10-01 10:00:00\n")
	res := mustRead(t, p, exports.Options{})
	if res.Orders[0].Class != data.Unknown || res.Orders[1].Class != data.Unknown || len(res.Unknown) != 2 ||
		res.Unknown[0].Column != "Order Status" || res.Unknown[1].Value != "Out for delivery" || res.Unknown[1].Column != "Order Substatus" {
		t.Fatalf("before mapping: %+v, unknown %+v", res.Orders, res.Unknown)
	}
	v := exports.NewVocabulary([]data.StatusMapping{{Value: "รอการยืนยัน", Class: string(data.Unpaid)}, {Value: "out for delivery", Class: string(data.InTransit)}})
	res = mustRead(t, p, exports.Options{Vocabulary: v})
	if res.Orders[0].Class != data.Unpaid || res.Orders[1].Class != data.InTransit || len(res.Unknown) != 0 {
		t.Fatalf("after mapping: %+v, unknown %+v", res.Orders, res.Unknown)
	}
}
