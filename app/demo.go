package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"depositdesk/assets/samples"
	"depositdesk/data"
)

// demoShop is one sample shop and the sample exports it imports.
type demoShop struct {
	shop       data.Shop
	files      []string
	violations []data.Violation
}

func d(s string) data.Date { v, _ := data.ParseDate(s); return v }

var demoShops = []demoShop{
	{shop: data.Shop{Name: "Acme US", Site: "US", Code: "USLC8K2J1A", Client: "Acme Trading", Opened: d("2024-03-18"),
		Deposit: 150000, Currency: "USD", RuleSet: "tiktok-cb",
		Account: data.RefundAccount{Holder: "Acme Trading Co., Ltd.", Bank: "HSBC Hong Kong", Number: "808123456001", Swift: "HSBCHKHHHKH"},
		Steps: data.Steps{ClosureNotice: d("2026-08-01"), MarketingStopped: d("2026-07-25"), CreatorsUnbound: d("2026-07-26"),
			CommissionsSettled: d("2026-08-15"), DuesSettled: d("2026-08-20")}},
		files: []string{"All order-2026-07-20-09_15.xlsx", "Return_Refund_Orders-2026-07-20-09_20.xlsx"}},
	{shop: data.Shop{Name: "Lotus MY", Site: "MY", Code: "MYLC4T7Q2B", Client: "Lotus Beauty", Opened: d("2025-01-06"),
		Deposit: 9000, Currency: "USD", RuleSet: "tiktok-cb",
		Account: data.RefundAccount{Holder: "深圳莲花美妆有限公司", Bank: "招商银行 深圳分行", Number: "755912345678901", Swift: "CMBCCNBS"},
		Steps: data.Steps{ClosureNotice: d("2026-11-10"), MarketingStopped: d("2026-11-01"), CreatorsUnbound: d("2026-11-02"),
			CommissionsSettled: d("2026-11-15"), DuesSettled: d("2026-11-16")}},
		files: []string{"All order-2026-11-20-10_33.csv", "Return order-2026-11-20-10_40.csv"}},
	{shop: data.Shop{Name: "Panda UK", Site: "UK", Code: "GBLC9P3X5C", Client: "Panda Home", Opened: d("2024-09-02"),
		Deposit: 400000, Currency: "GBP", RuleSet: "tiktok-cb",
		Account: data.RefundAccount{Holder: "Panda Home Ltd", Bank: "Barclays", Number: "20325373384655"},
		Steps:   data.Steps{MarketingStopped: d("2026-11-05")}},
		files: []string{"All order-2026-11-21-08_05.xlsx", "Return order-2026-11-21-08_10.csv"},
		violations: []data.Violation{
			{Date: d("2026-10-12"), Kind: "Late dispatch", Penalty: 5000, Resolved: d("2026-10-30")},
			{Date: d("2026-11-08"), Kind: "Counterfeit claim", Penalty: 20000},
		}},
	{shop: data.Shop{Name: "曼谷日出 Sunrise TH", Site: "TH", Code: "THLC2S8R6D", Client: "日出贸易", Opened: d("2025-06-01"),
		ContractEnd: d("2026-12-31"), Deposit: 9000, Currency: "USD", RuleSet: "basic",
		Account: data.RefundAccount{Holder: "日出贸易有限公司", Bank: "中国银行 广州分行", Number: "6217857000012345678"}},
		files: []string{"全部 笔订单-2026-11-18-14_20.csv", "Return order-2026-11-18-14_25.csv"}},
}

// LoadDemo adds the sample shops (those not there yet) and imports their
// sample exports, so a newcomer sees real verdicts at once. It returns how
// many shops it added; running it again adds nothing.
func (d *Desk) LoadDemo(ctx context.Context) (int, error) {
	dir, err := os.MkdirTemp("", "depositdesk-demo-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	added := 0
	for _, ds := range demoShops {
		if _, err := d.store.ShopByName(ctx, ds.shop.Name); err == nil {
			continue
		} else if !errors.Is(err, data.ErrNotFound) {
			return added, err
		}
		sh, err := d.AddShop(ctx, ds.shop)
		if err != nil {
			return added, err
		}
		added++
		for _, v := range ds.violations {
			if _, err := d.AddViolation(ctx, sh.Name, v); err != nil {
				return added, err
			}
		}
		for _, name := range ds.files {
			b, err := samples.Files.ReadFile(name)
			if err != nil {
				return added, err
			}
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, b, 0o644); err != nil {
				return added, err
			}
			if _, err := d.Import(ctx, sh.Name, path, ImportOptions{}); err != nil {
				return added, err
			}
		}
	}
	return added, nil
}
