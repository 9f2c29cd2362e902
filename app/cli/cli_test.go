package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/datatest"
	"depositdesk/data/exports/sample"
)

// session runs commands against one database, as a person at a terminal would.
type session struct {
	t  *testing.T
	db string
}

func newSession(t *testing.T) *session {
	return &session{t: t, db: datatest.DB(t, "店铺 数据", "desk.db")}
}

func (s *session) run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	open := func(path string) (*app.Desk, error) {
		d, err := app.Open(path)
		if err == nil {
			d.Now = func() time.Time { return time.Date(2026, 11, 24, 10, 0, 0, 0, time.Local) }
		}
		return d, err
	}
	code = Run(append([]string{"--db", s.db}, args...), Env{Stdout: &out, Stderr: &errb, Open: open})
	return code, out.String(), errb.String()
}

func (s *session) ok(args ...string) string {
	s.t.Helper()
	code, out, errs := s.run(args...)
	if code != 0 {
		s.t.Fatalf("%v: exit %d\n%s%s", args, code, out, errs)
	}
	return out
}

func TestACommandLineSessionFromShopToVerdict(t *testing.T) {
	s := newSession(t)
	s.ok("shop", "add", "Acme US", "--site", "US", "--deposit", "1500", "--currency", "USD", "--client", "Acme", "--opened", "2024-01-10")
	s.ok("shop", "set", "Acme US", "--account-holder", "Acme Ltd", "--bank", "HSBC", "--account-number", "808123456001",
		"--closure-notice", "2026-08-01", "--marketing-stopped", "2026-08-01", "--creators-unbound", "2026-08-01",
		"--commissions-settled", "2026-08-01", "--dues-settled", "2026-08-01")

	file := filepath.Join(t.TempDir(), "All order-2026-07-20-09_15.csv")
	e := sample.Orders(sample.Options{Seed: 3, Orders: 40, Site: "US",
		Start: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC),
		Mix: closedMix})
	if err := sample.WriteFile(file, e); err != nil {
		t.Fatal(err)
	}
	out := s.ok("import", "--shop", "Acme US", file)
	if !strings.Contains(out, "40 new") {
		t.Fatalf("import summary: %s", out)
	}
	again := s.ok("import", file, "--shop", "Acme US")
	if !strings.Contains(again, "already imported") {
		t.Fatalf("re-import: %s", again)
	}

	var got struct {
		AsOf  string `json:"as_of"`
		Shops []struct {
			Shop       string   `json:"shop"`
			Status     string   `json:"status"`
			ReadyOn    *string  `json:"ready_on"`
			Deposit    float64  `json:"deposit"`
			Refundable float64  `json:"refundable"`
			Currency   string   `json:"currency"`
			Rules      string   `json:"rules"`
			DataAsOf   *string  `json:"data_as_of"`
			Stale      bool     `json:"stale"`
			Checks     []check_ `json:"checks"`
		} `json:"shops"`
	}
	js := s.ok("readiness", "--as-of", "2026-11-24", "--json")
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("readiness --json is not JSON: %v\n%s", err, js)
	}
	// Without a returns export there is no evidence that no case is open.
	if len(got.Shops) != 1 || got.Shops[0].Status != "blocked" || !strings.Contains(js, "No returns export imported yet") {
		t.Fatalf("readiness without a returns export: %s", js)
	}
	returns := filepath.Join(t.TempDir(), "Return order-2026-07-20-09_20.csv")
	empty := sample.Returns(sample.Options{Seed: 3, Site: "US"})
	empty.Cases, empty.Rows = nil, 0
	if err := sample.WriteFile(returns, empty); err != nil {
		t.Fatal(err)
	}
	s.ok("import", "--shop", "Acme US", returns)
	js = s.ok("readiness", "--as-of", "2026-11-24", "--json")
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatalf("readiness --json is not JSON: %v\n%s", err, js)
	}
	if got.AsOf != "2026-11-24" || len(got.Shops) != 1 {
		t.Fatalf("readiness: %s", js)
	}
	v := got.Shops[0]
	if v.Shop != "Acme US" || v.Status != "ready" || v.Deposit != 1500 || v.Refundable != 1500 || v.Currency != "USD" ||
		v.Rules != "tiktok-cb@2025-12-15" || v.DataAsOf == nil || *v.DataAsOf != "2026-07-20" || !v.Stale {
		t.Fatalf("verdict: %+v\n%s", v, js)
	}
	for _, key := range []string{`"ready_on"`, `"checks"`, `"id"`, `"ok"`, `"kind"`, `"due"`, `"detail"`} {
		if !strings.Contains(js, key) {
			t.Fatalf("readiness --json lacks %s", key)
		}
	}

	s.ok("violation", "add", "--shop", "Acme US", "--date", "2026-11-01", "--kind", "Late dispatch", "--penalty", "50")
	js = s.ok("readiness", "--as-of", "2026-11-24", "--json", "--shop", "Acme US")
	json.Unmarshal([]byte(js), &got)
	if got.Shops[0].Status != "blocked" || got.Shops[0].Refundable != 1450 {
		t.Fatalf("after an open violation: %+v", got.Shops[0])
	}

	imports := s.ok("imports", "--json")
	var batches struct {
		Imports []struct {
			ID int64 `json:"id"`
		} `json:"imports"`
	}
	json.Unmarshal([]byte(imports), &batches)
	if len(batches.Imports) != 2 {
		t.Fatalf("imports: %s", imports)
	}
	s.ok("undo", "2")
	s.ok("undo", "1")
	js = s.ok("readiness", "--as-of", "2026-11-24", "--json")
	json.Unmarshal([]byte(js), &got)
	if got.Shops[0].DataAsOf != nil {
		t.Fatalf("after undo the shop still has data as of %v", *got.Shops[0].DataAsOf)
	}
	audit := s.ok("audit", "--shop", "Acme US")
	for _, action := range []string{"shop.add", "shop.edit", "import", "violation.add", "undo"} {
		if !strings.Contains(audit, action) {
			t.Fatalf("audit lacks %s:\n%s", action, audit)
		}
	}
	if strings.Contains(audit, "808123456001") {
		t.Fatal("the audit log shows a full account number")
	}
	list := s.ok("shop", "list", "--json")
	if strings.Contains(list, "808123456001") || !strings.Contains(list, "6001") {
		t.Fatalf("shop list must mask the account number: %s", list)
	}
}

