package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"depositdesk/assets/translations"
	"depositdesk/data"
	"depositdesk/data/workbook"
)

// The English templates of what preparing, exporting and tracking
// applications tell a person; each is also its translation key.
const (
	MsgExportNotReady   = "{{.Shop}} is {{.Status}}, not ready (failing: {{.Failing}}); its application was prepared anyway"
	MsgExportStale      = "The data of {{.Shop}} is as of {{.Date}}, more than {{.Days}} days old; import a recent export before submitting"
	MsgExportKept       = "The application of {{.Shop}} is already {{.Status}}; it stays {{.Status}} and the new workbook does not replace it"
	MsgExportSkipped    = "{{.Shop}} is ready, but its application is already {{.Status}}; name the shop to export it again"
	MsgExportNoneReady  = "No shop is ready on {{.Date}}; name shops to export their applications anyway"
	MsgExportFolder     = "Cannot create the folder {{.Folder}}: {{.Err}}"
	MsgExportFailed     = "The application of {{.Shop}} could not be written: {{.Err}}"
	MsgExportSummary    = "The summary workbook could not be written: {{.Err}}"
	MsgNoApplication    = "{{.Shop}} has no application yet; export one first"
	MsgBadStatus        = "{{.To}} is not an application status; use submitted, approved, rejected or refunded"
	MsgIllegalMove      = "The application of {{.Shop}} is {{.Status}}; it can become {{.Next}}, not {{.To}}"
	MsgFinalStatus      = "The application of {{.Shop}} is {{.Status}}, its last step; it cannot become {{.To}}"
	MsgStatusDateEarly  = "{{.On}} is before the application was {{.Step}} on {{.Date}}"
	MsgStatusDateFuture = "{{.On}} is in the future; record a status on the day it happened"
	MsgReviewDays       = "The expected review time is from 1 to 365 days, not {{.Days}}"

	MsgWhyCheckFails   = "{{.Check}} now fails: {{.Detail}}"
	MsgWhyChecksFail   = "{{.Checks}} now fail; {{.Check}}: {{.Detail}}"
	MsgWhyAmount       = "The refundable amount is now {{.Now}}, not {{.Was}} as prepared"
	MsgWhyStatus       = "The verdict changed from {{.Was}} to {{.Now}} since the application was prepared; export it again"
	MsgWhyChecksPassed = "{{.Checks}} passed since the application was prepared; export it again"

	MsgAuditFileExists = "{{.File}} already exists; choose another name."
	MsgTableFileKind   = "Save it as .xlsx or .csv, not {{.Ext}}"
	MsgAuditFileWrite  = "Cannot write {{.File}}: {{.Err}}"
)

// ApplicationMessageTexts lists every template above, so a test can make sure
// each has a translation.
func ApplicationMessageTexts() []string {
	return []string{
		MsgExportNotReady, MsgExportStale, MsgExportKept, MsgExportSkipped, MsgExportNoneReady, MsgExportFolder,
		MsgExportFailed, MsgExportSummary, MsgNoApplication, MsgBadStatus, MsgIllegalMove, MsgFinalStatus,
		MsgStatusDateEarly, MsgStatusDateFuture, MsgReviewDays,
		MsgWhyCheckFails, MsgWhyChecksFail, MsgWhyAmount, MsgWhyStatus, MsgWhyChecksPassed,
		MsgAuditFileExists, MsgAuditFileWrite, MsgTableFileKind,
	}
}

// SettingReviewDays is the setting that holds the expected review time.
const SettingReviewDays = "review_days"

// DefaultReviewDays is how long the platform is expected to take to decide.
const DefaultReviewDays = 7

// ReviewDays is the expected review time: a submitted application without a
// decision after this many days is overdue. It is the default when unset,
// or when the setting cannot be read (a read that fails then fails the
// caller's next read too, which reports it).
func (d *Desk) ReviewDays(ctx context.Context) int {
	set, err := d.store.Setting(ctx, SettingReviewDays, "")
	n, nerr := strconv.Atoi(set)
	if err != nil || nerr != nil || n < 1 || n > 365 {
		return DefaultReviewDays
	}
	return n
}

