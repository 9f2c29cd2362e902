// Package workbook writes the prepared refund applications of PRODUCT.md §4:
// one .xlsx per shop (application, checklist and orders summary sheets) and
// a summary workbook of all applications, in English or Chinese. It takes
// plain records, so it knows nothing of the app, the store or the window.
package workbook

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
)

// Check is one line of the checklist: a refund condition and its result.
type Check struct {
	ID       string    // operating_period, orders_settled, … (PRODUCT.md §2)
	Name     string    // what a person reads; "" = the built-in label of ID
	OK       bool      // passes
	Kind     string    // "time" or "action" when failing
	Due      data.Date // the day a time check passes; NoDate when unknown
	Detail   string    // the verdict's sentence, already translated
	Evidence []string  // blocking order / case IDs, dated steps, …
}

// Deduction is a violation whose penalty is taken from the deposit.
type Deduction struct {
	Date     data.Date
	Kind     string
	Penalty  data.Money
	Resolved data.Date // NoDate while open
}

// StatusCount is one row of the orders summary: how many orders are in a status class.
type StatusCount struct {
	Class         string // data.StatusClass value
	Label         string // "" = the built-in label of Class
	Count         int
	LatestClosure data.Date
}

// Application is everything one prepared application workbook shows.
type Application struct {
	Shop, Platform, Site, ShopCode, Client, Currency string
	Status                                           string // ready / waiting / blocked, or an application status
	RuleSet                                          string // rule set id@version
	Deposit, Deductions, Refundable                  data.Money
	DeductionList                                    []Deduction
	Account                                          data.RefundAccount
	Reason                                           string // "" = ReasonText in the labels' language
	Prepared                                         data.Date
	AsOf                                             data.Date
	ReadyOn                                          data.Date
	Checks                                           []Check
	Orders                                           []StatusCount
	LatestClosure                                    data.Date
	DataAsOf                                         data.Date
}

// Column widths of the application sheet: label, value, and the columns the
// deductions table needs (date, violation, penalty, currency, resolved).
var appCols = []float64{28, 26, 15, 10, 16}

// WriteApplication writes a's workbook to path. An existing file at path is
// never overwritten: the error then wraps fs.ErrExist.
func WriteApplication(path string, a Application, l Labels) error {
	f, err := buildApplication(a, l)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	return saveNew(f, path)
}

func buildApplication(a Application, l Labels) (*excelize.File, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	names := sheetNames(l, "sheet.application", "sheet.checklist", "sheet.orders")
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		f.Close()
		return nil, err
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			f.Close()
			return nil, err
		}
	}
	w := &sheet{f: f, name: names[0], st: st}
	writeApplicationSheet(w, a, l)
	c := &sheet{f: f, name: names[1], st: st}
	writeChecklistSheet(c, a, l)
	o := &sheet{f: f, name: names[2], st: st}
	writeOrdersSheet(o, a, l)
	for _, s := range []*sheet{w, c, o} {
		if s.err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %q: %w", s.name, s.err)
		}
	}
	f.SetActiveSheet(0)
	docProps(f, l.T("title.application")+" — "+a.Shop, l)
	return f, nil
}

