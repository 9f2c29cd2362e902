package app

import (
	"strconv"
	"strings"

	"depositdesk/data"
)

// Evaluate is the verdict of PRODUCT.md §2 for one shop on asOf: a pure
// function of its facts, cheap enough to run for every shop on every refresh.
//
// Where PRODUCT.md is silent:
//   - ready_on is the latest due of all checks when ready (null if none) or
//     waiting; null when blocked. Action checks have no due.
//   - operating_period counts the opening date only when the rule set has a
//     minimum operating period; with neither a minimum nor a contract end it
//     passes with no due.
//   - refundable is deposit − the penalties of all violations, clamped at 0;
//     the excess is Verdict.Shortfall.
//   - data_as_of is the date of Evidence.AsOf(); stale when it is more than 7
//     days before asOf (7 days old is still fresh). A shop with nothing
//     imported has data_as_of null and is not stale: there is no data to be
//     old (orders_settled and returns_closed fail instead).
//   - violations, steps and cases count as they are now, whatever asOf is:
//     asOf looks ahead, not back.
func Evaluate(f Facts, asOf data.Date) Verdict {
	p := f.Rules.Params
	checks := make([]Check, 0, len(CheckIDs))
	checks = append(checks,
		operatingPeriod(f.Shop, p.MinOperatingDays, asOf),
		ordersSettled(f.Orders, f.Evidence.Orders != 0),
		afterSalesWindow(f.Orders, f.Rules.Window(f.Shop.Site), asOf),
		returnsClosed(f.Cases, f.Evidence.Returns != 0),
	)
	if p.QuietDays > 0 {
		checks = append(checks, quietPeriod(f.Orders, p.QuietDays, asOf))
	}
	if p.ClosureNoticeDays > 0 {
		checks = append(checks, closureNotice(f.Shop.Steps.ClosureNotice, p.ClosureNoticeDays, asOf))
	}
	for _, step := range data.ClosureSteps {
		if f.Rules.Requires(step) {
			checks = append(checks, closureStep(step, f.Shop.Steps.Get(step)))
		}
	}
	var penalties data.Money
	for _, v := range f.Violations {
		penalties += v.Penalty
	}
	checks = append(checks,
		violationsCleared(f.Violations, penalties, f.Shop.Currency),
		refundAccount(f.Shop.Account),
	)

	v := Verdict{
		Shop:      f.Shop.Name,
		Deposit:   f.Shop.Deposit,
		Currency:  f.Shop.Currency,
		Rules:     f.Rules.Label(),
		DataAsOf:  f.Evidence.AsOf().Date(),
		Checks:    checks,
		ShopID:    f.Shop.ID,
		Client:    f.Shop.Client,
		Site:      f.Shop.Site,
		AsOf:      asOf,
		Penalties: penalties,
	}
	v.Refundable = f.Shop.Deposit - penalties
	if v.Refundable < 0 {
		v.Shortfall, v.Refundable = -v.Refundable, 0
	}
	v.Stale = v.DataAsOf != data.NoDate && v.DataAsOf < asOf.AddDays(-StaleAfterDays)
	v.Status, v.ReadyOn = verdictStatus(checks)
	v.MainBlocker = mainBlockerOf(checks)
	return v
}

// verdictStatus applies PRODUCT.md §2: ready when all pass, waiting when only time
// checks with a known due fail, blocked otherwise.
func verdictStatus(checks []Check) (string, data.Date) {
	ready, waiting := true, true
	var latest data.Date
	for _, c := range checks {
		latest = data.MaxDate(latest, c.Due)
		if c.OK {
			continue
		}
		ready = false
		if c.Kind != KindTime || c.Due == data.NoDate {
			waiting = false
		}
	}
	switch {
	case ready:
		return Ready, latest
	case waiting:
		return Waiting, latest
	}
	return Blocked, data.NoDate
}

// mainBlockerOf is the failing check that matters most: someone's action first,
// else the wait that ends last.
func mainBlockerOf(checks []Check) *Check {
	var last *Check
	for i := range checks {
		c := &checks[i]
		if c.OK {
			continue
		}
		if c.Kind == KindAction {
			return c
		}
		if last == nil || c.Due > last.Due {
			last = c
		}
	}
	return last
}

type msgArgs = map[string]any

// newCheck builds a Check with its detail rendered in English.
func newCheck(id string, ok bool, kind string, due data.Date, text string, a msgArgs, evidence ...string) Check {
	return Check{
		ID: id, OK: ok, Kind: kind, Due: due,
		Detail:   renderDetail(text, a),
		Msg:      data.Message{Text: text, Args: a},
		Evidence: evidence,
	}
}

