// Package data holds what Deposit Desk keeps and reads: the records it stores
// (shops, orders, after-sales cases, violations, rule sets, import batches,
// applications, the audit log), the SQLite store, and the spreadsheet formats.
// It knows nothing of windows or command lines.
package data

import "time"

// StatusClass is what an order's Order Status + Order Substatus mean for a refund.
type StatusClass string

// The status classes of PRODUCT.md §1.
const (
	Unpaid    StatusClass = "unpaid"
	OnHold    StatusClass = "on_hold"
	ToShip    StatusClass = "to_ship"
	InTransit StatusClass = "in_transit"
	Delivered StatusClass = "delivered"
	Completed StatusClass = "completed"
	Cancelled StatusClass = "cancelled"
	Unknown   StatusClass = "unknown"
)

// StatusClasses lists every class in the order an order moves through them.
var StatusClasses = []StatusClass{Unpaid, OnHold, ToShip, InTransit, Delivered, Completed, Cancelled, Unknown}

// Unsettled reports whether an order of this class blocks orders_settled.
func (c StatusClass) Unsettled() bool {
	switch c {
	case Unpaid, OnHold, ToShip, InTransit, Unknown:
		return true
	}
	return false
}

// Closure step ids: the dated steps a rule set may require before closing a shop.
const (
	StepClosureNotice      = "closure_notice"
	StepMarketingStopped   = "marketing_stopped"
	StepCreatorsUnbound    = "creators_unbound"
	StepCommissionsSettled = "commissions_settled"
	StepDuesSettled        = "dues_settled"
)

// ClosureSteps lists the confirmable steps (closure_notice has its own check).
var ClosureSteps = []string{StepMarketingStopped, StepCreatorsUnbound, StepCommissionsSettled, StepDuesSettled}

// RefundAccount is where the deposit is paid back to.
type RefundAccount struct {
	Holder string `json:"holder"`
	Bank   string `json:"bank"`
	Number string `json:"number"`
	Swift  string `json:"swift"` // SWIFT code or branch
}

// Complete reports whether holder, bank and account number are all present.
func (a RefundAccount) Complete() bool {
	return a.Holder != "" && a.Bank != "" && a.Number != ""
}

// MaskedNumber shows only the last four characters of the account number.
func (a RefundAccount) MaskedNumber() string {
	n := []rune(a.Number)
	if len(n) <= 4 {
		return string(n)
	}
	masked := make([]rune, len(n))
	for i := range n {
		if i < len(n)-4 {
			masked[i] = '•'
		} else {
			masked[i] = n[i]
		}
	}
	return string(masked)
}

// Steps are the dated closure steps of a shop; NoDate means not done yet.
type Steps struct {
	ClosureNotice      Date `json:"closure_notice"`
	MarketingStopped   Date `json:"marketing_stopped"`
	CreatorsUnbound    Date `json:"creators_unbound"`
	CommissionsSettled Date `json:"commissions_settled"`
	DuesSettled        Date `json:"dues_settled"`
}

// Get returns the date of the step with this id.
func (s Steps) Get(id string) Date {
	switch id {
	case StepClosureNotice:
		return s.ClosureNotice
	case StepMarketingStopped:
		return s.MarketingStopped
	case StepCreatorsUnbound:
		return s.CreatorsUnbound
	case StepCommissionsSettled:
		return s.CommissionsSettled
	case StepDuesSettled:
		return s.DuesSettled
	}
	return NoDate
}

// Set changes the date of the step with this id; it reports false for an unknown id.
func (s *Steps) Set(id string, d Date) bool {
	switch id {
	case StepClosureNotice:
		s.ClosureNotice = d
	case StepMarketingStopped:
		s.MarketingStopped = d
	case StepCreatorsUnbound:
		s.CreatorsUnbound = d
	case StepCommissionsSettled:
		s.CommissionsSettled = d
	case StepDuesSettled:
		s.DuesSettled = d
	default:
		return false
	}
	return true
}

