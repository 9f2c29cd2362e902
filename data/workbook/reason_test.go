package workbook

import (
	"strings"
	"testing"

	"depositdesk/data"
)

func TestTheReasonNeverClaimsTheConditionsHoldForAShopThatIsNotReady(t *testing.T) {
	a := Application{Shop: "Panda UK", Site: "UK", Currency: "GBP", Deposit: 400000, Refundable: 375000, Deductions: 25000,
		Status: "blocked", AsOf: data.MakeDate(2026, 11, 24)}
	for _, lang := range []string{"en", "zh"} {
		text := ReasonText(a, lang)
		for _, claim := range []string{"has closed", "every closure step is done", "已完成关店", "均已完成"} {
			if strings.Contains(text, claim) {
				t.Errorf("%s reason for a blocked shop claims %q: %s", lang, claim, text)
			}
		}
		if !strings.Contains(text, "3,750.00 GBP") {
			t.Errorf("%s reason lacks the amount: %s", lang, text)
		}
	}
	a = readyShop()
	if text := ReasonText(a, "en"); !strings.Contains(text, "has closed") {
		t.Errorf("a ready shop that posted its closure notice has closed: %s", text)
	}
}

// TestTheReasonClaimsOnlyWhatPassingChecksProve: a rule set without closure
// steps (basic) proves no closure, and a check left out proves nothing.
func TestTheReasonClaimsOnlyWhatPassingChecksProve(t *testing.T) {
	basic := readyShop()
	basic.RuleSet = "basic@1"
	var checks []Check
	for _, c := range basic.Checks {
		switch c.ID {
		case "quiet_period", "closure_notice", "marketing_stopped", "creators_unbound", "commissions_settled", "dues_settled":
			continue
		}
		checks = append(checks, c)
	}
	basic.Checks = checks
	tests := []struct {
		name      string
		a         Application
		lang      string
		want      string
		mustNotBe []string
	}{
		{"basic rule set", basic, "en",
			"The shop Acme US (US, code USLCABC123) meets every condition of its rule set: all orders were completed or closed by 2026-08-21 " +
				"and no after-sales case or violation is open. We request",
			[]string{"has closed", "closure step"}},
		{"basic rule set in Chinese", basic, "zh",
			"店铺「Acme US」（站点 US，店铺代码 USLCABC123）已满足规则集的全部条件：截至 2026-08-21，所有订单均已完成或关闭，无未结售后单，无未处理违规。现申请",
			[]string{"关店", "步骤"}},
		{"no checklist", Application{Shop: "Quiet", Site: "UK", Currency: "GBP", Deposit: 200000, Refundable: 200000, Status: "ready"}, "en",
			"The shop Quiet (UK) meets every condition of its rule set (see the checklist). We request", []string{"no orders", "closed"}},
	}
	for _, tt := range tests {
		got := ReasonText(tt.a, tt.lang)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s:\n%s\nwant it to start:\n%s", tt.name, got, tt.want)
		}
		for _, claim := range tt.mustNotBe {
			if strings.Contains(got, claim) {
				t.Errorf("%s claims %q: %s", tt.name, claim, got)
			}
		}
	}
}
