package exports

import (
	"strconv"
	"strings"

	"depositdesk/data"
)

// Warning texts: few, each aggregating every row it applies to.
const (
	warnUnknownStatus    = "Rows with an order status we do not know ({{.Status}} / {{.Substatus}}): {{.Count}}; these orders count as unknown and block the refund until you map {{.Value}} to a status ({{.Rows}})"
	warnUnknownCase      = "Rows whose {{.Column}} holds a value we do not know ({{.Value}}): {{.Count}}; these cases count as open until you map the value to open or final ({{.Rows}})"
	warnNoID             = "Rows without {{.Column}}, skipped: {{.Count}} ({{.Rows}})"
	warnBadAmount        = "Rows with an amount that is not a number, such as {{.Value}}: {{.Count}}; it was left empty ({{.Rows}})"
	warnBadNumber        = "Rows with a quantity that is not a whole number, such as {{.Value}}: {{.Count}}; it was counted as 0 ({{.Rows}})"
	warnLinesDisagree    = "Lines that disagree with the first line of their order on {{.Column}}: {{.Count}}, such as order {{.Order}} (first line in row {{.FirstRow}}); the first line's value was kept ({{.Rows}})"
	warnDayFirstBySite   = "No date in this file shows whether the day or the month comes first; dates were read day first (DD/MM/YYYY) because the shop's site is {{.Site}}"
	warnMonthFirstBySite = "No date in this file shows whether the day or the month comes first; dates were read month first (MM/DD/YYYY) because the shop's site is {{.Site}}"
	// The file's date columns disagree (each read its own way) and this one shows neither.
	warnColumnDayFirstBySite   = "No date in column {{.Column}} shows whether the day or the month comes first, and the file's other date columns differ; it was read day first (DD/MM/YYYY) because the shop's site is {{.Site}}"
	warnColumnMonthFirstBySite = "No date in column {{.Column}} shows whether the day or the month comes first, and the file's other date columns differ; it was read month first (MM/DD/YYYY) because the shop's site is {{.Site}}"
)

const (
	sampleRows   = 5  // rows named per warning
	maxVariants  = 10 // distinct values kept per warning text; the rest are merged
	otherVariant = "other values"
)

type warnKey struct{ text, column, a, b string }

type warnAgg struct {
	msg   data.Message
	count int
	rows  []int
}

// warnings aggregates repeated warnings into one message per kind and value.
type warnings struct {
	file     string
	order    []warnKey
	byKey    map[warnKey]*warnAgg
	variants map[string]int
}

func (w *warnings) add(text, column string, row int, args map[string]any, a, b string) {
	if w.byKey == nil {
		w.byKey, w.variants = map[warnKey]*warnAgg{}, map[string]int{}
	}
	k := warnKey{text, column, a, b}
	g, ok := w.byKey[k]
	if !ok {
		if w.variants[text] >= maxVariants {
			k = warnKey{text, column, otherVariant, ""}
			g, ok = w.byKey[k]
		}
	}
	if !ok {
		w.variants[text]++
		if k.a == otherVariant {
			for name := range args {
				args[name] = otherVariant
			}
		}
		g = &warnAgg{msg: data.Message{File: w.file, Row: row, Column: column, Text: text, Args: args}}
		w.byKey[k] = g
		w.order = append(w.order, k)
	}
	g.count++
	if len(g.rows) < sampleRows {
		g.rows = append(g.rows, row)
	}
}

func (w *warnings) messages() []data.Message {
	out := make([]data.Message, 0, len(w.order))
	for _, k := range w.order {
		g := w.byKey[k]
		m := g.msg
		if m.Args == nil {
			m.Args = map[string]any{}
		}
		m.Args["Count"] = g.count
		m.Args["Rows"] = rowList(g.rows, g.count)
		out = append(out, m)
	}
	return out
}

// rowList is "row 4", "rows 4, 9, 12" or "rows 4, 9, 12, 15, 20, …" when
// there are more: a part translated on its own.
func rowList(rows []int, count int) data.Parts {
	if count == 1 && len(rows) == 1 {
		return data.Parts{{Text: "row {{.Row}}", Args: map[string]any{"Row": rows[0]}}}
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(r))
	}
	if count > len(rows) {
		b.WriteString(", …")
	}
	return data.Parts{{Text: "rows {{.Rows}}", Args: map[string]any{"Rows": b.String()}}}
}
