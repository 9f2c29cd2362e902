package screens

import (
	"sort"
	"strconv"
	"strings"

	"depositdesk/data"
)

// formatAmount is an amount with thousands separators and two decimals: 1,450.00.
func formatAmount(m data.Money) string {
	neg := m < 0
	if neg {
		m = -m
	}
	whole, cents := int64(m)/100, int64(m)%100
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	b.WriteByte('.')
	if cents < 10 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.FormatInt(cents, 10))
	return b.String()
}

// formatMoney is an amount and its currency: 1,450.00 USD.
func formatMoney(m data.Money, currency string) string {
	return formatAmount(m) + " " + currency
}

// moneyByCurrency sums amounts per currency; amounts in different currencies
// are never added together.
type moneyByCurrency map[string]data.Money

func (m moneyByCurrency) add(currency string, amount data.Money) { m[currency] += amount }

// currencies lists the currencies held, alphabetically.
func (m moneyByCurrency) currencies() []string {
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// lines is one "1,450.00 USD" per currency, or "—" when there is nothing.
func (m moneyByCurrency) lines() string {
	if len(m) == 0 {
		return "—"
	}
	var parts []string
	for _, c := range m.currencies() {
		parts = append(parts, formatMoney(m[c], c))
	}
	return strings.Join(parts, "\n")
}

// dateText is a date as YYYY-MM-DD, or "—" for none.
func dateText(d data.Date) string {
	if d == data.NoDate {
		return "—"
	}
	return d.String()
}
