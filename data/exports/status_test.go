package exports

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"depositdesk/data"
)

func TestClassifyKnowsEveryStatusOfTheDomainTable(t *testing.T) {
	cases := []struct {
		status, sub string
		want        data.StatusClass
	}{
		{"Unpaid", "", data.Unpaid},
		{"On hold", "", data.OnHold},
		{"To ship", "Awaiting shipment", data.ToShip},
		{"TO SHIP", "Awaiting collection", data.ToShip},
		{"Shipped", "In transit", data.InTransit},
		{"Shipped", "", data.InTransit},
		{" shipped ", "delivered", data.Delivered},
		{"Shipped", "Lost in space", data.Unknown},
		{"Completed", "Completed", data.Completed},
		{"Canceled", "Canceled", data.Cancelled},
		{"Cancelled", "", data.Cancelled},
		{"未支付", "", data.Unpaid},
		{"待付款", "", data.Unpaid},
		{"处理中", "", data.OnHold},
		{"待发货", "待揽收", data.ToShip},
		{"已发货", "运输中", data.InTransit},
		{"已发货", "已送达", data.Delivered},
		{"已完成", "", data.Completed},
		{"已取消", "", data.Cancelled},
		{"จัดส่งแล้ว", "จัดส่งสำเร็จ", data.Delivered},
		{"ยกเลิกแล้ว", "", data.Cancelled},
		{"ที่จะจัดส่ง", "รอเข้ารับ", data.ToShip},
		{"Dikirim", "Sedang transit", data.InTransit},
		{"Selesai", "", data.Completed},
		{"Dibatalkan", "", data.Cancelled},
		{"Belum dibayar", "", data.Unpaid},
		{"Perlu dikirim", "", data.ToShip},
		{"Đã vận chuyển", "Đã giao", data.Delivered},
		{"Đã hủy", "", data.Cancelled},
		{"Đã hoàn tất", "", data.Completed},
		{"Refunded", "", data.Unknown},
		{"", "", data.Unknown},
		// every value of DOMAIN.md, whatever its case, spacing, Unicode form or language mix
		{"เสร็จสมบูรณ์", "", data.Completed},
		{"  COMPLETED ", "", data.Completed},
		{"to  ship", "awaiting\tshipment", data.ToShip},
		{norm.NFD.String("Đã hoàn tất"), "", data.Completed}, // accents decomposed
		{"ĐÃ HỦY", "", data.Cancelled},
		{"จัดส่งแล้ว", "Delivered", data.Delivered}, // Thai status, English substatus
		{"Shipped", "Đã giao", data.Delivered},
		{"Enviado", "Entregado", data.Delivered},
		{"Não pago", "", data.Unpaid},
		{"Cancelado", "", data.Cancelled},
		{"Completado", "", data.Completed},
		{"ค้างชำระ", "", data.Unpaid},
		{"ที่จะจัดส่ง", "รอจัดส่ง", data.ToShip},
		{"จัดส่งแล้ว", "อยู่ระหว่างงานขนส่ง", data.InTransit},
		{"Perlu dikirim", "Menunggu pengambilan", data.ToShip},
		{"Đã vận chuyển", "Đang vận chuyển", data.InTransit},
		{"Giao không thành công", "", data.InTransit},
		{"รอการยืนยัน", "", data.Unknown},
	}
	for _, c := range cases {
		if got := Classify(c.status, c.sub); got != c.want {
			t.Errorf("Classify(%q, %q) = %q, want %q", c.status, c.sub, got, c.want)
		}
	}
}

func TestAmountsNameTheirCurrencyWhenTheMarkerIsUnambiguous(t *testing.T) {
	for in, want := range map[string]string{"฿1,200": "THB", "RM12.50": "MYR", "US$ 9.99": "USD", "$9.99": "", "¥88": "", "12.50": "", "MXN 1,234.56": "MXN", "₫25.000": "VND"} {
		_, cur, ok := parseAmountIn(in)
		if !ok || isoCurrency(cur) != want {
			t.Errorf("%q: currency %q (%q), want %q", in, isoCurrency(cur), cur, want)
		}
	}
}

func TestAmountsAcceptCurrenciesAndDecimalCommas(t *testing.T) {
	cases := []struct {
		in   string
		want data.Money
		ok   bool
	}{
		{"12.50", 1250, true}, {"$1,234.56", 123456, true}, {"US$ 9.99", 999, true},
		{"RM12.50", 1250, true}, {"฿1,200", 120000, true}, {"1.234,56", 123456, true},
		{"12,50", 1250, true}, {"€ 12,5", 1250, true}, {"£0.99", 99, true},
		{"Rp 150.000", 15000000, true}, {"₫25.000", 2500000, true}, {"¥88", 8800, true},
		{"RMB 3.456", 346, true}, {"-5.00", -500, true}, {"(3.00)", -300, true},
		{"12.345 €", 1235, true}, {"1 234,50", 123450, true}, {"", 0, true},
		{"abc", 0, false}, {"$", 0, false}, {"1.2.3,4,5", 0, false},
		{"-", 0, false}, {"( )", 0, false}, {"MXN 1,234.56", 123456, true}, {"BRL 35,91", 3591, true}, {"R$ 35,91", 3591, true},
	}
	for _, c := range cases {
		got, ok := parseAmount(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseAmount(%q) = %d %v, want %d %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestTimeCellsInEveryForm(t *testing.T) {
	cases := []struct {
		in   string
		form dateForm
		want string // for fullDate
	}{
		{"2026-10-07 13:33:00", fullDate, "2026-10-07 13:33:00"},
		{"2026-10-07T13:33:00", fullDate, "2026-10-07 13:33:00"},
		{"2026/10/07", fullDate, "2026-10-07 00:00:00"},
		{"2026/10/07 9:05", fullDate, "2026-10-07 09:05:00"},
		{"45937.4375", fullDate, "2025-10-07 10:30:00"},
		{"45937", fullDate, "2025-10-07 00:00:00"},
		{"10/07/2026 1:33:00 PM", slashDate, ""},
		{"07/10/2026 13:33:00", slashDate, ""},
		{"12/12/2026 12:00:00 am", slashDate, ""},
		{"", noDate, ""},
		{"2026-02-30", badDate, ""},
		{"13/13/2026", badDate, ""},
		{"10/07/2026 13:33:00 PM", badDate, ""},
		{"10/07/26", badDate, ""},
		{"2026", badDate, ""},
		{"soon", badDate, ""},
		{"2026-10-07 25:00:00", badDate, ""},
	}
	for _, c := range cases {
		form, st, _ := scanDate(c.in)
		if form != c.form || c.want != "" && st.String() != c.want {
			t.Errorf("scanDate(%q) = %d %q, want %d %q", c.in, form, st, c.form, c.want)
		}
	}
	p := dateParts{2026, 12, 11, 23, 59, 58}
	if got := unpack(p.pack()); got != p || !pending(p.pack()) {
		t.Fatalf("pack/unpack: %v", got)
	}
	_, _, p = scanDate("12/11/2026 12:05:00 AM")
	if st, _ := p.resolve(false); st.String() != "2026-12-11 00:05:00" {
		t.Fatalf("month first: %v", st)
	}
	if st, _ := p.resolve(true); st.String() != "2026-11-12 00:05:00" {
		t.Fatalf("day first: %v", st)
	}
}