// SetReviewDays changes the expected review time (1 to 365 days); audited.
func (d *Desk) SetReviewDays(ctx context.Context, n int) error {
	if n < 1 || n > 365 {
		return data.Msg(MsgReviewDays, map[string]any{"Days": n})
	}
	old := d.ReviewDays(ctx)
	if old == n {
		return nil
	}
	err := d.store.Update(ctx, "set the review time", func(tx *data.Tx) error {
		if err := data.SetSettingTx(tx, SettingReviewDays, strconv.Itoa(n)); err != nil {
			return err
		}
		return data.AuditTx(tx, d.audit(data.Shop{}, "settings", fmt.Sprintf("review days: %d → %d", old, n)))
	})
	return d.changed(err, Change{Kind: ChangedSettings})
}

// Fingerprint is what an application remembers of the verdict it was
// prepared from: status, failing checks, refundable amount and currency. A
// later verdict with another fingerprint makes the application out of date.
func Fingerprint(v Verdict) string {
	var failing []string
	for _, c := range v.Checks {
		if !c.OK {
			failing = append(failing, c.ID)
		}
	}
	return strings.Join([]string{v.Status, strings.Join(failing, ","), v.Refundable.String(), v.Currency}, "|")
}

// fingerprint is a Fingerprint read back.
type fingerprint struct {
	status, amount string
	failing        map[string]bool
}

func parseFingerprint(s string) fingerprint {
	p := strings.Split(s, "|")
	for len(p) < 4 {
		p = append(p, "")
	}
	f := fingerprint{status: p[0], amount: p[2] + " " + p[3], failing: map[string]bool{}}
	for _, id := range strings.Split(p[1], ",") {
		if id != "" {
			f.failing[id] = true
		}
	}
	return f
}

// whyChanged says what changed between the verdict an application was
// prepared from and v; ok is false when nothing did.
func whyChanged(prepared string, v Verdict) (why data.Message, check *Check, changed bool) {
	if prepared == "" || prepared == Fingerprint(v) {
		return data.Message{}, nil, false
	}
	was := parseFingerprint(prepared)
	var fails []*Check
	var passed []string
	nowFailing := map[string]bool{}
	for i := range v.Checks {
		c := &v.Checks[i]
		if !c.OK {
			nowFailing[c.ID] = true
			if !was.failing[c.ID] {
				fails = append(fails, c)
			}
		}
	}
	for _, id := range CheckIDs {
		if was.failing[id] && !nowFailing[id] {
			passed = append(passed, id)
		}
	}
	switch {
	case len(fails) == 1:
		return data.Message{Text: MsgWhyCheckFails, Args: map[string]any{"Check": fails[0].ID, "Detail": fails[0].Detail}}, fails[0], true
	case len(fails) > 1:
		ids := make([]string, len(fails))
		for i, c := range fails {
			ids[i] = c.ID
		}
		return data.Message{Text: MsgWhyChecksFail, Args: map[string]any{"Checks": strings.Join(ids, ", "), "Check": fails[0].ID, "Detail": fails[0].Detail}}, fails[0], true
	}
	if now := v.Refundable.String() + " " + v.Currency; now != was.amount {
		return data.Message{Text: MsgWhyAmount, Args: map[string]any{"Now": now, "Was": was.amount}}, nil, true
	}
	if was.status != v.Status {
		return data.Message{Text: MsgWhyStatus, Args: map[string]any{"Was": was.status, "Now": v.Status}}, nil, true
	}
	return data.Message{Text: MsgWhyChecksPassed, Args: map[string]any{"Checks": strings.Join(passed, ", ")}}, nil, true
}

// Prepared is one shop's application before it is written: the verdict it
// comes from and the facts its workbook shows.
type Prepared struct {
	Shop       data.Shop
	Verdict    Verdict
	Violations []data.Violation
	Orders     []data.ClassSummary
	// LatestClosure is the latest order closure date, expected ones included.
	LatestClosure data.Date
	// Existing is the shop's application record before this export; nil when none.
	Existing *data.Application
}

