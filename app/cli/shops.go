package cli

import (
	"flag"
	"fmt"
	"strings"

	"depositdesk/data"
)

// shopFlags are the flags of `shop add` and `shop set` — one list serves
// both, so one `add` creates a complete shop — bound to strings so that `set`
// changes only what was given.
type shopFlags struct {
	fs   *flag.FlagSet
	vals map[string]*string
}

// shopFlagNames are every flag of add and set; set also takes --name (a new name).
var shopFlagNames = []string{"site", "deposit", "currency", "platform", "rules", "code", "client", "opened", "contract-end",
	"account-holder", "bank", "account-number", "swift", "notes",
	"closure-notice", "marketing-stopped", "creators-unbound", "commissions-settled", "dues-settled"}

// shopFlagUsage is the flag part of the usage of add and set.
const shopFlagUsage = "[--platform tiktok] [--rules tiktok-cb] [--code C] [--client C] [--opened DATE] [--contract-end DATE] " +
	"[--account-holder H --bank B --account-number N --swift S] [--closure-notice DATE] [--marketing-stopped DATE] " +
	"[--creators-unbound DATE] [--commissions-settled DATE] [--dues-settled DATE] [--notes T]"

func newShopFlags(name string, rename bool) *shopFlags {
	sf := &shopFlags{fs: newFlags(name), vals: map[string]*string{}}
	names := shopFlagNames
	if rename {
		names = append(append([]string{}, names...), "name")
	}
	for _, n := range names {
		sf.vals[n] = sf.fs.String(n, "", "")
	}
	return sf
}

// apply copies the given flags onto the shop.
func (sf *shopFlags) apply(sh *data.Shop) error {
	set := given(sf.fs)
	str := map[string]*string{
		"site": &sh.Site, "currency": &sh.Currency, "platform": &sh.Platform, "rules": &sh.RuleSet,
		"code": &sh.Code, "client": &sh.Client, "name": &sh.Name, "notes": &sh.Notes,
		"account-holder": &sh.Account.Holder, "bank": &sh.Account.Bank,
		"account-number": &sh.Account.Number, "swift": &sh.Account.Swift,
	}
	dates := map[string]*data.Date{
		"opened": &sh.Opened, "contract-end": &sh.ContractEnd,
		"closure-notice": &sh.Steps.ClosureNotice, "marketing-stopped": &sh.Steps.MarketingStopped,
		"creators-unbound": &sh.Steps.CreatorsUnbound, "commissions-settled": &sh.Steps.CommissionsSettled,
		"dues-settled": &sh.Steps.DuesSettled,
	}
	for name := range set {
		v := strings.TrimSpace(*sf.vals[name])
		switch {
		case name == "deposit":
			m, err := moneyFlag(name, v)
			if err != nil {
				return err
			}
			sh.Deposit = m
		case str[name] != nil:
			*str[name] = v
		case dates[name] != nil:
			d, err := dateFlag(name, v)
			if err != nil {
				return err
			}
			*dates[name] = d
		}
	}
	return nil
}

func shopAdd(c *ctx, args []string) error {
	sf := newShopFlags("shop add", false)
	pos, err := parse(sf.fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("shop add takes one shop name (quote a name with spaces)")
	}
	set := given(sf.fs)
	for _, req := range []string{"site", "deposit", "currency"} {
		if !set[req] {
			return usagef("shop add needs --%s", req)
		}
	}
	sh := data.Shop{Name: pos[0]}
	if err := sf.apply(&sh); err != nil {
		return err
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	sh, err = d.AddShop(c.Ctx, sh)
	if err != nil {
		return err
	}
	c.printf("Added shop %s (%s, deposit %s %s, rules %s).\n", sh.Name, sh.Site, sh.Deposit, sh.Currency, sh.RuleSet)
	return nil
}

func shopSet(c *ctx, args []string) error {
	sf := newShopFlags("shop set", true)
	pos, err := parse(sf.fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("shop set takes one shop name (quote a name with spaces)")
	}
	if len(given(sf.fs)) == 0 {
		return usagef("shop set needs at least one flag to change")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	sh, err := d.Shop(c.Ctx, pos[0])
	if err != nil {
		return err
	}
	if err := sf.apply(&sh); err != nil {
		return err
	}
	if err := d.SaveShop(c.Ctx, sh); err != nil {
		return err
	}
	c.printf("Saved shop %s.\n", sh.Name)
	return nil
}

// shopJSON is the `shop list --json` form; the account number is masked.
type shopJSON struct {
	Name        string     `json:"name"`
	Platform    string     `json:"platform"`
	Site        string     `json:"site"`
	Code        string     `json:"code"`
	Client      string     `json:"client"`
	Opened      data.Date  `json:"opened"`
	ContractEnd data.Date  `json:"contract_end"`
	Deposit     data.Money `json:"deposit"`
	Currency    string     `json:"currency"`
	Rules       string     `json:"rules"`
	Account     struct {
		Holder string `json:"holder"`
		Bank   string `json:"bank"`
		Number string `json:"number"`
		Swift  string `json:"swift"`
	} `json:"account"`
	Steps data.Steps `json:"steps"`
	Notes string     `json:"notes"`
}

func shopList(c *ctx, args []string) error {
	l := newListing("shop list", false)
	d, err := l.open(c, args)
	if err != nil {
		return err
	}
	shops, err := d.Shops(c.Ctx)
	if err != nil {
		return err
	}
	if *l.json {
		out := make([]shopJSON, len(shops))
		for i, s := range shops {
			j := shopJSON{Name: s.Name, Platform: s.Platform, Site: s.Site, Code: s.Code, Client: s.Client,
				Opened: s.Opened, ContractEnd: s.ContractEnd, Deposit: s.Deposit, Currency: s.Currency,
				Rules: s.RuleSet, Steps: s.Steps, Notes: s.Notes}
			j.Account.Holder, j.Account.Bank, j.Account.Swift = s.Account.Holder, s.Account.Bank, s.Account.Swift
			j.Account.Number = s.Account.MaskedNumber()
			out[i] = j
		}
		return c.json(map[string]any{"shops": out})
	}
	if len(shops) == 0 {
		c.printf("No shops yet. Add one: depositdesk shop add NAME --site US --deposit 500 --currency USD\n")
		return nil
	}
	w := &table{}
	w.row("SHOP", "SITE", "CLIENT", "DEPOSIT", "RULES", "ACCOUNT")
	for _, s := range shops {
		acct := "—"
		if s.Account.Complete() {
			acct = s.Account.Bank + " " + s.Account.MaskedNumber()
		}
		w.row(s.Name, s.Site, dash(s.Client), fmt.Sprintf("%s %s", s.Deposit, s.Currency), s.RuleSet, acct)
	}
	return w.write(c.Stdout)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
