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

// StatusKey folds a status value for matching and for storing a taught
// value: case, spacing and Unicode form do not matter.
func StatusKey(s string) string { return statusKey(s) }

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
	"เสร็จสมบูรณ์": data.Completed, "จัดส่งแล้ว": shipped, "ที่จะจัดส่ง": data.ToShip,
	"ยกเลิกแล้ว": data.Cancelled, "ค้างชำระ": data.Unpaid,
	"รอจัดส่ง": data.ToShip, "รอเข้ารับ": data.ToShip, "อยู่ระหว่างงานขนส่ง": data.InTransit,
	"จัดส่งสำเร็จ": data.Delivered, "ยกเลิกคำสั่งซื้อ": data.Cancelled,
	// Indonesian
	"Dikirim": shipped, "Sedang transit": data.InTransit, "Selesai": data.Completed,
	"Dibatalkan": data.Cancelled, "Belum dibayar": data.Unpaid, "Perlu dikirim": data.ToShip,
	"Menunggu pengambilan": data.ToShip,
	// Vietnamese; a failed delivery is not settled, so it stays in transit
	"Đã vận chuyển": shipped, "Đang vận chuyển": data.InTransit, "Đã giao": data.Delivered,
	"Đã hủy": data.Cancelled, "Đã hoàn tất": data.Completed,
	"Cần gửi": data.ToShip, "Chờ xử lý": data.OnHold, "Giao không thành công": data.InTransit,
	// Mexican Spanish and Brazilian Portuguese
	"Completado": data.Completed, "Enviado": shipped, "Entregado": data.Delivered, "En tránsito": data.InTransit,
	"Cancelado": data.Cancelled, "Não pago": data.Unpaid, "Concluído": data.Completed, "Entregue": data.Delivered,
	"Em trânsito": data.InTransit,
})

func keyed[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[statusKey(k)] = v
	}
	return out
}

// Classify maps an order's Order Status and Order Substatus, in any export
// language, to its status class with the built-in vocabulary only; anything
// it does not know is data.Unknown.
func Classify(status, substatus string) data.StatusClass {
	return builtIn.Classify(status, substatus)
}

// Return Status values, also read in Return Sub Status, Dispute Status,
// Appeal Status and Compensation Status: true is open, false is final. Every
// Order Status word for completed or cancelled, in any language, is final too.
var caseValues = func() map[string]bool {
	m := keyed(map[string]bool{
		"To Process": true, "In Process": true, "Processing": true, "Pending": true,
		"Awaiting seller response": true, "Awaiting buyer shipment": true, "Awaiting return": true,
		"Awaiting seller review": true, "Awaiting buyer response": true,
		"待处理": true, "处理中": true, "退款中": true, "待退货": true, "待收货": true,
		"Completed": false, "Refund rejected": false, "Rejected": false, "Canceled": false,
		"Cancelled": false, "Closed": false, "Refunded": false, "Request Canceled": false, "Request Cancelled": false,
		"Rejected by seller": false, "Canceled by buyer": false, "Cancelled by buyer": false,
		"Refund completed": false, "Return rejected": false, "Resolved": false,
		"已完成": false, "已拒绝": false, "拒绝退款": false, "已取消": false, "已关闭": false, "退款成功": false,
	})
	for k, c := range orderStatuses {
		if _, ok := m[k]; !ok && (c == data.Completed || c == data.Cancelled) {
			m[k] = false
		}
	}
	return m
}()

// Vocabulary is what status values mean: the built-in words of every export
// language (DOMAIN.md §Status values) and the values a user taught, which
// only add to them.
type Vocabulary struct {
	learnt map[string]string // StatusKey → order class, or data.CaseOpen / data.CaseFinal
}

var builtIn = &Vocabulary{}

// NewVocabulary is the built-in vocabulary with the taught values added.
func NewVocabulary(taught []data.StatusMapping) *Vocabulary {
	v := &Vocabulary{learnt: make(map[string]string, len(taught))}
	for _, m := range taught {
		v.learnt[statusKey(m.Value)] = m.Class
	}
	return v
}

