// Package sample writes realistic TikTok Shop exports — the "All order" order
// export (one row per SKU line, 53 columns) and the returns (after-sales)
// export — for tests, benchmarks and the demo's sample files.
//
// Generate the content once, then write it as csv or xlsx:
//
//	e := sample.Orders(sample.Options{Seed: 1, Orders: 500, Site: "TH"})
//	err := sample.WriteCSV(w, e, true, true)   // UTF-8 BOM, IDs and times tab-padded, like TikTok
//	err = sample.WriteXLSX("All order-2026-10-07-10_33.xlsx", e) // sheet OrderSKUList, IDs as text
//	r := sample.Returns(sample.Options{Seed: 1, Orders: 40}) // Orders = number of cases
//
// e.Orders (or e.Cases) is what an importer should read back from the file:
// the orders aggregated from their lines, with times as written. Everything
// is deterministic for a given Options. Rows are produced while writing, so a
// 100,000-row file costs little memory (Options.Rows asks for an exact row count).
package sample

import (
	"math/rand/v2"
	"strconv"
	"time"

	"depositdesk/data"
)

// DateLayout is how times are written in the cells.
type DateLayout int

// The layouts seen in exports.
const (
	DatesOfSite DateLayout = iota // DatesUS for site US, DatesSEA otherwise
	DatesUS                       // 10/07/2026 1:33:00 PM (month first, 12-hour)
	DatesSEA                      // 07/10/2026 13:33:00 (day first, 24-hour)
	DatesISO                      // 2026-10-07 13:33:00
)

// Options describe the export to generate. Zero values mean the defaults.
type Options struct {
	Seed     uint64
	Orders   int    // orders (or, for Returns, cases); default 20
	Rows     int    // if > 0: exactly this many SKU-line rows, Orders ignored
	MaxLines int    // SKU lines per order, 1..MaxLines; default 3
	Site     string // shop site (US, UK, TH, VN, ID, MY, …); default US
	Start    time.Time
	End      time.Time                // created times fall in [Start, End); default 2026-07-01 … 2026-10-01
	Mix      map[data.StatusClass]int // relative weights of order classes; default DefaultMix
	Dates    DateLayout
	// SerialDates writes xlsx time cells as Excel serial numbers with a date
	// format, as some exports do (csv ignores it).
	SerialDates bool
	Description bool // the row of field descriptions after the header, as in xlsx exports
	Chinese     bool // Chinese column names for the columns an importer reads
	Shuffle     bool // columns in a shuffled order, plus two unknown extra columns
	Closed      bool // returns: every case final, as in a shop whose after-sales are over
}

// DefaultMix is a shop winding down: mostly completed, a few still moving.
var DefaultMix = map[data.StatusClass]int{
	data.Completed: 60, data.Cancelled: 14, data.Delivered: 10, data.InTransit: 7,
	data.ToShip: 5, data.Unpaid: 2, data.OnHold: 2,
}

// Export is a generated export: its header and the records it holds.
type Export struct {
	Kind        data.FileKind
	Options     Options
	Header      []string          // in file order
	Description []string          // nil without a description row
	Orders      []data.Order      // orders exports: the orders, in file order
	Cases       []data.ReturnCase // returns exports: the cases, in file order
	Rows        int               // data rows (SKU lines or cases)

	cols []int // file column i shows field cols[i] of the canonical list
}

