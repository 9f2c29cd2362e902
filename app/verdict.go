package app

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"depositdesk/data"
)

// Facts is everything a verdict is computed from, for one shop. The store
// gathers it; Evaluate only reads it.
type Facts struct {
	Shop       data.Shop
	Rules      data.RuleSet
	Orders     data.OrderFacts
	Cases      data.CaseFacts
	Violations []data.Violation // the shop's violations, open and resolved
	// Evidence is the export time of the shop's newest orders and returns
	// export; a kind never imported is 0 and its check cannot pass.
	Evidence data.Evidence
}

// Status is where a shop's deposit refund stands (PRODUCT.md §2).
const (
	Ready   = "ready"   // every check passes
	Waiting = "waiting" // only time checks with a known date fail
	Blocked = "blocked" // someone must act, or a date is unknown
)

// Check kinds: a time check passes by itself on its due date; an action check
// needs someone to act (or a date that is unknown).
const (
	KindTime   = "time"
	KindAction = "action"
)

// Check ids, in the order a verdict lists them.
const (
	CheckOperatingPeriod    = "operating_period"
	CheckOrdersSettled      = "orders_settled"
	CheckAfterSalesWindow   = "after_sales_window"
	CheckReturnsClosed      = "returns_closed"
	CheckQuietPeriod        = "quiet_period"
	CheckClosureNotice      = "closure_notice"
	CheckMarketingStopped   = data.StepMarketingStopped
	CheckCreatorsUnbound    = data.StepCreatorsUnbound
	CheckCommissionsSettled = data.StepCommissionsSettled
	CheckDuesSettled        = data.StepDuesSettled
	CheckViolationsCleared  = "violations_cleared"
	CheckRefundAccount      = "refund_account"
)

// CheckIDs lists every check id in verdict order (a rule set may switch some off).
var CheckIDs = []string{
	CheckOperatingPeriod, CheckOrdersSettled, CheckAfterSalesWindow, CheckReturnsClosed,
	CheckQuietPeriod, CheckClosureNotice,
	CheckMarketingStopped, CheckCreatorsUnbound, CheckCommissionsSettled, CheckDuesSettled,
	CheckViolationsCleared, CheckRefundAccount,
}

// Check is one condition of the refund and whether it holds on the verdict's date.
type Check struct {
	ID   string    `json:"id"`
	OK   bool      `json:"ok"`
	Kind string    `json:"kind"` // KindTime or KindAction
	Due  data.Date `json:"due"`  // the day a time check passes (or passed); NoDate when unknown or dateless
	// Detail is Msg in English, for the command line and JSON.
	Detail string `json:"detail"`
	// Msg is the translatable detail: the window shows lang.L(Msg.Text, Msg.Args).
	Msg data.Message `json:"-"`
	// Evidence names what the detail is about (order IDs, "return ID (order ID)"
	// of cases, violation ids) so the window can list and link them.
	Evidence []string `json:"-"`
}

// Verdict is a shop's deposit refund readiness on one day. Its JSON is the
// `readiness --json` contract of PRODUCT.md §5; fields tagged "-" are for the window.
type Verdict struct {
	Shop       string     `json:"shop"`
	Status     string     `json:"status"`   // Ready, Waiting or Blocked
	ReadyOn    data.Date  `json:"ready_on"` // see Evaluate
	Deposit    data.Money `json:"deposit"`
	Refundable data.Money `json:"refundable"` // deposit − all penalties, never below zero
	Currency   string     `json:"currency"`
	Rules      string     `json:"rules"`      // rule set label, e.g. "tiktok-cb@2025-12-15"
	DataAsOf   data.Date  `json:"data_as_of"` // the older of the newest orders and returns export; null when none
	Stale      bool       `json:"stale"`      // data_as_of is more than StaleAfterDays before as_of
	Checks     []Check    `json:"checks"`

	ShopID    int64      `json:"-"`
	Client    string     `json:"-"`
	Site      string     `json:"-"`
	AsOf      data.Date  `json:"-"`
	Penalties data.Money `json:"-"` // all violations' penalties, open and resolved
	// Shortfall is what the penalties exceed the deposit by (Refundable is then 0):
	// the platform may claim it from the seller.
	Shortfall data.Money `json:"-"`
	// MainBlocker points into Checks at what the overview shows as "what blocks
	// it": the first failing action check, else the failing time check due last;
	// nil when the shop is ready.
	MainBlocker *Check `json:"-"`
}

// Failing lists the checks that do not pass, in verdict order.
func (v Verdict) Failing() []Check {
	var out []Check
	for _, c := range v.Checks {
		if !c.OK {
			out = append(out, c)
		}
	}
	return out
}

// StaleAfterDays is how old data may be before a verdict is flagged stale.
const StaleAfterDays = 7

