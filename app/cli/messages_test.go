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

func TestTheImportSummaryFitsItsNumbers(t *testing.T) {
	for _, c := range []struct {
		failed, total int
		want          string
	}{
		{1, 1, "the file was not imported"},
		{2, 2, "none of the 2 files were imported"},
		{1, 2, "1 of 2 files was not imported; the other one was"},
		{1, 3, "1 of 3 files was not imported; the others were"},
		{2, 3, "2 of 3 files were not imported; the other one was"},
		{2, 5, "2 of 5 files were not imported; the others were"},
	} {
		if got := notImported(c.failed, c.total); got != c.want {
			t.Errorf("notImported(%d, %d) = %q, want %q", c.failed, c.total, got, c.want)
		}
	}
	s := newSession(t)
	s.ok("shop", "add", "Acme TH", "--site", "TH", "--deposit", "500", "--currency", "USD")
	file := filepath.Join(t.TempDir(), "All order-2026-10-07-10_33.csv")
	if err := os.WriteFile(file, []byte("Order ID,Order Status,Created Time\n583870900000000001,Completed,2026-10-01 10:00:00\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := s.ok("import", "--shop", "Acme TH", file); !strings.Contains(out, "  1 row, 1 order: 1 new,") {
		t.Errorf("summary of one row: %s", out)
	}
	if audit := s.ok("audit"); !strings.Contains(audit, ": 1 row, 1 created") {
		t.Errorf("the audit of a one-row import: %s", audit)
	}
	bad := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(bad, []byte("nothing here\n"), 0o644)
	if code, _, errs := s.run("import", "--shop", "Acme TH", bad); code != 1 || !strings.HasSuffix(errs, "depositdesk: the file was not imported\n") {
		t.Errorf("one failed file: exit %d, %q", code, errs)
	}
}
