package exports

import (
	"math"
	"strconv"
	"strings"

	"depositdesk/data"
)

// DateOrder is the order of day and month in a file's slash dates
// (a/b/yyyy), as its own values show it.
type DateOrder int8

// What a file's dates show.
const (
	OrderUnknown    DateOrder = iota // no slash date, or none with a field above 12
	OrderDayFirst                    // 25/09/2026: SEA, UK, and US returns' Time Requested
	OrderMonthFirst                  // 09/25/2026: US and BR orders
	OrderMixed                       // columns disagree (each was read its own way)
)

// MonthFirstSite reports whether a site's exports write the month first
// (US, BR) rather than the day (everywhere else).
func MonthFirstSite(site string) bool {
	switch strings.ToUpper(strings.TrimSpace(site)) {
	case "US", "BR":
		return true
	}
	return false
}

// A time cell is read by hand (no time.Parse) into one of three forms:
// a full stamp (year first, or an Excel serial), or a slash date a/b/yyyy
// whose day/month order the file as a whole decides.
type dateForm int

const (
	noDate    dateForm = iota // empty cell
	fullDate                  // stamp known
	slashDate                 // a/b/yyyy: order unknown from this cell alone
	badDate                   // in no known form
)

type dateParts struct {
	y, a, b, h, m, s int
}

// scanDate reads s; for fullDate the stamp is in st, for slashDate the parts.
func scanDate(s string) (form dateForm, st data.Stamp, p dateParts) {
	if s == "" {
		return noDate, 0, p
	}
	i := 0
	n1, l1 := num(s, i)
	if l1 == 0 {
		return badDate, 0, p
	}
	i += l1
	if i == len(s) || s[i] == '.' && l1 <= 7 && allSerial(s) {
		if st, ok := serialStamp(s); ok {
			return fullDate, st, p
		}
		return badDate, 0, p
	}
	sep := s[i]
	if sep != '/' && sep != '-' && sep != '.' {
		return badDate, 0, p
	}
	i++
	n2, l2 := num(s, i)
	if l2 == 0 || l2 > 2 || i+l2 >= len(s) || s[i+l2] != sep {
		return badDate, 0, p
	}
	i += l2 + 1
	n3, l3 := num(s, i)
	if l3 == 0 {
		return badDate, 0, p
	}
	i += l3
	h, m, sec, ok := scanClock(s[i:])
	if !ok {
		return badDate, 0, p
	}
	switch {
	case l1 == 4 && l3 <= 2: // yyyy-mm-dd, yyyy/mm/dd
		if !validDay(n1, n2, n3) {
			return badDate, 0, p
		}
		return fullDate, civil(n1, n2, n3, h, m, sec), p
	case l1 <= 2 && l3 == 4: // a/b/yyyy
		if n1 < 1 || n2 < 1 || n1 > 31 || n2 > 31 || n1 > 12 && n2 > 12 {
			return badDate, 0, p
		}
		return slashDate, 0, dateParts{n3, n1, n2, h, m, sec}
	}
	return badDate, 0, p
}

// resolve turns slash-date parts into a stamp given the file's order.
func (p dateParts) resolve(dayFirst bool) (data.Stamp, bool) {
	day, month := p.b, p.a
	if dayFirst {
		day, month = p.a, p.b
	}
	if !validDay(p.y, month, day) {
		return 0, false
	}
	return civil(p.y, month, day, p.h, p.m, p.s), true
}

// Slash dates whose order is not yet known are kept in the Stamp field itself,
// packed below pendingLimit (far below any real stamp), and resolved at the end.
const pendingBase = math.MinInt64

const pendingLimit = pendingBase + 1<<42

func (p dateParts) pack() data.Stamp {
	v := int64(p.y)<<27 | int64(p.a)<<22 | int64(p.b)<<17 | int64(p.h)<<12 | int64(p.m)<<6 | int64(p.s)
	return data.Stamp(pendingBase + v)
}

func pending(s data.Stamp) bool { return int64(s) < pendingLimit }

func unpack(s data.Stamp) dateParts {
	v := int64(s) - pendingBase
	return dateParts{y: int(v >> 27), a: int(v >> 22 & 31), b: int(v >> 17 & 31), h: int(v >> 12 & 31), m: int(v >> 6 & 63), s: int(v & 63)}
}

// num reads up to 9 digits at s[i:].
func num(s string, i int) (n, l int) {
	for i+l < len(s) && l < 9 {
		c := s[i+l]
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
		l++
	}
	return n, l
}

func allSerial(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return true
}

// serialStamp reads an Excel serial date (1900 date system) as a wall clock.
func serialStamp(s string) (data.Stamp, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 25569 || v >= 2958466 { // 1970-01-01 … 9999-12-31
		return 0, false
	}
	const unixDay = 25569 // serial of 1970-01-01
	return data.Stamp(math.Round((v - unixDay) * 86400)), true
}

// scanClock reads what follows the date: nothing, or a separator and
// H:MM[:SS[.fff]] with an optional AM/PM.
func scanClock(s string) (h, m, sec int, ok bool) {
	if s == "" {
		return 0, 0, 0, true
	}
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == 'T') {
		i++
	}
	if i == 0 {
		return 0, 0, 0, false
	}
	var l int
	if h, l = num(s, i); l == 0 || l > 2 {
		return 0, 0, 0, false
	}
	i += l
	if i >= len(s) || s[i] != ':' {
		return 0, 0, 0, false
	}
	if m, l = num(s, i+1); l != 2 {
		return 0, 0, 0, false
	}
	i += 3
	if i < len(s) && s[i] == ':' {
		if sec, l = num(s, i+1); l != 2 {
			return 0, 0, 0, false
		}
		i += 3
		if i < len(s) && s[i] == '.' { // fractions of a second are dropped
			_, l = num(s, i+1)
			if l == 0 {
				return 0, 0, 0, false
			}
			i += 1 + l
		}
	}
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if rest := s[i:]; rest != "" {
		if len(rest) != 2 || rest[1]|0x20 != 'm' || h < 1 || h > 12 {
			return 0, 0, 0, false
		}
		switch rest[0] | 0x20 {
		case 'a':
			if h == 12 {
				h = 0
			}
		case 'p':
			if h != 12 {
				h += 12
			}
		default:
			return 0, 0, 0, false
		}
	}
	if h > 23 || m > 59 || sec > 59 {
		return 0, 0, 0, false
	}
	return h, m, sec, true
}

func validDay(y, month, day int) bool {
	if y < 1900 || y > 9999 || month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= daysIn(y, month)
}

func daysIn(y, month int) int {
	switch month {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civil is the stamp of a wall-clock time (days from civil, H. Hinnant).
func civil(y, month, d, h, m, s int) data.Stamp {
	if month <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (month + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := int64(era)*146097 + int64(doe) - 719468
	return data.Stamp(days*86400 + int64(h*3600+m*60+s))
}
