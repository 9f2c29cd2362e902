package app

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"depositdesk/data"
)

// AddViolation records a platform penalty against a shop.
func (d *Desk) AddViolation(ctx context.Context, shop string, v data.Violation) (data.Violation, error) {
	sh, err := d.Shop(ctx, shop)
	if err != nil {
		return v, err
	}
	v.ShopID = sh.ID
	return v, d.saveViolation(ctx, sh, v, "violation.add")
}

// SaveViolation edits a violation (resolving it, correcting its penalty).
func (d *Desk) SaveViolation(ctx context.Context, v data.Violation) error {
	sh, err := d.store.ShopByID(ctx, v.ShopID)
	if err != nil {
		return err
	}
	return d.saveViolation(ctx, sh, v, "violation.edit")
}

func (d *Desk) saveViolation(ctx context.Context, sh data.Shop, v data.Violation, action string) error {
	switch {
	case v.Date == data.NoDate:
		return data.Msg("A violation needs the date it was raised.", nil)
	case v.Kind == "":
		return data.Msg("A violation needs a kind (what the platform called it).", nil)
	case v.Penalty < 0:
		return data.Msg("A penalty cannot be negative.", nil)
	case v.Resolved != data.NoDate && v.Resolved < v.Date:
		return data.Msg("A violation cannot be resolved before it was raised.", nil)
	}
	err := d.store.Update(ctx, "save a violation of "+sh.Name, func(tx *data.Tx) error {
		id, err := data.SaveViolationTx(tx, v)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("#%d %s on %s, penalty %s %s", id, v.Kind, v.Date, v.Penalty, sh.Currency)
		if v.Resolved != data.NoDate {
			detail += ", resolved " + v.Resolved.String()
		}
		return data.AuditTx(tx, d.audit(sh, action, detail))
	})
	return d.changed(err, Change{ChangedViolation, sh.ID})
}

// Violations lists a shop's violations ("" for all shops).
func (d *Desk) Violations(ctx context.Context, shop string) ([]data.Violation, error) {
	id, err := d.shopID(ctx, shop)
	if err != nil {
		return nil, err
	}
	return d.store.Violations(ctx, id)
}

// RuleSets lists the rule sets, built-in ones first.
func (d *Desk) RuleSets(ctx context.Context) ([]data.RuleSet, error) { return d.store.RuleSets(ctx) }

// SaveRuleSet stores an edited copy; built-in rule sets are read-only.
func (d *Desk) SaveRuleSet(ctx context.Context, r data.RuleSet) error {
	for _, b := range BuiltInRuleSets() {
		if b.ID == r.ID {
			return data.Msg("The built-in rule set {{.ID}} cannot be changed; copy it and edit the copy.", map[string]any{"ID": r.ID})
		}
	}
	if err := ValidateRuleSet(r); err != nil {
		return err
	}
	r.BuiltIn = false
	switch old, err := d.store.RuleSet(ctx, r.ID); {
	case err == nil:
		r.Version = old.Version + 1
	case !errors.Is(err, data.ErrNotFound):
		return err
	case r.Version == 0:
		r.Version = 1
	}
	err := d.store.Update(ctx, "save the rule set "+r.ID, func(tx *data.Tx) error {
		if err := data.SaveRuleSetTx(tx, r); err != nil {
			return err
		}
		return data.AuditTx(tx, data.AuditEntry{At: d.Now(), User: d.User, Action: "rules.edit", Detail: r.Label()})
	})
	return d.changed(err, Change{Kind: ChangedRules})
}

// Readiness computes the verdict of every shop (or of the named ones) on asOf.
func (d *Desk) Readiness(ctx context.Context, asOf data.Date, names ...string) ([]Verdict, error) {
	var shops []data.Shop
	if len(names) == 0 {
		var err error
		if shops, err = d.store.Shops(ctx); err != nil {
			return nil, err
		}
	}
	for _, n := range names {
		sh, err := d.Shop(ctx, n)
		if err != nil {
			return nil, err
		}
		shops = append(shops, sh)
	}
	return d.verdicts(ctx, shops, asOf)
}

// verdicts computes the verdict of each shop on asOf, in the order given.
func (d *Desk) verdicts(ctx context.Context, shops []data.Shop, asOf data.Date) ([]Verdict, error) {
	rules := map[string]data.RuleSet{}
	all, err := d.store.RuleSets(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range all {
		rules[r.ID] = r
	}
	violations := map[int64][]data.Violation{}
	vs, err := d.store.Violations(ctx, 0)
	if err != nil {
		return nil, err
	}
	for _, v := range vs {
		violations[v.ShopID] = append(violations[v.ShopID], v)
	}
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	evidence, err := d.store.Evidence(ctx)
	if err != nil {
		return nil, err
	}
	for _, sh := range shops {
		if _, ok := rules[sh.RuleSet]; !ok {
			return nil, data.Msg("Shop {{.Shop}} uses the rule set {{.ID}}, which no longer exists.", map[string]any{"Shop": sh.Name, "ID": sh.RuleSet})
		}
	}
	// The shops are shared among a few readers: WAL lets them read at once,
	// and the aggregates are SQLite's work, which spreads over the cores.
	out := make([]Verdict, len(shops))
	workers := min(d.store.Readers(), max(1, len(shops)/200))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r, err := d.store.Facts(ctx)
			if err != nil {
				errs[w] = fmt.Errorf("begin reading the shops: %w", err)
				return
			}
			defer r.Close()
			for i := w; i < len(shops); i += workers {
				sh := shops[i]
				rs := rules[sh.RuleSet]
				f := Facts{Shop: sh, Rules: rs, Violations: violations[sh.ID], Evidence: evidence[sh.ID]}
				if f.Orders, err = r.Orders(ctx, sh.ID, rs.Window(sh.Site), asOf); err != nil {
					errs[w] = fmt.Errorf("read the orders of %s: %w", sh.Name, err)
					return
				}
				if f.Cases, err = r.Cases(ctx, sh.ID); err != nil {
					errs[w] = fmt.Errorf("read the after-sales cases of %s: %w", sh.Name, err)
					return
				}
				for _, g := range f.Cases.OpenValues {
					if _, unknown := vocab.CaseOpen(g.Values); len(unknown) > 0 {
						f.Cases.Unknown += g.Count
					}
				}
				out[i] = Evaluate(f, asOf)
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// BlockingOrders lists the orders that keep a shop from closing today: the
// unsettled ones and the delivered ones still inside their return window.
func (d *Desk) BlockingOrders(ctx context.Context, shop string, limit int) ([]data.Order, error) {
	sh, err := d.Shop(ctx, shop)
	if err != nil {
		return nil, err
	}
	rs, err := d.store.RuleSet(ctx, sh.RuleSet)
	if err != nil {
		return nil, err
	}
	return d.store.BlockingOrders(ctx, sh.ID, rs.Window(sh.Site), d.Today(), limit)
}

// OpenCases lists a shop's open after-sales cases.
func (d *Desk) OpenCases(ctx context.Context, shop string, limit int) ([]data.ReturnCase, error) {
	sh, err := d.Shop(ctx, shop)
	if err != nil {
		return nil, err
	}
	return d.store.Cases(ctx, sh.ID, true, limit)
}
