package exports

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"depositdesk/data"
)

// statusKey folds a status for lookup: NFC, lower case, no white space.
func statusKey(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Order Status values (DOMAIN.md §Status values) and what they mean on their
// own. "shipped" needs the substatus to tell in transit from delivered.
const shipped data.StatusClass = "shipped"

var orderStatuses = keyed(map[string]data.StatusClass{
	// English
	"Unpaid": data.Unpaid, "Awaiting payment": data.Unpaid,
	"On hold": data.OnHold,
	"To ship": data.ToShip, "Awaiting shipment": data.ToShip, "Awaiting collection": data.ToShip,
	"Shipped": shipped, "In transit": data.InTransit, "Delivered": data.Delivered,
	"Completed": data.Completed,
	"Canceled":  data.Cancelled, "Cancelled": data.Cancelled,
	// Chinese UI words
	"未支付": data.Unpaid, "待付款": data.Unpaid, "待支付": data.Unpaid,
	"处理中": data.OnHold,
	"待发货": data.ToShip, "待处理发货": data.ToShip, "待揽收": data.ToShip,
	"已发货": shipped, "运输中": data.InTransit, "已送达": data.Delivered, "已签收": data.Delivered,
	"已完成": data.Completed,
	"已取消": data.Cancelled,
	// Thai
	"จัดส่งแล้ว": shipped, "จัดส่งสำเร็จ": data.Delivered, "ยกเลิกแล้ว": data.Cancelled,
	"ที่จะจัดส่ง": data.ToShip, "รอเข้ารับ": data.ToShip,
	// Indonesian
	"Dikirim": shipped, "Sedang transit": data.InTransit, "Selesai": data.Completed,
	"Dibatalkan": data.Cancelled, "Belum dibayar": data.Unpaid, "Perlu dikirim": data.ToShip,
	// Vietnamese
	"Đã vận chuyển": shipped, "Đã giao": data.Delivered, "Đã hủy": data.Cancelled, "Đã hoàn tất": data.Completed,
})

func keyed(m map[string]data.StatusClass) map[string]data.StatusClass {
	out := make(map[string]data.StatusClass, len(m))
	for k, v := range m {
		out[statusKey(k)] = v
	}
	return out
}

// Classify maps an order's Order Status and Order Substatus, in any export
// language, to its status class; anything it does not know is data.Unknown.
func Classify(status, substatus string) data.StatusClass {
	c, ok := orderStatuses[statusKey(status)]
	if !ok {
		return data.Unknown
	}
	if c != shipped {
		return c
	}
	if strings.TrimSpace(substatus) == "" {
		return data.InTransit
	}
	switch orderStatuses[statusKey(substatus)] {
	case data.InTransit, shipped:
		return data.InTransit
	case data.Delivered:
		return data.Delivered
	}
	return data.Unknown
}

// Return Status values: true is open, false is closed.
var returnStatuses = func() map[string]bool {
	m := map[string]bool{
		"To Process": true, "In Process": true, "Processing": true, "Pending": true,
		"Awaiting seller response": true, "Awaiting buyer shipment": true, "Awaiting return": true,
		"待处理": true, "处理中": true, "退款中": true, "待退货": true, "待收货": true,
		"Completed": false, "Refund rejected": false, "Rejected": false, "Canceled": false,
		"Cancelled": false, "Closed": false, "Refunded": false,
		"已完成": false, "已拒绝": false, "拒绝退款": false, "已取消": false, "已关闭": false, "退款成功": false,
	}
	out := make(map[string]bool, len(m))
	for k, v := range m {
		out[statusKey(k)] = v
	}
	return out
}()

// ReturnOpen reports whether a Return Status leaves the case open; known is
// false for a status it does not know (which callers must treat as open).
func ReturnOpen(status string) (open, known bool) {
	open, known = returnStatuses[statusKey(status)]
	if !known {
		return true, false
	}
	return open, true
}