// Prepare gathers the applications of the named shops, or, with none named,
// of every ready shop whose application is not already submitted, approved or
// refunded. The warnings name each named shop that is not ready, each one
// whose data is stale, and each ready shop left out.
func (d *Desk) Prepare(ctx context.Context, asOf data.Date, shops ...string) ([]Prepared, []data.Message, error) {
	var names []string
	seen := map[string]bool{}
	for _, n := range shops {
		k := strings.ToLower(strings.TrimSpace(n))
		if !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
	}
	verdicts, err := d.Readiness(ctx, asOf, names...)
	if err != nil {
		return nil, nil, err
	}
	existing := map[int64]data.Application{}
	apps, err := d.store.Applications(ctx)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range apps {
		existing[a.ShopID] = a
	}
	var out []Prepared
	var warnings []data.Message
	for _, v := range verdicts {
		old, has := existing[v.ShopID]
		if len(names) == 0 {
			if v.Status != Ready {
				continue
			}
			if has && kept(old.Status) {
				warnings = append(warnings, data.Message{Text: MsgExportSkipped, Args: map[string]any{"Shop": v.Shop, "Status": string(old.Status)}})
				continue
			}
		} else if v.Status != Ready {
			var failing []string
			for _, c := range v.Failing() {
				failing = append(failing, c.ID)
			}
			warnings = append(warnings, data.Message{Text: MsgExportNotReady, Args: map[string]any{"Shop": v.Shop, "Status": v.Status, "Failing": strings.Join(failing, ", ")}})
		}
		if v.Stale {
			warnings = append(warnings, data.Message{Text: MsgExportStale, Args: map[string]any{"Shop": v.Shop, "Date": v.DataAsOf.String(), "Days": StaleAfterDays}})
		}
		p, err := d.prepare(ctx, v)
		if err != nil {
			return nil, nil, err
		}
		if has {
			p.Existing = &old
		}
		out = append(out, p)
	}
	if len(names) == 0 && len(out) == 0 && len(warnings) == 0 {
		warnings = append(warnings, data.Message{Text: MsgExportNoneReady, Args: map[string]any{"Date": asOf.String()}})
	}
	return out, warnings, nil
}

// kept reports whether an application in this status is past its draft: a
// new export leaves it as it is.
func kept(s data.ApplicationStatus) bool {
	return s == data.AppSubmitted || s == data.AppApproved || s == data.AppRefunded
}

func (d *Desk) prepare(ctx context.Context, v Verdict) (Prepared, error) {
	sh, err := d.store.ShopByID(ctx, v.ShopID)
	if err != nil {
		return Prepared{}, err
	}
	rs, err := d.store.RuleSet(ctx, sh.RuleSet)
	if err != nil {
		return Prepared{}, err
	}
	p := Prepared{Shop: sh, Verdict: v}
	if p.Violations, err = d.store.Violations(ctx, sh.ID); err != nil {
		return p, err
	}
	if p.Orders, err = d.store.OrderSummary(ctx, sh.ID, rs.Window(sh.Site)); err != nil {
		return p, err
	}
	for _, o := range p.Orders {
		p.LatestClosure = data.MaxDate(p.LatestClosure, o.LatestClosure)
	}
	return p, nil
}

