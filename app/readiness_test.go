package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"depositdesk/data"
)

// rdDate reads YYYY-MM-DD or fails the test run.
func rdDate(s string) data.Date {
	d, err := data.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func rdStamp(s string) data.Stamp {
	st, err := data.ParseStamp(s)
	if err != nil {
		panic(err)
	}
	return st
}

func rdRules(id string) data.RuleSet {
	for _, r := range BuiltInRuleSets() {
		if r.ID == id {
			return r
		}
	}
	panic("no built-in rule set " + id)
}

// rdAsOf is the day most tests ask about.
var rdAsOf = rdDate("2026-11-24")

// closedShop is a tiktok-cb US shop that has done everything: on rdAsOf it is
// ready, and the last date it waited for is the quiet period's end, 2026-11-10.
func closedShop() Facts {
	return Facts{
		Shop: data.Shop{
			ID: 7, Name: "Acme US", Platform: "tiktok", Site: "US", Client: "Acme",
			Opened: rdDate("2025-01-01"), Deposit: 150000, Currency: "USD", RuleSet: RulesTikTokCB,
			Account: data.RefundAccount{Holder: "Acme Ltd", Bank: "HSBC", Number: "123456789"},
			Steps: data.Steps{
				ClosureNotice:      rdDate("2026-09-01"), // notice ends 2026-10-01
				MarketingStopped:   rdDate("2026-09-01"),
				CreatorsUnbound:    rdDate("2026-09-02"),
				CommissionsSettled: rdDate("2026-09-03"),
				DuesSettled:        rdDate("2026-09-04"),
			},
		},
		Rules: rdRules(RulesTikTokCB),
		Orders: data.OrderFacts{
			Total:              100,
			Counts:             map[data.StatusClass]int{data.Completed: 90, data.Cancelled: 10},
			LatestClosure:      rdDate("2026-08-12"), // quiet period ends 2026-11-10
			LatestClosureOrder: "583870900000000001",
		},
		Cases:    data.CaseFacts{Total: 3},
		Evidence: data.Evidence{Orders: rdStamp("2026-11-20 10:33:00"), Returns: rdStamp("2026-11-20 10:40:00")},
	}
}

func checkOf(t *testing.T, v Verdict, id string) Check {
	t.Helper()
	for _, c := range v.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("verdict has no %s check; it has %v", id, checkIDsOf(v))
	return Check{}
}

func checkIDsOf(v Verdict) []string {
	var ids []string
	for _, c := range v.Checks {
		ids = append(ids, c.ID)
	}
	return ids
}

func failingIDsOf(v Verdict) []string {
	var ids []string
	for _, c := range v.Failing() {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestAShopThatHasDoneEverythingIsReady(t *testing.T) {
	v := Evaluate(closedShop(), rdAsOf)
	if v.Status != Ready {
		t.Fatalf("status = %s, failing %v", v.Status, failingIDsOf(v))
	}
	if got := v.ReadyOn.String(); got != "2026-11-10" {
		t.Errorf("ready_on = %s, want 2026-11-10 (the quiet period's end, the latest due)", got)
	}
	if !slices.Equal(checkIDsOf(v), CheckIDs) {
		t.Errorf("checks = %v, want every check in order %v", checkIDsOf(v), CheckIDs)
	}
	if v.MainBlocker != nil {
		t.Errorf("a ready shop has no main blocker, got %s", v.MainBlocker.ID)
	}
	if v.Shop != "Acme US" || v.ShopID != 7 || v.Client != "Acme" || v.Site != "US" || v.AsOf != rdAsOf {
		t.Errorf("shop fields not carried: %+v", v)
	}
	if v.Rules != "tiktok-cb@2025-12-15" || v.Deposit != 150000 || v.Refundable != 150000 || v.Currency != "USD" {
		t.Errorf("rules %q deposit %v refundable %v currency %q", v.Rules, v.Deposit, v.Refundable, v.Currency)
	}
	wantDue := map[string]string{
		CheckOperatingPeriod: "", CheckOrdersSettled: "", CheckAfterSalesWindow: "", CheckReturnsClosed: "",
		CheckQuietPeriod: "2026-11-10", CheckClosureNotice: "2026-10-01",
		CheckMarketingStopped: "", CheckViolationsCleared: "", CheckRefundAccount: "",
	}
	for id, due := range wantDue {
		if got := checkOf(t, v, id).Due.String(); got != due {
			t.Errorf("%s due = %q, want %q", id, got, due)
		}
	}
}

// TestEachCheckFailsAsPRODUCTSays turns one fact at a time against a shop
// that is otherwise ready and looks at the check, its kind, due, detail and
// the status it leads to.
func TestEachCheckFailsAsPRODUCTSays(t *testing.T) {
	tests := []struct {
		name       string
		change     func(f *Facts)
		check      string
		kind       string
		due        string
		detail     string
		status     string
		readyOn    string
		alsoFailed []string // other checks the change fails
	}{
		{
			name:   "operating period not reached",
			change: func(f *Facts) { f.Rules.Params.MinOperatingDays = 365; f.Shop.Opened = rdDate("2026-06-01") },
			check:  CheckOperatingPeriod, kind: KindTime, due: "2027-06-01",
			detail: "The operating period runs until 2027-06-01",
			status: Waiting, readyOn: "2027-06-01",
		},
		{
			name:   "contract not ended",
			change: func(f *Facts) { f.Shop.ContractEnd = rdDate("2026-12-31") },
			check:  CheckOperatingPeriod, kind: KindTime, due: "2026-12-31",
			detail: "The operating period runs until 2026-12-31",
			status: Waiting, readyOn: "2026-12-31",
		},
		{
			name:   "opening date unknown with a minimum operating period",
			change: func(f *Facts) { f.Rules.Params.MinOperatingDays = 30; f.Shop.Opened = data.NoDate },
			check:  CheckOperatingPeriod, kind: KindAction,
			detail: "The shop's opening date is unknown; the rule set requires 30 days of operation",
			status: Blocked,
		},
		{
			name: "orders not settled",
			change: func(f *Facts) {
				f.Orders.Total += 9
				f.Orders.Counts[data.ToShip] = 2
				f.Orders.Counts[data.InTransit] = 7
				f.Orders.Unclosed = 9
				f.Orders.Unsettled = map[data.StatusClass][]string{
					data.ToShip:    {"583870900000000101", "583870900000000102"},
					data.InTransit: {"583870900000000201", "583870900000000202"},
				}
			},
			check: CheckOrdersSettled, kind: KindAction,
			detail: "Orders not settled: 9 — to ship 2 (583870900000000101, 583870900000000102); " +
				"in transit 7 (583870900000000201, 583870900000000202, …)",
			status:     Blocked,
			alsoFailed: []string{CheckQuietPeriod},
		},
		{
			name: "unknown status",
			change: func(f *Facts) {
				f.Orders.Counts[data.Unknown] = 1
				f.Orders.Unclosed = 1
				f.Orders.Unsettled = map[data.StatusClass][]string{data.Unknown: {"583870900000000301"}}
			},
			check: CheckOrdersSettled, kind: KindAction,
			detail: "Orders not settled: 1 — unknown status 1 (583870900000000301); " +
				"map each unknown status in the import preview or with depositdesk status map VALUE CLASS",
			status:     Blocked,
			alsoFailed: []string{CheckQuietPeriod},
		},
		{
			name: "delivered orders in their return window",
			change: func(f *Facts) {
				// 5 delivered, of which 3 are still in their window: the
				// count is of those the sample and the shop page list.
				f.Orders.Counts[data.Delivered] = 5
				f.Orders.DeliveredOpen = 3
				f.Orders.LatestDelivered = rdDate("2026-11-01")
				f.Orders.DeliveredSample = []string{"583870900000000401", "583870900000000402", "583870900000000403"}
				f.Orders.LatestClosure = rdDate("2026-12-01")
				f.Orders.LatestClosureOrder = "583870900000000401"
			},
			check: CheckAfterSalesWindow, kind: KindTime, due: "2026-12-01",
			detail: "Delivered orders not yet completed: 3; the last 30-day return window ends on 2026-12-01 — " +
				"583870900000000401, 583870900000000402, 583870900000000403",
			status: Waiting, readyOn: "2027-03-01",
			alsoFailed: []string{CheckQuietPeriod},
		},
		{
			name: "delivered orders without a Delivered Time",
			change: func(f *Facts) {
				f.Orders.Counts[data.Delivered] = 6
				f.Orders.LatestDelivered = rdDate("2026-08-01")
				f.Orders.DeliveredUndated = 2
				f.Orders.DeliveredSample = []string{"583870900000000501"}
				f.Orders.Unclosed = 2
			},
			check: CheckAfterSalesWindow, kind: KindAction,
			detail:     "Delivered orders without a Delivered Time: 2; when their return window ends is unknown — 583870900000000501, …",
			status:     Blocked,
			alsoFailed: []string{CheckQuietPeriod},
		},
		{
			name:   "no orders export imported",
			change: func(f *Facts) { f.Orders = data.OrderFacts{}; f.Evidence.Orders = 0 },
			check:  CheckOrdersSettled, kind: KindAction,
			detail: "No orders export imported yet: export Orders → Manage Orders → All",
			status: Blocked,
		},
		{
			name:   "no returns export imported",
			change: func(f *Facts) { f.Cases = data.CaseFacts{}; f.Evidence.Returns = 0 },
			check:  CheckReturnsClosed, kind: KindAction,
			detail: "No returns export imported yet: export Orders → Manage Returns; an empty export is proof enough",
			status: Blocked,
		},
		{
			name: "open after-sales cases",
			change: func(f *Facts) {
				f.Cases.Open = 2
				f.Cases.OpenSample = []string{"577000000000000001 (583870900000000001)", "577000000000000002 (583870900000000002)"}
			},
			check: CheckReturnsClosed, kind: KindAction,
			detail: "Open after-sales cases: 2 — 577000000000000001 (583870900000000001), 577000000000000002 (583870900000000002)",
			status: Blocked,
		},
		{
			name: "open after-sales cases holding an unknown value",
			change: func(f *Facts) {
				f.Cases.Open, f.Cases.Unknown = 3, 2
				f.Cases.OpenSample = []string{"577000000000000001 (583870900000000001)"}
			},
			check: CheckReturnsClosed, kind: KindAction,
			detail: "Open after-sales cases: 3 — 577000000000000001 (583870900000000001), …; 2 of them hold a status value not known yet: " +
				"map it in the import preview or with depositdesk status map VALUE open|final",
			status: Blocked,
		},
		{
			name:   "quiet period not over",
			change: func(f *Facts) { f.Orders.LatestClosure = rdDate("2026-10-12") },
			check:  CheckQuietPeriod, kind: KindTime, due: "2027-01-10",
			detail: "Last order closure: 2026-10-12 (583870900000000001); the 90-day quiet period ends on 2027-01-10",
			status: Waiting, readyOn: "2027-01-10",
		},
		{
			name:   "closure notice not posted",
			change: func(f *Facts) { f.Shop.Steps.ClosureNotice = data.NoDate },
			check:  CheckClosureNotice, kind: KindAction,
			detail: "The closure notice is not posted; it must show on the shop page for 30 days",
			status: Blocked,
		},
		{
			name:   "closure notice posted less than 30 days ago",
			change: func(f *Facts) { f.Shop.Steps.ClosureNotice = rdDate("2026-11-20") },
			check:  CheckClosureNotice, kind: KindTime, due: "2026-12-20",
			detail: "The closure notice was posted on 2026-11-20; its 30 days end on 2026-12-20",
			status: Waiting, readyOn: "2026-12-20",
		},
		{
			name:   "marketing not stopped",
			change: func(f *Facts) { f.Shop.Steps.MarketingStopped = data.NoDate },
			check:  CheckMarketingStopped, kind: KindAction,
			detail: "Stop all marketing campaigns, then record the date",
			status: Blocked,
		},
		{
			name:   "creators not unbound",
			change: func(f *Facts) { f.Shop.Steps.CreatorsUnbound = data.NoDate },
			check:  CheckCreatorsUnbound, kind: KindAction,
			detail: "Unbind all creator (affiliate) accounts, then record the date",
			status: Blocked,
		},
		{
			name:   "commissions not settled",
			change: func(f *Facts) { f.Shop.Steps.CommissionsSettled = data.NoDate },
			check:  CheckCommissionsSettled, kind: KindAction,
			detail: "Settle the affiliate commissions owed, then record the date",
			status: Blocked,
		},
		{
			name:   "dues not settled",
			change: func(f *Facts) { f.Shop.Steps.DuesSettled = data.NoDate },
			check:  CheckDuesSettled, kind: KindAction,
			detail: "Settle all payables and receivables with the platform, then record the date",
			status: Blocked,
		},
		{
			name: "open violation",
			change: func(f *Facts) {
				f.Violations = []data.Violation{
					{ID: 3, Date: rdDate("2026-05-02"), Kind: "late dispatch", Penalty: 2000, Resolved: rdDate("2026-05-20")},
					{ID: 4, Date: rdDate("2026-10-01"), Kind: "counterfeit", Penalty: 5000},
				}
			},
			check: CheckViolationsCleared, kind: KindAction,
			detail: "Open violations: 1 — counterfeit (2026-10-01)",
			status: Blocked,
		},
		{
			name:   "refund account without bank and number",
			change: func(f *Facts) { f.Shop.Account = data.RefundAccount{Holder: "Acme Ltd"} },
			check:  CheckRefundAccount, kind: KindAction,
			detail: "The refund account is incomplete; missing: bank; account number",
			status: Blocked,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			tt.change(&f)
			v := Evaluate(f, rdAsOf)
			c := checkOf(t, v, tt.check)
			if c.OK {
				t.Fatalf("%s passes: %s", tt.check, c.Detail)
			}
			if c.Kind != tt.kind || c.Due.String() != tt.due {
				t.Errorf("kind %s due %q, want %s %q", c.Kind, c.Due, tt.kind, tt.due)
			}
			if c.Detail != tt.detail {
				t.Errorf("detail\n got %q\nwant %q", c.Detail, tt.detail)
			}
			if v.Status != tt.status || v.ReadyOn.String() != tt.readyOn {
				t.Errorf("status %s ready_on %q, want %s %q", v.Status, v.ReadyOn, tt.status, tt.readyOn)
			}
			want := append([]string{tt.check}, tt.alsoFailed...)
			got := failingIDsOf(v)
			sort.Strings(want)
			sort.Strings(got)
			if !slices.Equal(got, want) {
				t.Errorf("failing checks %v, want %v", got, want)
			}
			if v.MainBlocker == nil {
				t.Fatal("no main blocker")
			}
		})
	}
}

func TestEveryCheckSaysWhyItPasses(t *testing.T) {
	f := closedShop()
	f.Rules.Params.MinOperatingDays = 30
	f.Violations = []data.Violation{{ID: 1, Date: rdDate("2026-03-01"), Kind: "late dispatch", Penalty: 5000, Resolved: rdDate("2026-03-10")}}
	v := Evaluate(f, rdAsOf)
	want := map[string]string{
		CheckOperatingPeriod:    "The operating period ended on 2025-01-31",
		CheckOrdersSettled:      "Every order is settled (100)",
		CheckAfterSalesWindow:   "No delivered order is still in its return window",
		CheckReturnsClosed:      "Every after-sales case is closed (3)",
		CheckQuietPeriod:        "Last order closure: 2026-08-12 (583870900000000001); the 90-day quiet period ended on 2026-11-10",
		CheckClosureNotice:      "The closure notice was posted on 2026-09-01; its 30 days ended on 2026-10-01",
		CheckMarketingStopped:   "Marketing stopped on 2026-09-01",
		CheckCreatorsUnbound:    "Creators unbound on 2026-09-02",
		CheckCommissionsSettled: "Commissions settled on 2026-09-03",
		CheckDuesSettled:        "Dues settled on 2026-09-04",
		CheckViolationsCleared:  "Every violation is resolved (1); penalties of 50.00 USD are deducted from the deposit",
		CheckRefundAccount:      "Refund to Acme Ltd, HSBC, •••••6789",
	}
	for _, c := range v.Checks {
		if !c.OK {
			t.Errorf("%s fails: %s", c.ID, c.Detail)
		}
		if c.Detail != want[c.ID] {
			t.Errorf("%s detail\n got %q\nwant %q", c.ID, c.Detail, want[c.ID])
		}
	}
	if got := checkOf(t, v, CheckOperatingPeriod).Due.String(); got != "2025-01-31" {
		t.Errorf("operating_period due = %s, want the day it passed, 2025-01-31", got)
	}
}

func TestEmptyExportsAreEvidenceOfNoOrdersAndNoCases(t *testing.T) {
	f := closedShop()
	f.Orders = data.OrderFacts{}
	f.Cases = data.CaseFacts{}
	v := Evaluate(f, rdAsOf)
	if v.Status != Ready {
		t.Fatalf("status %s, failing %v", v.Status, failingIDsOf(v))
	}
	for id, detail := range map[string]string{
		CheckOrdersSettled:    "The orders export holds no orders",
		CheckAfterSalesWindow: "No delivered order is still in its return window",
		CheckReturnsClosed:    "The returns export holds no after-sales cases",
		CheckQuietPeriod:      "No orders, so no quiet period applies",
	} {
		c := checkOf(t, v, id)
		if c.Detail != detail || c.Due != data.NoDate {
			t.Errorf("%s: %q due %q, want %q with no due", id, c.Detail, c.Due, detail)
		}
	}
	if got := v.ReadyOn.String(); got != "2026-10-01" {
		t.Errorf("ready_on = %s, want the closure notice's end 2026-10-01", got)
	}
}

func TestQuietPeriodIsAnActionWhileAnOrderHasNoClosureDate(t *testing.T) {
	f := closedShop()
	f.Orders.Counts[data.Delivered] = 1
	f.Orders.LatestDelivered = rdDate("2026-06-01")
	f.Orders.DeliveredUndated = 1
	f.Orders.Unclosed = 1
	c := checkOf(t, Evaluate(f, rdAsOf), CheckQuietPeriod)
	want := "Orders without a closure date yet: 1; the 90-day quiet period starts after the last one closes"
	if c.OK || c.Kind != KindAction || c.Due != data.NoDate || c.Detail != want {
		t.Errorf("quiet_period = %+v, want a failing action %q", c, want)
	}
}

func TestQuietPeriodIsAnActionWhenTheLastClosureDateIsUnknown(t *testing.T) {
	f := closedShop()
	f.Orders.LatestClosure = data.NoDate
	c := checkOf(t, Evaluate(f, rdAsOf), CheckQuietPeriod)
	if c.OK || c.Kind != KindAction || c.Detail != MsgQuietClosureUnknown {
		t.Errorf("quiet_period = %+v", c)
	}
}

// TestTimeChecksPassOnTheirDueDay walks each time check to the day before and
// the day it passes.
func TestTimeChecksPassOnTheirDueDay(t *testing.T) {
	tests := []struct {
		name   string
		check  string
		change func(f *Facts)
		due    string
	}{
		{"quiet period: closure + 90 days", CheckQuietPeriod,
			func(f *Facts) { f.Orders.LatestClosure = rdDate("2026-12-01") }, "2027-03-01"},
		{"closure notice: posted + 30 days", CheckClosureNotice,
			func(f *Facts) { f.Shop.Steps.ClosureNotice = rdDate("2027-01-15") }, "2027-02-14"},
		{"operating period: opened + 180 days", CheckOperatingPeriod,
			func(f *Facts) { f.Rules.Params.MinOperatingDays = 180; f.Shop.Opened = rdDate("2026-12-01") }, "2027-05-30"},
		{"operating period: contract end", CheckOperatingPeriod,
			func(f *Facts) { f.Shop.ContractEnd = rdDate("2027-02-28") }, "2027-02-28"},
		{"operating period: contract end after opened + minimum", CheckOperatingPeriod,
			func(f *Facts) {
				f.Rules.Params.MinOperatingDays = 30
				f.Shop.Opened = rdDate("2026-12-01")
				f.Shop.ContractEnd = rdDate("2027-06-30")
			}, "2027-06-30"},
		{"after-sales window: US delivered + 30 days", CheckAfterSalesWindow,
			func(f *Facts) {
				f.Orders.Counts[data.Delivered] = 1
				f.Orders.LatestDelivered = rdDate("2027-01-31")
				f.Orders.LatestClosure = rdDate("2027-03-02")
			}, "2027-03-02"},
		{"after-sales window: VN delivered + 15 days", CheckAfterSalesWindow,
			func(f *Facts) {
				f.Shop.Site = "VN"
				f.Orders.Counts[data.Delivered] = 1
				f.Orders.LatestDelivered = rdDate("2026-12-20")
				f.Orders.LatestClosure = rdDate("2027-01-04")
			}, "2027-01-04"},
		{"after-sales window: a site with no window of its own gets 30 days", CheckAfterSalesWindow,
			func(f *Facts) {
				f.Shop.Site = "JP"
				f.Orders.Counts[data.Delivered] = 1
				f.Orders.LatestDelivered = rdDate("2026-12-20")
			}, "2027-01-19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			tt.change(&f)
			due := rdDate(tt.due)
			before := checkOf(t, Evaluate(f, due.AddDays(-1)), tt.check)
			if before.OK || before.Kind != KindTime || before.Due != due {
				t.Errorf("the day before: ok %v kind %s due %s, want failing time due %s", before.OK, before.Kind, before.Due, due)
			}
			on := checkOf(t, Evaluate(f, due), tt.check)
			if !on.OK || on.Kind != KindTime || on.Due != due {
				t.Errorf("on the day: ok %v kind %s due %s, want passing time due %s", on.OK, on.Kind, on.Due, due)
			}
		})
	}
}

func TestQuietPeriodFailsOnTheEightyNinthDay(t *testing.T) {
	f := closedShop()
	closed := rdDate("2026-10-12")
	f.Orders.LatestClosure = closed
	v := Evaluate(f, closed.AddDays(89))
	if c := checkOf(t, v, CheckQuietPeriod); c.OK {
		t.Fatalf("quiet_period passes 89 days after the last closure: %s", c.Detail)
	}
	if v.Status != Waiting || v.ReadyOn != closed.AddDays(90) {
		t.Errorf("status %s ready_on %s, want waiting until %s", v.Status, v.ReadyOn, closed.AddDays(90))
	}
}

func TestQuietPeriodPassesOnTheNinetiethDay(t *testing.T) {
	f := closedShop()
	closed := rdDate("2026-10-12")
	f.Orders.LatestClosure = closed
	v := Evaluate(f, closed.AddDays(90))
	if c := checkOf(t, v, CheckQuietPeriod); !c.OK {
		t.Fatalf("quiet_period fails 90 days after the last closure: %s", c.Detail)
	}
	if v.Status != Ready || v.ReadyOn != closed.AddDays(90) {
		t.Errorf("status %s ready_on %s, want ready on %s", v.Status, v.ReadyOn, closed.AddDays(90))
	}
}

func TestAShopMovesFromBlockedToWaitingToReady(t *testing.T) {
	f := closedShop()
	f.Shop.Steps.ClosureNotice = data.NoDate
	f.Orders.LatestClosure = rdDate("2026-11-01") // quiet period until 2027-01-30
	f.Cases.Open, f.Cases.OpenSample = 1, []string{"577000000000000001 (583870900000000001)"}

	step := func(name string, asOf data.Date, status, readyOn string) {
		t.Helper()
		v := Evaluate(f, asOf)
		if v.Status != status || v.ReadyOn.String() != readyOn {
			t.Errorf("%s: status %s ready_on %q, want %s %q (failing %v)", name, v.Status, v.ReadyOn, status, readyOn, failingIDsOf(v))
		}
	}
	step("case open, notice not posted", rdAsOf, Blocked, "")
	f.Cases.Open, f.Cases.OpenSample = 0, nil
	step("case closed, notice not posted", rdAsOf, Blocked, "")
	f.Shop.Steps.ClosureNotice = rdDate("2027-01-10") // notice until 2027-02-09
	step("notice posted", rdAsOf, Waiting, "2027-02-09")
	step("quiet period over, notice running", rdDate("2027-01-30"), Waiting, "2027-02-09")
	step("the day before the notice ends", rdDate("2027-02-08"), Waiting, "2027-02-09")
	step("the day the notice ends", rdDate("2027-02-09"), Ready, "2027-02-09")
	step("a month later", rdDate("2027-03-09"), Ready, "2027-02-09")
}

func TestWaitingNeedsEveryFailingCheckToBeATimeCheck(t *testing.T) {
	f := closedShop()
	f.Orders.LatestClosure = rdDate("2026-11-01")     // time, due 2027-01-30
	f.Shop.Steps.ClosureNotice = rdDate("2026-11-20") // time, due 2026-12-20
	v := Evaluate(f, rdAsOf)
	if v.Status != Waiting || v.ReadyOn.String() != "2027-01-30" {
		t.Errorf("two time checks: status %s ready_on %s, want waiting until the later, 2027-01-30", v.Status, v.ReadyOn)
	}
	if v.MainBlocker == nil || v.MainBlocker.ID != CheckQuietPeriod {
		t.Errorf("main blocker %v, want the wait that ends last (quiet_period)", v.MainBlocker)
	}
	f.Shop.Account.Bank = ""
	v = Evaluate(f, rdAsOf)
	if v.Status != Blocked || v.ReadyOn != data.NoDate {
		t.Errorf("with an action failing too: status %s ready_on %s, want blocked with no date", v.Status, v.ReadyOn)
	}
	if v.MainBlocker == nil || v.MainBlocker.ID != CheckRefundAccount {
		t.Errorf("main blocker %v, want the action (refund_account)", v.MainBlocker)
	}
}

func TestMainBlockerIsTheFirstFailingAction(t *testing.T) {
	f := closedShop()
	f.Shop.Steps.CreatorsUnbound = data.NoDate
	f.Shop.Account = data.RefundAccount{}
	f.Orders.LatestClosure = rdDate("2026-11-01")
	v := Evaluate(f, rdAsOf)
	if v.MainBlocker == nil || v.MainBlocker.ID != CheckCreatorsUnbound {
		t.Fatalf("main blocker %v, want creators_unbound", v.MainBlocker)
	}
	if v.MainBlocker != &v.Checks[slices.IndexFunc(v.Checks, func(c Check) bool { return c.ID == CheckCreatorsUnbound })] {
		t.Error("main blocker does not point into Checks")
	}
}

func TestRuleSetsSwitchChecksOff(t *testing.T) {
	tests := []struct {
		name  string
		rules func() data.RuleSet
		want  []string
	}{
		{"tiktok-cb has every check", func() data.RuleSet { return rdRules(RulesTikTokCB) }, CheckIDs},
		{"basic has no quiet period, notice or steps", func() data.RuleSet { return rdRules(RulesBasic) },
			[]string{CheckOperatingPeriod, CheckOrdersSettled, CheckAfterSalesWindow, CheckReturnsClosed, CheckViolationsCleared, CheckRefundAccount}},
		{"quiet_days 0 switches the quiet period off", func() data.RuleSet {
			r := CopyRuleSet(rdRules(RulesTikTokCB), "no-quiet", "No quiet")
			r.Params.QuietDays = 0
			return r
		}, slices.DeleteFunc(slices.Clone(CheckIDs), func(id string) bool { return id == CheckQuietPeriod })},
		{"closure_notice_days 0 switches the notice off", func() data.RuleSet {
			r := CopyRuleSet(rdRules(RulesTikTokCB), "no-notice", "No notice")
			r.Params.ClosureNoticeDays = 0
			return r
		}, slices.DeleteFunc(slices.Clone(CheckIDs), func(id string) bool { return id == CheckClosureNotice })},
		{"only the steps required are checked, in verdict order", func() data.RuleSet {
			r := CopyRuleSet(rdRules(RulesTikTokCB), "two-steps", "Two steps")
			r.Params.Steps = []string{data.StepDuesSettled, data.StepMarketingStopped}
			return r
		}, []string{CheckOperatingPeriod, CheckOrdersSettled, CheckAfterSalesWindow, CheckReturnsClosed, CheckQuietPeriod,
			CheckClosureNotice, CheckMarketingStopped, CheckDuesSettled, CheckViolationsCleared, CheckRefundAccount}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			f.Rules = tt.rules()
			f.Shop.Steps = data.Steps{} // switched-off steps must not block
			v := Evaluate(f, rdAsOf)
			if got := checkIDsOf(v); !slices.Equal(got, tt.want) {
				t.Errorf("checks %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBasicRulesMakeAShopWithoutDatesReadyWithNoReadyOn(t *testing.T) {
	f := closedShop()
	f.Rules = rdRules(RulesBasic)
	f.Shop.Steps = data.Steps{}
	f.Orders = data.OrderFacts{}
	v := Evaluate(f, rdAsOf)
	if v.Status != Ready || v.ReadyOn != data.NoDate {
		t.Errorf("status %s ready_on %q, want ready with ready_on null (no check has a date)", v.Status, v.ReadyOn)
	}
	if c := checkOf(t, v, CheckOperatingPeriod); c.Detail != MsgOperatingPeriodNone || c.Due != data.NoDate {
		t.Errorf("operating_period %+v", c)
	}
	if v.Rules != "basic@2024-07-12" {
		t.Errorf("rules = %q", v.Rules)
	}
}

func TestBasicRulesWaitForTheContractEnd(t *testing.T) {
	f := closedShop()
	f.Rules = rdRules(RulesBasic)
	f.Shop.ContractEnd = rdDate("2027-07-01")
	v := Evaluate(f, rdAsOf)
	if v.Status != Waiting || v.ReadyOn.String() != "2027-07-01" {
		t.Errorf("status %s ready_on %s, want waiting until the contract ends 2027-07-01", v.Status, v.ReadyOn)
	}
}

func TestRefundableIsTheDepositLessEveryPenalty(t *testing.T) {
	tests := []struct {
		name       string
		deposit    data.Money
		violations []data.Violation
		refundable data.Money
		penalties  data.Money
		shortfall  data.Money
		cleared    bool
	}{
		{"no violations", 150000, nil, 150000, 0, 0, true},
		{"a resolved violation still costs its penalty", 150000,
			[]data.Violation{{ID: 1, Kind: "late dispatch", Date: rdDate("2026-01-02"), Penalty: 5000, Resolved: rdDate("2026-01-20")}},
			145000, 5000, 0, true},
		{"open and resolved penalties both count", 150000,
			[]data.Violation{
				{ID: 1, Kind: "late dispatch", Date: rdDate("2026-01-02"), Penalty: 3000, Resolved: rdDate("2026-01-20")},
				{ID: 2, Kind: "counterfeit", Date: rdDate("2026-02-02"), Penalty: 2000},
			}, 145000, 5000, 0, false},
		{"penalties beyond the deposit leave nothing and a shortfall", 50000,
			[]data.Violation{{ID: 1, Kind: "fraud", Date: rdDate("2026-01-02"), Penalty: 80000, Resolved: rdDate("2026-03-01")}},
			0, 80000, 30000, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			f.Shop.Deposit = tt.deposit
			f.Violations = tt.violations
			v := Evaluate(f, rdAsOf)
			if v.Refundable != tt.refundable || v.Penalties != tt.penalties || v.Shortfall != tt.shortfall || v.Deposit != tt.deposit {
				t.Errorf("deposit %v refundable %v penalties %v shortfall %v, want %v %v %v %v",
					v.Deposit, v.Refundable, v.Penalties, v.Shortfall, tt.deposit, tt.refundable, tt.penalties, tt.shortfall)
			}
			if c := checkOf(t, v, CheckViolationsCleared); c.OK != tt.cleared {
				t.Errorf("violations_cleared ok = %v, want %v (%s)", c.OK, tt.cleared, c.Detail)
			}
		})
	}
}

func TestOpenViolationsAreNamedAsEvidence(t *testing.T) {
	f := closedShop()
	f.Violations = []data.Violation{
		{ID: 11, Kind: "counterfeit", Date: rdDate("2026-02-02"), Penalty: 2000},
		{ID: 12, Kind: "late dispatch", Date: rdDate("2026-03-02"), Resolved: rdDate("2026-03-09")},
		{ID: 13, Kind: "off-platform deal", Date: rdDate("2026-04-02")},
	}
	c := checkOf(t, Evaluate(f, rdAsOf), CheckViolationsCleared)
	if want := "Open violations: 2 — counterfeit (2026-02-02); off-platform deal (2026-04-02)"; c.Detail != want {
		t.Errorf("detail %q, want %q", c.Detail, want)
	}
	if !slices.Equal(c.Evidence, []string{"11", "13"}) {
		t.Errorf("evidence %v, want the open violations' ids", c.Evidence)
	}
}

func TestBlockingOrdersAndCasesAreNamedAsEvidence(t *testing.T) {
	f := closedShop()
	f.Orders.Counts[data.Unpaid] = 1
	f.Orders.Counts[data.OnHold] = 1
	f.Orders.Unsettled = map[data.StatusClass][]string{data.Unpaid: {"1"}, data.OnHold: {"2"}}
	f.Orders.Unclosed = 2
	f.Cases.Open, f.Cases.OpenSample = 1, []string{"9 (1)"}
	v := Evaluate(f, rdAsOf)
	if got := checkOf(t, v, CheckOrdersSettled).Evidence; !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("orders_settled evidence %v", got)
	}
	if got := checkOf(t, v, CheckReturnsClosed).Evidence; !slices.Equal(got, []string{"9 (1)"}) {
		t.Errorf("returns_closed evidence %v", got)
	}
	if got := checkOf(t, v, CheckQuietPeriod).Evidence; got != nil {
		t.Errorf("quiet_period while unclosed names %v", got)
	}
	if got := checkOf(t, Evaluate(closedShop(), rdAsOf), CheckQuietPeriod).Evidence; !slices.Equal(got, []string{"583870900000000001"}) {
		t.Errorf("quiet_period evidence %v, want the last order to close", got)
	}
}

func TestDataIsStaleWhenMoreThanSevenDaysOld(t *testing.T) {
	tests := []struct {
		name     string
		exported string
		dataAsOf string
		stale    bool
	}{
		{"exported today", "2026-11-24 08:00:00", "2026-11-24", false},
		{"exactly 7 days before", "2026-11-17 00:00:00", "2026-11-17", false},
		{"7 days before, late in the evening", "2026-11-17 23:59:59", "2026-11-17", false},
		{"8 days before", "2026-11-16 23:59:59", "2026-11-16", true},
		{"exported after as_of", "2026-12-01 09:00:00", "2026-12-01", false},
		{"nothing imported", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			f.Evidence = data.Evidence{Orders: rdStamp(tt.exported), Returns: rdStamp(tt.exported)}
			v := Evaluate(f, rdAsOf)
			if v.Stale != tt.stale || v.DataAsOf.String() != tt.dataAsOf {
				t.Errorf("stale %v data_as_of %q, want %v %q", v.Stale, v.DataAsOf, tt.stale, tt.dataAsOf)
			}
		})
	}
}

func TestDetailIsTheEnglishRenderingOfMsg(t *testing.T) {
	var facts []Facts
	for i := range 50 {
		facts = append(facts, rdSyntheticFacts(i))
	}
	facts = append(facts, closedShop())
	for _, f := range facts {
		for _, c := range Evaluate(f, rdAsOf).Checks {
			if want := c.Msg.Message(); c.Detail != want {
				t.Errorf("%s: Detail %q, Msg renders %q", c.ID, c.Detail, want)
			}
			if !slices.Contains(MessageTexts(), c.Msg.Text) {
				t.Errorf("%s: template %q is missing from MessageTexts", c.ID, c.Msg.Text)
			}
			if strings.Contains(c.Detail, "<no value>") || strings.Contains(c.Detail, "{{") {
				t.Errorf("%s: detail %q has an unfilled field", c.ID, c.Detail)
			}
		}
	}
}

func TestMessageTextsAreUniqueTemplates(t *testing.T) {
	seen := map[string]bool{}
	for _, text := range MessageTexts() {
		if seen[text] {
			t.Errorf("%q is listed twice", text)
		}
		seen[text] = true
		if got := renderDetail(text, map[string]any{}); strings.Contains(got, "{{") {
			t.Errorf("%q does not parse as a template", text)
		}
	}
}

// TestVerdictJSONIsTheReadinessContract holds the JSON of PRODUCT.md §5's
// example shop: the keys, their order, date and amount formats.
func TestVerdictJSONIsTheReadinessContract(t *testing.T) {
	f := closedShop()
	f.Orders.LatestClosure = rdDate("2026-10-12") // quiet period until 2027-01-10
	f.Violations = []data.Violation{{ID: 1, Kind: "late dispatch", Date: rdDate("2026-03-01"), Penalty: 5000, Resolved: rdDate("2026-03-20")}}
	got, err := json.Marshal(Evaluate(f, rdAsOf))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"shop":"Acme US","status":"waiting","ready_on":"2027-01-10","deposit":1500,"refundable":1450,` +
		`"currency":"USD","rules":"tiktok-cb@2025-12-15","data_as_of":"2026-11-20","stale":false,"checks":[` +
		`{"id":"operating_period","ok":true,"kind":"time","due":null,"detail":"No minimum operating period applies and no contract end is set"},` +
		`{"id":"orders_settled","ok":true,"kind":"action","due":null,"detail":"Every order is settled (100)"},` +
		`{"id":"after_sales_window","ok":true,"kind":"time","due":null,"detail":"No delivered order is still in its return window"},` +
		`{"id":"returns_closed","ok":true,"kind":"action","due":null,"detail":"Every after-sales case is closed (3)"},` +
		`{"id":"quiet_period","ok":false,"kind":"time","due":"2027-01-10","detail":"Last order closure: 2026-10-12 (583870900000000001); the 90-day quiet period ends on 2027-01-10"},` +
		`{"id":"closure_notice","ok":true,"kind":"time","due":"2026-10-01","detail":"The closure notice was posted on 2026-09-01; its 30 days ended on 2026-10-01"},` +
		`{"id":"marketing_stopped","ok":true,"kind":"action","due":null,"detail":"Marketing stopped on 2026-09-01"},` +
		`{"id":"creators_unbound","ok":true,"kind":"action","due":null,"detail":"Creators unbound on 2026-09-02"},` +
		`{"id":"commissions_settled","ok":true,"kind":"action","due":null,"detail":"Commissions settled on 2026-09-03"},` +
		`{"id":"dues_settled","ok":true,"kind":"action","due":null,"detail":"Dues settled on 2026-09-04"},` +
		`{"id":"violations_cleared","ok":true,"kind":"action","due":null,"detail":"Every violation is resolved (1); penalties of 50.00 USD are deducted from the deposit"},` +
		`{"id":"refund_account","ok":true,"kind":"action","due":null,"detail":"Refund to Acme Ltd, HSBC, •••••6789"}]}`
	if string(got) != want {
		t.Errorf("JSON\n got %s\nwant %s", got, want)
	}

	// The keys of PRODUCT.md §5's example, no more, no fewer.
	example := `{"shop":"Acme US","status":"waiting","ready_on":"2027-01-10",
 "deposit":1500,"refundable":1450,"currency":"USD","rules":"tiktok-cb@2025-12-15",
 "data_as_of":"2026-11-20","stale":false,
 "checks":[{"id":"quiet_period","ok":false,"kind":"time","due":"2027-01-10","detail":"…"}]}`
	if a, b := rdJSONShape(t, example), rdJSONShape(t, string(got)); a != b {
		t.Errorf("JSON shape\n got %s\nwant %s", b, a)
	}
}

// rdJSONShape is a verdict's keys with the JSON type of each value, and
// those of its quiet_period check.
func rdJSONShape(t *testing.T, doc string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for k, x := range v {
		if k == "checks" {
			for _, c := range x.([]any) {
				if c.(map[string]any)["id"] != CheckQuietPeriod {
					continue
				}
				for ck, cx := range c.(map[string]any) {
					parts = append(parts, fmt.Sprintf("checks.%s:%T", ck, cx))
				}
			}
			continue
		}
		parts = append(parts, fmt.Sprintf("%s:%T", k, x))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func TestNullDatesMarshalAsNull(t *testing.T) {
	f := closedShop()
	f.Shop.Account = data.RefundAccount{}
	f.Evidence = data.Evidence{}
	got, err := json.Marshal(Evaluate(f, rdAsOf))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatal(err)
	}
	if v["status"] != "blocked" || v["ready_on"] != nil || v["data_as_of"] != nil {
		t.Errorf("status %v ready_on %v data_as_of %v, want blocked, null, null", v["status"], v["ready_on"], v["data_as_of"])
	}
	if reflect.TypeOf(v["deposit"]).Kind() != reflect.Float64 {
		t.Errorf("deposit is %T, want a JSON number", v["deposit"])
	}
}

// rdSyntheticFacts is shop i of a varied portfolio: ready, waiting and blocked
// shops across sites and rule sets.
func rdSyntheticFacts(i int) Facts {
	f := closedShop()
	f.Shop.ID = int64(i + 1)
	f.Shop.Name = fmt.Sprintf("Shop %04d", i)
	f.Shop.Site = []string{"US", "UK", "VN", "TH", "ID", "MY", "PH", "SG"}[i%8]
	if i%5 == 0 {
		f.Rules = rdRules(RulesBasic)
	}
	f.Orders.Total = 100 + i
	f.Orders.LatestClosure = rdAsOf.AddDays(-(i % 180))
	switch i % 4 {
	case 1:
		f.Orders.Counts = map[data.StatusClass]int{data.Completed: 90, data.InTransit: 3, data.ToShip: 7}
		f.Orders.Unsettled = map[data.StatusClass][]string{
			data.InTransit: {"583870900000000201", "583870900000000202", "583870900000000203"},
			data.ToShip:    {"583870900000000301", "583870900000000302", "583870900000000303", "583870900000000304", "583870900000000305"},
		}
		f.Orders.Unclosed = 10
	case 2:
		f.Orders.Counts = map[data.StatusClass]int{data.Completed: 90, data.Delivered: 12}
		f.Orders.LatestDelivered = rdAsOf.AddDays(-(i % 20))
		f.Orders.DeliveredSample = []string{"583870900000000401", "583870900000000402"}
	case 3:
		f.Cases.Open = 2
		f.Cases.OpenSample = []string{"577000000000000001 (583870900000000001)", "577000000000000002 (583870900000000002)"}
		f.Violations = []data.Violation{{ID: int64(i), Kind: "counterfeit", Date: rdDate("2026-06-01"), Penalty: 1000}}
	}
	if i%7 == 0 {
		f.Shop.Steps.ClosureNotice = data.NoDate
	}
	return f
}

func BenchmarkEvaluate2000Shops(b *testing.B) {
	facts := make([]Facts, 2000)
	for i := range facts {
		facts[i] = rdSyntheticFacts(i)
	}
	var verdicts []Verdict
	for b.Loop() {
		verdicts = verdicts[:0]
		for _, f := range facts {
			verdicts = append(verdicts, Evaluate(f, rdAsOf))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(facts)), "ns/shop")
}

func TestRenderDetailMatchesDataRender(t *testing.T) {
	args := map[string]any{"Count": 3, "Name": "Acme", "Money": data.Money(1450), "Date": rdDate("2026-11-24")}
	for _, text := range append(MessageTexts(),
		"plain", "{{.Count}}", "{{.Count}} and {{.Missing}}", "{{.Money}} on {{.Date}}",
		"{{if .Count}}some{{end}}", "{{.Name | printf \"%q\"}}", "{{ .Name }}", "{{.Broken", "}}{{.Name}}{{",
	) {
		if got, want := renderDetail(text, args), data.Render(text, args); got != want {
			t.Errorf("%q: renderDetail %q, data.Render %q", text, got, want)
		}
	}
}

// TestVerdictsRestOnEvidence: what was imported decides what the verdict may
// claim, and data_as_of is the older of the newest orders and returns export.
func TestVerdictsRestOnEvidence(t *testing.T) {
	orders, returns := rdStamp("2026-11-20 10:33:00"), rdStamp("2026-11-18 09:00:00")
	tests := []struct {
		name     string
		evidence data.Evidence
		orders   int // orders held (all completed)
		cases    int // cases held (all closed)
		status   string
		failing  []string
		dataAsOf string
		stale    bool
	}{
		{"nothing imported", data.Evidence{}, 0, 0, Blocked, []string{CheckOrdersSettled, CheckReturnsClosed}, "", false},
		{"only an orders export", data.Evidence{Orders: orders}, 100, 0, Blocked, []string{CheckReturnsClosed}, "2026-11-20", false},
		{"only a returns export", data.Evidence{Returns: returns}, 0, 3, Blocked, []string{CheckOrdersSettled}, "2026-11-18", false},
		{"both, returns older", data.Evidence{Orders: orders, Returns: returns}, 100, 3, Ready, nil, "2026-11-18", false},
		{"both, orders older and stale", data.Evidence{Orders: rdStamp("2026-11-01 08:00:00"), Returns: returns}, 100, 3, Ready, nil, "2026-11-01", true},
		{"both empty exports", data.Evidence{Orders: orders, Returns: returns}, 0, 0, Ready, nil, "2026-11-18", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := closedShop()
			f.Evidence = tt.evidence
			f.Orders = data.OrderFacts{Counts: map[data.StatusClass]int{}}
			if tt.orders > 0 {
				f.Orders = closedShop().Orders
			}
			f.Cases = data.CaseFacts{Total: tt.cases}
			v := Evaluate(f, rdAsOf)
			if v.Status != tt.status || strings.Join(failingIDsOf(v), ",") != strings.Join(tt.failing, ",") {
				t.Errorf("status %s failing %v, want %s %v", v.Status, failingIDsOf(v), tt.status, tt.failing)
			}
			if v.DataAsOf.String() != tt.dataAsOf || v.Stale != tt.stale {
				t.Errorf("data_as_of %q stale %v, want %q %v", v.DataAsOf, v.Stale, tt.dataAsOf, tt.stale)
			}
			for _, c := range v.Checks {
				if !c.OK && c.Kind != KindAction {
					t.Errorf("%s fails as %s; missing evidence is an action", c.ID, c.Kind)
				}
			}
		})
	}
}