func writeApplicationSheet(s *sheet, a Application, l Labels) {
	s.widths(appCols)
	s.page("portrait", a.Shop, l.T("title.application"), l)
	last := "E"
	s.title(1, l.T("title.application"), last)
	s.subtitle(2, a.Shop+"   ·   "+l.T("field.prepared")+" "+orDash(a.Prepared, l), last)

	r := 4
	s.section(r, l.T("section.shop"), last)
	r++
	platform := l.lookup("platform."+a.Platform, a.Platform)
	for _, kv := range [][2]string{
		{l.T("field.shop"), a.Shop},
		{l.T("field.platform"), platform},
		{l.T("field.site"), a.Site},
		{l.T("field.shop_code"), a.ShopCode},
		{l.T("field.client"), a.Client},
		{l.T("field.rule_set"), a.RuleSet},
		{l.T("field.status"), l.lookup("status."+a.Status, a.Status)},
	} {
		s.field(r, kv[0], kv[1], last)
		r++
	}
	for _, kd := range []struct {
		key string
		d   data.Date
	}{
		{"field.as_of", a.AsOf},
		{"field.ready_on", a.ReadyOn},
		{"field.latest_closure", a.LatestClosure},
		{"field.data_as_of", a.DataAsOf},
		{"field.prepared", a.Prepared},
	} {
		s.dateField(r, l.T(kd.key), kd.d, last, l)
		r++
	}

	r++
	s.section(r, l.T("section.amounts"), last)
	r++
	s.money(r, l.T("field.deposit"), a.Deposit, a.Currency, false)
	r++
	s.money(r, l.T("field.deductions"), a.Deductions, a.Currency, false)
	r++
	s.money(r, l.T("field.refundable"), a.Refundable, a.Currency, true)
	r++
	s.field(r, l.T("field.currency"), a.Currency, last)
	r++

	r++
	s.section(r, l.T("section.deductions"), last)
	r++
	if len(a.DeductionList) == 0 {
		s.text(cell("A", r), l.T("note.no_deductions"), s.st.note)
		r++
	} else {
		s.header(r, []string{l.T("col.date"), l.T("col.violation"), l.T("col.penalty"), l.T("field.currency"), l.T("col.resolved")})
		r++
		for _, d := range a.DeductionList {
			s.date(cell("A", r), d.Date, s.st.tableDate)
			s.text(cell("B", r), d.Kind, s.st.tableText)
			s.amount(cell("C", r), d.Penalty, s.st.tableMoney)
			s.text(cell("D", r), a.Currency, s.st.tableText)
			if d.Resolved.IsZero() {
				s.text(cell("E", r), l.T("note.open"), s.st.tableBad)
			} else {
				s.date(cell("E", r), d.Resolved, s.st.tableDate)
			}
			s.fitRow(r, 0, cellText{d.Kind, appCols[1]})
			r++
		}
	}

	r++
	s.section(r, l.T("section.account"), last)
	r++
	for _, kv := range [][2]string{
		{l.T("field.holder"), a.Account.Holder},
		{l.T("field.bank"), a.Account.Bank},
		{l.T("field.account_number"), a.Account.Number}, // in full: the one place it is needed
		{l.T("field.swift"), a.Account.Swift},
	} {
		s.field(r, kv[0], kv[1], last)
		r++
	}

	r++
	s.section(r, l.T("section.reason"), last)
	r++
	reason := a.Reason
	if reason == "" {
		reason = ReasonText(a, l.Lang)
	}
	s.style(cell("A", r), cell(last, r), s.st.reason) // the whole box, so its right border shows
	s.merge(cell("A", r), cell(last, r))
	s.text(cell("A", r), reason, s.st.reason)
	s.fitRow(r, 4, cellText{reason, sum(appCols) - 2})
}

// checkCols: #, check, result, kind, due, detail, evidence.
var checkCols = []float64{6, 34, 11, 14, 12, 50, 30}

