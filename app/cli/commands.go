package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"depositdesk/app"
	"depositdesk/data"
)

func importFiles(c *ctx, args []string) error {
	fs := newFlags("import")
	shop := fs.String("shop", "", "")
	exportedAt := fs.String("exported-at", "", "")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import needs at least one FILE or folder")
	}
	for _, f := range files {
		if strings.TrimSpace(f) == "" {
			return usagef("import was given an empty FILE name (an unset shell variable?)")
		}
	}
	opt := app.BatchOptions{Shop: strings.TrimSpace(*shop)}
	if *exportedAt != "" {
		st, err := data.ParseStamp(strings.TrimSpace(*exportedAt))
		if err != nil {
			return usagef("--exported-at: %q is not a time; write it as \"YYYY-MM-DD HH:MM\" or YYYY-MM-DD", *exportedAt)
		}
		opt.ExportedAt = st
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	p, g, err := d.ImportBatch(c.Ctx, files, opt)
	if err != nil {
		if c.Ctx.Err() != nil {
			return fmt.Errorf("import cancelled; nothing was imported")
		}
		return err
	}
	failed := 0
	for _, f := range p.Files {
		if f.Refusal != nil {
			fmt.Fprintln(c.Stderr, "depositdesk:", printableError(f.Refusal))
			if f.Shop == "" && len(f.Holders) == 0 {
				fmt.Fprintf(c.Stderr, "depositdesk: the first export of a shop needs its name: depositdesk import --shop NAME %q\n", f.Path)
			}
			failed++
			continue
		}
		printImport(c, f.Plan)
	}
	if len(g.Batches) > 1 {
		c.printf("%d files imported as import group #%d; undo them together with: depositdesk undo --group %d\n", len(g.Batches), g.ID, g.ID)
	}
	if failed > 0 {
		return errors.New(notImported(failed, len(p.Files)))
	}
	return nil
}

// notImported is the closing line of an import in which some files failed.
func notImported(failed, total int) string {
	switch {
	case total == 1:
		return "the file was not imported"
	case failed == total:
		return fmt.Sprintf("none of the %d files were imported", total)
	case total-failed == 1:
		return fmt.Sprintf("%d of %d files %s not imported; the other one was", failed, total, data.Plural(failed, "was", "were"))
	}
	return fmt.Sprintf("%d of %d files %s not imported; the others were", failed, total, data.Plural(failed, "was", "were"))
}

// count is "1 row" or "3 rows": n and the noun that fits it.
func count(n int, one, many string) string { return strconv.Itoa(n) + " " + data.Plural(n, one, many) }

func printImport(c *ctx, p *app.ImportPlan) {
	b := p.Batch
	if p.AlreadyImported {
		c.printf("%s: already imported into %s as batch #%d; nothing changed (%d unchanged).\n", filepath.Base(p.Path), p.Shop.Name, b.ID, b.Unchanged)
		return
	}
	enc := ""
	if b.Encoding != "" && b.Encoding != "UTF-8" && b.Encoding != "xlsx" {
		enc = ", read as " + b.Encoding
	}
	c.printf("%s → %s: batch #%d, %s export of %s (time from %s%s)\n", b.FileName, p.Shop.Name, b.ID, b.Kind, b.ExportedAt, p.ExportTimeFrom, enc)
	records := count(b.Records, "order", "orders")
	if b.Kind == data.KindReturns {
		records = count(b.Records, "case", "cases")
	}
	c.printf("  %s, %s: %d new, %d updated, %d unchanged, %d skipped (older than what is stored)\n",
		count(b.Rows, "row", "rows"), records, b.Created, b.Updated, b.Unchanged, b.Skipped)
	for _, w := range p.Warnings {
		c.printf("  warning: %s\n", w.Error())
	}
	printUnknown(c, p.Unknown)
}

func importsList(c *ctx, args []string) error {
	l := newListing("imports", true)
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	batches, err := d.Imports(c.Ctx, l.shopName())
	if err != nil {
		return err
	}
	if *l.json {
		if batches == nil {
			batches = []data.ImportBatch{}
		}
		return c.json(map[string]any{"imports": batches})
	}
	if len(batches) == 0 {
		c.printf("No imports yet.\n")
		return nil
	}
	w := &table{}
	w.row("BATCH", "SHOP", "FILE", "KIND", "EXPORTED", "ROWS", "NEW", "UPDATED", "UNCHANGED", "SKIPPED", "IMPORTED")
	for _, b := range batches {
		when := b.ImportedAt.Local().Format("2006-01-02 15:04")
		if b.Undone {
			when += " (undone)"
		}
		w.row(fmt.Sprintf("#%d", b.ID), b.Shop, b.FileName, string(b.Kind), b.ExportedAt.String(),
			itoa(b.Rows), itoa(b.Created), itoa(b.Updated), itoa(b.Unchanged), itoa(b.Skipped), when)
	}
	return w.write(c.Stdout)
}