// timeCheck passes on due; pass and fail are its two details.
func timeCheck(id string, due, asOf data.Date, pass, fail string, a msgArgs, evidence ...string) Check {
	a["Due"] = due.String()
	if due <= asOf {
		return newCheck(id, true, KindTime, due, pass, a, evidence...)
	}
	return newCheck(id, false, KindTime, due, fail, a, evidence...)
}

func operatingPeriod(s data.Shop, minDays int, asOf data.Date) Check {
	if minDays > 0 && s.Opened == data.NoDate {
		return newCheck(CheckOperatingPeriod, false, KindAction, data.NoDate, data.Plural(minDays, MsgOpeningDateUnknown1, MsgOpeningDateUnknown), msgArgs{"Days": minDays})
	}
	var due data.Date
	if minDays > 0 {
		due = s.Opened.AddDays(minDays)
	}
	due = data.MaxDate(due, s.ContractEnd)
	if due == data.NoDate {
		return newCheck(CheckOperatingPeriod, true, KindTime, data.NoDate, MsgOperatingPeriodNone, nil)
	}
	return timeCheck(CheckOperatingPeriod, due, asOf, MsgOperatingPeriodEnded, MsgOperatingPeriodRuns,
		msgArgs{"Opened": s.Opened.String(), "Days": minDays, "ContractEnd": s.ContractEnd.String()})
}

// unsettledText names each unsettled class inside MsgOrdersNotSettled.
var unsettledText = map[data.StatusClass]string{
	data.Unpaid: MsgUnpaidOrders, data.OnHold: MsgOnHoldOrders, data.ToShip: MsgToShipOrders,
	data.InTransit: MsgInTransitOrders, data.Unknown: MsgUnknownOrders,
}

// unsettledClasses are the classes that fail orders_settled, in the order an
// order moves through them.
var unsettledClasses = func() []data.StatusClass {
	var out []data.StatusClass
	for _, c := range data.StatusClasses {
		if c.Unsettled() {
			out = append(out, c)
		}
	}
	return out
}()

// ordersSettled passes only on evidence: an orders export was imported
// (an empty one proves there are no orders) and no order is unsettled.
func ordersSettled(o data.OrderFacts, imported bool) Check {
	var count int
	var detail data.Parts
	var evidence []string
	for _, c := range unsettledClasses {
		n := o.Counts[c]
		if n == 0 {
			continue
		}
		count += n
		ids := o.Unsettled[c]
		evidence = append(evidence, ids...)
		detail = append(detail, data.Message{Text: unsettledText[c], Args: msgArgs{"Count": n, "Orders": idList(ids, n)}})
	}
	switch {
	case count > 0:
		text := MsgOrdersNotSettled
		if o.Counts[data.Unknown] > 0 {
			text = MsgOrdersUnknown
		}
		return newCheck(CheckOrdersSettled, false, KindAction, data.NoDate, text,
			msgArgs{"Count": count, "Detail": detail}, evidence...)
	case !imported:
		return newCheck(CheckOrdersSettled, false, KindAction, data.NoDate, MsgNoOrders, nil)
	case o.Total == 0:
		return newCheck(CheckOrdersSettled, true, KindAction, data.NoDate, MsgNoOrdersInExport, nil)
	}
	return newCheck(CheckOrdersSettled, true, KindAction, data.NoDate, MsgOrdersSettled, msgArgs{"Total": o.Total})
}

func afterSalesWindow(o data.OrderFacts, window int, asOf data.Date) Check {
	if o.DeliveredUndated > 0 {
		// The sample lists undated orders first.
		undated := o.DeliveredSample[:min(len(o.DeliveredSample), o.DeliveredUndated)]
		return newCheck(CheckAfterSalesWindow, false, KindAction, data.NoDate, MsgDeliveredUndated,
			msgArgs{"Count": o.DeliveredUndated, "Orders": idList(undated, o.DeliveredUndated)}, undated...)
	}
	if o.LatestDelivered == data.NoDate {
		return newCheck(CheckAfterSalesWindow, true, KindTime, data.NoDate, MsgNoDeliveredOrders, nil)
	}
	// The count is of the orders still in their window on asOf: those the
	// sample and the shop page list, not every delivered order.
	return timeCheck(CheckAfterSalesWindow, o.LatestDelivered.AddDays(window), asOf, MsgReturnWindowEnded, MsgReturnWindowOpen,
		msgArgs{"Count": o.DeliveredOpen, "Window": window, "Orders": idList(o.DeliveredSample, o.DeliveredOpen)}, o.DeliveredSample...)
}

