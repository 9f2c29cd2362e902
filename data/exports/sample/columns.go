package sample

import (
	"math/rand/v2"
	"strconv"

	"depositdesk/data"
)

type column struct {
	name, zh, desc string
}

// orderColumns are the All-order export's columns as DOMAIN.md lists them.
var orderColumns = []column{
	{"Order ID", "订单号", "Platform unique order ID."},
	{"Order Status", "订单状态", "Current order status."},
	{"Order Substatus", "订单子状态", "Current order substatus."},
	{"Cancelation/Return Type", "取消/退货类型", "The filed to explain the order is in cancellation or in return/refund."},
	{"Normal or Pre-order", "", "Normal order or pre-order."},
	{"SKU ID", "", "Platform unique SKU ID."},
	{"Seller SKU", "", "Seller SKU code."},
	{"Product Name", "商品名称", "Product name."},
	{"Variation", "", "SKU variation."},
	{"Quantity", "数量", "SKU sold quantity in the order."},
	{"Sku Quantity of return", "退货数量", "SKU quantity returned."},
	{"SKU Unit Original Price", "", "SKU unit original price."},
	{"SKU Subtotal Before Discount", "", ""},
	{"SKU Platform Discount", "", ""},
	{"SKU Seller Discount", "", ""},
	{"SKU Subtotal After Discount", "", ""},
	{"Shipping Fee After Discount", "", ""},
	{"Original Shipping Fee", "", ""},
	{"Shipping Fee Seller Discount", "", ""},
	{"Shipping Fee Platform Discount", "", ""},
	{"Payment platform discount", "", ""},
	{"Retail Delivery Fee", "", ""},
	{"Taxes", "", ""},
	{"Order Amount", "订单金额", "Total amount the buyer paid."},
	{"Order Refund Amount", "订单退款金额", "Amount refunded to the buyer."},
	{"Created Time", "创建时间", "Order created time."},
	{"Paid Time", "付款时间", "Order paid time."},
	{"RTS Time", "", "Ready to ship time."},
	{"Shipped Time", "发货时间", "Order shipped time."},
	{"Delivered Time", "送达时间", "Order delivered time."},
	{"Cancelled Time", "取消时间", "Order cancelled time."},
	{"Cancel By", "", ""},
	{"Cancel Reason", "", ""},
	{"Fulfillment Type", "", ""},
	{"Warehouse Name", "", ""},
	{"Tracking ID", "", ""},
	{"Delivery Option", "", ""},
	{"Shipping Provider Name", "", ""},
	{"Buyer Message", "", ""},
	{"Buyer Username", "买家用户名", "Buyer username."},
	{"Recipient", "", ""},
	{"Phone #", "", ""},
	{"Zipcode", "", ""},
	{"Country", "", ""},
	{"State", "", ""},
	{"City", "", ""},
	{"Detail Address", "", ""},
	{"Additional address information", "", ""},
	{"Payment Method", "", ""},
	{"Weight(kg)", "", ""},
	{"Product Category", "", ""},
	{"Package ID", "", ""},
	{"Seller Note", "", ""},
}

// returnColumns are the returns export's 25 columns.
var returnColumns = []column{
	{"Return Order ID", "退货单号", "Platform unique return order ID."},
	{"Order ID", "订单号", "Platform unique order ID."},
	{"Order Amount", "订单金额", ""},
	{"Order Status", "订单状态", ""},
	{"Order Substatus", "订单子状态", ""},
	{"Payment Method", "", ""},
	{"SKU ID", "", ""},
	{"Seller SKU", "", ""},
	{"Product Name", "商品名称", ""},
	{"SKU Name", "", ""},
	{"Return unit price", "", ""},
	{"Return Quantity", "", ""},
	{"Return Reason", "", ""},
	{"Return Type", "退货类型", ""},
	{"Return Status", "退货状态", ""},
	{"Return Sub Status", "退货子状态", ""},
	{"Time Requested", "申请时间", ""},
	{"Refund Time", "退款时间", ""},
	{"Buyer Note", "", ""},
	{"Buyer Username", "", ""},
	{"Return Logistics Tracking ID", "", ""},
	{"Dispute Status", "纠纷状态", ""},
	{"Appeal Status", "申诉状态", ""},
	{"Compensation Status", "赔付状态", ""},
	{"Compensation Amount", "", ""},
}

