package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

func TestAVerdictDetailIsChineseDownToItsParts(t *testing.T) {
	test.NewTempApp(t)
	if err := ApplyLanguage(LanguageChinese); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	f := app.Facts{
		Shop:  data.Shop{Name: "店铺", Site: "US", Currency: "USD", Account: data.RefundAccount{Holder: "A"}},
		Rules: app.BuiltInRuleSets()[0],
		Orders: data.OrderFacts{Total: 3, Counts: map[data.StatusClass]int{data.ToShip: 1, data.InTransit: 2},
			Unsettled: map[data.StatusClass][]string{data.ToShip: {"576400000000000001"}, data.InTransit: {"576400000000000002"}}},
	}
	v := app.Evaluate(f, data.MakeDate(2026, 11, 24))
	for _, c := range v.Checks {
		if c.ID != app.CheckOrdersSettled && c.ID != app.CheckRefundAccount {
			continue
		}
		got := tr(c.Msg)
		for _, english := range []string{"to ship", "in transit", "bank", "account number", "; "} {
			if strings.Contains(got, english) {
				t.Errorf("%s in Chinese still says %q: %s", c.ID, english, got)
			}
		}
		if c.ID == app.CheckOrdersSettled && (!strings.Contains(got, "待发货 1 笔") || !strings.Contains(got, "576400000000000002")) {
			t.Errorf("orders_settled in Chinese: %s", got)
		}
	}
	if !strings.Contains(v.Checks[1].Detail, "to ship 1") {
		t.Errorf("the English detail lost its parts: %s", v.Checks[1].Detail)
	}
}