// returnsClosed passes only on evidence: a returns export was imported (the
// orders export misses most open cases; an empty returns export proves there
// are none) and no case is open.
func returnsClosed(c data.CaseFacts, imported bool) Check {
	switch {
	case c.Open > 0:
		text := MsgCasesOpen
		if c.Unknown > 0 {
			text = MsgCasesUnknown
		}
		return newCheck(CheckReturnsClosed, false, KindAction, data.NoDate, text,
			msgArgs{"Count": c.Open, "Cases": idList(c.OpenSample, c.Open), "Unknown": c.Unknown}, c.OpenSample...)
	case !imported:
		return newCheck(CheckReturnsClosed, false, KindAction, data.NoDate, MsgNoCases, nil)
	case c.Total == 0:
		return newCheck(CheckReturnsClosed, true, KindAction, data.NoDate, MsgNoCasesInExport, nil)
	}
	return newCheck(CheckReturnsClosed, true, KindAction, data.NoDate, MsgCasesClosed, msgArgs{"Total": c.Total})
}

func quietPeriod(o data.OrderFacts, days int, asOf data.Date) Check {
	switch {
	case o.Total == 0:
		return newCheck(CheckQuietPeriod, true, KindTime, data.NoDate, MsgQuietNoOrders, nil)
	case o.Unclosed > 0:
		return newCheck(CheckQuietPeriod, false, KindAction, data.NoDate, MsgQuietUnclosed, msgArgs{"Count": o.Unclosed, "Days": days})
	case o.LatestClosure == data.NoDate:
		return newCheck(CheckQuietPeriod, false, KindAction, data.NoDate, MsgQuietClosureUnknown, nil)
	}
	order := o.LatestClosureOrder
	var evidence []string
	if order != "" {
		evidence = []string{order}
	} else {
		order = "?"
	}
	return timeCheck(CheckQuietPeriod, o.LatestClosure.AddDays(days), asOf, MsgQuietEnded, MsgQuietRuns,
		msgArgs{"Closed": o.LatestClosure.String(), "Order": order, "Days": days}, evidence...)
}

func closureNotice(posted data.Date, days int, asOf data.Date) Check {
	if posted == data.NoDate {
		return newCheck(CheckClosureNotice, false, KindAction, data.NoDate, data.Plural(days, MsgNoticeNotPosted1, MsgNoticeNotPosted), msgArgs{"Days": days})
	}
	return timeCheck(CheckClosureNotice, posted.AddDays(days), asOf,
		data.Plural(days, MsgNoticeEnded1, MsgNoticeEnded), data.Plural(days, MsgNoticeRuns1, MsgNoticeRuns),
		msgArgs{"Posted": posted.String(), "Days": days})
}

// closureStep passes once the step is dated; it has no due, being an action.
func closureStep(step string, done data.Date) Check {
	texts := stepMessages[step]
	if done == data.NoDate {
		return newCheck(step, false, KindAction, data.NoDate, texts[0], nil)
	}
	return newCheck(step, true, KindAction, data.NoDate, texts[1], msgArgs{"Date": done.String()})
}

func violationsCleared(vs []data.Violation, penalties data.Money, currency string) Check {
	var open, evidence []string
	for _, v := range vs {
		if !v.Open() {
			continue
		}
		s := v.Kind
		if v.Date != data.NoDate {
			s += " (" + v.Date.String() + ")"
		}
		open = append(open, s)
		evidence = append(evidence, strconv.FormatInt(v.ID, 10))
	}
	switch {
	case len(open) > 0:
		return newCheck(CheckViolationsCleared, false, KindAction, data.NoDate, MsgViolationsOpen,
			msgArgs{"Count": len(open), "Violations": strings.Join(open, "; ")}, evidence...)
	case len(vs) == 0:
		return newCheck(CheckViolationsCleared, true, KindAction, data.NoDate, MsgNoViolations, nil)
	}
	return newCheck(CheckViolationsCleared, true, KindAction, data.NoDate, MsgViolationsResolved,
		msgArgs{"Total": len(vs), "Penalties": penalties.String(), "Currency": currency})
}

func refundAccount(a data.RefundAccount) Check {
	if a.Complete() {
		return newCheck(CheckRefundAccount, true, KindAction, data.NoDate, MsgAccountComplete,
			msgArgs{"Holder": a.Holder, "Bank": a.Bank, "Number": a.MaskedNumber()})
	}
	var missing data.Parts
	for _, f := range []struct{ value, name string }{{a.Holder, MsgMissingHolder}, {a.Bank, MsgMissingBank}, {a.Number, MsgMissingNumber}} {
		if f.value == "" {
			missing = append(missing, data.Message{Text: f.name})
		}
	}
	return newCheck(CheckRefundAccount, false, KindAction, data.NoDate, MsgAccountMissing,
		msgArgs{"Missing": missing})
}

// idList names sample IDs, with "…" when there are more than the sample shows.
func idList(ids []string, total int) string {
	s := strings.Join(ids, ", ")
	if total > len(ids) {
		if s != "" {
			s += ", "
		}
		s += "…"
	}
	return s
}
