package workbook

import (
	"sort"
	"strings"
)

// Labels are the words the workbooks are written in. Lang ("en" or "zh")
// picks the language of the reason text; Text maps a label key to its
// translation. A key missing from Text falls back to English, so a caller
// may translate only what it has.
type Labels struct {
	Lang string
	Text map[string]string
}

// T is the label for key: Text's, else the built-in English one, else the key.
func (l Labels) T(key string) string {
	if v := l.Text[key]; v != "" {
		return v
	}
	if v := english[key]; v != "" {
		return v
	}
	return key
}

// lookup is the label for key if one exists anywhere, else fallback.
func (l Labels) lookup(key, fallback string) string {
	if v := l.Text[key]; v != "" {
		return v
	}
	if v := english[key]; v != "" {
		return v
	}
	return fallback
}

// EnglishLabels are the built-in English labels.
func EnglishLabels() Labels { return Labels{Lang: "en", Text: clone(english)} }

// ChineseLabels are the built-in Simplified Chinese labels.
func ChineseLabels() Labels { return Labels{Lang: "zh", Text: clone(chinese)} }

// LabelsFor returns the built-in labels for a UI language: "zh", "zh_Hans",
// "zh-CN", … are Chinese; anything else is English.
func LabelsFor(lang string) Labels {
	if IsChinese(lang) {
		return ChineseLabels()
	}
	return EnglishLabels()
}

// IsChinese reports whether a language tag names Chinese.
func IsChinese(lang string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "zh")
}

