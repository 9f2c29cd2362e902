package data

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintableQuotesOnlyWhatATerminalWouldGarble(t *testing.T) {
	cases := []struct{ in, want string }{
		{"583870900000000001", "583870900000000001"},
		{"已完成 / 待发货", "已完成 / 待发货"},
		{"two\tcells\nand a line", "two\tcells\nand a line"},
		{"", ""},
		{"2026\xff-10-01", `"2026\xff-10-01"`},
		{"\xd2\xd1\xcd\xea\xb3\xc9", `"\xd2\xd1\xcd\xea\xb3\xc9"`}, // GB18030 bytes read as UTF-8
		{"bad\x1b[2Jclear", `"bad\x1b[2Jclear"`},
		{"c1\u0085control", `"c1\u0085control"`},
		{"已\xe5完成", `"已\xe5完成"`}, // a cut multi-byte character
	}
	for _, c := range cases {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %s, want %s", c.in, got, c.want)
		}
		if got := Printable(c.in); !utf8.ValidString(got) {
			t.Errorf("Printable(%q) is not valid UTF-8", c.in)
		}
	}
}

func TestAMessageIsValidUTF8WhateverItsValuesHeld(t *testing.T) {
	m := &Message{File: "All order\xff.csv", Row: 4, Column: "Created\xfe Time",
		Text: "{{.Value}} is not a date; columns found: {{.Found}}; {{.Detail}}",
		Args: map[string]any{"Value": "2026\xff-10-01", "Found": "Order ID, Sta\xe9tus",
			"Detail": Parts{{Text: "status {{.Status}}", Args: map[string]any{"Status": "Comp\x80leted"}}}}}
	got := m.Error()
	if !utf8.ValidString(got) {
		t.Fatalf("not valid UTF-8: %q", got)
	}
	for _, want := range []string{`file "All order\xff.csv"`, `column "Created\xfe Time"`, `"2026\xff-10-01" is not a date`,
		`"Order ID, Sta\xe9tus"`, `status "Comp\x80leted"`} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %s", got, want)
		}
	}
	if m.Args["Value"] != "2026\xff-10-01" {
		t.Error("rendering changed the message's own Args")
	}
}

func TestPluralChoosesTheSingularForOneOnly(t *testing.T) {
	for n, want := range map[int]string{0: "{{.Rows}} rows", 1: "{{.Rows}} row", 2: "{{.Rows}} rows", 21: "{{.Rows}} rows"} {
		if got := Plural(n, "{{.Rows}} row", "{{.Rows}} rows"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}
