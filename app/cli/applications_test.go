package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"depositdesk/data/exports/sample"
)

// demoSession is a session holding the demo shops; the clock says 2026-11-24.
func demoSession(t *testing.T) *session {
	t.Helper()
	s := newSession(t)
	s.ok("demo")
	return s
}

func (s *session) fails(code int, args ...string) string {
	s.t.Helper()
	got, out, errs := s.run(args...)
	if got != code {
		s.t.Fatalf("%v: exit %d, want %d\n%s%s", args, got, code, out, errs)
	}
	return errs
}

type appJSON struct {
	Shop      string  `json:"shop"`
	Status    string  `json:"status"`
	Amount    float64 `json:"amount"`
	Currency  string  `json:"currency"`
	Account   string  `json:"account"`
	Created   *string `json:"created"`
	Submitted *string `json:"submitted"`
	Decided   *string `json:"decided"`
	Refunded  *string `json:"refunded"`
	Overdue   bool    `json:"overdue"`
	Valid     bool    `json:"valid"`
	Why       *string `json:"why"`
	File      string  `json:"file"`
	Note      string  `json:"note"`
}

func (s *session) applications(args ...string) []appJSON {
	s.t.Helper()
	out := s.ok(append([]string{"application", "list", "--json"}, args...)...)
	var got struct {
		Applications []appJSON `json:"applications"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		s.t.Fatalf("application list --json: %v\n%s", err, out)
	}
	if err := json.Unmarshal(raw["applications"], &got.Applications); err != nil {
		s.t.Fatal(err)
	}
	// Every key of the contract, and no other.
	var keys []map[string]any
	json.Unmarshal(raw["applications"], &keys)
	for _, k := range keys {
		for _, want := range []string{"shop", "status", "amount", "currency", "account", "created", "submitted", "decided",
			"refunded", "overdue", "valid", "why", "file", "note"} {
			if _, ok := k[want]; !ok {
				s.t.Fatalf("key %q missing: %s", want, out)
			}
		}
		if len(k) != 14 {
			s.t.Fatalf("unexpected keys: %v", k)
		}
	}
	return got.Applications
}

func TestExportFromTheCommandLine(t *testing.T) {
	s := demoSession(t)
	dir := filepath.Join(t.TempDir(), "out")
	out := s.ok("export", "--out", dir, "--as-of", "2026-11-24", "--lang", "en")
	file := filepath.Join(dir, "Acme US_deposit refund application_2026-11-24.xlsx")
	if !strings.Contains(out, "Acme US → "+file+" (ready, 1500.00 USD refundable; application draft)") ||
		!strings.Contains(out, "Summary → "+filepath.Join(dir, "deposit refund applications_2026-11-24.xlsx")+" (applications: 1)") {
		t.Fatalf("export said:\n%s", out)
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}

	// A shop named is exported even when not ready, with a warning on stderr.
	code, out, errs := s.run("export", "--out", dir, "--shop", "Panda UK", "--lang", "en")
	if code != 0 || !strings.Contains(out, "Panda UK → ") || !strings.Contains(errs, "warning: Panda UK is blocked, not ready (failing: orders_settled, after_sales_window, returns_closed") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}

	apps := s.applications()
	if len(apps) != 2 || apps[0].Shop != "Acme US" || apps[1].Shop != "Panda UK" {
		t.Fatalf("applications %+v", apps)
	}
	a := apps[0]
	if a.Status != "draft" || a.Amount != 1500 || a.Currency != "USD" || a.Account != "••••••••6001" ||
		a.Created == nil || *a.Created != "2026-11-24" || a.Submitted != nil || a.Decided != nil || a.Refunded != nil ||
		a.Overdue || !a.Valid || a.Why != nil || a.File != file {
		t.Fatalf("application %+v", a)
	}
	list := s.ok("application", "list")
	if strings.Contains(list, "808123456001") || !strings.Contains(list, "6001") || !strings.Contains(list, "Panda UK") {
		t.Fatalf("list:\n%s", list)
	}
	if raw := s.ok("application", "list", "--json"); strings.Contains(raw, "808123456001") {
		t.Fatal("the JSON shows the full account number")
	}
	if audit := s.ok("audit", "--json"); strings.Contains(audit, "808123456001") || !strings.Contains(audit, `"action": "export"`) {
		t.Fatalf("audit:\n%s", audit)
	}
}

func TestTheWorkbookLanguageFollowsTheEnvironment(t *testing.T) {
	s := demoSession(t)
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	dir := t.TempDir()
	s.ok("export", "--out", dir)
	if _, err := os.Stat(filepath.Join(dir, "Acme US_保证金退还申请_2026-11-24.xlsx")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LC_ALL", "en_US.UTF-8")
	s.ok("export", "--out", dir)
	if _, err := os.Stat(filepath.Join(dir, "Acme US_deposit refund application_2026-11-24.xlsx")); err != nil {
		t.Fatal(err)
	}
}

func TestApplicationStatusFromTheCommandLine(t *testing.T) {
	s := demoSession(t)
	s.ok("export", "--out", t.TempDir(), "--lang", "en")

	errs := s.fails(1, "application", "set", "Acme US", "--status", "approved")
	if !strings.Contains(errs, "The application of Acme US is draft; it can become submitted, not approved") {
		t.Fatalf("stderr: %s", errs)
	}
	out := s.ok("application", "set", "Acme US", "--status", "submitted", "--on", "2026-11-20", "--note", "ticket 881")
	if !strings.Contains(out, "Acme US: application submitted on 2026-11-20.") {
		t.Fatalf("set said: %s", out)
	}
	a := s.applications("--as-of", "2026-11-27")[0]
	if a.Status != "submitted" || *a.Submitted != "2026-11-20" || a.Note != "ticket 881" || a.Overdue {
		t.Fatalf("day 7: %+v", a)
	}
	if a := s.applications("--as-of", "2026-11-28")[0]; !a.Overdue {
		t.Fatalf("day 8 is not overdue: %+v", a)
	}
	// The clock says 2026-11-24: submitted on the 20th, overdue from the 28th.
	if list := s.ok("application", "list", "--as-of", "2026-11-28"); !strings.Contains(list, "overdue since 2026-11-28") ||
		!strings.Contains(list, "Acme US: submitted on 2026-11-20, no decision after the expected 7 days (due 2026-11-27).") {
		t.Fatalf("list:\n%s", list)
	}
	s.ok("application", "set", "--status", "approved", "Acme US") // today
	if a := s.applications()[0]; a.Decided == nil || *a.Decided != "2026-11-24" {
		t.Fatalf("approved: %+v", a)
	}
	audit := s.ok("audit", "--shop", "Acme US")
	for _, want := range []string{"draft → submitted on 2026-11-20: ticket 881", "submitted → approved on 2026-11-24"} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit lacks %q:\n%s", want, audit)
		}
	}
	s.fails(1, "application", "set", "Lotus MY", "--status", "submitted")
	s.fails(1, "application", "set", "Nobody", "--status", "submitted")
}

func TestApplicationCommandsCalledWronglyExitTwo(t *testing.T) {
	s := newSession(t)
	for _, args := range [][]string{
		{"export"},
		{"export", "--out", t.TempDir(), "--lang", "fr"},
		{"export", "--out", t.TempDir(), "Acme US"},
		{"export", "--out", t.TempDir(), "--as-of", "24/11/2026"},
		{"application", "set", "Acme US"},
		{"application", "set", "Acme US", "--status", "paid"},
		{"application", "set", "--status", "submitted"},
		{"application", "set", "Acme US", "Panda UK", "--status", "submitted"},
		{"application", "set", "Acme US", "--status", "submitted", "--on", "tomorrow"},
		{"application", "list", "extra"},
	} {
		if errs := s.fails(2, args...); !strings.Contains(errs, "usage: depositdesk") {
			t.Errorf("%v: no usage line: %s", args, errs)
		}
	}
	if _, err := os.Stat(s.db); err == nil {
		t.Error("a usage error created the database")
	}
}

func TestANewImportTellsTheListThePreparedApplicationIsNoLongerValid(t *testing.T) {
	s := demoSession(t)
	s.ok("readiness")
	s.ok("export", "--out", t.TempDir(), "--lang", "en")

	e := sample.Returns(sample.Options{Seed: 7, Orders: 1})
	c := &e.Cases[0]
	c.Status, c.Substatus, c.Open, c.Refunded = "To Process", "Awaiting seller response", true, 0
	file := filepath.Join(t.TempDir(), "Return order-2026-11-23-09_00.csv")
	if err := sample.WriteFile(file, e); err != nil {
		t.Fatal(err)
	}
	s.ok("import", "--shop", "Acme US", file)

	a := s.applications()[0]
	if a.Valid || a.Why == nil || !strings.HasPrefix(*a.Why, "returns_closed now fails: Open after-sales cases: 1 — ") {
		t.Fatalf("after the import: %+v", a)
	}
	list := s.ok("application", "list")
	if !strings.Contains(list, "no longer valid") || !strings.Contains(list, "Acme US: the prepared application is no longer valid: returns_closed now fails") {
		t.Fatalf("list:\n%s", list)
	}

	// readiness records the change of verdict, once.
	s.ok("readiness")
	s.ok("readiness", "--json")
	audit := s.ok("audit", "--json")
	if n := strings.Count(audit, `"action": "verdict"`); n != 1 || !strings.Contains(audit, "ready → blocked") {
		t.Fatalf("%d verdict entries:\n%s", n, audit)
	}
}

func TestTheAuditLogExportsToAFile(t *testing.T) {
	s := demoSession(t)
	path := filepath.Join(t.TempDir(), "audit.xlsx")
	if out := s.ok("audit", "--export", path); !strings.Contains(out, "Audit log written to "+path) {
		t.Fatalf("said %s", out)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if errs := s.fails(1, "audit", "--export", path); !strings.Contains(errs, "already exists") {
		t.Fatalf("stderr %s", errs)
	}
}
