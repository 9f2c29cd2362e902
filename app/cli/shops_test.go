package cli

import (
	"encoding/json"
	"flag"
	"strings"
	"testing"
)

func TestOneShopAddCreatesACompleteShop(t *testing.T) {
	s := newSession(t)
	s.ok("shop", "add", "Acme UK", "--site", "UK", "--deposit", "900", "--currency", "GBP", "--client", "Acme",
		"--opened", "2024-02-01", "--contract-end", "2027-02-01", "--code", "GB123",
		"--account-holder", "Acme Trading Ltd", "--bank", "Barclays", "--account-number", "20451234567890", "--swift", "BARCGB22",
		"--closure-notice", "2026-08-01", "--marketing-stopped", "2026-07-25", "--creators-unbound", "2026-07-26",
		"--commissions-settled", "2026-08-15", "--dues-settled", "2026-08-20", "--notes", "moving to a new company")
	var got struct {
		Shops []struct {
			Name        string `json:"name"`
			Code        string `json:"code"`
			ContractEnd string `json:"contract_end"`
			Notes       string `json:"notes"`
			Account     struct {
				Holder, Bank, Number, Swift string
			} `json:"account"`
			Steps map[string]*string `json:"steps"`
		} `json:"shops"`
	}
	js := s.ok("shop", "list", "--json")
	if err := json.Unmarshal([]byte(js), &got); err != nil || len(got.Shops) != 1 {
		t.Fatalf("shop list --json: %v\n%s", err, js)
	}
	sh := got.Shops[0]
	if sh.Code != "GB123" || sh.ContractEnd != "2027-02-01" || sh.Notes != "moving to a new company" ||
		sh.Account.Holder != "Acme Trading Ltd" || sh.Account.Bank != "Barclays" || sh.Account.Swift != "BARCGB22" ||
		!strings.HasSuffix(sh.Account.Number, "7890") {
		t.Fatalf("shop add did not keep every flag: %+v", sh)
	}
	want := map[string]string{"closure_notice": "2026-08-01", "marketing_stopped": "2026-07-25", "creators_unbound": "2026-07-26",
		"commissions_settled": "2026-08-15", "dues_settled": "2026-08-20"}
	for k, v := range want {
		if sh.Steps[k] == nil || *sh.Steps[k] != v {
			t.Errorf("step %s = %v, want %s (%s)", k, sh.Steps[k], v, js)
		}
	}
}

func TestShopAddAndSetTakeTheSameFlags(t *testing.T) {
	add, set := newShopFlags("shop add", false), newShopFlags("shop set", true)
	cmd, _ := find([]string{"shop", "add"})
	addUsage := cmd.usage
	set.fs.VisitAll(func(f *flag.Flag) {
		if f.Name != "name" && add.fs.Lookup(f.Name) == nil {
			t.Errorf("shop set takes --%s, shop add does not", f.Name)
		}
	})
	add.fs.VisitAll(func(f *flag.Flag) {
		if set.fs.Lookup(f.Name) == nil {
			t.Errorf("shop add takes --%s, shop set does not", f.Name)
		}
		if !strings.Contains(addUsage, "--"+f.Name) {
			t.Errorf("the usage of shop add does not mention --%s", f.Name)
		}
	})
	code, _, errs := newSession(t).run("shop", "add", "X", "--site", "US", "--deposit", "1", "--currency", "USD", "--closure-notice", "1/8/2026")
	if code != 2 || !strings.Contains(errs, "--closure-notice") {
		t.Fatalf("a bad step date on add: exit %d, %s", code, errs)
	}
}