// Workbook is what p's workbook shows, prepared on the given day, with check
// details put through translate (nil keeps them in English).
func (p Prepared) Workbook(prepared data.Date, l workbook.Labels, translate func(data.Message) string) workbook.Application {
	v, sh := p.Verdict, p.Shop
	a := workbook.Application{
		Shop: sh.Name, Platform: sh.Platform, Site: sh.Site, ShopCode: sh.Code, Client: sh.Client,
		Currency: v.Currency, Status: v.Status, RuleSet: v.Rules,
		Deposit: v.Deposit, Deductions: v.Penalties, Refundable: v.Refundable,
		Account:  sh.Account,
		Prepared: prepared, AsOf: v.AsOf, ReadyOn: v.ReadyOn,
		LatestClosure: p.LatestClosure, DataAsOf: v.DataAsOf,
	}
	for _, vi := range p.Violations {
		a.DeductionList = append(a.DeductionList, workbook.Deduction{Date: vi.Date, Kind: vi.Kind, Penalty: vi.Penalty, Resolved: vi.Resolved})
	}
	for _, c := range v.Checks {
		detail := c.Detail
		if translate != nil {
			detail = translate(c.Msg)
		}
		a.Checks = append(a.Checks, workbook.Check{ID: c.ID, OK: c.OK, Kind: c.Kind, Due: c.Due, Detail: detail, Evidence: c.Evidence})
	}
	for _, o := range p.Orders {
		a.Orders = append(a.Orders, workbook.StatusCount{Class: string(o.Class), Count: o.Count, LatestClosure: o.LatestClosure})
	}
	a.Reason = workbook.ReasonText(a, l.Lang)
	return a
}

// ExportOptions tune an export.
type ExportOptions struct {
	// Lang is the workbooks' language: "zh…" Chinese, anything else English.
	Lang string
	// Translate renders a check's detail in Lang; nil uses the bundled
	// translation of Lang, so a Chinese checklist has no English details.
	Translate func(data.Message) string
	// Warn, when set, is told what to warn about (shops not ready, data
	// older than a week) before any workbook is written, so the person reads
	// it first; ExportResult.Warnings then holds only what came after.
	Warn func([]data.Message)
}

// ExportedApplication is one workbook written by an export.
type ExportedApplication struct {
	Shop     string
	File     string // the workbook's path
	Verdict  string // Ready, Waiting or Blocked
	Amount   data.Money
	Currency string
	// Status is the application's status after the export: draft, or the
	// status it kept (Kept) because it was already submitted, approved or refunded.
	Status data.ApplicationStatus
	Kept   bool
}

// ExportResult is what an export wrote and what it has to say.
type ExportResult struct {
	Applications []ExportedApplication
	Summary      string // the summary workbook's path; "" when nothing was exported
	Warnings     []data.Message
}

// Export writes the prepared application workbook of each named shop (of each
// ready shop when none is named) into dir, then the summary workbook of them
// all, and records each as the shop's draft application. It never overwrites
// a file. On an error, what was written before it stays written and recorded.
func (d *Desk) Export(ctx context.Context, dir string, asOf data.Date, lang string, shops ...string) (ExportResult, error) {
	return d.ExportWith(ctx, dir, asOf, ExportOptions{Lang: lang}, shops...)
}

// ExportWith is Export with options.
func (d *Desk) ExportWith(ctx context.Context, dir string, asOf data.Date, o ExportOptions, shops ...string) (ExportResult, error) {
	var res ExportResult
	prepared, warnings, err := d.Prepare(ctx, asOf, shops...)
	res.Warnings = warnings
	if o.Warn != nil && len(warnings) > 0 {
		o.Warn(warnings)
		res.Warnings = nil
	}
	if err != nil || len(prepared) == 0 {
		return res, err
	}
	if o.Translate == nil && workbook.IsChinese(o.Lang) {
		if o.Translate, err = translations.Translator("zh_Hans"); err != nil {
			return res, fmt.Errorf("read the Chinese translation of the checklist: %w", err)
		}
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // the records keep where the workbooks are, wherever the next command runs
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, data.Msg(MsgExportFolder, map[string]any{"Folder": dir, "Err": err.Error()})
	}
	labels := workbook.LabelsFor(o.Lang)
	today := d.Today()
	var books []workbook.Application
	var files []string
	for _, p := range prepared {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		wb := p.Workbook(today, labels, o.Translate)
		path, err := workbook.ExportApplication(dir, wb, labels)
		if err != nil {
			return res, data.Msg(MsgExportFailed, map[string]any{"Shop": p.Shop.Name, "Err": err.Error()})
		}
		e, warn, err := d.recordExport(ctx, p, wb, path, today)
		if err != nil {
			return res, err
		}
		if warn != nil {
			res.Warnings = append(res.Warnings, *warn)
		}
		res.Applications = append(res.Applications, e)
		books = append(books, wb)
		files = append(files, path)
	}
	summary, err := workbook.ExportSummary(dir, books, files, labels)
	if err != nil {
		return res, data.Msg(MsgExportSummary, map[string]any{"Err": err.Error()})
	}
	res.Summary = summary
	err = d.store.Update(ctx, "record the exported applications", func(tx *data.Tx) error {
		return data.AuditTx(tx, d.audit(data.Shop{}, "export", fmt.Sprintf("summary %s, applications: %d, account numbers masked",
			filepath.Base(summary), len(books))))
	})
	return res, err
}