func undo(c *ctx, args []string) error {
	fs := newFlags("undo")
	group := fs.String("group", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	which := *group
	if which == "" && len(pos) == 1 {
		which = pos[0]
	} else if which == "" || len(pos) != 0 {
		return usagef("undo takes one BATCH_ID, or --group GROUP_ID (see: depositdesk imports)")
	}
	id, err := parseID(which)
	if err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	if *group != "" {
		g, err := d.UndoGroup(c.Ctx, id)
		if err != nil {
			return err
		}
		c.printf("Undid import group #%d (%s): the shops' orders and cases are as they were before it.\n", g.ID, count(len(g.Batches), "file", "files"))
		return nil
	}
	b, err := d.Undo(c.Ctx, id)
	if err != nil {
		return err
	}
	c.printf("Undid batch #%d (%s in %s): the shop's orders and cases are as they were before it.\n", b.ID, b.FileName, b.Shop)
	return nil
}

func violationAdd(c *ctx, args []string) error {
	fs := newFlags("violation add")
	shop := fs.String("shop", "", "")
	date := fs.String("date", "", "")
	kind := fs.String("kind", "", "")
	penalty := fs.String("penalty", "0", "")
	resolved := fs.String("resolved", "", "")
	note := fs.String("note", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *shop == "" || *date == "" || *kind == "" {
		return usagef("violation add needs --shop, --date and --kind")
	}
	var v data.Violation
	var err error
	if v.Date, err = dateFlag("date", *date); err != nil {
		return err
	}
	if v.Resolved, err = dateFlag("resolved", *resolved); err != nil {
		return err
	}
	if v.Penalty, err = moneyFlag("penalty", *penalty); err != nil {
		return err
	}
	v.Kind, v.Note = strings.TrimSpace(*kind), *note
	d, err := c.open()
	if err != nil {
		return err
	}
	if _, err := d.AddViolation(c.Ctx, *shop, v); err != nil {
		return err
	}
	state := "open"
	if v.Resolved != data.NoDate {
		state = "resolved " + v.Resolved.String()
	}
	c.printf("Recorded violation %q on %s for %s (penalty %s, %s).\n", v.Kind, v.Date, *shop, v.Penalty, state)
	return nil
}

func violationList(c *ctx, args []string) error {
	l := newListing("violation list", true)
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	vs, err := d.Violations(c.Ctx, l.shopName())
	if err != nil {
		return err
	}
	names := map[int64]string{}
	shops, _ := d.Shops(c.Ctx)
	for _, s := range shops {
		names[s.ID] = s.Name
	}
	type vJSON struct {
		ID       int64      `json:"id"`
		Shop     string     `json:"shop"`
		Date     data.Date  `json:"date"`
		Kind     string     `json:"kind"`
		Penalty  data.Money `json:"penalty"`
		Resolved data.Date  `json:"resolved"`
		Note     string     `json:"note"`
	}
	out := make([]vJSON, len(vs))
	for i, v := range vs {
		out[i] = vJSON{v.ID, names[v.ShopID], v.Date, v.Kind, v.Penalty, v.Resolved, v.Note}
	}
	if *l.json {
		return c.json(map[string]any{"violations": out})
	}
	if len(out) == 0 {
		c.printf("No violations recorded.\n")
		return nil
	}
	w := &table{}
	w.row("ID", "SHOP", "DATE", "KIND", "PENALTY", "RESOLVED")
	for _, v := range out {
		w.row(fmt.Sprintf("%d", v.ID), v.Shop, v.Date.String(), v.Kind, v.Penalty.String(), dash(v.Resolved.String()))
	}
	return w.write(c.Stdout)
}

func readiness(c *ctx, args []string) error {
	fs := newFlags("readiness")
	asOfText := fs.String("as-of", "", "")
	var shops multi
	fs.Var(&shops, "shop", "")
	asJSON := fs.Bool("json", false, "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	asOf, err := asOfFlag(c, *asOfText)
	if err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	// Every shop today, read as text, is a look at the overview (app.Overview,
	// as the window's): it says what changed since the last look and records this one.
	look := len(shops) == 0 && !*asJSON && asOf == d.Today()
	var verdicts []app.Verdict
	var ov app.Overview
	if look {
		if ov, err = d.Overview(c.Ctx, asOf); err != nil {
			return err
		}
		verdicts = ov.Verdicts
		err = d.Looked(c.Ctx, ov) // audits status changes since the last readiness
	} else if verdicts, err = d.Readiness(c.Ctx, asOf, shops...); err == nil {
		err = d.RecordVerdicts(c.Ctx, verdicts) // audits status changes since the last readiness
	}
	if err != nil {
		return err
	}
	if *asJSON {
		if verdicts == nil {
			verdicts = []app.Verdict{}
		}
		return c.json(struct {
			AsOf  data.Date     `json:"as_of"`
			Shops []app.Verdict `json:"shops"`
		}{asOf, verdicts})
	}
	c.printf("Readiness on %s\n\n", asOf)
	if look && len(ov.Changed) > 0 {
		var names []string
		for _, v := range verdicts {
			if ch, ok := ov.Changed[v.ShopID]; ok {
				switch {
				case ch.Was != "" && ch.Overdue:
					names = append(names, fmt.Sprintf("%s (%s → %s, application overdue)", v.Shop, ch.Was, v.Status))
				case ch.Was != "":
					names = append(names, fmt.Sprintf("%s (%s → %s)", v.Shop, ch.Was, v.Status))
				default:
					names = append(names, v.Shop+" (application overdue)")
				}
			}
		}
		c.printf("Changed since the last look: %s\n\n", strings.Join(names, ", "))
	}
	w := &table{}
	w.row("SHOP", "STATUS", "READY ON", "REFUNDABLE", "DATA AS OF", "WHAT BLOCKS IT")
	for _, v := range verdicts {
		stale := ""
		if v.Stale {
			stale = " (stale)"
		}
		w.row(v.Shop, v.Status, dash(v.ReadyOn.String()), v.Refundable.String()+" "+v.Currency,
			dash(v.DataAsOf.String())+stale, clip(mainBlocker(v), 90))
	}
	if err := w.write(c.Stdout); err != nil {
		return err
	}
	if len(shops) > 0 {
		for _, v := range verdicts {
			c.printf("\n%s — %s (rules %s)\n", v.Shop, v.Status, v.Rules)
			for _, ch := range v.Checks {
				mark := "✗"
				if ch.OK {
					mark = "✓"
				}
				due := ""
				if ch.Due != data.NoDate {
					due = " [" + ch.Due.String() + "]"
				}
				c.printf("  %s %-20s %s%s\n", mark, ch.ID, ch.Detail, due)
			}
		}
	}
	return nil
}

func mainBlocker(v app.Verdict) string {
	if v.MainBlocker == nil {
		return "—"
	}
	return v.MainBlocker.ID + ": " + v.MainBlocker.Detail
}

func rulesList(c *ctx, args []string) error {
	l := newListing("rules list", false)
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	rules, err := d.RuleSets(c.Ctx)
	if err != nil {
		return err
	}
	if *l.json {
		type rJSON struct {
			data.RuleSet
			Label string `json:"label"`
		}
		out := make([]rJSON, len(rules))
		for i, r := range rules {
			out[i] = rJSON{r, r.Label()}
		}
		return c.json(map[string]any{"rules": out})
	}
	for _, r := range rules {
		kind := "copy"
		if r.BuiltIn {
			kind = "built-in"
		}
		p := r.Params
		c.printf("%s — %s (%s)\n", r.Label(), r.Name, kind)
		c.printf("  minimum operating days %d; quiet period %s; closure notice %s\n", p.MinOperatingDays,
			count(p.QuietDays, "day", "days"), count(p.ClosureNoticeDays, "day", "days"))
		c.printf("  return window: %s\n", windows(r))
		steps := "none"
		if len(p.Steps) > 0 {
			steps = strings.Join(p.Steps, ", ")
		}
		c.printf("  closure steps: %s\n  source: %s\n\n", steps, r.Source)
	}
	return nil
}

func windows(r data.RuleSet) string {
	var parts []string
	for _, site := range []string{"US", "UK", "VN", "TH", "ID", "MY", "PH", "SG"} {
		if d, ok := r.Params.ReturnWindow[site]; ok {
			parts = append(parts, fmt.Sprintf("%s %d", site, d))
		}
	}
	parts = append(parts, "other "+count(r.Params.DefaultWindow, "day", "days"))
	return strings.Join(parts, ", ")
}

func audit(c *ctx, args []string) error {
	l := newListing("audit", true)
	export := l.String("export", "", "")
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	if *export != "" {
		return auditExport(c, d, *export, l.shopName())
	}
	entries, err := d.Audit(c.Ctx, l.shopName(), 0)
	if err != nil {
		return err
	}
	if *l.json {
		if entries == nil {
			entries = []data.AuditEntry{}
		}
		return c.json(map[string]any{"audit": entries})
	}
	w := &table{}
	w.row("WHEN", "USER", "SHOP", "ACTION", "DETAIL")
	for _, e := range entries {
		w.row(e.At.Local().Format("2006-01-02 15:04:05"), e.User, dash(e.Shop), e.Action, e.Detail)
	}
	return w.write(c.Stdout)
}

func demo(c *ctx, args []string) error {
	if _, err := parse(newFlags("demo"), args); err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	n, err := d.LoadDemo(c.Ctx)
	if err != nil {
		return err
	}
	c.printf("Loaded %s and their exports into %s.\nSee the verdicts: depositdesk readiness\n", count(n, "sample shop", "sample shops"), d.Path())
	return nil
}

func itoa(n int) string { return strconv.Itoa(n) }
