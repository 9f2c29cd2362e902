package screens

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

// watchedDesk is a real desk that notes how each overview was asked for.
type watchedDesk struct {
	*app.Desk
	asked []error // the context's Err() as each Overview began, in order
	got   []error // what each Overview returned
}

func (w *watchedDesk) Overview(ctx context.Context, asOf data.Date) (app.Overview, error) {
	w.asked = append(w.asked, ctx.Err())
	ov, err := w.Desk.Overview(ctx, asOf)
	w.got = append(w.got, err)
	return ov, err
}

func TestANewerOverviewRefreshCancelsTheOneItReplaces(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, string(LanguageEnglish))
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	d := &watchedDesk{Desk: demoDesk(t)}
	var queued []func()
	s := newShell(a, d, func(work func()) { queued = append(queued, work) })
	o := s.overview
	if len(queued) != 1 {
		t.Fatalf("building the overview queued %d refreshes, want 1", len(queued))
	}
	o.refresh() // the data changed before the first answer came
	if len(queued) != 2 {
		t.Fatalf("%d refreshes queued, want 2", len(queued))
	}
	for _, work := range queued {
		work()
	}
	if len(d.asked) != 2 || !errors.Is(d.asked[0], context.Canceled) || d.asked[1] != nil {
		t.Fatalf("the overviews were asked with contexts %v; want the replaced one cancelled, the newer live", d.asked)
	}
	if !errors.Is(d.got[0], context.Canceled) || d.got[1] != nil {
		t.Fatalf("the overviews returned %v; want the replaced one stopped (context.Canceled), the newer computed", d.got)
	}
	// What shows is the newer answer; the stopped one is no error to the person.
	if o.verdictErr != nil || o.errText.Visible() || len(o.table.Rows()) != 4 {
		t.Fatalf("the overview shows error %v (text shown: %v) and %d rows; want no error and the 4 sample shops",
			o.verdictErr, o.errText.Visible(), len(o.table.Rows()))
	}
}

func TestStartingALoadCancelsTheOneUnderWayAndOnlyTheNewestCounts(t *testing.T) {
	var l loads
	first, firstCtx := l.start()
	second, secondCtx := l.start()
	if !errors.Is(firstCtx.Err(), context.Canceled) || secondCtx.Err() != nil {
		t.Fatalf("after a second load: first %v, second %v; want the first cancelled, the second live", firstCtx.Err(), secondCtx.Err())
	}
	if l.latest(first) || !l.latest(second) {
		t.Fatalf("latest(first) = %v, latest(second) = %v", l.latest(first), l.latest(second))
	}
}