// recordExport makes the written workbook the shop's draft application (unless
// its application is past the draft) and audits the export, in one transaction.
func (d *Desk) recordExport(ctx context.Context, p Prepared, wb workbook.Application, path string, today data.Date) (ExportedApplication, *data.Message, error) {
	e := ExportedApplication{Shop: p.Shop.Name, File: path, Verdict: p.Verdict.Status, Amount: wb.Refundable, Currency: wb.Currency, Status: data.AppDraft}
	var warn *data.Message
	err := d.store.Update(ctx, "record the export of "+p.Shop.Name, func(tx *data.Tx) error {
		old, err := data.ApplicationTx(tx, p.Shop.ID, 0)
		switch {
		case err == nil && kept(old.Status):
			e.Status, e.Kept = old.Status, true
			warn = &data.Message{Text: MsgExportKept, Args: map[string]any{"Shop": p.Shop.Name, "Status": string(old.Status)}}
		case err == nil || errors.Is(err, data.ErrNotFound):
			a := data.Application{ID: old.ID, ShopID: p.Shop.ID, Status: data.AppDraft, Amount: wb.Refundable, Currency: wb.Currency,
				Account: p.Shop.Account, Reason: wb.Reason, Verdict: Fingerprint(p.Verdict), File: path, Note: old.Note, CreatedAt: today}
			if _, err := data.SaveApplicationTx(tx, a, d.Now()); err != nil {
				return err
			}
		default:
			return err
		}
		detail := fmt.Sprintf("%s: %s %s refundable, verdict %s, application %s; the full account number (%s) is in the workbook",
			filepath.Base(path), wb.Refundable, wb.Currency, p.Verdict.Status, e.Status, lastFour(p.Shop.Account.Number))
		if e.Kept {
			detail += "; the application was left as it was"
		}
		return data.AuditTx(tx, d.audit(p.Shop, "export", detail))
	})
	return e, warn, d.changed(err, Change{ChangedApplication, p.Shop.ID})
}

// lastFour names an account number by its last four characters, as a person
// would read it off a statement.
func lastFour(n string) string {
	r := []rune(n)
	if len(r) == 0 {
		return "none"
	}
	if len(r) > 4 {
		r = r[len(r)-4:]
	}
	return "ending " + string(r)
}

// ApplicationView is an application as lists show it: the account number
// masked, with whether it is overdue and whether it still matches the verdict.
type ApplicationView struct {
	ID       int64
	Version  int64 // the row version read: a status change names it (SetApplicationStatus)
	ShopID   int64
	Shop     string
	Status   data.ApplicationStatus
	Amount   data.Money
	Currency string
	// Account is the refund account with the number masked (last 4 digits).
	Account                               data.RefundAccount
	Reason, File, Note                    string
	Created, Submitted, Decided, Refunded data.Date
	// ReviewDue is the day a submitted application should have a decision by;
	// Overdue is set once asOf is past it.
	ReviewDue data.Date
	Overdue   bool
	// Verdict is the shop's verdict status now; Valid is false when the
	// verdict differs from the one the application was prepared from, and Why
	// then says what changed (WhyCheck is the check that now fails, if any, so
	// the window can show its own translated detail).
	Verdict  string
	Valid    bool
	Why      data.Message
	WhyCheck *Check
	// Next lists the statuses it may move to.
	Next []data.ApplicationStatus
}

