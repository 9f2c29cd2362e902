package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"depositdesk/data/exports/sample"
)

func TestStatusMapTeachesAValueAndTheVerdictFollows(t *testing.T) {
	s := newSession(t)
	s.ok("shop", "add", "Sunrise TH", "--site", "TH", "--deposit", "90", "--currency", "USD", "--rules", "basic")
	s.ok("shop", "set", "Sunrise TH", "--account-holder", "Sunrise", "--bank", "BOC", "--account-number", "6217857000012345678")
	dir := t.TempDir()
	e := sample.Orders(sample.Options{Seed: 5, Orders: 12, Site: "TH", Mix: closedMix,
		Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)})
	const value = "สำเร็จแล้ว"
	e.Orders[0].Status, e.Orders[1].Status = value, value
	orders := filepath.Join(dir, "ทั้งหมด คำสั่งซื้อ-2026-11-20-10_00.csv")
	if err := sample.WriteFile(orders, e); err != nil {
		t.Fatal(err)
	}
	r := sample.Returns(sample.Options{Seed: 5, Orders: 3, Site: "TH", Closed: true})
	r.Cases[2].Appeal = "Appeal won"
	returns := filepath.Join(dir, "Return order-2026-11-20-10_05.csv")
	if err := sample.WriteFile(returns, r); err != nil {
		t.Fatal(err)
	}
	out := s.ok("import", "--shop", "Sunrise TH", orders, returns)
	if !strings.Contains(out, "depositdesk status map "+value+" CLASS") || !strings.Contains(out, "depositdesk status map 'Appeal won' open|final") {
		t.Fatalf("import does not say how to map the unknown values:\n%s", out)
	}
	status := func() string {
		var got struct {
			Shops []struct {
				Status string `json:"status"`
			} `json:"shops"`
		}
		js := s.ok("readiness", "--as-of", "2026-11-24", "--json")
		if err := json.Unmarshal([]byte(js), &got); err != nil || len(got.Shops) != 1 {
			t.Fatalf("readiness: %v\n%s", err, js)
		}
		return got.Shops[0].Status
	}
	if st := status(); st != "blocked" {
		t.Fatalf("with unknown values the shop is %s", st)
	}
	var list struct {
		Learnt []struct {
			Value string `json:"value"`
			Class string `json:"class"`
			Count int    `json:"count"`
		} `json:"learnt"`
		Unknown []struct {
			Value  string `json:"value"`
			Kind   string `json:"kind"`
			Column string `json:"column"`
			Count  int    `json:"count"`
		} `json:"unknown"`
	}
	js := s.ok("status", "list", "--json")
	if err := json.Unmarshal([]byte(js), &list); err != nil || len(list.Learnt) != 0 || len(list.Unknown) != 2 ||
		list.Unknown[0].Value != value || list.Unknown[0].Count != 2 || list.Unknown[1].Kind != "case" || list.Unknown[1].Column != "Appeal Status" {
		t.Fatalf("status list --json: %v\n%s", err, js)
	}
	if out := s.ok("status", "map", value, "completed"); !strings.Contains(out, "orders re-classified 2") {
		t.Fatalf("status map: %s", out)
	}
	if out := s.ok("status", "map", "appeal WON", "final"); !strings.Contains(out, "after-sales cases re-classified 1") {
		t.Fatalf("status map: %s", out)
	}
	if st := status(); st != "ready" {
		t.Fatalf("once both values are mapped the shop is %s", st)
	}
	js = s.ok("status", "list", "--json")
	json.Unmarshal([]byte(js), &list)
	if len(list.Learnt) != 2 || len(list.Unknown) != 0 || list.Learnt[0].Count+list.Learnt[1].Count != 3 {
		t.Fatalf("status list after mapping: %s", js)
	}
	if out := s.ok("status", "list"); !strings.Contains(out, value) || !strings.Contains(out, "No unknown status values") {
		t.Fatalf("status list: %s", out)
	}
	s.ok("status", "unmap", "Appeal won")
	if st := status(); st != "blocked" {
		t.Fatalf("after unmap the shop is %s", st)
	}
	if audit := s.ok("audit"); !strings.Contains(audit, "status.map") || !strings.Contains(audit, "status.unmap") {
		t.Fatalf("audit: %s", audit)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"status", "map", value}, 2, "VALUE and a CLASS"},
		{[]string{"status", "map", "Whatever", "sold"}, 1, "not a status class"},
		{[]string{"status", "map", "Completed", "cancelled"}, 1, "already known"},
		{[]string{"status", "unmap", "Never mapped"}, 1, "not a value you mapped"},
	} {
		code, _, errs := s.run(c.args...)
		if code != c.code || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, stderr %q; want %d saying %q", c.args, code, errs, c.code, c.says)
		}
	}
}
