package sample

import "depositdesk/data"

// Languages are the export languages of DOMAIN.md §Status values, as
// Localize names them.
var Languages = []string{"en", "th", "vi", "id", "zh", "es-MX", "pt-BR"}

// localized holds the Order Status and Substatus each language writes for a
// class (DOMAIN.md §Status values). A class a language has no word for keeps
// its English values, as real exports that switch language mid-history do.
var localized = map[string]map[data.StatusClass][2]string{
	"th": {
		data.Unpaid: {"ค้างชำระ", ""}, data.ToShip: {"ที่จะจัดส่ง", "รอจัดส่ง"},
		data.InTransit: {"จัดส่งแล้ว", "อยู่ระหว่างงานขนส่ง"}, data.Delivered: {"จัดส่งแล้ว", "จัดส่งสำเร็จ"},
		data.Completed: {"เสร็จสมบูรณ์", "เสร็จสมบูรณ์"}, data.Cancelled: {"ยกเลิกแล้ว", "ยกเลิกคำสั่งซื้อ"},
	},
	"vi": {
		data.OnHold: {"Chờ xử lý", ""}, data.ToShip: {"Cần gửi", ""},
		data.InTransit: {"Đã vận chuyển", "Đang vận chuyển"}, data.Delivered: {"Đã vận chuyển", "Đã giao"},
		data.Completed: {"Đã hoàn tất", "Đã hoàn tất"}, data.Cancelled: {"Đã hủy", "Đã hủy"},
	},
	"id": {
		data.Unpaid: {"Belum dibayar", ""}, data.ToShip: {"Perlu dikirim", "Menunggu pengambilan"},
		data.InTransit: {"Dikirim", "Sedang transit"}, data.Delivered: {"Dikirim", "Delivered"},
		data.Completed: {"Selesai", "Selesai"}, data.Cancelled: {"Dibatalkan", "Dibatalkan"},
	},
	"zh": {
		data.Unpaid: {"待付款", ""}, data.OnHold: {"处理中", ""}, data.ToShip: {"待发货", "待揽收"},
		data.InTransit: {"已发货", "运输中"}, data.Delivered: {"已发货", "已送达"},
		data.Completed: {"已完成", "已完成"}, data.Cancelled: {"已取消", "已取消"},
	},
	"es-MX": {
		data.InTransit: {"Enviado", ""}, data.Delivered: {"Enviado", "Entregado"},
		data.Completed: {"Completado", "Completado"}, data.Cancelled: {"Cancelado", "Cancelado"},
	},
	"pt-BR": {
		data.Unpaid: {"Não pago", ""}, data.Cancelled: {"Cancelado", "Cancelado"},
	},
}

// Localize writes e's order statuses in one of Languages, as a Seller Center
// in that language exports them ("en" leaves them English).
func Localize(e *Export, lang string) {
	words := localized[lang]
	for i := range e.Orders {
		o := &e.Orders[i]
		if w, ok := words[o.Class]; ok {
			o.Status, o.Substatus = w[0], w[1]
		}
	}
}
