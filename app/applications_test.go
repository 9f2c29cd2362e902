package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// demoAsOf is the day the demo data is read on: Acme US is ready, Panda UK
// blocked, Lotus MY waiting.
var demoAsOf = data.MakeDate(2026, 11, 24)

// demoDesk is a desk holding the demo shops, on 2026-11-24.
func demoDesk(t *testing.T) *Desk {
	t.Helper()
	d := mustDesk(t)
	if _, err := d.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

func exportOK(t *testing.T, d *Desk, dir string, lang string, shops ...string) ExportResult {
	t.Helper()
	res, err := d.Export(context.Background(), dir, demoAsOf, lang, shops...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func openBook(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// labelled returns the cells of the first row of sheet whose column A is label.
func labelled(t *testing.T, f *excelize.File, sheet, label string) (int, []string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1, r
		}
	}
	t.Fatalf("sheet %q has no row %q", sheet, label)
	return 0, nil
}

func auditOf(t *testing.T, d *Desk, shop, action string) []data.AuditEntry {
	t.Helper()
	all, err := d.Audit(context.Background(), shop, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []data.AuditEntry
	for _, e := range all {
		if e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

func warningsOf(res ExportResult, text string) []data.Message {
	var out []data.Message
	for _, w := range res.Warnings {
		if w.Text == text {
			out = append(out, w)
		}
	}
	return out
}

func viewOf(t *testing.T, d *Desk, asOf data.Date, shop string) ApplicationView {
	t.Helper()
	apps, err := d.Applications(context.Background(), asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range apps {
		if a.Shop == shop {
			return a
		}
	}
	t.Fatalf("no application of %s in %+v", shop, apps)
	return ApplicationView{}
}

func TestExportWritesEveryReadyShopsWorkbookAndTheSummary(t *testing.T) {
	d := demoDesk(t)
	dir := filepath.Join(t.TempDir(), "申请 2026") // created by the export
	res := exportOK(t, d, dir, "en")

	if len(res.Applications) != 1 || res.Applications[0].Shop != "Acme US" {
		t.Fatalf("exported %+v; only Acme US is ready", res.Applications)
	}
	// The demo's Acme US data is from July: the export says so.
	if len(res.Warnings) != 1 || res.Warnings[0].Error() != "The data of Acme US is as of 2026-07-20, more than 7 days old; import a recent export before submitting" {
		t.Errorf("warnings: %v", res.Warnings)
	}
	a := res.Applications[0]
	if filepath.Base(a.File) != "Acme US_deposit refund application_2026-11-24.xlsx" || a.Status != data.AppDraft || a.Verdict != Ready {
		t.Fatalf("export = %+v", a)
	}
	f := openBook(t, a.File)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Application|Checklist|Orders" {
		t.Fatalf("sheets %s", got)
	}

	// Application sheet: the amount as a number, the full account, the reason.
	const app = "Application"
	n, r := labelled(t, f, app, "Refundable amount")
	if raw, _ := f.GetCellValue(app, "B"+strconv.Itoa(n), excelize.Options{RawCellValue: true}); raw != "1500" || r[2] != "USD" {
		t.Errorf("refundable = %q %q", raw, r)
	}
	for label, want := range map[string]string{"Shop": "Acme US", "Site": "US", "Shop code": "USLC8K2J1A",
		"Client": "Acme Trading", "Account number": "808123456001", "Account holder": "Acme Trading Co., Ltd.",
		"Bank": "HSBC Hong Kong", "Status": "Ready", "Prepared on": "2026-11-24", "Checked as of": "2026-11-24"} {
		if _, r := labelled(t, f, app, label); len(r) < 2 || r[1] != want {
			t.Errorf("%s = %q, want %q", label, r, want)
		}
	}
	n, _ = labelled(t, f, app, "Reason (ready to paste into the platform form)")
	reason, _ := f.GetCellValue(app, "A"+strconv.Itoa(n+1))
	for _, part := range []string{"The shop Acme US (US, code USLC8K2J1A) has closed", "1,500.00 USD"} {
		if !strings.Contains(reason, part) {
			t.Errorf("reason %q lacks %q", reason, part)
		}
	}

	// Checklist: one row per check of the verdict, every one passed.
	vs, err := d.Readiness(context.Background(), demoAsOf, "Acme US")
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Checklist")
	body := rows[4:]
	if len(body) != len(vs[0].Checks) {
		t.Fatalf("%d checklist rows for %d checks", len(body), len(vs[0].Checks))
	}
	for i, c := range vs[0].Checks {
		row := append(body[i], make([]string, 7)...)
		if row[2] != "Passed" || row[5] != c.Detail {
			t.Errorf("checklist row %d = %q, want %s passed with %q", i+1, body[i], c.ID, c.Detail)
		}
	}
	if body[0][1] != "Minimum operating period reached" {
		t.Errorf("check names are not the workbook's labels: %q", body[0][1])
	}

	// Orders: the counts by class, as the store has them.
	sum, err := d.Store().OrderSummary(context.Background(), vs[0].ShopID, 30)
	if err != nil {
		t.Fatal(err)
	}
	orders, _ := f.GetRows("Orders")
	total := 0
	for i, c := range sum {
		got := orders[4+i]
		if got[1] != strconv.Itoa(c.Count) {
			t.Errorf("orders row %q, want %d %s", got, c.Count, c.Class)
		}
		total += c.Count
	}
	if got := orders[4+len(sum)]; got[0] != "Total" || got[1] != strconv.Itoa(total) || total == 0 {
		t.Errorf("total row %q, want %d", got, total)
	}

	// The summary lists the application with the account masked.
	s := openBook(t, res.Summary)
	srows, _ := s.GetRows("Applications")
	if len(srows) < 5 || srows[4][1] != "Acme US" || strings.Contains(strings.Join(srows[4], "|"), "808123456001") ||
		!strings.HasSuffix(srows[4][9], "6001") {
		t.Errorf("summary row %q", srows[4])
	}

	// The record: a draft with the amount, the full account and the verdict.
	rec, err := d.Store().Application(context.Background(), vs[0].ShopID)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status != data.AppDraft || rec.Amount != 150000 || rec.Currency != "USD" || rec.Account.Number != "808123456001" ||
		rec.Reason != reason || rec.File != a.File || rec.CreatedAt != demoAsOf || rec.Verdict != Fingerprint(vs[0]) {
		t.Errorf("application record %+v", rec)
	}

	// Each export is audited, naming the file, and never with the full number.
	exports := auditOf(t, d, "Acme US", "export")
	if len(exports) != 1 || !strings.Contains(exports[0].Detail, filepath.Base(a.File)) ||
		!strings.Contains(exports[0].Detail, "full account number") || strings.Contains(exports[0].Detail, "808123456001") {
		t.Fatalf("export audit %+v", exports)
	}
	if all := auditOf(t, d, "", "export"); len(all) != 2 || !strings.Contains(all[0].Detail, filepath.Base(res.Summary)) {
		t.Fatalf("summary audit %+v", all)
	}
}

func TestAChineseExportIsInChinese(t *testing.T) {
	d := demoDesk(t)
	res := exportOK(t, d, t.TempDir(), "zh_Hans")
	a := res.Applications[0]
	if filepath.Base(a.File) != "Acme US_保证金退还申请_2026-11-24.xlsx" {
		t.Fatalf("file %s", a.File)
	}
	f := openBook(t, a.File)
	if got := strings.Join(f.GetSheetList(), "|"); got != "申请|检查清单|订单汇总" {
		t.Fatalf("sheets %s", got)
	}
	rec, _ := d.Store().Application(context.Background(), viewOf(t, d, demoAsOf, "Acme US").ShopID)
	if !strings.HasPrefix(rec.Reason, "店铺「Acme US」") {
		t.Errorf("reason %q", rec.Reason)
	}
	// Without a translator (the command line) the checklist's details are
	// Chinese too: no English sentence inside a Chinese sheet.
	rows, _ := f.GetRows("检查清单")
	english := regexp.MustCompile(`[A-Za-z]{3,}`)
	details := 0
	for _, r := range rows[4:] {
		if len(r) < 6 || r[5] == "" {
			continue
		}
		details++
		if !regexp.MustCompile(`\p{Han}`).MatchString(r[5]) || english.MatchString(english.ReplaceAllStringFunc(r[5], keepNames)) {
			t.Errorf("checklist detail of %s is not Chinese: %q", r[1], r[5])
		}
	}
	if details < 10 {
		t.Errorf("checklist has %d details", details)
	}

	// The window passes its translator for the checks' details.
	translated := func(m data.Message) string { return "译 " + m.Text }
	res, err := d.ExportWith(context.Background(), t.TempDir(), demoAsOf, ExportOptions{Lang: "zh", Translate: translated})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = openBook(t, res.Applications[0].File).GetRows("检查清单")
	if got := rows[4][5]; got != "译 "+MsgOperatingPeriodNone {
		t.Errorf("detail %q", got)
	}
}

// keepNames drops what a Chinese detail may hold in Latin letters: names the
// person gave (shop, bank, holder) and order/step identifiers.
func keepNames(s string) string {
	switch s {
	case "Acme", "Trading", "HSBC", "Hong", "Kong", "Ltd":
		return ""
	}
	return s
}

// TestStaleDataIsWarnedOfBeforeAnyWorkbookIsWritten: the command line (and
// the window's dialog) show the warning first, not after the files exist.
func TestStaleDataIsWarnedOfBeforeAnyWorkbookIsWritten(t *testing.T) {
	d := demoDesk(t)
	dir := filepath.Join(t.TempDir(), "out")
	var warned []data.Message
	res, err := d.ExportWith(context.Background(), dir, demoAsOf, ExportOptions{Lang: "en", Warn: func(ws []data.Message) {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("warned after %d files were written", len(entries))
		}
		warned = append(warned, ws...)
	}}, "Acme US")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applications) != 1 || len(warned) != 1 || warned[0].Text != MsgExportStale || len(warningsOf(res, MsgExportStale)) != 0 {
		t.Fatalf("warned %+v, result warnings %+v", warned, res.Warnings)
	}
}

func TestAnExportNeverOverwritesAWorkbook(t *testing.T) {
	d := demoDesk(t)
	dir := t.TempDir()
	first := exportOK(t, d, dir, "en")
	before, err := os.ReadFile(first.Applications[0].File)
	if err != nil {
		t.Fatal(err)
	}
	second := exportOK(t, d, dir, "en")
	if got := filepath.Base(second.Applications[0].File); got != "Acme US_deposit refund application_2026-11-24_2.xlsx" {
		t.Fatalf("second workbook %s", got)
	}
	if got := filepath.Base(second.Summary); got != "deposit refund applications_2026-11-24_2.xlsx" {
		t.Fatalf("second summary %s", got)
	}
	after, _ := os.ReadFile(first.Applications[0].File)
	if string(before) != string(after) {
		t.Fatal("the first workbook changed")
	}
	// The record points at the newest workbook.
	if v := viewOf(t, d, demoAsOf, "Acme US"); v.File != second.Applications[0].File {
		t.Errorf("record file %s", v.File)
	}
}

func TestNamedShopsAreExportedEvenWhenNotReadyWithAWarning(t *testing.T) {
	d := demoDesk(t)
	res := exportOK(t, d, t.TempDir(), "en", "Panda UK", "lotus my", "Acme US")
	var shops []string
	for _, a := range res.Applications {
		shops = append(shops, a.Shop+":"+a.Verdict)
	}
	if strings.Join(shops, ",") != "Panda UK:blocked,Lotus MY:waiting,Acme US:ready" {
		t.Fatalf("exported %v", shops)
	}
	notReady := warningsOf(res, MsgExportNotReady)
	if len(notReady) != 2 || len(warningsOf(res, MsgExportStale)) != 1 {
		t.Fatalf("warnings %v", res.Warnings)
	}
	w := notReady[0]
	if w.Text != MsgExportNotReady || w.Args["Shop"] != "Panda UK" || !strings.Contains(w.Error(), "Panda UK is blocked, not ready (failing: orders_settled, ") {
		t.Errorf("warning %q", w.Error())
	}
	f := openBook(t, res.Applications[0].File)
	rows, _ := f.GetRows("Checklist")
	failed := 0
	for _, r := range rows[4:] {
		if len(r) > 2 && r[2] == "Not yet" {
			failed++
		}
	}
	if failed == 0 {
		t.Error("the blocked shop's checklist shows no failing check")
	}
	// Its deductions are the shop's violations.
	rows, _ = f.GetRows("Application")
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	if !strings.Contains(text, "Late dispatch|50.00|GBP|2026-10-30") || !strings.Contains(text, "Counterfeit claim|200.00|GBP|Open") {
		t.Errorf("deductions missing:\n%s", text)
	}
	if _, err := d.Export(context.Background(), t.TempDir(), demoAsOf, "en", "Nobody"); err == nil {
		t.Error("an unknown shop was exported")
	}
}

func TestNoReadyShopMeansNothingWrittenAndSaysSo(t *testing.T) {
	d := demoDesk(t)
	dir := t.TempDir()
	res, err := d.Export(context.Background(), dir, data.MakeDate(2026, 6, 1), "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applications) != 0 || res.Summary != "" || len(res.Warnings) != 1 || res.Warnings[0].Text != MsgExportNoneReady {
		t.Fatalf("result %+v", res)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Fatalf("wrote %v", files)
	}
}

func TestTheApplicationLifecycle(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	at := func(day int) { d.Now = func() time.Time { return time.Date(2026, 11, day, 10, 0, 0, 0, time.UTC) } }
	at(30)
	nov := func(day int) data.Date { return data.MakeDate(2026, 11, day) }

	steps := []struct {
		to   data.ApplicationStatus
		on   data.Date
		want string // "" = legal
	}{
		{data.AppApproved, nov(25), "The application of Acme US is draft; it can become submitted, not approved"},
		{data.AppRefunded, nov(25), "The application of Acme US is draft; it can become submitted, not refunded"},
		{data.AppSubmitted, data.MakeDate(2026, 12, 1), "2026-12-01 is in the future; record a status on the day it happened"},
		{data.AppSubmitted, nov(20), ""}, // sent before it was prepared here
		{data.AppSubmitted, nov(25), "The application of Acme US is submitted; it can become approved or rejected, not submitted"},
		{data.AppRefunded, nov(26), "The application of Acme US is submitted; it can become approved or rejected, not refunded"},
		{data.AppRejected, nov(27), ""},
		{data.AppApproved, nov(27), "The application of Acme US is rejected; it can become submitted, not approved"},
		{data.AppSubmitted, nov(26), "2026-11-26 is before the application was rejected on 2026-11-27"},
		{data.AppSubmitted, nov(28), ""}, // resubmitted
		{data.AppApproved, nov(27), "2026-11-27 is before the application was submitted on 2026-11-28"},
		{data.AppApproved, nov(29), ""},
		{data.AppRefunded, nov(28), "2026-11-28 is before the application was approved on 2026-11-29"},
		{data.AppRefunded, data.NoDate, ""}, // today
		{data.AppSubmitted, nov(30), "The application of Acme US is refunded, its last step; it cannot become submitted"},
		{data.AppDraft, nov(30), "draft is not an application status; use submitted, approved, rejected or refunded"},
	}
	for _, s := range steps {
		err := d.SetApplicationStatus(context.Background(), "acme us", 0, s.to, s.on, "")
		switch {
		case s.want == "" && err != nil:
			t.Fatalf("→ %s on %s: %v", s.to, s.on, err)
		case s.want != "":
			var m *data.Message
			if !errors.As(err, &m) || m.Error() != s.want {
				t.Fatalf("→ %s on %s: %v, want %q", s.to, s.on, err, s.want)
			}
		}
	}
	v := viewOf(t, d, nov(30), "Acme US")
	if v.Status != data.AppRefunded || v.Submitted != nov(28) || v.Decided != nov(29) || v.Refunded != nov(30) || len(v.Next) != 0 {
		t.Fatalf("view %+v", v)
	}
	moves := auditOf(t, d, "Acme US", "application.status")
	var got []string
	for i := len(moves) - 1; i >= 0; i-- {
		got = append(got, moves[i].Detail)
	}
	want := []string{"draft → submitted on 2026-11-20", "submitted → rejected on 2026-11-27",
		"rejected → submitted on 2026-11-28", "submitted → approved on 2026-11-29", "approved → refunded on 2026-11-30"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audited moves:\n%s", strings.Join(got, "\n"))
	}
	if err := d.SetApplicationStatus(context.Background(), "Lotus MY", 0, data.AppSubmitted, nov(25), ""); err == nil || !strings.Contains(err.Error(), "Lotus MY has no application yet") {
		t.Fatalf("a shop without an application: %v", err)
	}
}

func TestARejectionKeepsItsNoteAndANewExportMakesADraftAgain(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppRejected, demoAsOf, "bank letter missing"); err != nil {
		t.Fatal(err)
	}
	if v := viewOf(t, d, demoAsOf, "Acme US"); v.Note != "bank letter missing" || v.Decided != demoAsOf {
		t.Fatalf("view %+v", v)
	}
	if e := auditOf(t, d, "Acme US", "application.status"); !strings.HasSuffix(e[0].Detail, ": bank letter missing") {
		t.Errorf("audit %q", e[0].Detail)
	}
	exportOK(t, d, t.TempDir(), "en")
	if v := viewOf(t, d, demoAsOf, "Acme US"); v.Status != data.AppDraft || v.Submitted != data.NoDate || v.Decided != data.NoDate {
		t.Fatalf("after a new export: %+v", v)
	}
}

func TestASubmittedApplicationIsNotResetByANewExport(t *testing.T) {
	d := demoDesk(t)
	first := exportOK(t, d, t.TempDir(), "en")
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	// With no shop named, a shop whose application is under way is left out.
	res := exportOK(t, d, t.TempDir(), "en")
	if len(res.Applications) != 0 || len(res.Warnings) != 1 || res.Warnings[0].Text != MsgExportSkipped {
		t.Fatalf("result %+v", res)
	}
	// Named, it is exported, and its application stays submitted.
	res = exportOK(t, d, t.TempDir(), "en", "Acme US")
	if len(res.Applications) != 1 || !res.Applications[0].Kept || res.Applications[0].Status != data.AppSubmitted {
		t.Fatalf("result %+v", res)
	}
	if w := warningsOf(res, MsgExportKept); len(w) != 1 || w[0].Error() != "The application of Acme US is already submitted; it stays submitted and the new workbook does not replace it" {
		t.Fatalf("warnings %v", res.Warnings)
	}
	v := viewOf(t, d, demoAsOf, "Acme US")
	if v.Status != data.AppSubmitted || v.Submitted != demoAsOf || v.File != first.Applications[0].File {
		t.Fatalf("view %+v", v)
	}
	if e := auditOf(t, d, "Acme US", "export"); len(e) != 2 || !strings.Contains(e[0].Detail, "left as it was") {
		t.Fatalf("audit %+v", e)
	}
}

func TestASubmittedApplicationIsOverdueTheDayAfterTheReviewTime(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	if d.ReviewDays(context.Background()) != 7 {
		t.Fatalf("review days default to %d", d.ReviewDays(context.Background()))
	}
	if v := viewOf(t, d, demoAsOf.AddDays(7), "Acme US"); v.Overdue || v.ReviewDue != demoAsOf.AddDays(7) {
		t.Fatalf("day 7: %+v", v)
	}
	if v := viewOf(t, d, demoAsOf.AddDays(8), "Acme US"); !v.Overdue {
		t.Fatalf("day 8 is not overdue: %+v", v)
	}

	if err := d.SetReviewDays(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	if v := viewOf(t, d, demoAsOf.AddDays(8), "Acme US"); v.Overdue || d.ReviewDays(context.Background()) != 10 {
		t.Fatalf("with 10 review days, day 8: %+v", v)
	}
	if e := auditOf(t, d, "", "settings"); len(e) != 1 || e[0].Detail != "review days: 7 → 10" {
		t.Fatalf("audit %+v", e)
	}
	for _, bad := range []int{0, 366, -1} {
		if err := d.SetReviewDays(context.Background(), bad); err == nil {
			t.Errorf("review days %d accepted", bad)
		}
	}

	// A decision ends the wait.
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppApproved, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	if v := viewOf(t, d, demoAsOf.AddDays(30), "Acme US"); v.Overdue {
		t.Fatalf("an approved application is overdue: %+v", v)
	}
}

// openReturn writes a returns export, dated 2026-11-23, with one open case.
func openReturn(t *testing.T) string {
	t.Helper()
	e := sample.Returns(sample.Options{Seed: 7, Orders: 1})
	c := &e.Cases[0]
	c.Status, c.Substatus, c.Open, c.Refunded = "To Process", "Awaiting seller response", true, 0
	return writeExport(t, "Return order-2026-11-23-09_00.csv", e)
}

func TestANewImportWithAnOpenReturnInvalidatesThePreparedApplication(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	if v := viewOf(t, d, demoAsOf, "Acme US"); !v.Valid || v.Why.Text != "" || v.Verdict != Ready {
		t.Fatalf("a fresh application is not valid: %+v", v)
	}
	if _, err := d.Import(context.Background(), "Acme US", openReturn(t), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	v := viewOf(t, d, demoAsOf, "Acme US")
	if v.Valid || v.Verdict != Blocked || v.Why.Text != MsgWhyCheckFails || v.WhyCheck == nil || v.WhyCheck.ID != CheckReturnsClosed {
		t.Fatalf("after an open return: %+v", v)
	}
	if why := v.Why.Message(); !strings.HasPrefix(why, "returns_closed now fails: Open after-sales cases: 1 — ") {
		t.Fatalf("why = %q", why)
	}
	// Still invalid once submitted; a new export prepared from the new verdict is valid again.
	exportOK(t, d, t.TempDir(), "en", "Acme US")
	if v := viewOf(t, d, demoAsOf, "Acme US"); !v.Valid {
		t.Fatalf("re-exported: %+v", v)
	}
}

func TestWhyNamesWhatChangedInTheVerdict(t *testing.T) {
	v := Verdict{Status: Waiting, Refundable: 145000, Currency: "USD", Checks: []Check{
		{ID: CheckOrdersSettled, OK: true}, {ID: CheckQuietPeriod, Kind: KindTime, Due: demoAsOf},
	}}
	prepared := Fingerprint(v)
	if prepared != "waiting|quiet_period|1450.00|USD" {
		t.Fatalf("fingerprint %q", prepared)
	}
	if _, _, changed := whyChanged(prepared, v); changed {
		t.Fatal("the same verdict changed")
	}
	cases := []struct {
		edit func(*Verdict)
		want string
	}{
		{func(v *Verdict) { v.Refundable = 125000 }, "The refundable amount is now 1250.00 USD, not 1450.00 USD as prepared"},
		{func(v *Verdict) { v.Checks[1].OK, v.Status = true, Ready }, "The verdict changed from waiting to ready since the application was prepared; export it again"},
		{func(v *Verdict) {
			v.Checks = append(v.Checks, Check{ID: CheckRefundAccount, OK: true})
			v.Checks[1].OK = true
		},
			"quiet_period passed since the application was prepared; export it again"},
		{func(v *Verdict) {
			v.Status = Blocked
			v.Checks[0] = Check{ID: CheckOrdersSettled, Detail: "Orders not settled: 2"}
			v.Checks = append(v.Checks, Check{ID: CheckRefundAccount, Detail: "missing bank"})
		}, "orders_settled, refund_account now fail; orders_settled: Orders not settled: 2"},
	}
	for _, c := range cases {
		now := v
		now.Checks = append([]Check(nil), v.Checks...)
		c.edit(&now)
		why, _, changed := whyChanged(prepared, now)
		if !changed || why.Message() != c.want {
			t.Errorf("why = %q, want %q", why.Message(), c.want)
		}
	}
}

func TestApplicationsMaskTheAccountNumber(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	v := viewOf(t, d, demoAsOf, "Acme US")
	if v.Account.Number != "••••••••6001" || v.Account.Holder != "Acme Trading Co., Ltd." {
		t.Fatalf("account %+v", v.Account)
	}
}

func TestAVerdictChangeIsAuditedOnce(t *testing.T) {
	d := demoDesk(t)
	record := func() {
		t.Helper()
		vs, err := d.Readiness(context.Background(), d.Today())
		if err != nil {
			t.Fatal(err)
		}
		if err := d.RecordVerdicts(context.Background(), vs); err != nil {
			t.Fatal(err)
		}
	}
	record()
	if e := auditOf(t, d, "", "verdict"); len(e) != 0 {
		t.Fatalf("the first verdicts are not changes: %+v", e)
	}
	record()
	if _, err := d.Import(context.Background(), "Acme US", openReturn(t), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	record()
	record()
	e := auditOf(t, d, "", "verdict")
	if len(e) != 1 || e[0].Shop != "Acme US" || e[0].Detail != "ready → blocked" || e[0].User == "" {
		t.Fatalf("verdict audit %+v", e)
	}

	// A look ahead records nothing.
	vs, _ := d.Readiness(context.Background(), d.Today().AddDays(400))
	if err := d.RecordVerdicts(context.Background(), vs); err != nil {
		t.Fatal(err)
	}
	if e := auditOf(t, d, "", "verdict"); len(e) != 1 {
		t.Fatalf("a look ahead was audited: %+v", e)
	}
}

func TestTheAuditLogExportsAsXLSXAndCSV(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "审计 log.xlsx")
	if err := d.ExportAudit(context.Background(), xlsx, "Acme US"); err != nil {
		t.Fatal(err)
	}
	entries, _ := d.Audit(context.Background(), "Acme US", 0)
	f := openBook(t, xlsx)
	rows, err := f.GetRows("Audit log")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(entries)+1 || strings.Join(rows[0], "|") != "Time|User|Shop|Action|Detail" ||
		rows[1][3] != "export" || rows[1][2] != "Acme US" {
		t.Fatalf("rows %q", rows)
	}
	if err := d.ExportAudit(context.Background(), xlsx, ""); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrote: %v", err)
	}
	csv := filepath.Join(dir, "audit.csv")
	if err := d.ExportAudit(context.Background(), csv, ""); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csv)
	if !strings.HasPrefix(string(b), "\uFEFFTime,User,Shop,Action,Detail\r\n") || !strings.Contains(string(b), "shop.add") {
		t.Fatalf("csv:\n%s", b)
	}
	if err := d.ExportAudit(context.Background(), filepath.Join(dir, "audit.pdf"), ""); err == nil {
		t.Fatal("a .pdf audit log was written")
	}
}

func TestAStatusChangeOnAnApplicationSomeoneElseChangedIsRefused(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	seen := viewOf(t, d, demoAsOf, "Acme US") // what this window shows: a draft
	other, err := Open(d.Path())              // a colleague's window on the same database
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.User, other.Now = "mei", d.Now
	if err := other.SetApplicationStatus(context.Background(), "Acme US", seen.Version, data.AppSubmitted, demoAsOf, "ticket 9"); err != nil {
		t.Fatal(err)
	}

	err = d.SetApplicationStatus(context.Background(), "Acme US", seen.Version, data.AppSubmitted, demoAsOf, "ticket 10")
	var stale data.Stale
	if !errors.As(err, &stale) {
		t.Fatalf("a change on a stale application: %v", err)
	}
	by := auditOf(t, d, "Acme US", "application.status")[0].User // the database login on PostgreSQL
	if msg := err.Error(); !strings.Contains(msg, "Acme US's application was changed by "+by+" at ") ||
		!strings.Contains(msg, d.Now().Local().Format("2006-01-02 15:04")) {
		t.Errorf("the refusal reads %q; want who (%s) and when", msg, by)
	}
	if v := viewOf(t, d, demoAsOf, "Acme US"); v.Note != "ticket 9" || v.Version != seen.Version+1 {
		t.Fatalf("the colleague's change was overwritten: %+v", v)
	}
	// On what is stored now it goes through; the command line (0) reads and writes at once.
	now := viewOf(t, d, demoAsOf, "Acme US")
	if err := d.SetApplicationStatus(context.Background(), "Acme US", now.Version, data.AppRejected, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
}

func TestTwoStatusChangesAtOnceOnTheSameApplicationLetOneThrough(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en")
	seen := viewOf(t, d, demoAsOf, "Acme US")
	other, err := Open(d.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.Now = d.Now
	errs := make(chan error, 2)
	for _, desk := range []*Desk{d, other} {
		go func() {
			errs <- desk.SetApplicationStatus(context.Background(), "Acme US", seen.Version, data.AppSubmitted, demoAsOf, "")
		}()
	}
	var through, stale int
	for range 2 {
		var s data.Stale
		switch err := <-errs; {
		case err == nil:
			through++
		case errors.As(err, &s):
			stale++
		default:
			t.Fatal(err)
		}
	}
	if through != 1 || stale != 1 {
		t.Fatalf("%d went through and %d were refused as stale; want one each", through, stale)
	}
	if e := auditOf(t, d, "Acme US", "application.status"); len(e) != 1 {
		t.Fatalf("%d status changes audited, want 1", len(e))
	}
}
