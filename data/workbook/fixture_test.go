package workbook

import (
	"strconv"

	"depositdesk/data"
)

func day(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// readyShop is a TikTok US shop whose every check passes.
func readyShop() Application {
	return Application{
		Shop: "Acme US", Platform: "tiktok", Site: "US", ShopCode: "USLCABC123", Client: "Northwind Agency",
		Currency: "USD", Status: "ready", RuleSet: "tiktok-cb@2025-12-15",
		Deposit: 150000, Deductions: 5000, Refundable: 145000,
		DeductionList: []Deduction{
			{Date: day("2026-03-02"), Kind: "Off-platform transaction", Penalty: 5000, Resolved: day("2026-03-20")},
		},
		Account:  data.RefundAccount{Holder: "Acme Trading LLC", Bank: "Bank of America, N.A.", Number: "004512345678", Swift: "BOFAUS3N"},
		Prepared: day("2026-11-24"), AsOf: day("2026-11-24"), ReadyOn: day("2026-11-20"),
		Checks: []Check{
			{ID: "operating_period", OK: true, Detail: "Opened 2025-03-01; no minimum operating period"},
			{ID: "orders_settled", OK: true, Detail: "All 1,290 orders are completed or cancelled"},
			{ID: "after_sales_window", OK: true, Due: day("2026-08-21"), Detail: "The last delivered order left its 30-day return window on 2026-08-21",
				Evidence: []string{"577012345678901234"}},
			{ID: "returns_closed", OK: true, Detail: "No after-sales case is open (12 closed)"},
			{ID: "quiet_period", OK: true, Due: day("2026-11-19"), Detail: "The last order closed on 2026-08-21; 90 quiet days end on 2026-11-19",
				Evidence: []string{"577012345678901234"}},
			{ID: "closure_notice", OK: true, Due: day("2026-10-01"), Detail: "Closure notice posted on 2026-09-01", Evidence: []string{"posted 2026-09-01"}},
			{ID: "marketing_stopped", OK: true, Detail: "Confirmed on 2026-08-25", Evidence: []string{"2026-08-25"}},
			{ID: "creators_unbound", OK: true, Detail: "Confirmed on 2026-08-26", Evidence: []string{"2026-08-26"}},
			{ID: "commissions_settled", OK: true, Detail: "Confirmed on 2026-09-10", Evidence: []string{"2026-09-10"}},
			{ID: "dues_settled", OK: true, Detail: "Confirmed on 2026-11-20", Evidence: []string{"2026-11-20"}},
			{ID: "violations_cleared", OK: true, Detail: "1 violation, resolved on 2026-03-20"},
			{ID: "refund_account", OK: true, Detail: "Acme Trading LLC, Bank of America, N.A."},
		},
		Orders: []StatusCount{
			{Class: "completed", Count: 1234, LatestClosure: day("2026-08-21")},
			{Class: "cancelled", Count: 56, LatestClosure: day("2026-07-30")},
		},
		LatestClosure: day("2026-08-21"),
		DataAsOf:      day("2026-11-20"),
	}
}

// waitingShop is a Chinese-named Malaysian shop with checks still failing.
func waitingShop() Application {
	a := readyShop()
	a.Shop, a.Site, a.ShopCode, a.Client, a.Currency = "店铺 导出 2026", "MY", "MYLC77", "深圳星河贸易", "MYR"
	a.Status, a.ReadyOn = "blocked", data.NoDate
	a.Deposit, a.Deductions, a.Refundable = 40000, 0, 40000
	a.DeductionList = nil
	a.Account = data.RefundAccount{Holder: "深圳星河贸易有限公司", Bank: "招商银行深圳分行", Number: "6225880123456789", Swift: "CMBCCNBS"}
	a.Checks = []Check{
		{ID: "orders_settled", OK: false, Kind: "action", Detail: "3 笔订单仍在运输中",
			Evidence: []string{"577098765432109876", "577098765432109877", "577098765432109878"}},
		{ID: "after_sales_window", OK: false, Kind: "time", Due: day("2026-12-08"), Detail: "最后一笔已送达订单的 7 天售后期于 2026-12-08 结束"},
		{ID: "returns_closed", OK: false, Kind: "action", Detail: "1 个售后单未结", Evidence: []string{"4035123412341234 (577098765432109800)"}},
		{ID: "violations_cleared", OK: true, Detail: "无违规"},
		{ID: "refund_account", OK: true, Detail: "深圳星河贸易有限公司，招商银行深圳分行"},
	}
	a.Orders = []StatusCount{
		{Class: "in_transit", Count: 3},
		{Class: "delivered", Count: 12, LatestClosure: day("2026-12-08")},
		{Class: "completed", Count: 410, LatestClosure: day("2026-11-02")},
		{Class: "cancelled", Count: 9, LatestClosure: day("2026-10-15")},
	}
	a.LatestClosure = data.NoDate
	return a
}

func moneyOf(n int64) data.Money { return data.Money(n) }

func itoa(n int) string { return strconv.Itoa(n) }
