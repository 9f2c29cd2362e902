package cli

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"depositdesk/data/exports/sample"
)

// writeExportIn writes e into dir (created) under name.
func writeExportIn(t *testing.T, dir, name string, e *sample.Export) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := errors.Join(os.MkdirAll(dir, 0o755), sample.WriteFile(path, e)); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportWithoutShopSendsEachFileToTheShopHoldingItsOrders(t *testing.T) {
	s := newSession(t)
	s.ok("shop", "add", "Acme US", "--site", "US", "--deposit", "1500", "--currency", "USD")
	s.ok("shop", "add", "Acme TH", "--site", "TH", "--deposit", "90", "--currency", "USD")
	us := sample.Orders(sample.Options{Seed: 61, Orders: 25})
	th := sample.Orders(sample.Options{Seed: 62, Orders: 15, Site: "TH"})
	s.ok("import", "--shop", "Acme US", writeExportIn(t, t.TempDir(), "All order-2026-10-01-10_00.csv", us))
	s.ok("import", "--shop", "Acme TH", writeExportIn(t, t.TempDir(), "All order-2026-10-01-11_00.csv", th))

	// A folder of both shops' next exports, plus one nobody's orders.
	dir := filepath.Join(t.TempDir(), "十月 exports")
	// The same seed with more orders: the first ones are the same orders.
	writeExportIn(t, dir, "All order-2026-10-08-16:36.csv", sample.Orders(sample.Options{Seed: 61, Orders: 30}))
	writeExportIn(t, dir, "全部 订单-2026-10-08-21_50.xlsx", sample.Orders(sample.Options{Seed: 62, Orders: 20, Site: "TH"}))
	stranger := writeExportIn(t, t.TempDir(), "All order-2026-10-08-12_00.csv", sample.Orders(sample.Options{Seed: 63, Orders: 5}))

	code, out, errs := s.run("import", dir, stranger)
	if code != 1 {
		t.Fatalf("a file matching no shop must fail the command: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "All order-2026-10-08-16:36.csv → Acme US") || !strings.Contains(out, "5 new, 0 updated, 25 unchanged") || !strings.Contains(out, "全部 订单-2026-10-08-21_50.xlsx → Acme TH") {
		t.Fatalf("files not sent to the shops holding their orders:\n%s", out)
	}
	if !strings.Contains(out, "2026-10-08 16:36") || !strings.Contains(out, "2026-10-08 21:50") {
		t.Fatalf("export times not taken from the file names:\n%s", out)
	}
	if !strings.Contains(errs, "All order-2026-10-08-12_00.csv") || !strings.Contains(errs, "No shop holds") ||
		!strings.Contains(errs, "import --shop NAME") {
		t.Fatalf("the stranger file is not refused by name, with how to name its shop:\n%s", errs)
	}
	m := regexp.MustCompile(`2 files imported as import group #(\d+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no import group named:\n%s", out)
	}

	// --shop naming the wrong shop is refused, naming the shop that holds the orders.
	code, _, errs = s.run("import", "--shop", "Acme TH", filepath.Join(dir, "All order-2026-10-08-16:36.csv"))
	if code != 1 || !strings.Contains(errs, "Acme US") {
		t.Fatalf("wrong --shop: exit %d, %s", code, errs)
	}

	// One undo takes the whole folder back out.
	out = s.ok("undo", "--group", m[1])
	if !strings.Contains(out, "2 files") {
		t.Fatalf("undo --group: %s", out)
	}
	list := s.ok("imports")
	if strings.Count(list, "(undone)") != 2 {
		t.Fatalf("imports after undo of the group:\n%s", list)
	}

	// A group of one file says so in the singular.
	s.ok("import", "--shop", "Acme TH", stranger)
	groups := regexp.MustCompile(`"group": (\d+)`).FindAllStringSubmatch(s.ok("imports", "--json"), -1)
	if len(groups) == 0 {
		t.Fatalf("no import group listed:\n%s", s.ok("imports", "--json"))
	}
	if out := s.ok("undo", "--group", groups[0][1]); !strings.Contains(out, "(1 file)") {
		t.Fatalf("undo --group of one file: %s", out)
	}
}