func writeChecklistSheet(s *sheet, a Application, l Labels) {
	s.widths(checkCols)
	s.page("landscape", a.Shop, l.T("title.checklist"), l)
	last := "G"
	s.title(1, l.T("title.checklist"), last)
	passed := 0
	for _, c := range a.Checks {
		if c.OK {
			passed++
		}
	}
	s.subtitle(2, fmt.Sprintf("%s   ·   %s: %s   ·   %s %s   ·   %s: %d / %d",
		a.Shop, l.T("field.status"), l.lookup("status."+a.Status, a.Status),
		l.T("field.as_of"), orDash(a.AsOf, l), l.T("field.checks_passed"), passed, len(a.Checks)), last)

	const head = 4
	s.header(head, []string{l.T("col.no"), l.T("col.check"), l.T("col.result"), l.T("col.kind"),
		l.T("col.due"), l.T("col.detail"), l.T("col.evidence")})
	r := head + 1
	for i, c := range a.Checks {
		name := c.Name
		if name == "" {
			name = l.lookup("check."+c.ID, c.ID)
		}
		s.int(cell("A", r), i+1, s.st.tableNo)
		s.text(cell("B", r), name, s.st.tableText)
		kind := ""
		result, style := l.T("result.ok"), s.st.tableGood
		if !c.OK {
			result, style = l.T("result.failed"), s.st.tableBad
			if c.Kind == "time" && !c.Due.IsZero() {
				style = s.st.tableWait
			}
			kind = l.lookup("kind."+c.Kind, c.Kind)
		}
		s.text(cell("C", r), result, style)
		s.text(cell("D", r), kind, s.st.tableText)
		s.date(cell("E", r), c.Due, s.st.tableDate)
		s.text(cell("F", r), c.Detail, s.st.tableText)
		evidence := strings.Join(c.Evidence, "\n")
		s.text(cell("G", r), evidence, s.st.tableText)
		s.fitRow(r, 0, cellText{name, checkCols[1]}, cellText{c.Detail, checkCols[5]}, cellText{evidence, checkCols[6]})
		r++
	}
	s.table(head, r-1, last)
}

// orderCols: status class, orders, latest closure date.
var orderCols = []float64{30, 14, 22}

func writeOrdersSheet(s *sheet, a Application, l Labels) {
	s.widths(orderCols)
	s.page("portrait", a.Shop, l.T("title.orders"), l)
	last := "C"
	s.title(1, l.T("title.orders"), last)
	s.subtitle(2, a.Shop+"   ·   "+l.T("field.data_as_of")+" "+orDash(a.DataAsOf, l), last)

	const head = 4
	s.header(head, []string{l.T("col.status_class"), l.T("col.orders"), l.T("col.latest_closure")})
	r := head + 1
	total := 0
	for _, o := range a.Orders {
		label := o.Label
		if label == "" {
			label = l.lookup("class."+o.Class, o.Class)
		}
		s.text(cell("A", r), label, s.st.tableText)
		s.int(cell("B", r), o.Count, s.st.tableNum)
		s.date(cell("C", r), o.LatestClosure, s.st.tableDate)
		s.fitRow(r, 0, cellText{label, orderCols[0]})
		total += o.Count
		r++
	}
	if len(a.Orders) == 0 {
		s.text(cell("A", r), l.T("note.no_orders"), s.st.note)
		r++
	}
	s.table(head, r-1, last)
	s.text(cell("A", r), l.T("col.total"), s.st.totalText)
	s.int(cell("B", r), total, s.st.totalNum)
	s.date(cell("C", r), a.LatestClosure, s.st.totalDate)
	s.fitRow(r, 0)
	r += 2
	s.dateField(r, l.T("field.latest_closure"), a.LatestClosure, last, l)
	r++
	s.dateField(r, l.T("field.data_as_of"), a.DataAsOf, last, l)
}

// summaryCols: #, shop, site, shop code, client, status, refundable, currency, ready on, account, file.
var summaryCols = []float64{6, 24, 6, 13, 18, 11, 14, 8, 12, 20, 40}

// WriteSummary writes the summary workbook of all exported applications:
// one row per application, files[i] being the workbook of apps[i]. The
// account number is masked. An existing file is never overwritten.
func WriteSummary(path string, apps []Application, files []string, l Labels) error {
	f, err := buildSummary(apps, files, l)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	defer f.Close()
	return saveNew(f, path)
}