// LabelKeys lists every label key, sorted, for translation files.
func LabelKeys() []string {
	keys := make([]string, 0, len(english))
	for k := range english {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

var english = map[string]string{
	"sheet.application": "Application",
	"sheet.checklist":   "Checklist",
	"sheet.orders":      "Orders",
	"sheet.summary":     "Applications",

	"title.application": "Security deposit refund application",
	"title.checklist":   "Closure and refund checklist",
	"title.orders":      "Orders summary",
	"title.summary":     "Deposit refund applications",

	"file.application": "deposit refund application",
	"file.summary":     "deposit refund applications",

	"section.shop":       "Shop details",
	"section.amounts":    "Amounts",
	"section.deductions": "Deductions (violations)",
	"section.account":    "Refund account",
	"section.reason":     "Reason (ready to paste into the platform form)",
	"section.totals":     "Total refundable by currency",

	"field.shop":           "Shop",
	"field.platform":       "Platform",
	"field.site":           "Site",
	"field.shop_code":      "Shop code",
	"field.client":         "Client",
	"field.rule_set":       "Rule set",
	"field.status":         "Status",
	"field.as_of":          "Checked as of",
	"field.ready_on":       "Ready on",
	"field.data_as_of":     "Data as of",
	"field.latest_closure": "Latest order closure",
	"field.prepared":       "Prepared on",
	"field.deposit":        "Deposit",
	"field.deductions":     "Deductions",
	"field.refundable":     "Refundable amount",
	"field.currency":       "Currency",
	"field.holder":         "Account holder",
	"field.bank":           "Bank",
	"field.account_number": "Account number",
	"field.swift":          "SWIFT / branch",
	"field.account":        "Account",
	"field.file":           "File",
	"field.applications":   "Applications",
	"field.checks_passed":  "Checks passed",

	"col.no":             "#",
	"col.check":          "Check",
	"col.result":         "Result",
	"col.kind":           "Kind",
	"col.due":            "Due date",
	"col.detail":         "Detail",
	"col.evidence":       "Evidence",
	"col.date":           "Date",
	"col.violation":      "Violation",
	"col.penalty":        "Penalty",
	"col.resolved":       "Resolved on",
	"col.status_class":   "Order status",
	"col.orders":         "Orders",
	"col.latest_closure": "Latest closure date",
	"col.total":          "Total",

	"result.ok":     "Passed",
	"result.failed": "Not yet",
	"kind.time":     "Wait",
	"kind.action":   "Action needed",

	"note.none":          "—",
	"note.no_deductions": "No deductions",
	"note.open":          "Open",
	"note.no_orders":     "No orders",
	"note.footer":        "Prepared with Deposit Desk",

	"status.ready":     "Ready",
	"status.waiting":   "Waiting",
	"status.blocked":   "Blocked",
	"status.draft":     "Draft",
	"status.submitted": "Submitted",
	"status.approved":  "Approved",
	"status.rejected":  "Rejected",
	"status.refunded":  "Refunded",

	"platform.tiktok": "TikTok Shop",

	"class.unpaid":     "Unpaid",
	"class.on_hold":    "On hold",
	"class.to_ship":    "To ship",
	"class.in_transit": "In transit",
	"class.delivered":  "Delivered",
	"class.completed":  "Completed",
	"class.cancelled":  "Cancelled",
	"class.unknown":    "Unrecognised status",

	"check.operating_period":    "Minimum operating period reached",
	"check.orders_settled":      "Every order completed or closed",
	"check.after_sales_window":  "After-sales window of delivered orders over",
	"check.returns_closed":      "No open after-sales case",
	"check.quiet_period":        "Quiet period after the last order closed",
	"check.closure_notice":      "Closure notice shown long enough",
	"check.marketing_stopped":   "Marketing stopped",
	"check.creators_unbound":    "Creator accounts unbound",
	"check.commissions_settled": "Affiliate commissions settled",
	"check.dues_settled":        "Payables and receivables settled",
	"check.violations_cleared":  "No open violation",
	"check.refund_account":      "Refund account complete",
}

var chinese = map[string]string{
	"sheet.application": "申请",
	"sheet.checklist":   "检查清单",
	"sheet.orders":      "订单汇总",
	"sheet.summary":     "申请汇总",

	"title.application": "保证金退还申请",
	"title.checklist":   "关店及退还条件检查清单",
	"title.orders":      "订单汇总",
	"title.summary":     "保证金退还申请汇总",

	"file.application": "保证金退还申请",
	"file.summary":     "保证金退还申请汇总",

	"section.shop":       "店铺信息",
	"section.amounts":    "金额",
	"section.deductions": "扣款（违规）",
	"section.account":    "退款账户",
	"section.reason":     "申请理由（可直接粘贴到平台表单）",
	"section.totals":     "按币种合计可退金额",

	"field.shop":           "店铺",
	"field.platform":       "平台",
	"field.site":           "站点",
	"field.shop_code":      "店铺代码",
	"field.client":         "客户",
	"field.rule_set":       "规则",
	"field.status":         "状态",
	"field.as_of":          "检查日期",
	"field.ready_on":       "可申请日期",
	"field.data_as_of":     "数据截至",
	"field.latest_closure": "最后订单关闭日期",
	"field.prepared":       "制表日期",
	"field.deposit":        "保证金",
	"field.deductions":     "扣款",
	"field.refundable":     "可退金额",
	"field.currency":       "币种",
	"field.holder":         "账户名",
	"field.bank":           "开户银行",
	"field.account_number": "银行账号",
	"field.swift":          "SWIFT / 支行",
	"field.account":        "账户",
	"field.file":           "文件",
	"field.applications":   "申请数",
	"field.checks_passed":  "已通过检查",

	"col.no":             "序号",
	"col.check":          "检查项",
	"col.result":         "结果",
	"col.kind":           "类型",
	"col.due":            "满足日期",
	"col.detail":         "说明",
	"col.evidence":       "依据",
	"col.date":           "日期",
	"col.violation":      "违规",
	"col.penalty":        "罚款",
	"col.resolved":       "解决日期",
	"col.status_class":   "订单状态",
	"col.orders":         "订单数",
	"col.latest_closure": "最后关闭日期",
	"col.total":          "合计",

	"result.ok":     "通过",
	"result.failed": "未通过",
	"kind.time":     "等待",
	"kind.action":   "需处理",

	"note.none":          "—",
	"note.no_deductions": "无扣款",
	"note.open":          "未解决",
	"note.no_orders":     "无订单",
	"note.footer":        "由保证金助手生成",

	"status.ready":     "可申请",
	"status.waiting":   "等待中",
	"status.blocked":   "受阻",
	"status.draft":     "草稿",
	"status.submitted": "已提交",
	"status.approved":  "已通过",
	"status.rejected":  "已驳回",
	"status.refunded":  "已退款",

	"platform.tiktok": "TikTok Shop",

	"class.unpaid":     "待付款",
	"class.on_hold":    "处理中",
	"class.to_ship":    "待发货",
	"class.in_transit": "运输中",
	"class.delivered":  "已送达",
	"class.completed":  "已完成",
	"class.cancelled":  "已取消",
	"class.unknown":    "未识别状态",

	"check.operating_period":    "已满最短经营期限",
	"check.orders_settled":      "所有订单已完成或关闭",
	"check.after_sales_window":  "已送达订单的售后期已过",
	"check.returns_closed":      "无未结售后单",
	"check.quiet_period":        "最后一笔订单关闭后的等待期已满",
	"check.closure_notice":      "关店公告已展示满期",
	"check.marketing_stopped":   "已停止全部营销活动",
	"check.creators_unbound":    "已解绑全部达人账号",
	"check.commissions_settled": "联盟佣金已结清",
	"check.dues_settled":        "应收应付已结清",
	"check.violations_cleared":  "无未处理违规",
	"check.refund_account":      "退款账户信息完整",
}
