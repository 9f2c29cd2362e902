package cli

import (
	"fmt"
	"strconv"
	"strings"

	"depositdesk/app"
	"depositdesk/data/exports"
)

var statusCommands = []command{
	{[]string{"status", "map"}, "status map VALUE CLASS   (CLASS: an order status class, or open|final for an after-sales value)", statusMap},
	{[]string{"status", "unmap"}, "status unmap VALUE", statusUnmap},
	{[]string{"status", "list"}, "status list [--json]", statusList},
}

func statusMap(c *ctx, args []string) error {
	pos, err := parse(newFlags("status map"), args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("status map takes a VALUE and a CLASS (%s, or open|final for an after-sales value); quote a value with spaces", strings.Join(app.MappableClasses()[:len(app.MappableClasses())-2], ", "))
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	ch, err := d.MapStatus(c.Ctx, pos[0], pos[1])
	if err != nil {
		return err
	}
	c.printf("%s\n", ch.Msg.Message())
	return nil
}

func statusUnmap(c *ctx, args []string) error {
	pos, err := parse(newFlags("status unmap"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("status unmap takes the VALUE to forget")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	ch, err := d.UnmapStatus(c.Ctx, pos[0])
	if err != nil {
		return err
	}
	c.printf("%s\n", ch.Msg.Message())
	return nil
}

func statusList(c *ctx, args []string) error {
	l := newListing("status list", false)
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	v, err := d.StatusValues(c.Ctx)
	if err != nil {
		return err
	}
	if *l.json {
		return c.json(v)
	}
	if len(v.Learnt) == 0 {
		c.printf("No status values mapped yet.\n")
	} else {
		w := &table{}
		w.row("VALUE", "MEANS", "HELD BY", "MAPPED BY", "ON")
		for _, m := range v.Learnt {
			w.row(strconv.Quote(m.Value), m.Class, strconv.Itoa(m.Count), m.CreatedBy, m.CreatedAt.Local().Format("2006-01-02 15:04"))
		}
		if err := w.write(c.Stdout); err != nil {
			return err
		}
	}
	if len(v.Unknown) == 0 {
		c.printf("No unknown status values in the stored orders and after-sales cases.\n")
		return nil
	}
	c.printf("\nUnknown values still held (map each with: depositdesk status map VALUE CLASS):\n")
	w := &table{}
	w.row("VALUE", "COLUMN", "HELD BY", "MAP TO")
	for _, u := range v.Unknown {
		noun, to := "orders", "an order status class"
		if u.Kind == "case" {
			noun, to = "cases", "open or final"
		}
		w.row(strconv.Quote(u.Value), u.Column, fmt.Sprintf("%d %s", u.Count, noun), to)
	}
	return w.write(c.Stdout)
}

// printUnknown says how to map each unknown value an import reported.
func printUnknown(c *ctx, unknown []exports.UnknownValue) {
	for _, u := range unknown {
		to := "CLASS"
		if u.Case {
			to = "open|final"
		}
		c.printf("  to map %q (%s): depositdesk status map %s %s\n", u.Value, u.Column, shellQuote(u.Value), to)
	}
}

// shellQuote quotes a value for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return strings.ContainsRune(" \t'\"\\$`!*?[]{}()<>|&;#~", r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