var (
	products   = []string{"Silicone Phone Case", "Wireless Earbuds Pro", "Stainless Water Bottle 750ml", "Cotton Oversize T-Shirt", "LED Desk Lamp", "Yoga Mat 6mm", "保温杯 500ml", "Mini Bluetooth Speaker", "Hair Clip Set (6 pcs)", "USB-C Cable 2m"}
	variations = []string{"Black", "White, M", "Blue, L", "Pink", "Default", "Grey, XL"}
	buyers     = []string{"mikayla200", "tanapon.k", "nguyenvan88", "sarah_lee", "budi.santoso", "lily.wong", "jpark77", "amira_z"}
	cities     = []string{"Bangkok", "Los Angeles", "Ho Chi Minh City", "Jakarta", "Kuala Lumpur", "London", "Houston", "Chiang Mai"}
	carriers   = []string{"USPS", "J&T Express", "Flash Express", "Ninja Van", "Royal Mail", "UPS"}
	reasons    = []string{"Item not as described", "Wrong size", "Damaged in transit", "No longer needed", "Missing parts"}
)

func mask(name string) string { return name[:1] + "***" + name[1:] }

func money(m int64) string {
	neg := ""
	if m < 0 {
		neg, m = "-", -m
	}
	c := m % 100
	s := neg + strconv.FormatInt(m/100, 10) + "."
	if c < 10 {
		s += "0"
	}
	return s + strconv.FormatInt(c, 10)
}