func buildSummary(apps []Application, files []string, l Labels) (*excelize.File, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	name := sheetNames(l, "sheet.summary")[0]
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	s := &sheet{f: f, name: name, st: st}
	s.widths(summaryCols)
	s.page("landscape", "", l.T("title.summary"), l)
	last := "K"
	s.title(1, l.T("title.summary"), last)
	var prepared data.Date
	for _, a := range apps {
		prepared = data.MaxDate(prepared, a.Prepared)
	}
	s.subtitle(2, fmt.Sprintf("%s: %d   ·   %s %s", l.T("field.applications"), len(apps), l.T("field.prepared"), orDash(prepared, l)), last)

	const head = 4
	s.header(head, []string{l.T("col.no"), l.T("field.shop"), l.T("field.site"), l.T("field.shop_code"),
		l.T("field.client"), l.T("field.status"), l.T("field.refundable"), l.T("field.currency"),
		l.T("field.ready_on"), l.T("field.account"), l.T("field.file")})
	r := head + 1
	totals := map[string]data.Money{}
	var currencies []string
	for i, a := range apps {
		file := ""
		if i < len(files) {
			file = filepath.Base(files[i])
		}
		s.int(cell("A", r), i+1, st.tableNo)
		s.text(cell("B", r), a.Shop, st.tableText)
		s.text(cell("C", r), a.Site, st.tableText)
		s.text(cell("D", r), a.ShopCode, st.tableText)
		s.text(cell("E", r), a.Client, st.tableText)
		s.text(cell("F", r), l.lookup("status."+a.Status, a.Status), st.tableText)
		s.amount(cell("G", r), a.Refundable, st.tableMoney)
		s.text(cell("H", r), a.Currency, st.tableText)
		s.date(cell("I", r), a.ReadyOn, st.tableDate)
		s.text(cell("J", r), a.Account.MaskedNumber(), st.tableText)
		s.text(cell("K", r), file, st.tableText)
		s.fitRow(r, 0, cellText{a.Shop, summaryCols[1]}, cellText{a.Client, summaryCols[4]}, cellText{file, summaryCols[10]})
		if _, seen := totals[a.Currency]; !seen {
			currencies = append(currencies, a.Currency)
		}
		totals[a.Currency] += a.Refundable
		r++
	}
	if len(apps) == 0 {
		s.text(cell("B", r), l.T("note.none"), st.note)
		r++
	}
	s.table(head, r-1, last)

	r++
	s.section(r, l.T("section.totals"), "H")
	r++
	for _, c := range currencies {
		s.text(cell("F", r), l.T("col.total"), st.totalText)
		s.amount(cell("G", r), totals[c], st.totalMoney)
		s.text(cell("H", r), c, st.totalText)
		s.fitRow(r, 0)
		r++
	}
	if s.err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %q: %w", name, s.err)
	}
	docProps(f, l.T("title.summary"), l)
	return f, nil
}

// sheetNames turns labels into valid, distinct sheet names (Excel allows
// 31 characters and none of []:*?/\).
func sheetNames(l Labels, keys ...string) []string {
	seen := map[string]bool{}
	out := make([]string, len(keys))
	for i, k := range keys {
		n := validSheetName(l.T(k))
		if n == "" {
			n = validSheetName(english[k])
		}
		base := n
		for j := 2; seen[strings.ToLower(n)]; j++ {
			suffix := fmt.Sprintf(" %d", j)
			n = truncRunes(base, 31-len(suffix)) + suffix
		}
		seen[strings.ToLower(n)] = true
		out[i] = n
	}
	return out
}

func validSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return ' '
		}
		return r
	}, s)
	s = strings.Trim(strings.TrimSpace(s), "'")
	return strings.TrimSpace(truncRunes(s, 31))
}

func truncRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}

func docProps(f *excelize.File, title string, l Labels) {
	lang := "en-US"
	if IsChinese(l.Lang) {
		lang = "zh-CN"
	}
	// Document properties are a courtesy; a failure here must not lose the export.
	_ = f.SetDocProps(&excelize.DocProperties{
		Title:    title,
		Creator:  "Deposit Desk",
		Language: lang,
	})
}

func orDash(d data.Date, l Labels) string {
	if d.IsZero() {
		return l.T("note.none")
	}
	return d.String()
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}
