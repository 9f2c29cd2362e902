package exports

import (
	"strings"

	"depositdesk/data"
)

// currencies are the markers stripped from amounts, longest first.
var currencies = []string{"US$", "RMB", "USD", "THB", "VND", "IDR", "MYR", "PHP", "SGD", "GBP", "EUR", "CNY", "MXN", "BRL", "JPY", "R$", "RM", "Rp", "S$", "$", "฿", "₫", "£", "€", "¥", "￥", "₱", "đ"}

// isoCurrency is the currency a marker names, "" when it names several
// ("$" is also the peso's sign, "¥" the yen's and the yuan's).
func isoCurrency(marker string) string {
	switch strings.ToUpper(marker) {
	case "US$", "USD":
		return "USD"
	case "RMB", "CNY":
		return "CNY"
	case "THB", "฿":
		return "THB"
	case "VND", "₫", "Đ":
		return "VND"
	case "IDR", "RP":
		return "IDR"
	case "MYR", "RM":
		return "MYR"
	case "PHP", "₱":
		return "PHP"
	case "SGD", "S$":
		return "SGD"
	case "GBP", "£":
		return "GBP"
	case "EUR", "€":
		return "EUR"
	case "MXN":
		return "MXN"
	case "BRL", "R$":
		return "BRL"
	case "JPY":
		return "JPY"
	}
	return ""
}

// noMinorUnit: currencies whose amounts use "." only to group thousands.
func noMinorUnit(c string) bool {
	return c == "Rp" || c == "IDR" || c == "₫" || c == "VND" || c == "đ"
}

// parseAmount reads an amount such as "$1,234.56", "1.234,56", "12,50",
// "RM 12.50", "Rp 150.000" or "(3.00)". ok is false for anything else.
func parseAmount(s string) (m data.Money, ok bool) {
	m, _, ok = parseAmountIn(s)
	return m, ok
}

// parseAmountIn is parseAmount that also returns the currency marker it
// stripped ("" when none).
func parseAmountIn(s string) (m data.Money, cur string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, "", true
	}
	neg := false
	if len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(s[1:])
	}
	if s == "" { // "-" or "( )": a sign and nothing else
		return 0, "", false
	}
	for _, c := range currencies {
		if isDigit(s[0]) && isDigit(s[len(s)-1]) {
			break // no currency marker
		}
		if len(s) > len(c) && strings.EqualFold(s[:len(c)], c) {
			cur, s = c, strings.TrimSpace(s[len(c):])
			break
		}
		if len(s) > len(c) && strings.EqualFold(s[len(s)-len(c):], c) {
			cur, s = c, strings.TrimSpace(s[:len(s)-len(c)])
			break
		}
	}
	if strings.HasPrefix(s, "-") && !neg {
		neg, s = true, s[1:]
	}
	// Which separator is the decimal point: the last of "," and "." when both
	// appear; a lone "," unless three digits follow it (a thousands group);
	// a lone "." unless it groups thousands (repeated, or a currency without cents).
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	dec := -1
	switch {
	case lastDot >= 0 && lastComma >= 0:
		dec = max(lastDot, lastComma)
	case lastComma >= 0:
		if strings.Count(s, ",") == 1 && len(s)-lastComma-1 != 3 {
			dec = lastComma
		}
	case lastDot >= 0:
		if strings.Count(s, ".") == 1 && !(noMinorUnit(cur) && len(s)-lastDot-1 == 3) {
			dec = lastDot
		}
	}
	var whole, frac int64
	fracDigits, digits := 0, 0
	grouped, group := false, 0 // thousands groups must hold three digits
	groupOK := func() bool { return !grouped || group == 3 }
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
			if dec >= 0 && i > dec {
				if fracDigits < 3 {
					frac = frac*10 + int64(c-'0')
					fracDigits++
				}
				continue
			}
			if whole > 1e15 {
				return 0, cur, false
			}
			whole = whole*10 + int64(c-'0')
			group++
		case i == dec:
			if !groupOK() {
				return 0, cur, false
			}
		case dec >= 0 && i > dec:
			return 0, cur, false
		case c == ',' || c == '.' || c == ' ' || c == '\'' || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			if group == 0 || !groupOK() {
				return 0, cur, false
			}
			if c == 0xC2 { // no-break space
				i++
			}
			grouped, group = true, 0
		default:
			return 0, cur, false
		}
	}
	if dec < 0 && !groupOK() {
		return 0, cur, false
	}
	if digits == 0 {
		return 0, cur, false
	}
	for fracDigits < 3 {
		frac *= 10
		fracDigits++
	}
	cents := whole*100 + (frac+5)/10
	if neg {
		cents = -cents
	}
	return data.Money(cents), cur, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
