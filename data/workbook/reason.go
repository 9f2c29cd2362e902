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
		b.WriteString("已完成关店：")
		switch {
		case !a.hasOrders():
			b.WriteString("店铺无任何订单，")
		case !a.LatestClosure.IsZero():
			b.WriteString("截至 " + a.LatestClosure.String() + "，所有订单均已完成或关闭，")
		default:
			b.WriteString("所有订单均已完成或关闭，")
		}
		b.WriteString("无未结售后单，无未处理违规，关店各项步骤均已完成。现申请退还保证金 " + amount)
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
	b.WriteString(" has closed: ")
	switch {
	case !a.hasOrders():
		b.WriteString("it has no orders, ")
	case !a.LatestClosure.IsZero():
		b.WriteString("all orders were completed or closed by " + a.LatestClosure.String() + ", ")
	default:
		b.WriteString("all orders were completed or closed, ")
	}
	b.WriteString("no after-sales case or violation is open, and every closure step is done. " +
		"We request the refund of the security deposit of " + amount)
	if less != "" {
		b.WriteString(" (deposit of " + less + " less " + formatMoney(a.Deductions) + " " + a.Currency + " of penalties)")
	}
	b.WriteString(" to the account below.")
	return b.String()
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
