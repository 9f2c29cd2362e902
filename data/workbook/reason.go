package workbook

import (
	"strings"

	"depositdesk/data"
)

// ReasonText is the reason for the refund, ready to paste into the platform's
// application form, in English or (lang "zh…") Chinese.
func ReasonText(a Application, lang string) string {
	amount := formatMoney(a.Refundable) + " " + a.Currency
	less := ""
	if a.Deductions != 0 {
		less = formatMoney(a.Deposit) + " " + a.Currency
	}
	if IsChinese(lang) {
		var b strings.Builder
		b.WriteString("店铺「" + a.Shop + "」")
		var ids []string
		if a.Site != "" {
			ids = append(ids, "站点 "+a.Site)
		}
		if a.ShopCode != "" {
			ids = append(ids, "店铺代码 "+a.ShopCode)
		}
		if len(ids) > 0 {
			b.WriteString("（" + strings.Join(ids, "，") + "）")
		}
		if a.notReady() {
			b.WriteString("正在办理关店，截至 " + a.AsOf.String() + " 尚未满足全部关店条件（见检查清单）。待条件全部满足后，申请退还保证金 " + amount)
			if less != "" {
				b.WriteString("（保证金 " + less + " 扣除违规罚款 " + formatMoney(a.Deductions) + " " + a.Currency + "）")
			}
			b.WriteString("，请退至以下账户。")
			return b.String()
		}
		opener, claims := a.claims(true)
		b.WriteString(opener)
		if len(claims) > 0 {
			b.WriteString("：" + strings.Join(claims, "，"))
		} else {
			b.WriteString("（见检查清单）")
		}
		b.WriteString("。现申请退还保证金 " + amount)
		if less != "" {
			b.WriteString("（保证金 " + less + " 扣除违规罚款 " + formatMoney(a.Deductions) + " " + a.Currency + "）")
		}
		b.WriteString("，请退至以下账户。")
		return b.String()
	}

	var b strings.Builder
	b.WriteString("The shop " + a.Shop)
	var ids []string
	if a.Site != "" {
		ids = append(ids, a.Site)
	}
	if a.ShopCode != "" {
		ids = append(ids, "code "+a.ShopCode)
	}
	if len(ids) > 0 {
		b.WriteString(" (" + strings.Join(ids, ", ") + ")")
	}
	if a.notReady() {
		b.WriteString(" is closing; on " + a.AsOf.String() + " not every closure condition is met yet (see the checklist). " +
			"Once they are, we request the refund of the security deposit of " + amount)
		if less != "" {
			b.WriteString(" (deposit of " + less + " less " + formatMoney(a.Deductions) + " " + a.Currency + " of penalties)")
		}
		b.WriteString(" to the account below.")
		return b.String()
	}
	opener, claims := a.claims(false)
	b.WriteString(" " + opener)
	switch len(claims) {
	case 0:
		b.WriteString(" (see the checklist)")
	case 1:
		b.WriteString(": " + claims[0])
	case 2:
		b.WriteString(": " + claims[0] + " and " + claims[1])
	default:
		b.WriteString(": " + strings.Join(claims[:len(claims)-1], ", ") + ", and " + claims[len(claims)-1])
	}
	b.WriteString(". We request the refund of the security deposit of " + amount)
	if less != "" {
		b.WriteString(" (deposit of " + less + " less " + formatMoney(a.Deductions) + " " + a.Currency + " of penalties)")
	}
	b.WriteString(" to the account below.")
	return b.String()
}

// closureSteps are the checks of the closure steps a rule set may require.
var closureSteps = []string{"marketing_stopped", "creators_unbound", "commissions_settled", "dues_settled"}

// claims are what the reason of a ready shop may say, each proven by a
// passing check of its checklist; a check the rule set leaves out proves
// nothing, so it is not claimed. opener says the shop has closed only when
// the closure notice check is there and passed.
func (a Application) claims(zh bool) (opener string, claims []string) {
	passed := map[string]bool{}
	for _, c := range a.Checks {
		passed[c.ID] = c.OK
	}
	pick := func(en, cn string) string {
		if zh {
			return cn
		}
		return en
	}
	opener = pick("meets every condition of its rule set", "已满足规则集的全部条件")
	if passed["closure_notice"] {
		opener = pick("has closed", "已完成关店")
	}
	if passed["orders_settled"] {
		switch {
		case !a.hasOrders():
			claims = append(claims, pick("it has no orders", "店铺无任何订单"))
		case !a.LatestClosure.IsZero():
			d := a.LatestClosure.String()
			claims = append(claims, pick("all orders were completed or closed by "+d, "截至 "+d+"，所有订单均已完成或关闭"))
		default:
			claims = append(claims, pick("all orders were completed or closed", "所有订单均已完成或关闭"))
		}
	}
	cases, violations := passed["returns_closed"], passed["violations_cleared"]
	switch {
	case zh:
		if cases {
			claims = append(claims, "无未结售后单")
		}
		if violations {
			claims = append(claims, "无未处理违规")
		}
	case cases && violations:
		claims = append(claims, "no after-sales case or violation is open")
	case cases:
		claims = append(claims, "no after-sales case is open")
	case violations:
		claims = append(claims, "no violation is open")
	}
	present, done := 0, 0
	for _, id := range closureSteps {
		if ok, there := passed[id]; there {
			present++
			if ok {
				done++
			}
		}
	}
	if present > 0 && done == present {
		claims = append(claims, pick("every closure step is done", "关店各项步骤均已完成"))
	}
	return opener, claims
}

// notReady reports whether the application was prepared for a shop whose
// verdict is waiting or blocked: its reason must not claim the conditions hold.
func (a Application) notReady() bool { return a.Status == "waiting" || a.Status == "blocked" }

// hasOrders reports whether the orders summary counts any order.
func (a Application) hasOrders() bool {
	for _, o := range a.Orders {
		if o.Count > 0 {
			return true
		}
	}
	return !a.LatestClosure.IsZero()
}

// formatMoney writes m with thousands separators and two decimals: "1,450.00".
func formatMoney(m data.Money) string {
	s := m.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}