// The English templates of every check detail. Each is also its translation
// key (assets/translations/*.json); keep them here, in one place.
const (
	MsgOpeningDateUnknown   = "The shop's opening date is unknown; the rule set requires {{.Days}} days of operation"
	MsgOpeningDateUnknown1  = "The shop's opening date is unknown; the rule set requires {{.Days}} day of operation"
	MsgOperatingPeriodNone  = "No minimum operating period applies and no contract end is set"
	MsgOperatingPeriodRuns  = "The operating period runs until {{.Due}}"
	MsgOperatingPeriodEnded = "The operating period ended on {{.Due}}"

	MsgNoOrders          = "No orders export imported yet: export Orders → Manage Orders → All"
	MsgNoOrdersInExport  = "The orders export holds no orders"
	MsgOrdersSettled     = "Every order is settled ({{.Total}})"
	MsgOrdersNotSettled  = "Orders not settled: {{.Count}} — {{.Detail}}"
	MsgDeliveredUndated  = "Delivered orders without a Delivered Time: {{.Count}}; when their return window ends is unknown — {{.Orders}}"
	MsgReturnWindowOpen  = "Delivered orders not yet completed: {{.Count}}; the last {{.Window}}-day return window ends on {{.Due}} — {{.Orders}}"
	MsgReturnWindowEnded = "The {{.Window}}-day return window of every delivered order ended by {{.Due}}"
	MsgNoDeliveredOrders = "No delivered order is still in its return window"

	MsgNoCases         = "No returns export imported yet: export Orders → Manage Returns; an empty export is proof enough"
	MsgNoCasesInExport = "The returns export holds no after-sales cases"
	MsgCasesClosed     = "Every after-sales case is closed ({{.Total}})"
	MsgCasesOpen       = "Open after-sales cases: {{.Count}} — {{.Cases}}"
	MsgCasesUnknown    = "Open after-sales cases: {{.Count}} — {{.Cases}}; {{.Unknown}} of them hold a status value not known yet: map it in the import preview or with depositdesk status map VALUE open|final"
	MsgOrdersUnknown   = "Orders not settled: {{.Count}} — {{.Detail}}; map each unknown status in the import preview or with depositdesk status map VALUE CLASS"

	MsgQuietNoOrders       = "No orders, so no quiet period applies"
	MsgQuietUnclosed       = "Orders without a closure date yet: {{.Count}}; the {{.Days}}-day quiet period starts after the last one closes"
	MsgQuietClosureUnknown = "The date of the last order closure is unknown"
	MsgQuietRuns           = "Last order closure: {{.Closed}} ({{.Order}}); the {{.Days}}-day quiet period ends on {{.Due}}"
	MsgQuietEnded          = "Last order closure: {{.Closed}} ({{.Order}}); the {{.Days}}-day quiet period ended on {{.Due}}"

	MsgNoticeNotPosted  = "The closure notice is not posted; it must show on the shop page for {{.Days}} days"
	MsgNoticeRuns       = "The closure notice was posted on {{.Posted}}; its {{.Days}} days end on {{.Due}}"
	MsgNoticeEnded      = "The closure notice was posted on {{.Posted}}; its {{.Days}} days ended on {{.Due}}"
	MsgNoticeNotPosted1 = "The closure notice is not posted; it must show on the shop page for {{.Days}} day"
	MsgNoticeRuns1      = "The closure notice was posted on {{.Posted}}; its {{.Days}} day ends on {{.Due}}"
	MsgNoticeEnded1     = "The closure notice was posted on {{.Posted}}; its {{.Days}} day ended on {{.Due}}"

	MsgMarketingNotStopped   = "Stop all marketing campaigns, then record the date"
	MsgMarketingStopped      = "Marketing stopped on {{.Date}}"
	MsgCreatorsNotUnbound    = "Unbind all creator (affiliate) accounts, then record the date"
	MsgCreatorsUnbound       = "Creators unbound on {{.Date}}"
	MsgCommissionsNotSettled = "Settle the affiliate commissions owed, then record the date"
	MsgCommissionsSettled    = "Commissions settled on {{.Date}}"
	MsgDuesNotSettled        = "Settle all payables and receivables with the platform, then record the date"
	MsgDuesSettled           = "Dues settled on {{.Date}}"

	MsgNoViolations       = "No violations"
	MsgViolationsResolved = "Every violation is resolved ({{.Total}}); penalties of {{.Penalties}} {{.Currency}} are deducted from the deposit"
	MsgViolationsOpen     = "Open violations: {{.Count}} — {{.Violations}}"

	MsgAccountMissing = "The refund account is incomplete; missing: {{.Missing}}"

	// The parts of MsgOrdersNotSettled, one per unsettled class.
	MsgUnpaidOrders    = "unpaid {{.Count}} ({{.Orders}})"
	MsgOnHoldOrders    = "on hold {{.Count}} ({{.Orders}})"
	MsgToShipOrders    = "to ship {{.Count}} ({{.Orders}})"
	MsgInTransitOrders = "in transit {{.Count}} ({{.Orders}})"
	MsgUnknownOrders   = "unknown status {{.Count}} ({{.Orders}})"
	// The parts of MsgAccountMissing.
	MsgMissingHolder   = "account holder"
	MsgMissingBank     = "bank"
	MsgMissingNumber   = "account number"
	MsgAccountComplete = "Refund to {{.Holder}}, {{.Bank}}, {{.Number}}"
)

