package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

func TestRefundBucketsPutEachShopInItsMonthAndCurrency(t *testing.T) {
	test.NewTempApp(t)
	asOf := data.MakeDate(2026, 11, 24)
	vs := []app.Verdict{
		{Status: app.Ready, Currency: "USD", Refundable: 150000},
		{Status: app.Ready, Currency: "GBP", Refundable: 40000},
		{Status: app.Waiting, Currency: "USD", Refundable: 9000, ReadyOn: data.MakeDate(2026, 11, 30)},
		{Status: app.Waiting, Currency: "USD", Refundable: 1000, ReadyOn: data.MakeDate(2027, 1, 1)},
		{Status: app.Waiting, Currency: "GBP", Refundable: 2000, ReadyOn: data.MakeDate(2027, 1, 31)},
		{Status: app.Waiting, Currency: "USD", Refundable: 7000, ReadyOn: data.MakeDate(2028, 3, 1)},
		{Status: app.Blocked, Currency: "USD", Refundable: 99999},
	}
	b := refundBuckets(vs, asOf)
	if len(b) != 1+chartMonths+1 {
		t.Fatalf("%d buckets, want now + 12 months + later", len(b))
	}
	check := func(i int, label string, want moneyByCurrency) {
		t.Helper()
		if b[i].label != label {
			t.Errorf("bucket %d is %q, want %q", i, b[i].label, label)
		}
		if len(b[i].amounts) != len(want) {
			t.Errorf("%s holds %v, want %v", label, b[i].amounts, want)
		}
		for c, m := range want {
			if b[i].amounts[c] != m {
				t.Errorf("%s %s = %v, want %v (currencies are never added together)", label, c, b[i].amounts[c], m)
			}
		}
	}
	check(0, "Now", moneyByCurrency{"USD": 150000, "GBP": 40000})
	check(1, "Nov", moneyByCurrency{"USD": 9000})
	check(2, "Dec", moneyByCurrency{})
	check(3, "Jan", moneyByCurrency{"USD": 1000, "GBP": 2000})
	check(13, "Later", moneyByCurrency{"USD": 7000})
	if b[1].sub != "2026" || b[3].sub != "2027" || b[2].sub != "" {
		t.Errorf("years under the months: %q %q %q", b[1].sub, b[2].sub, b[3].sub)
	}
}

func TestRefundChartDrawsBarsAxisAndLegend(t *testing.T) {
	test.NewTempApp(t)
	c := newRefundChart()
	c.SetBuckets([]chartBucket{
		{label: "Now", amounts: moneyByCurrency{"USD": 150000, "GBP": 40000}},
		{label: "Dec", sub: "2026", amounts: moneyByCurrency{"USD": 9000}},
		{label: "Jan", sub: "2027", amounts: moneyByCurrency{}},
	})
	c.Resize(fyne.NewSize(420, 200))
	r := test.WidgetRenderer(c).(*chartRenderer)
	if len(r.legend) != 4 || r.legend[1].(*canvas.Text).Text != "GBP" {
		t.Errorf("legend %v", r.legend)
	}
	usd := r.bars[0][1]
	if !usd.Visible() || usd.Size().Height <= r.bars[1][1].Size().Height || r.bars[2][1].Visible() {
		t.Error("bars do not follow the amounts")
	}
	if top := r.yLabels[len(r.yLabels)-1].Text; top != "1.5k" {
		t.Errorf("axis tops at %q, want 1.5k", top)
	}
	test.AssertObjectRendersToMarkup(t, "chart.xml", c)
}

func TestChartNumbers(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0 0.2 0.4 0.6 0.8 1", 1500: "0 500 1k 1.5k", 2100: "0 500 1k 1.5k 2k 2.5k", 2500: "0 500 1k 1.5k 2k 2.5k",
		90: "0 20 40 60 80 100", 42000: "0 10k 20k 30k 40k 50k", 7: "0 2 4 6 8", 1875: "0 500 1k 1.5k 2k",
	} {
		var got []string
		for _, tv := range chartTicks(v) {
			got = append(got, compactAmount(tv))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("chartTicks(%v) = %v, want %s", v, got, want)
		}
	}
	for v, want := range map[float64]string{500: "500", 1500: "1.5k", 12000: "12k", 2500000: "2.5M"} {
		if got := compactAmount(v); got != want {
			t.Errorf("compactAmount(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestMoneyHasThousandsSeparatorsAndItsCurrency(t *testing.T) {
	for m, want := range map[data.Money]string{0: "0.00 USD", 5: "0.05 USD", 150000: "1,500.00 USD", 123456789: "1,234,567.89 USD", -250050: "-2,500.50 USD"} {
		if got := formatMoney(m, "USD"); got != want {
			t.Errorf("formatMoney(%d) = %q, want %q", m, got, want)
		}
	}
	sums := moneyByCurrency{}
	sums.add("USD", 100)
	sums.add("GBP", 200)
	sums.add("USD", 100)
	if got := sums.lines(); got != "2.00 GBP\n2.00 USD" {
		t.Errorf("totals per currency %q", got)
	}
}
