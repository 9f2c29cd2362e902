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
	a.Status = "ready"
	if text := ReasonText(a, "en"); !strings.Contains(text, "has closed") {
		t.Errorf("a ready shop's reason should say it has closed: %s", text)
	}
}