// Applications lists every shop's application as of a day, by shop name.
func (d *Desk) Applications(ctx context.Context, asOf data.Date) ([]ApplicationView, error) {
	apps, err := d.store.Applications(ctx)
	if err != nil || len(apps) == 0 {
		return nil, err
	}
	names := make([]string, len(apps))
	for i, a := range apps {
		names[i] = a.Shop
	}
	verdicts, err := d.Readiness(ctx, asOf, names...)
	if err != nil {
		return nil, err
	}
	return viewsOf(apps, verdicts, asOf, d.ReviewDays(ctx)), nil
}

// applicationViews judges the applications against verdicts already
// computed (one per shop), so the overview computes readiness only once.
func (d *Desk) applicationViews(ctx context.Context, verdicts []Verdict, asOf data.Date, review int) ([]ApplicationView, error) {
	apps, err := d.store.Applications(ctx)
	if err != nil || len(apps) == 0 {
		return nil, err
	}
	byShop := make(map[int64]Verdict, len(verdicts))
	for _, v := range verdicts {
		byShop[v.ShopID] = v
	}
	matched := make([]Verdict, len(apps))
	for i, a := range apps {
		matched[i] = byShop[a.ShopID]
	}
	return viewsOf(apps, matched, asOf, review), nil
}

// viewsOf pairs each application with its shop's verdict.
func viewsOf(apps []data.Application, verdicts []Verdict, asOf data.Date, review int) []ApplicationView {
	out := make([]ApplicationView, len(apps))
	for i, a := range apps {
		out[i] = applicationView(a, verdicts[i], asOf, review)
	}
	return out
}

func applicationView(a data.Application, v Verdict, asOf data.Date, review int) ApplicationView {
	acct := a.Account
	acct.Number = acct.MaskedNumber()
	av := ApplicationView{
		ID: a.ID, Version: a.Version, ShopID: a.ShopID, Shop: a.Shop, Status: a.Status, Amount: a.Amount, Currency: a.Currency,
		Account: acct, Reason: a.Reason, File: a.File, Note: a.Note,
		Created: a.CreatedAt, Submitted: a.SubmittedAt, Decided: a.DecidedAt, Refunded: a.RefundedAt,
		Verdict: v.Status, Valid: true, Next: NextStatuses(a.Status),
	}
	if a.Status == data.AppSubmitted && a.SubmittedAt != data.NoDate {
		av.ReviewDue = a.SubmittedAt.AddDays(review)
		av.Overdue = asOf > av.ReviewDue
	}
	// Once the platform has approved or paid, a later verdict no longer bears on it.
	if a.Status != data.AppApproved && a.Status != data.AppRefunded {
		if why, c, changed := whyChanged(a.Verdict, v); changed {
			av.Valid, av.Why, av.WhyCheck = false, why, c
		}
	}
	return av
}

// moves are the legal steps of an application's life.
var moves = map[data.ApplicationStatus][]data.ApplicationStatus{
	data.AppDraft:     {data.AppSubmitted},
	data.AppSubmitted: {data.AppApproved, data.AppRejected},
	data.AppApproved:  {data.AppRefunded},
	data.AppRejected:  {data.AppSubmitted}, // resubmission
}

// NextStatuses lists the statuses an application in status s may move to.
func NextStatuses(s data.ApplicationStatus) []data.ApplicationStatus {
	return append([]data.ApplicationStatus(nil), moves[s]...)
}

