package exports

import (
	"strconv"
	"strings"

	"depositdesk/data"
)

// Warning texts: few, each aggregating every row it applies to.
const (
	warnUnknownStatus    = "Rows with an order status we do not know ({{.Status}} / {{.Substatus}}): {{.Count}}; these orders count as unknown and block the refund until the status is known (rows {{.Rows}})"
	warnUnknownReturn    = "Rows with a return status we do not know ({{.Status}}): {{.Count}}; these cases count as open (rows {{.Rows}})"
	warnNoID             = "Rows without {{.Column}}, skipped: {{.Count}} (rows {{.Rows}})"
	warnBadAmount        = "Rows with an amount that is not a number, such as {{.Value}}: {{.Count}}; it was left empty (rows {{.Rows}})"
	warnBadNumber        = "Rows with a quantity that is not a whole number, such as {{.Value}}: {{.Count}}; it was counted as 0 (rows {{.Rows}})"
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

// rowList is "4, 9, 12" or "4, 9, 12, 15, 20, …" when there are more.
func rowList(rows []int, count int) string {
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
	return b.String()
}
