package app

import (
	"context"
	"fmt"

	"depositdesk/data"
)

// Overview is everything the overview shows, built by one call so that the
// window and the command line never repeat the same steps: every shop's
// verdict, the applications (from those same verdicts), and what changed
// since someone last looked.
type Overview struct {
	AsOf     data.Date
	Shops    []data.Shop // by name
	Verdicts []Verdict   // one per shop, in the order of Shops
	// Applications are the prepared applications, judged against Verdicts.
	Applications []ApplicationView
	ReviewDays   int
	// Changed are the shops whose status differs from the last look, or whose
	// application went overdue since, by shop id. Empty on the first look.
	Changed map[int64]ShopChange
}

// ShopChange is what changed of one shop since the last look.
type ShopChange struct {
	Was     string // the status it had; "" when only the application changed
	Overdue bool   // its application went overdue since
}

// Application is the shop's application, or nil when it has none.
func (o *Overview) Application(shopID int64) *ApplicationView {
	for i := range o.Applications {
		if o.Applications[i].ShopID == shopID {
			return &o.Applications[i]
		}
	}
	return nil
}

// Overview computes the verdicts once and builds the overview of asOf from
// them; it writes nothing. What changed since the last look is compared with
// the look recorded by Looked.
func (d *Desk) Overview(ctx context.Context, asOf data.Date) (Overview, error) {
	o := Overview{AsOf: asOf, ReviewDays: d.ReviewDays(ctx)}
	shops, err := d.store.Shops(ctx)
	if err != nil {
		return o, err
	}
	o.Shops = shops
	if o.Verdicts, err = d.verdicts(ctx, shops, asOf); err != nil {
		return o, err
	}
	if o.Applications, err = d.applicationViews(ctx, o.Verdicts, asOf, o.ReviewDays); err != nil {
		return o, err
	}
	last, err := d.store.LastLooks(ctx)
	if err != nil {
		return o, err
	}
	o.Changed = changesSince(last, o)
	return o, nil
}

// changesSince compares an overview with the last look. Shops new since then
// are not changes; nor is anything on the first look.
func changesSince(last map[int64]data.Look, o Overview) map[int64]ShopChange {
	out := map[int64]ShopChange{}
	if len(last) == 0 {
		return out
	}
	for _, v := range o.Verdicts {
		was, seen := last[v.ShopID]
		if !seen {
			continue
		}
		var c ShopChange
		if was.Status != v.Status {
			c.Was = was.Status
		}
		if a := o.Application(v.ShopID); a != nil && a.Overdue && !was.Overdue {
			c.Overdue = true
		}
		if c != (ShopChange{}) {
			out[v.ShopID] = c
		}
	}
	return out
}

// Looked records the overview as seen: the next Overview reports what
// changed since this one, and the audit log gets each verdict of today that
// changed status (RecordVerdicts). An overview of another day than today (a
// look ahead) is no look at how things stand and records nothing.
func (d *Desk) Looked(ctx context.Context, o Overview) error {
	if o.AsOf != d.Today() {
		return nil
	}
	if err := d.RecordVerdicts(ctx, o.Verdicts); err != nil {
		return fmt.Errorf("record the verdict changes: %w", err)
	}
	looks := make(map[int64]data.Look, len(o.Verdicts))
	for _, v := range o.Verdicts {
		l := data.Look{Status: v.Status}
		if a := o.Application(v.ShopID); a != nil {
			l.Overdue = a.Overdue
		}
		looks[v.ShopID] = l
	}
	return d.store.Update(ctx, "remember what the overview showed", func(tx *data.Tx) error {
		return data.SaveLooksTx(tx, looks, d.Now())
	})
}