// SetApplicationStatus moves a shop's application to status on a day (NoDate:
// today), with an optional note (kept when empty); audited. Only the moves
// draft → submitted → approved | rejected, approved → refunded and
// rejected → submitted are allowed. version is the application's row version
// the person saw (ApplicationView.Version): when someone else changed it
// since, the change is refused (data.Stale, naming who and when); 0 reads and
// writes at once (the command line).
func (d *Desk) SetApplicationStatus(ctx context.Context, shop string, version int64, status data.ApplicationStatus, on data.Date, note string) error {
	sh, err := d.Shop(ctx, shop)
	if err != nil {
		return err
	}
	switch status {
	case data.AppSubmitted, data.AppApproved, data.AppRejected, data.AppRefunded:
	default:
		return data.Msg(MsgBadStatus, map[string]any{"To": string(status)})
	}
	today := d.Today()
	if on == data.NoDate {
		on = today
	}
	if on > today {
		return data.Msg(MsgStatusDateFuture, map[string]any{"On": on.String()})
	}
	err = d.store.Update(ctx, "change the application of "+shop, func(tx *data.Tx) error {
		a, err := data.ApplicationTx(tx, sh.ID, version)
		if errors.Is(err, data.ErrNotFound) {
			return data.Msg(MsgNoApplication, map[string]any{"Shop": sh.Name})
		}
		if err != nil {
			return err
		}
		next := moves[a.Status]
		legal := false
		for _, n := range next {
			legal = legal || n == status
		}
		if !legal {
			args := map[string]any{"Shop": sh.Name, "Status": string(a.Status), "To": string(status)}
			if len(next) == 0 {
				return data.Msg(MsgFinalStatus, args)
			}
			words := make([]string, len(next))
			for i, n := range next {
				words[i] = string(n)
			}
			args["Next"] = strings.Join(words, " or ")
			return data.Msg(MsgIllegalMove, args)
		}
		// A decision cannot come before the submission, nor a payment or a
		// resubmission before the decision. (A submission may predate the
		// draft: it was sent before the shop's data came into Deposit Desk.)
		step, since := string(a.Status), a.DecidedAt
		switch a.Status {
		case data.AppDraft:
			since = data.NoDate
		case data.AppSubmitted:
			since = a.SubmittedAt
		}
		if since != data.NoDate && on < since {
			return data.Msg(MsgStatusDateEarly, map[string]any{"On": on.String(), "Step": step, "Date": since.String()})
		}
		from := a.Status
		switch status {
		case data.AppSubmitted:
			a.SubmittedAt, a.DecidedAt = on, data.NoDate
		case data.AppApproved, data.AppRejected:
			a.DecidedAt = on
		case data.AppRefunded:
			a.RefundedAt = on
		}
		a.Status = status
		a.Note = addNote(a.Note, note)
		if _, err := data.SaveApplicationTx(tx, a, d.Now()); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s → %s on %s", from, status, on)
		if note != "" {
			detail += ": " + note
		}
		return data.AuditTx(tx, d.audit(sh, "application.status", detail))
	})
	return d.changed(err, Change{ChangedApplication, sh.ID})
}

// addNote keeps the earlier notes and adds the new one on its own line.
func addNote(notes, note string) string {
	note = strings.TrimSpace(note)
	switch {
	case note == "":
		return notes
	case notes == "":
		return note
	}
	return notes + "\n" + note
}

// RecordVerdicts writes the audit entry "verdict" for each shop whose status
// changed since the last verdict recorded ("waiting → ready"). Only verdicts
// as of today count: a look ahead (--as-of next month) changes nothing. The
// first verdict of a shop is recorded without an entry; there is nothing it
// changed from. Call it after Readiness, which itself never writes.
func (d *Desk) RecordVerdicts(ctx context.Context, vs []Verdict) error {
	today := d.Today()
	var current []Verdict
	for _, v := range vs {
		if v.AsOf == today && v.ShopID != 0 {
			current = append(current, v)
		}
	}
	if len(current) == 0 {
		return nil
	}
	return d.store.Update(ctx, "record the verdicts", func(tx *data.Tx) error {
		last, err := data.VerdictStatusesTx(tx)
		if err != nil {
			return err
		}
		for _, v := range current {
			was, seen := last[v.ShopID]
			if seen && was == v.Status {
				continue
			}
			if err := data.SaveVerdictStatusTx(tx, v.ShopID, v.Status, v.AsOf, d.Now()); err != nil {
				return err
			}
			if seen {
				sh := data.Shop{ID: v.ShopID, Name: v.Shop}
				if err := data.AuditTx(tx, d.audit(sh, "verdict", was+" → "+v.Status)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
