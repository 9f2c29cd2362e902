package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"depositdesk/app"
	"depositdesk/data"
)

// applicationCommands are export and the application lifecycle (PRODUCT.md §4, §5).
var applicationCommands = []command{
	{[]string{"export"}, "export --out DIR [--as-of DATE] [--shop NAME]... [--lang zh|en]", exportApplications},
	{[]string{"application", "list"}, "application list [--as-of DATE] [--json]", applicationList},
	{[]string{"application", "set"}, "application set SHOP --status submitted|approved|rejected|refunded [--on DATE] [--note T]", applicationSet},
}

// envLang is the UI language of the environment: Chinese when LC_ALL,
// LC_MESSAGES or LANG (the first one set) starts with zh, else English.
func envLang() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

func exportApplications(c *ctx, args []string) error {
	fs := newFlags("export")
	out := fs.String("out", "", "")
	asOfText := fs.String("as-of", "", "")
	lang := fs.String("lang", "", "")
	var shops multi
	fs.Var(&shops, "shop", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("export takes shops as --shop NAME, not %q", pos[0])
	}
	if strings.TrimSpace(*out) == "" {
		return usagef("export needs --out DIR, the folder to write the workbooks into")
	}
	switch *lang {
	case "":
		*lang = envLang()
	case "zh", "en":
	default:
		return usagef("--lang: %q is not a language; use zh or en", *lang)
	}
	asOf, err := asOfFlag(c, *asOfText)
	if err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	// Warnings (not ready, stale data) come before the workbooks are written.
	warn := func(ws []data.Message) {
		for _, w := range ws {
			fmt.Fprintln(c.Stderr, "warning:", w.Error())
		}
	}
	res, err := d.ExportWith(c.Ctx, *out, asOf, app.ExportOptions{Lang: *lang, Warn: warn}, shops...)
	for _, a := range res.Applications {
		state := "application " + string(a.Status)
		if a.Kept {
			state = "application stays " + string(a.Status)
		}
		c.printf("%s → %s (%s, %s %s refundable; %s)\n", a.Shop, a.File, a.Verdict, a.Amount, a.Currency, state)
	}
	if res.Summary != "" {
		c.printf("Summary → %s (applications: %d)\n", res.Summary, len(res.Applications))
	}
	warn(res.Warnings)
	return err
}

// applicationJSON is the `application list --json` form; the account number is masked.
type applicationJSON struct {
	Shop      string     `json:"shop"`
	Status    string     `json:"status"`
	Amount    data.Money `json:"amount"`
	Currency  string     `json:"currency"`
	Account   string     `json:"account"`
	Created   data.Date  `json:"created"`
	Submitted data.Date  `json:"submitted"`
	Decided   data.Date  `json:"decided"`
	Refunded  data.Date  `json:"refunded"`
	Overdue   bool       `json:"overdue"`
	Valid     bool       `json:"valid"`
	Why       *string    `json:"why"`
	File      string     `json:"file"`
	Note      string     `json:"note"`
}

func applicationList(c *ctx, args []string) error {
	l := newListing("application list", false)
	asOfText := l.String("as-of", "", "")
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	asOf, err := asOfFlag(c, *asOfText)
	if err != nil {
		return err
	}
	apps, err := d.Applications(c.Ctx, asOf)
	if err != nil {
		return err
	}
	if *l.json {
		out := make([]applicationJSON, len(apps))
		for i, a := range apps {
			j := applicationJSON{Shop: a.Shop, Status: string(a.Status), Amount: a.Amount, Currency: a.Currency,
				Account: a.Account.Number, Created: a.Created, Submitted: a.Submitted, Decided: a.Decided,
				Refunded: a.Refunded, Overdue: a.Overdue, Valid: a.Valid, File: a.File, Note: a.Note}
			if !a.Valid {
				why := a.Why.Message()
				j.Why = &why
			}
			out[i] = j
		}
		return c.json(map[string]any{"as_of": asOf, "applications": out})
	}
	if len(apps) == 0 {
		c.printf("No applications yet. Prepare them: depositdesk export --out DIR\n")
		return nil
	}
	w := &table{}
	w.row("SHOP", "STATUS", "AMOUNT", "ACCOUNT", "CREATED", "SUBMITTED", "DECIDED", "REFUNDED", "FLAGS")
	for _, a := range apps {
		var flags []string
		if a.Overdue {
			flags = append(flags, "overdue since "+a.ReviewDue.AddDays(1).String())
		}
		if !a.Valid {
			flags = append(flags, "no longer valid")
		}
		w.row(a.Shop, string(a.Status), a.Amount.String()+" "+a.Currency, dash(a.Account.Number),
			dash(a.Created.String()), dash(a.Submitted.String()), dash(a.Decided.String()), dash(a.Refunded.String()),
			dash(strings.Join(flags, ", ")))
	}
	if err := w.write(c.Stdout); err != nil {
		return err
	}
	for _, a := range apps {
		if a.Overdue {
			c.printf("\n%s: submitted on %s, no decision after the expected %s (due %s).", a.Shop, a.Submitted, count(d.ReviewDays(c.Ctx), "day", "days"), a.ReviewDue)
		}
		if !a.Valid {
			c.printf("\n%s: the prepared application is no longer valid: %s.", a.Shop, a.Why.Message())
		}
	}
	for _, a := range apps {
		if a.Overdue || !a.Valid {
			c.printf("\n")
			break
		}
	}
	return nil
}

func applicationSet(c *ctx, args []string) error {
	fs := newFlags("application set")
	status := fs.String("status", "", "")
	on := fs.String("on", "", "")
	note := fs.String("note", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("application set takes one SHOP (quote a name with spaces)")
	}
	st := data.ApplicationStatus(strings.ToLower(strings.TrimSpace(*status)))
	switch st {
	case data.AppSubmitted, data.AppApproved, data.AppRejected, data.AppRefunded:
	case "":
		return usagef("application set needs --status submitted|approved|rejected|refunded")
	default:
		return usagef("--status: %q is not a status; use submitted, approved, rejected or refunded", *status)
	}
	day, err := dateFlag("on", *on)
	if err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	if day == data.NoDate {
		day = d.Today()
	}
	if err := d.SetApplicationStatus(c.Ctx, pos[0], 0, st, day, strings.TrimSpace(*note)); err != nil {
		return err
	}
	c.printf("%s: application %s on %s.\n", pos[0], st, day)
	return nil
}

// auditExport writes the audit log to a file (`audit --export FILE`).
func auditExport(c *ctx, d *app.Desk, path, shop string) error {
	if err := d.ExportAudit(c.Ctx, path, shop); err != nil {
		return err
	}
	abs, _ := filepath.Abs(path)
	c.printf("Audit log written to %s\n", abs)
	return nil
}
