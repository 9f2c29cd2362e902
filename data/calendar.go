package data

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date as written in an export (shop-local, no time zone),
// counted in days since 1970-01-01. The zero Date means "no date".
type Date int32

// NoDate is the zero Date: unknown or not set.
const NoDate Date = 0

// DateOf returns the calendar date of t as written (its own location is kept).
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return MakeDate(y, m, d)
}

// MakeDate builds a Date from year, month and day; out-of-range days roll over
// as time.Date does.
func MakeDate(year int, month time.Month, day int) Date {
	u := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()
	return Date(u / 86400)
}

// ParseDate reads YYYY-MM-DD; the empty string is NoDate.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return NoDate, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return NoDate, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is NoDate.
func (d Date) IsZero() bool { return d == NoDate }

// Time is midnight of d in UTC (only for formatting and calendar arithmetic).
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// AddDays is calendar arithmetic: d + n days. NoDate stays NoDate.
func (d Date) AddDays(n int) Date {
	if d == NoDate {
		return NoDate
	}
	return d + Date(n)
}

// String is YYYY-MM-DD, or "" for NoDate.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == NoDate {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = NoDate
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	*d = v
	return err
}

// MaxDate returns the later of a and b, ignoring NoDate.
func MaxDate(a, b Date) Date {
	if a > b {
		return a
	}
	return b
}

// MinDate returns the earlier of two dates, ignoring NoDate.
func MinDate(a, b Date) Date {
	switch {
	case a == NoDate:
		return b
	case b == NoDate:
		return a
	case a < b:
		return a
	}
	return b
}

// Stamp is a shop-local wall-clock time in seconds since 1970-01-01 00:00:00,
// with no time zone, as exports write it. The zero Stamp means "no time".
type Stamp int64

// StampOf returns the wall-clock reading of t as a Stamp.
func StampOf(t time.Time) Stamp {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return Stamp(time.Date(y, m, d, hh, mm, ss, 0, time.UTC).Unix())
}

// ParseStamp reads "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD".
func ParseStamp(s string) (Stamp, error) {
	if s == "" {
		return 0, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return StampOf(t), nil
		}
	}
	return 0, fmt.Errorf("%q is not a time in the form YYYY-MM-DD HH:MM:SS", s)
}

// IsZero reports whether s is unset.
func (s Stamp) IsZero() bool { return s == 0 }

// Date is the calendar date of s.
func (s Stamp) Date() Date {
	if s == 0 {
		return NoDate
	}
	return Date(floorDiv(int64(s), 86400))
}

// Time is s as a UTC time.Time (only for formatting).
func (s Stamp) Time() time.Time { return time.Unix(int64(s), 0).UTC() }

// String is "YYYY-MM-DD HH:MM:SS", or "" when unset.
func (s Stamp) String() string {
	if s == 0 {
		return ""
	}
	return s.Time().Format("2006-01-02 15:04:05")
}

// MarshalJSON writes "YYYY-MM-DD HH:MM:SS" or null.
func (s Stamp) MarshalJSON() ([]byte, error) {
	if s == 0 {
		return []byte("null"), nil
	}
	return []byte(`"` + s.String() + `"`), nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// Money is an amount in hundredths of the currency unit (cents, fen, pence).
type Money int64

// MoneyFromFloat rounds f to hundredths.
func MoneyFromFloat(f float64) Money {
	if f < 0 {
		return Money(f*100 - 0.5)
	}
	return Money(f*100 + 0.5)
}

// Float is the amount in currency units.
func (m Money) Float() float64 { return float64(m) / 100 }

// String is the amount with two decimals, e.g. "1450.00".
func (m Money) String() string { return strconv.FormatFloat(m.Float(), 'f', 2, 64) }

// MarshalJSON writes the amount as a JSON number in currency units.
func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(m.Float(), 'f', -1, 64)), nil
}

// ParseMoney reads a plain decimal amount such as "500" or "1450.5".
func ParseMoney(s string) (Money, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an amount", s)
	}
	return MoneyFromFloat(f), nil
}