// Shop is one marketplace shop and its locked deposit.
type Shop struct {
	ID          int64
	Version     int64 // row version: an edit made on an older one is refused (Stale)
	Name        string
	Platform    string // "tiktok"
	Site        string // US, UK, MY, …
	Code        string
	Client      string
	Opened      Date
	ContractEnd Date
	Deposit     Money
	Currency    string
	RuleSet     string // rule set id
	Account     RefundAccount
	Notes       string
	Steps       Steps
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Order is the aggregate of an order's SKU lines in one shop.
type Order struct {
	ShopID       int64
	ID           string // 18–19 digits, never a number
	Class        StatusClass
	Status       string // Order Status as exported
	Substatus    string // Order Substatus as exported
	Created      Stamp
	Paid         Stamp
	Shipped      Stamp
	Delivered    Stamp
	Cancelled    Stamp
	Amount       Money
	RefundAmount Money
	ReturnQty    int
	Lines        int   // SKU lines in the export
	ExportedAt   Stamp // export time of the file this state came from
	BatchID      int64 // the import batch that last set this state
}

// ReturnCase is an after-sales case from the returns export.
type ReturnCase struct {
	ShopID    int64
	ID        string // Return Order ID
	OrderID   string
	Type      string // Return and refund, Refund only, …
	Status    string // Return Status as exported
	Substatus string // Return Sub Status as exported
	// Dispute, Appeal and Compensation are the Dispute Status, Appeal Status
	// and Compensation Status cells as exported: any of them can keep a case
	// open after its Return Status reads final.
	Dispute      string
	Appeal       string
	Compensation string
	// Open: Return Status is open, or a status cell holds a value not known
	// to be final (unknown values count as open until the user maps them).
	Open       bool
	Requested  Stamp
	Refunded   Stamp
	Amount     Money
	ExportedAt Stamp
	BatchID    int64
}

// Violation is a platform penalty against a shop; its penalty is deducted
// from the deposit, and an unresolved one blocks the refund.
type Violation struct {
	ID       int64
	Version  int64 // row version: an edit made on an older one is refused (Stale)
	ShopID   int64
	Date     Date
	Kind     string
	Penalty  Money
	Resolved Date // NoDate while open
	Note     string
}

// Open reports whether the violation is unresolved.
func (v Violation) Open() bool { return v.Resolved == NoDate }

// FileKind says what an imported file holds.
type FileKind string

// The kinds of export the importer reads.
const (
	KindOrders  FileKind = "orders"
	KindReturns FileKind = "returns"
)

// ImportBatch is one file imported into one shop.
type ImportBatch struct {
	ID         int64     `json:"id"`
	ShopID     int64     `json:"-"`
	Shop       string    `json:"shop"`
	FileName   string    `json:"file"`
	SHA256     string    `json:"sha256"`
	Kind       FileKind  `json:"kind"`
	Encoding   string    `json:"encoding,omitempty"`
	ExportedAt Stamp     `json:"exported_at"`
	Rows       int       `json:"rows"`
	Records    int       `json:"orders"` // orders or cases in the file
	Created    int       `json:"created"`
	Updated    int       `json:"updated"`
	Unchanged  int       `json:"unchanged"`
	Skipped    int       `json:"skipped"`
	Warnings   []string  `json:"warnings"`
	ImportedAt time.Time `json:"imported_at"`
	UndoneAt   time.Time `json:"-"`
	Undone     bool      `json:"undone"`
	// Group is the import group the batch was committed in (files imported
	// together in one step, undone together); 0 for a file imported alone.
	Group int64 `json:"group,omitempty"`
}

// ImportGroup is files imported together in one step (a dropped folder,
// `import DIR`), one batch per file, undone together.
type ImportGroup struct {
	ID         int64         `json:"id"`
	Batches    []ImportBatch `json:"batches"`
	ImportedAt time.Time     `json:"imported_at"`
	Undone     bool          `json:"undone"`
}

// ApplicationStatus is where a refund application stands.
type ApplicationStatus string

// The application lifecycle: draft → submitted → approved → refunded, or rejected.
const (
	AppDraft     ApplicationStatus = "draft"
	AppSubmitted ApplicationStatus = "submitted"
	AppApproved  ApplicationStatus = "approved"
	AppRejected  ApplicationStatus = "rejected"
	AppRefunded  ApplicationStatus = "refunded"
)

// Application is a prepared deposit refund application for one shop.
type Application struct {
	ID          int64
	ShopID      int64
	Shop        string
	Status      ApplicationStatus
	Amount      Money
	Currency    string
	Account     RefundAccount
	Reason      string
	Verdict     string // fingerprint of the verdict it was prepared from
	File        string // the workbook written
	Note        string
	CreatedAt   Date
	SubmittedAt Date
	DecidedAt   Date
	RefundedAt  Date
	UpdatedAt   time.Time
	// Version is the row version it was read at: a change made on an older
	// one than the stored one is refused (Stale); 0 checks nothing.
	Version int64
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	User   string    `json:"user"`
	ShopID int64     `json:"-"`
	Shop   string    `json:"shop,omitempty"`
	Action string    `json:"action"`
	Detail string    `json:"detail"`
}
