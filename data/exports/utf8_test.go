package exports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// pastTheSniff is enough good rows that the csv's encoding is decided (as
// UTF-8) before the damaged row comes: the bytes reach the reader as they are.
func pastTheSniff() string {
	var b strings.Builder
	for i := 0; b.Len() < 1<<20+1000; i++ {
		fmt.Fprintf(&b, "58387090000%07d", i)
		b.WriteString(",Completed,Completed,2026-10-01 10:00:00,5.00\n")
	}
	return b.String()
}

// quotedOrNone checks that a message rendered with a file's damaged value is
// valid UTF-8 and shows escape: the bad byte escaped, or what is said instead
// of the value.
func quotedOrNone(t *testing.T, m data.Message, escape string) {
	t.Helper()
	got := m.Error()
	if !utf8.ValidString(got) || strings.ContainsRune(got, 0x1b) {
		t.Errorf("message holds raw bytes: %q", got)
	}
	if !strings.Contains(got, escape) {
		t.Errorf("message %q does not show %s", got, escape)
	}
}

func TestMessagesAreValidUTF8WhateverBytesTheFileHeld(t *testing.T) {
	const header = "Order ID,Order Status,Order Substatus,Created Time,Order Amount\n"
	good := pastTheSniff()
	errs := []struct{ name, text, escape string }{
		{"an ID", header + good + "5838709\xff00000001,Completed,Completed,2026-10-01 10:00:00,5.00\n", `\xff`},
		{"a date", header + good + "583870900099999999,Completed,Completed,2026\xfe-10-01,5.00\n", `\xfe`},
		{"a date with a terminal escape", header + good + "583870900099999999,Completed,Completed,\x1b[2J2026-10-01,5.00\n", `\x1b`},
		{"a header with a terminal escape", "Order ID,Order Status,Paid\x1b[31m Time\n1,Completed,2026-10-01\n", `\x1b`},
		{"a header with bytes of no encoding", "Order ID,Order St\xffatus,Created Time\n1,Completed,2026-10-01\n", "no text encoding we know"},
	}
	for _, c := range errs {
		t.Run(c.name, func(t *testing.T) {
			_, err := exports.Read(context.Background(), writeText(t, "damaged.csv", c.text), exports.Options{})
			quotedOrNone(t, *messageOf(t, err), c.escape)
		})
	}
	warns := []struct{ name, text, escape string }{
		{"a status", header + good + "583870900099999999,Comp\xffleted,Completed,2026-10-01 10:00:00,5.00\n", `\xff`},
		{"an amount", header + good + "583870900099999999,Completed,Completed,2026-10-01 10:00:00,5\xc3.00\n", `\xc3`},
	}
	for _, c := range warns {
		t.Run(c.name, func(t *testing.T) {
			res := mustRead(t, writeText(t, "damaged.csv", c.text), exports.Options{})
			if len(res.Warnings) == 0 {
				t.Fatal("no warning")
			}
			for _, w := range res.Warnings {
				quotedOrNone(t, w, c.escape)
			}
		})
	}
	t.Run("a file name", func(t *testing.T) {
		_, err := exports.Read(context.Background(), writeText(t, "x.csv", header+"1,Completed,,yesterday,5\n"), exports.Options{Name: "All order\xff.csv"})
		quotedOrNone(t, *messageOf(t, err), `\xff`)
	})
}