// BuiltIn says what the built-in vocabulary makes of a value: an order
// class ("shipped" for the status that needs its substatus), or whether it
// is open or final in a returns export.
func BuiltIn(value string) (orderClass string, caseClass string) {
	k := statusKey(value)
	if c, ok := orderStatuses[k]; ok {
		orderClass = string(c)
	}
	if open, ok := caseValues[k]; ok {
		caseClass = data.CaseFinal
		if open {
			caseClass = data.CaseOpen
		}
	}
	return orderClass, caseClass
}

// orderValue is what one Order Status or Substatus value means.
func (v *Vocabulary) orderValue(s string) (data.StatusClass, bool) {
	k := statusKey(s)
	if c, ok := orderStatuses[k]; ok {
		return c, true
	}
	c := data.StatusClass(v.learnt[k])
	for _, known := range data.StatusClasses {
		if c == known && c != data.Unknown {
			return c, true
		}
	}
	return data.Unknown, false
}

// Classify maps an order's Order Status and Order Substatus to its class.
func (v *Vocabulary) Classify(status, substatus string) data.StatusClass {
	c, _ := v.orderValue(status)
	if c != shipped {
		return c
	}
	if strings.TrimSpace(substatus) == "" {
		return data.InTransit
	}
	switch sub, _ := v.orderValue(substatus); sub {
	case data.InTransit, shipped:
		return data.InTransit
	case data.Delivered:
		return data.Delivered
	}
	return data.Unknown
}

// UnknownOrderValue is the value that makes an order's status unknown (the
// Order Status, or the Substatus of a shipped order); "" when it is known.
func (v *Vocabulary) UnknownOrderValue(status, substatus string) string {
	if v.Classify(status, substatus) != data.Unknown {
		return ""
	}
	if c, _ := v.orderValue(status); c == shipped {
		return substatus
	}
	return status
}

// caseValue says whether a value of a returns export's status columns is
// open; known is false for a value neither built in nor taught.
func (v *Vocabulary) caseValue(s string) (open, known bool) {
	k := statusKey(s)
	if open, ok := caseValues[k]; ok {
		return open, true
	}
	switch v.learnt[k] {
	case data.CaseOpen:
		return true, true
	case data.CaseFinal, string(data.Completed), string(data.Cancelled):
		return false, true
	}
	return true, false
}

// CaseColumn names a status column of the returns export.
type CaseColumn string

// The returns export's status columns, as its header names them.
const (
	ColReturnStatus       CaseColumn = "Return Status"
	ColReturnSubStatus    CaseColumn = "Return Sub Status"
	ColDisputeStatus      CaseColumn = "Dispute Status"
	ColAppealStatus       CaseColumn = "Appeal Status"
	ColCompensationStatus CaseColumn = "Compensation Status"
)

// UnknownCell is a status cell whose value the vocabulary does not know.
type UnknownCell struct {
	Column CaseColumn
	Value  string
}

// emptyCell reports whether a status cell says nothing: blank or a dash.
func emptyCell(s string) bool {
	switch strings.TrimSpace(s) {
	case "", "/", "-", "--", "—":
		return true
	}
	return false
}

// CaseOpen decides whether a case is open (PRODUCT.md §2): its Return Status
// is open or unknown, or another status cell holds a value not known to be
// final. unknown lists the cells it does not know.
func (v *Vocabulary) CaseOpen(c data.CaseValues) (open bool, unknown []UnknownCell) {
	for _, cell := range [...]struct {
		col   CaseColumn
		value string
	}{
		{ColReturnStatus, c.Status}, {ColReturnSubStatus, c.Substatus}, {ColDisputeStatus, c.Dispute},
		{ColAppealStatus, c.Appeal}, {ColCompensationStatus, c.Compensation},
	} {
		if cell.col != ColReturnStatus && emptyCell(cell.value) {
			continue
		}
		o, known := v.caseValue(cell.value)
		if !known {
			unknown = append(unknown, UnknownCell{cell.col, cell.value})
		}
		open = open || o
	}
	return open, unknown
}

// Classifier is v as the store's re-classification needs it.
func (v *Vocabulary) Classifier() data.Classifier {
	return data.Classifier{
		Order: v.Classify,
		Case: func(c data.CaseValues) bool {
			open, _ := v.CaseOpen(c)
			return open
		},
	}
}

// Version changes whenever the built-in vocabulary learns values, so that
// what a database stored under an older vocabulary is classified again.
const Version = "2026-11-30.1"
