package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWhatTheCommandLinePrintsIsValidUTF8WhateverTheFileHeld(t *testing.T) {
	s := newSession(t)
	s.ok("shop", "add", "Acme TH", "--site", "TH", "--deposit", "500", "--currency", "USD")
	dir := t.TempDir()
	good := filepath.Join(dir, "All order-2026-10-07-10_33 \xff.csv")
	bad := filepath.Join(dir, "All order-2026-10-08-10_33.csv")
	const header = "Order ID,Order Status,Order Substatus,Created Time,Order Amount\n"
	if err := os.WriteFile(good, []byte(header+"583870900000000001,Completed,\x1b[2J,2026-10-01 10:00:00,5.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(header+"583870900000000001,Completed,Completed,\x1b]0;pwned\a2026-10-01,5.00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, errs := s.run("import", "--shop", "Acme TH", good, bad)
	list := s.ok("imports")
	for name, text := range map[string]string{"import stdout": out, "import stderr": errs, "imports": list} {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\x1b\a") {
			t.Errorf("%s holds raw bytes: %q", name, text)
		}
	}
	if !strings.Contains(out, `\xff`) || !strings.Contains(list, `\xff`) || !strings.Contains(errs, `\x1b]0;pwned\a2026-10-01`) {
		t.Errorf("the damaged values are not shown escaped:\n%s\n%s\n%s", out, errs, list)
	}
}
