package exports

import (
	"strings"
	"unicode"
)

// field is a column the importer reads.
type field int

const (
	fOrderID field = iota
	fOrderStatus
	fOrderSubstatus
	fCancelType
	fCreated
	fPaid
	fShipped
	fDelivered
	fCancelled
	fAmount
	fRefundAmount
	fReturnQty
	fReturnID
	fReturnType
	fReturnStatus
	fReturnSubstatus
	fRequested
	fRefundTime
	fDispute
	fAppeal
	fCompensation
	nFields
)

// aliases is the one table of column names, per field: the English spelling
// first (it names the column in messages), then other spellings and Chinese.
var aliases = [nFields][]string{
	fOrderID:         {"Order ID", "订单号", "订单ID", "订单编号", "主订单号"},
	fOrderStatus:     {"Order Status", "订单状态"},
	fOrderSubstatus:  {"Order Substatus", "Order Sub Status", "订单子状态"},
	fCancelType:      {"Cancelation/Return Type", "Cancellation/Return Type", "取消/退货类型", "取消/退货/退款类型"},
	fCreated:         {"Created Time", "创建时间", "下单时间", "订单创建时间"},
	fPaid:            {"Paid Time", "付款时间", "支付时间"},
	fShipped:         {"Shipped Time", "发货时间"},
	fDelivered:       {"Delivered Time", "送达时间", "签收时间"},
	fCancelled:       {"Cancelled Time", "Canceled Time", "取消时间"},
	fAmount:          {"Order Amount", "订单金额"},
	fRefundAmount:    {"Order Refund Amount", "订单退款金额", "退款金额"},
	fReturnQty:       {"Sku Quantity of return", "SKU Quantity of Return", "退货数量"},
	fReturnID:        {"Return Order ID", "退货单号", "售后单号", "退款单号", "退货订单号"},
	fReturnType:      {"Return Type", "退货类型", "售后类型"},
	fReturnStatus:    {"Return Status", "退货状态", "售后状态"},
	fReturnSubstatus: {"Return Sub Status", "Return Substatus", "退货子状态", "售后子状态"},
	fRequested:       {"Time Requested", "Request Time", "申请时间"},
	fRefundTime:      {"Refund Time", "退款时间"},
	fDispute:         {"Dispute Status", "纠纷状态", "争议状态"},
	fAppeal:          {"Appeal Status", "申诉状态"},
	fCompensation:    {"Compensation Status", "赔付状态", "补偿状态"},
}

var aliasIndex = func() map[string]field {
	m := make(map[string]field)
	for f, names := range aliases {
		for _, n := range names {
			m[headerKey(n)] = field(f)
		}
	}
	return m
}()

// name is the English column name of f, as messages show it.
func (f field) name() string { return aliases[f][0] }

// headerKey folds a header cell for matching: trimmed, lower case, inner
// white space collapsed, byte-order marks and zero-width spaces dropped.
func headerKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\uFEFF' || r == '\u200B':
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// requiredOrders and requiredReturns are the columns without which a file cannot be read.
var (
	requiredOrders  = []field{fOrderID, fOrderStatus, fCreated}
	requiredReturns = []field{fReturnID, fOrderID, fReturnStatus}
)

// header is the column index of each field in the file, -1 when absent.
type header [nFields]int

// matchHeader maps a row's cells to fields; known counts the fields found.
func matchHeader(row []string) (h header, known int) {
	for i := range h {
		h[i] = -1
	}
	for i, c := range row {
		if f, ok := aliasIndex[headerKey(c)]; ok && h[f] < 0 {
			h[f] = i
			known++
		}
	}
	return h, known
}

// looksLikeHeader: a header names an ID column and at least one other we know.
func (h *header) looksLikeHeader(known int) bool {
	return (h[fOrderID] >= 0 || h[fReturnID] >= 0) && known >= 2
}