// stepMessages are the failing and passing templates of each closure step check.
var stepMessages = map[string][2]string{
	data.StepMarketingStopped:   {MsgMarketingNotStopped, MsgMarketingStopped},
	data.StepCreatorsUnbound:    {MsgCreatorsNotUnbound, MsgCreatorsUnbound},
	data.StepCommissionsSettled: {MsgCommissionsNotSettled, MsgCommissionsSettled},
	data.StepDuesSettled:        {MsgDuesNotSettled, MsgDuesSettled},
}

// MessageTexts lists every template a verdict or a rule set check can show, so
// a test can make sure each has a translation.
func MessageTexts() []string {
	return []string{
		MsgOpeningDateUnknown, MsgOpeningDateUnknown1, MsgOperatingPeriodNone, MsgOperatingPeriodRuns, MsgOperatingPeriodEnded,
		MsgNoOrders, MsgNoOrdersInExport, MsgOrdersSettled, MsgOrdersNotSettled, MsgOrdersUnknown,
		MsgDeliveredUndated, MsgReturnWindowOpen, MsgReturnWindowEnded, MsgNoDeliveredOrders,
		MsgNoCases, MsgNoCasesInExport, MsgCasesClosed, MsgCasesOpen, MsgCasesUnknown,
		MsgQuietNoOrders, MsgQuietUnclosed, MsgQuietClosureUnknown, MsgQuietRuns, MsgQuietEnded,
		MsgNoticeNotPosted, MsgNoticeRuns, MsgNoticeEnded, MsgNoticeNotPosted1, MsgNoticeRuns1, MsgNoticeEnded1,
		MsgMarketingNotStopped, MsgMarketingStopped, MsgCreatorsNotUnbound, MsgCreatorsUnbound,
		MsgCommissionsNotSettled, MsgCommissionsSettled, MsgDuesNotSettled, MsgDuesSettled,
		MsgNoViolations, MsgViolationsResolved, MsgViolationsOpen,
		MsgAccountMissing, MsgAccountComplete,
		MsgUnpaidOrders, MsgOnHoldOrders, MsgToShipOrders, MsgInTransitOrders, MsgUnknownOrders,
		MsgMissingHolder, MsgMissingBank, MsgMissingNumber,
		MsgRuleSetNeedsID, MsgRuleSetBadID, MsgRuleSetNeedsName, MsgRuleSetNegative, MsgRuleSetTooLarge,
		MsgRuleSetBadSite, MsgRuleSetUnknownStep, MsgRuleSetDuplicateStep,
	}
}

// detailTemplates caches parsed detail templates: 2,000 shops × 12 checks
// would otherwise parse the same few dozen templates 24,000 times an overview.
var detailTemplates sync.Map // text → compiledDetail

// compiledDetail is a template split into literal text and {{.Field}}
// references (fields[i] follows literals[i]); one with any other action keeps
// its parsed text/template.
type compiledDetail struct {
	literals []string
	fields   []string
	tmpl     *template.Template
}

// renderDetail is data.Render, same output, with templates compiled once and
// plain {{.Field}} templates filled without reflection.
func renderDetail(text string, args map[string]any) string {
	if args == nil {
		return text
	}
	c, ok := detailTemplates.Load(text)
	if !ok {
		compiled, err := compileDetail(text)
		if err != nil {
			return text
		}
		c, _ = detailTemplates.LoadOrStore(text, compiled)
	}
	cd := c.(compiledDetail)
	var b strings.Builder
	if cd.tmpl != nil {
		if err := cd.tmpl.Execute(&b, data.ExpandParts(args, func(m data.Message) string { return m.Message() }, data.PartsSeparator)); err != nil {
			return text
		}
		return b.String()
	}
	for i, lit := range cd.literals {
		b.WriteString(lit)
		if i >= len(cd.fields) {
			break
		}
		switch v := args[cd.fields[i]].(type) {
		case string:
			b.WriteString(data.Printable(v))
		case int:
			b.WriteString(strconv.Itoa(v))
		case data.Parts:
			b.WriteString(v.String())
		case nil:
			b.WriteString("<no value>") // what text/template prints for a missing key
		default:
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}

func compileDetail(text string) (compiledDetail, error) {
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return compiledDetail{}, err
	}
	var c compiledDetail
	rest := text
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			c.literals = append(c.literals, rest)
			return c, nil
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return compiledDetail{tmpl: t}, nil
		}
		field, ok := strings.CutPrefix(rest[i+2:i+j], ".")
		if !ok || !isFieldName(field) {
			return compiledDetail{tmpl: t}, nil
		}
		c.literals = append(c.literals, rest[:i])
		c.fields = append(c.fields, field)
		rest = rest[i+j+2:]
	}
}

func isFieldName(s string) bool {
	for i, r := range s {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return s != ""
}