var closedMix = map[data.StatusClass]int{data.Completed: 9, data.Cancelled: 1}

type check_ struct {
	ID     string  `json:"id"`
	OK     bool    `json:"ok"`
	Kind   string  `json:"kind"`
	Due    *string `json:"due"`
	Detail string  `json:"detail"`
}

func TestMistakesInACommandExitWithTwoAndFailuresWithOne(t *testing.T) {
	s := newSession(t)
	cases := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"shop", "add", "X", "--site", "US"}, 2, "--deposit"},
		{[]string{"shop", "add", "X", "--site", "US", "--deposit", "lots", "--currency", "USD"}, 2, "not an amount"},
		{[]string{"readiness", "--as-of", "24/11/2026"}, 2, "YYYY-MM-DD"},
		{[]string{"import", "--shop", "Acme"}, 2, "at least one FILE"},
		{[]string{"import", "--shop", "Acme", ""}, 2, "empty FILE name"},
		{[]string{"import", "somefile.csv"}, 1, "somefile.csv"},
		{[]string{"undo", "abc"}, 2, "batch number"},
		{[]string{"readiness", "--shop", "Nobody"}, 1, "no shop named Nobody"},
		{[]string{"import", "--shop", "Nobody", "x.csv"}, 1, "Nobody"},
		{[]string{"undo", "99"}, 1, "no import batch 99"},
	}
	for _, c := range cases {
		code, _, errs := s.run(c.args...)
		if code != c.code || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d saying %q", c.args, code, errs, c.code, c.says)
		}
	}
}

func TestTheDemoGivesEveryKindOfVerdict(t *testing.T) {
	s := newSession(t)
	s.ok("demo")
	s.ok("demo") // a second run adds nothing and fails nothing
	js := s.ok("readiness", "--as-of", "2026-11-24", "--json")
	var got struct {
		Shops []struct {
			Shop   string `json:"shop"`
			Status string `json:"status"`
		} `json:"shops"`
	}
	if err := json.Unmarshal([]byte(js), &got); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, v := range got.Shops {
		seen[v.Status]++
	}
	if len(got.Shops) != 4 || seen["ready"] == 0 || seen["waiting"] == 0 || seen["blocked"] == 0 {
		t.Fatalf("demo verdicts: %+v", got.Shops)
	}
}

func TestDBFlagWorksBeforeAndAfterTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	var out, errb bytes.Buffer
	if code := Run([]string{"shop", "add", "A", "--site", "US", "--deposit", "1", "--currency", "USD", "--db", db}, Env{Stdout: &out, Stderr: &errb}); code != 0 {
		t.Fatal(errb.String())
	}
	out.Reset()
	if code := Run([]string{"--db=" + db, "shop", "list"}, Env{Stdout: &out, Stderr: &errb}); code != 0 || !strings.Contains(out.String(), "A") {
		t.Fatalf("%d %s %s", code, out.String(), errb.String())
	}
}

func TestReadinessSaysWhatChangedSinceTheLastLook(t *testing.T) {
	s := newSession(t)
	s.ok("demo")
	if out := s.ok("readiness"); strings.Contains(out, "Changed since the last look") {
		t.Fatalf("the first look reports changes:\n%s", out)
	}
	s.ok("violation", "add", "--shop", "Acme US", "--date", "2026-11-20", "--kind", "Counterfeit claim")
	out := s.ok("readiness")
	if !strings.Contains(out, "Changed since the last look: Acme US (ready → blocked)") {
		t.Errorf("after a violation:\n%s", out)
	}
	if out := s.ok("readiness"); strings.Contains(out, "Changed since the last look") {
		t.Errorf("a change is news once:\n%s", out)
	}
}
