package cli

import (
	"depositdesk/app"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"depositdesk/data"
)

// usageError is a mistake in how a command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// newFlags makes a flag set that reports its errors to us, not to stderr.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse reads flags that may come before, between or after the positional
// arguments (`shop add "Acme US" --site US`), and returns the positionals.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usageError{"usage: depositdesk " + fs.Name() + " " + flagSummary(fs)}
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func flagSummary(fs *flag.FlagSet) string {
	var parts []string
	fs.VisitAll(func(f *flag.Flag) { parts = append(parts, "[--"+f.Name+"]") })
	return strings.Join(parts, " ")
}

// multi is a flag that may be given several times (--shop A --shop B).
type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }

// dateFlag parses a YYYY-MM-DD flag value ("" leaves d unchanged).
func dateFlag(name, v string) (data.Date, error) {
	d, err := data.ParseDate(strings.TrimSpace(v))
	if err != nil {
		return 0, usagef("--%s: %q is not a date; write it as YYYY-MM-DD", name, v)
	}
	return d, nil
}

// moneyFlag parses an amount flag.
func moneyFlag(name, v string) (data.Money, error) {
	m, err := data.ParseMoney(strings.TrimSpace(v))
	if err != nil {
		return 0, usagef("--%s: %q is not an amount; write it like 1500 or 1450.50", name, v)
	}
	return m, nil
}

// given reports which flags were set on the command line.
func given(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// listing is what the list commands share: --json, --shop where they take it,
// no positional arguments, and the desk opened only once the call is right.
type listing struct {
	*flag.FlagSet
	json *bool
	shop *string
}

func newListing(name string, byShop bool) *listing {
	l := &listing{FlagSet: newFlags(name)}
	l.json = l.Bool("json", false, "")
	if byShop {
		l.shop = l.String("shop", "", "")
	}
	return l
}

// open reads the command's flags and opens the desk.
func (l *listing) open(c *ctx, args []string) (*app.Desk, error) {
	pos, err := parse(l.FlagSet, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("%s takes no arguments", l.Name())
	}
	return c.open()
}

// shopName is --shop, "" for every shop.
func (l *listing) shopName() string {
	if l.shop == nil {
		return ""
	}
	return *l.shop
}
