package data

// OrderFacts is what readiness needs to know about a shop's orders, computed
// by the store in one pass for a given return window.
type OrderFacts struct {
	Total  int                 // orders
	Counts map[StatusClass]int // orders by class

	// Unsettled holds up to SampleSize order IDs of each unsettled class
	// (unpaid, on_hold, to_ship, in_transit, unknown), oldest created first.
	Unsettled map[StatusClass][]string

	// LatestDelivered is the latest Delivered Time (as a date) among orders that
	// are delivered but not completed; DeliveredUndated counts such orders
	// without a Delivered Time. DeliveredSample holds the IDs of the delivered
	// orders whose window ends last.
	LatestDelivered  Date
	DeliveredUndated int
	DeliveredSample  []string

	// LatestClosure is the latest order closure date, expected ones included
	// (PRODUCT.md §2); LatestClosureOrder is the order it belongs to.
	LatestClosure      Date
	LatestClosureOrder string
	// Unclosed counts orders with no closure date (every unsettled order, and
	// delivered ones without a Delivered Time).
	Unclosed int
}

// SampleSize is how many order or case IDs a verdict names as evidence.
const SampleSize = 5

// CaseFacts is what readiness needs to know about a shop's after-sales cases.
type CaseFacts struct {
	Total int
	Open  int
	// OpenSample holds up to SampleSize open cases as "return ID (order ID)".
	OpenSample []string
}