func (o Options) withDefaults() Options {
	if o.Orders <= 0 {
		o.Orders = 20
	}
	if o.MaxLines <= 0 {
		o.MaxLines = 3
	}
	if o.Site == "" {
		o.Site = "US"
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.End.IsZero() || !o.End.After(o.Start) {
		o.End = o.Start.AddDate(0, 3, 0)
	}
	if len(o.Mix) == 0 {
		o.Mix = DefaultMix
	}
	if o.Dates == DatesOfSite {
		o.Dates = DatesSEA
		if o.Site == "US" {
			o.Dates = DatesUS
		}
	}
	return o
}

// statusOf is the English Order Status and Substatus of a class.
func statusOf(c data.StatusClass, rng *rand.Rand) (string, string) {
	switch c {
	case data.Unpaid:
		return "Unpaid", ""
	case data.OnHold:
		return "On hold", ""
	case data.ToShip:
		if rng.IntN(2) == 0 {
			return "To ship", "Awaiting shipment"
		}
		return "To ship", "Awaiting collection"
	case data.InTransit:
		return "Shipped", "In transit"
	case data.Delivered:
		return "Shipped", "Delivered"
	case data.Completed:
		return "Completed", "Completed"
	case data.Cancelled:
		return "Canceled", "Canceled"
	}
	return string(c), ""
}

func pick(mix map[data.StatusClass]int, rng *rand.Rand) data.StatusClass {
	total := 0
	for _, c := range data.StatusClasses { // fixed order: deterministic
		total += mix[c]
	}
	if total <= 0 {
		return data.Completed
	}
	n := rng.IntN(total)
	for _, c := range data.StatusClasses {
		if n < mix[c] {
			return c
		}
		n -= mix[c]
	}
	return data.Completed
}

func stamp(t time.Time) data.Stamp { return data.StampOf(t) }

// Orders generates an order export.
func Orders(opt Options) *Export {
	opt = opt.withDefaults()
	e := &Export{Kind: data.KindOrders, Options: opt}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	span := int64(opt.End.Sub(opt.Start) / time.Second)
	idBase := uint64(576400000000000000) + (opt.Seed%997)*1_000_000_000
	for i := 0; ; i++ {
		if opt.Rows > 0 && e.Rows >= opt.Rows || opt.Rows <= 0 && i >= opt.Orders {
			break
		}
		lines := 1 + rng.IntN(opt.MaxLines)
		if opt.Rows > 0 && e.Rows+lines > opt.Rows {
			lines = opt.Rows - e.Rows
		}
		cls := pick(opt.Mix, rng)
		o := data.Order{ID: strconv.FormatUint(idBase+uint64(i)*7919+uint64(rng.IntN(7000)), 10), Class: cls, Lines: lines}
		o.Status, o.Substatus = statusOf(cls, rng)
		created := opt.Start.Add(time.Duration(rng.Int64N(span)) * time.Second)
		o.Created = stamp(created)
		if cls != data.Unpaid {
			o.Paid = stamp(created.Add(time.Duration(30+rng.IntN(900)) * time.Second))
		}
		shipped := created.Add(time.Duration(20+rng.IntN(60)) * time.Hour)
		delivered := shipped.Add(time.Duration(48+rng.IntN(100)) * time.Hour)
		switch cls {
		case data.InTransit:
			o.Shipped = stamp(shipped)
		case data.Delivered, data.Completed:
			o.Shipped, o.Delivered = stamp(shipped), stamp(delivered)
		case data.Cancelled:
			o.Cancelled = stamp(created.Add(time.Duration(1+rng.IntN(40)) * time.Hour))
		}
		var amount int64
		for l := 0; l < lines; l++ {
			amount += int64(499+rng.IntN(5000)) * int64(1+rng.IntN(2))
		}
		o.Amount = data.Money(amount + 299)
		if cls == data.Cancelled && o.Paid != 0 {
			o.RefundAmount = o.Amount
		}
		if cls == data.Completed && rng.IntN(12) == 0 {
			o.ReturnQty = 1
			o.RefundAmount = o.Amount / 2
		}
		e.Orders = append(e.Orders, o)
		e.Rows += lines
	}
	e.setColumns(orderColumns, rng)
	return e
}

var returnStatuses = []struct {
	status, sub string
	open        bool
	weight      int
}{
	{"Completed", "Refunded", false, 50},
	{"To Process", "Awaiting seller response", true, 12},
	{"In Process", "Awaiting buyer shipment", true, 10},
	{"Refund rejected", "Rejected by seller", false, 10},
	{"Canceled", "Canceled by buyer", false, 18},
}

// Returns generates a returns (after-sales) export with Options.Orders cases.
func Returns(opt Options) *Export {
	opt = opt.withDefaults()
	e := &Export{Kind: data.KindReturns, Options: opt}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7e70))
	span := int64(opt.End.Sub(opt.Start) / time.Second)
	idBase := uint64(577100000000000000) + (opt.Seed%997)*1_000_000_000
	orderBase := uint64(576400000000000000) + (opt.Seed%997)*1_000_000_000
	n := opt.Orders
	if opt.Rows > 0 {
		n = opt.Rows
	}
	for i := 0; i < n; i++ {
		w := rng.IntN(100)
		st := returnStatuses[len(returnStatuses)-1]
		for _, s := range returnStatuses {
			if opt.Closed && s.open {
				continue
			}
			if w < s.weight {
				st = s
				break
			}
			w -= s.weight
		}
		req := opt.Start.Add(time.Duration(rng.Int64N(span)) * time.Second)
		c := data.ReturnCase{
			ID:        strconv.FormatUint(idBase+uint64(i)*6007+uint64(rng.IntN(5000)), 10),
			OrderID:   strconv.FormatUint(orderBase+uint64(rng.IntN(1_000_000))*7919, 10),
			Type:      []string{"Return and refund", "Refund only"}[rng.IntN(2)],
			Status:    st.status,
			Substatus: st.sub,
			Open:      st.open,
			Requested: stamp(req),
			Amount:    data.Money(499 + rng.IntN(9000)),
		}
		if st.status == "Completed" {
			c.Refunded = stamp(req.Add(time.Duration(24+rng.IntN(200)) * time.Hour))
		}
		e.Cases = append(e.Cases, c)
	}
	e.Rows = n
	e.setColumns(returnColumns, rng)
	return e
}

// setColumns fixes the header (and its order) of the file.
func (e *Export) setColumns(cols []column, rng *rand.Rand) {
	n := len(cols)
	e.cols = make([]int, n, n+2)
	for i := range e.cols {
		e.cols[i] = i
	}
	if e.Options.Shuffle {
		e.cols = append(e.cols, extraA, extraB)
		rng.Shuffle(len(e.cols), func(i, j int) { e.cols[i], e.cols[j] = e.cols[j], e.cols[i] })
	}
	for _, c := range e.cols {
		switch c {
		case extraA:
			e.Header = append(e.Header, "Internal Memo")
		case extraB:
			e.Header = append(e.Header, "仓库备注")
		default:
			name := cols[c].name
			if e.Options.Chinese && cols[c].zh != "" {
				name = cols[c].zh
			}
			e.Header = append(e.Header, name)
		}
	}
	if e.Options.Description {
		for _, c := range e.cols {
			if c >= 0 {
				e.Description = append(e.Description, cols[c].desc)
			} else {
				e.Description = append(e.Description, "")
			}
		}
	}
}

const (
	extraA = -1
	extraB = -2
)