// formatTime writes a stamp in the export's layout; "" for no time.
func formatTime(s data.Stamp, layout DateLayout) string {
	if s == 0 {
		return ""
	}
	t := s.Time()
	switch layout {
	case DatesUS:
		return t.Format("01/02/2006 3:04:05 PM")
	case DatesISO:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("02/01/2006 15:04:05")
}

// rowMaker fills the cells of one data row; times holds the stamp of each
// time cell (for serial-date xlsx) and 0 elsewhere.
type rowMaker struct {
	e     *Export
	cells []string
	times []data.Stamp
}

func newRowMaker(e *Export) *rowMaker {
	return &rowMaker{e: e, cells: make([]string, len(e.cols)), times: make([]data.Stamp, len(e.cols))}
}

// each calls fn with every data row of the export, in file order.
func (e *Export) each(fn func(cells []string, times []data.Stamp) error) error {
	m := newRowMaker(e)
	if e.Kind == data.KindReturns {
		for i := range e.Cases {
			rng := rand.New(rand.NewPCG(e.Options.Seed, uint64(i)+1<<40))
			m.returnRow(&e.Cases[i], rng)
			if err := fn(m.cells, m.times); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range e.Orders {
		o := &e.Orders[i]
		rng := rand.New(rand.NewPCG(e.Options.Seed, uint64(i)+1<<41))
		for l := 0; l < o.Lines; l++ {
			m.orderRow(o, l, rng)
			if err := fn(m.cells, m.times); err != nil {
				return err
			}
		}
	}
	return nil
}

func (m *rowMaker) set(i int, s string, t data.Stamp) {
	m.cells[i], m.times[i] = s, t
}

func (m *rowMaker) time(i int, s data.Stamp) {
	m.set(i, formatTime(s, m.e.Options.Dates), s)
}

func (m *rowMaker) orderRow(o *data.Order, line int, rng *rand.Rand) {
	opt := m.e.Options
	qty := 1 + rng.IntN(2)
	price := int64(499 + rng.IntN(5000))
	retQty := 0
	if line == 0 {
		retQty = o.ReturnQty
	}
	product := rng.IntN(len(products))
	for i, c := range m.e.cols {
		if c < 0 {
			m.set(i, []string{"", "see note", "A-12"}[rng.IntN(3)], 0)
			continue
		}
		var s string
		switch orderColumns[c].name {
		case "Order ID":
			s = o.ID
		case "Order Status":
			s = o.Status
		case "Order Substatus":
			s = o.Substatus
		case "Cancelation/Return Type":
			if o.Class == data.Cancelled {
				s = "Cancel"
			} else if o.ReturnQty > 0 {
				s = "Return/Refund"
			}
		case "Normal or Pre-order":
			s = "Normal"
		case "SKU ID":
			s = "17" + strconv.FormatUint(uint64(3e16)+uint64(product)*1_000_003+uint64(line), 10)
		case "Seller SKU":
			s = "SKU-" + strconv.Itoa(1000+product)
		case "Product Name":
			s = products[product]
		case "Variation":
			s = variations[rng.IntN(len(variations))]
		case "Quantity":
			s = strconv.Itoa(qty)
		case "Sku Quantity of return":
			s = strconv.Itoa(retQty)
		case "SKU Unit Original Price":
			s = money(price)
		case "SKU Subtotal Before Discount", "SKU Subtotal After Discount":
			s = money(price * int64(qty))
		case "SKU Platform Discount", "SKU Seller Discount", "Shipping Fee Seller Discount", "Shipping Fee Platform Discount", "Payment platform discount", "Taxes":
			s = "0.00"
		case "Shipping Fee After Discount", "Original Shipping Fee":
			s = "2.99"
		case "Retail Delivery Fee":
			if opt.Site == "US" {
				s = "0.00"
			}
		case "Order Amount":
			s = money(int64(o.Amount))
		case "Order Refund Amount":
			s = money(int64(o.RefundAmount))
		case "Created Time":
			m.time(i, o.Created)
			continue
		case "Paid Time":
			m.time(i, o.Paid)
			continue
		case "RTS Time":
			if o.Shipped != 0 {
				m.time(i, o.Shipped-3600)
				continue
			}
		case "Shipped Time":
			m.time(i, o.Shipped)
			continue
		case "Delivered Time":
			m.time(i, o.Delivered)
			continue
		case "Cancelled Time":
			m.time(i, o.Cancelled)
			continue
		case "Cancel By":
			if o.Class == data.Cancelled {
				s = "User"
			}
		case "Cancel Reason":
			if o.Class == data.Cancelled {
				s = "No longer needed"
			}
		case "Fulfillment Type":
			s = "Fulfillment by seller"
		case "Warehouse Name":
			s = "Main warehouse"
		case "Tracking ID":
			if o.Shipped != 0 {
				s = "TT" + strconv.FormatUint(1_000_000_000+uint64(rng.IntN(900_000_000)), 10)
			}
		case "Delivery Option":
			s = "Standard shipping"
		case "Shipping Provider Name":
			s = carriers[rng.IntN(len(carriers))]
		case "Buyer Username":
			s = mask(buyers[rng.IntN(len(buyers))])
		case "Recipient":
			s = mask(buyers[rng.IntN(len(buyers))])
		case "Phone #":
			s = "(+1)" + "******" + strconv.Itoa(1000+rng.IntN(9000))
		case "Zipcode":
			s = strconv.Itoa(10000 + rng.IntN(89999))
		case "Country":
			s = opt.Site
		case "City":
			s = cities[rng.IntN(len(cities))]
		case "State":
			s = "State " + strconv.Itoa(1+rng.IntN(50))
		case "Detail Address":
			s = "**** " + strconv.Itoa(1+rng.IntN(999)) + " Street"
		case "Payment Method":
			s = []string{"Credit card", "PayPal", "Cash on delivery", "TrueMoney"}[rng.IntN(4)]
		case "Weight(kg)":
			s = strconv.FormatFloat(0.1+float64(rng.IntN(30))/10, 'f', 1, 64)
		case "Product Category":
			s = "Phones & Electronics"
		case "Package ID":
			if o.Shipped != 0 {
				s = strconv.FormatUint(1_150_000_000_000_000_000+uint64(rng.IntN(1e9)), 10)
			}
		}
		m.set(i, s, 0)
	}
}

func (m *rowMaker) returnRow(c *data.ReturnCase, rng *rand.Rand) {
	product := rng.IntN(len(products))
	for i, col := range m.e.cols {
		if col < 0 {
			m.set(i, "", 0)
			continue
		}
		var s string
		switch returnColumns[col].name {
		case "Return Order ID":
			s = c.ID
		case "Order ID":
			s = c.OrderID
		case "Order Amount":
			s = money(int64(c.Amount))
		case "Order Status":
			s = "Completed"
		case "Order Substatus":
			s = "Completed"
		case "Payment Method":
			s = "Credit card"
		case "SKU ID":
			s = "17" + strconv.FormatUint(uint64(3e16)+uint64(product)*1_000_003, 10)
		case "Seller SKU":
			s = "SKU-" + strconv.Itoa(1000+product)
		case "Product Name", "SKU Name":
			s = products[product]
		case "Return unit price":
			s = money(int64(c.Amount))
		case "Return Quantity":
			s = "1"
		case "Return Reason":
			s = reasons[rng.IntN(len(reasons))]
		case "Return Type":
			s = c.Type
		case "Return Status":
			s = c.Status
		case "Return Sub Status":
			s = c.Substatus
		case "Time Requested":
			m.time(i, c.Requested)
			continue
		case "Refund Time":
			m.time(i, c.Refunded)
			continue
		case "Buyer Username":
			s = mask(buyers[rng.IntN(len(buyers))])
		case "Return Logistics Tracking ID":
			if c.Type == "Return and refund" {
				s = "RT" + strconv.Itoa(100000000+rng.IntN(900000000))
			}
		case "Dispute Status":
			s = c.Dispute
		case "Appeal Status":
			s = c.Appeal
		case "Compensation Status":
			s = c.Compensation
		case "Compensation Amount":
			s = "0.00"
		}
		m.set(i, s, 0)
	}
}

// excelSerial is the 1900-date-system serial number of a wall-clock stamp.
func excelSerial(s data.Stamp) float64 {
	const epoch = -2209161600 // 1899-12-30 00:00:00 UTC
	return float64(int64(s)-epoch) / 86400
}
