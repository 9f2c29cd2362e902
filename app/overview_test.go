package app

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// changeLog collects the changes a desk announces.
type changeLog struct {
	mu  sync.Mutex
	got []Change
}

func (l *changeLog) add(c Change) { l.mu.Lock(); l.got = append(l.got, c); l.mu.Unlock() }

func (l *changeLog) take() []Change {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.got
	l.got = nil
	return out
}

func TestEveryWriteAnnouncesOneChangeAndAFailedOneNone(t *testing.T) {
	d := demoDesk(t)
	log := &changeLog{}
	stop := d.OnChange(log.add)
	acme, err := d.Shop(context.Background(), "Acme US")
	if err != nil {
		t.Fatal(err)
	}

	acme.Notes = "call the bank"
	if err := d.SaveShop(context.Background(), acme); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0] != (Change{ChangedShop, acme.ID}) {
		t.Errorf("an edit announced %v", got)
	}
	acme.Name = ""
	if err := d.SaveShop(context.Background(), acme); err == nil {
		t.Fatal("a shop without a name was saved")
	}
	if got := log.take(); len(got) != 0 {
		t.Errorf("a refused edit announced %v", got)
	}

	if _, err := d.AddViolation(context.Background(), "Acme US", data.Violation{Date: demoAsOf, Kind: "Late dispatch", Penalty: 100}); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedViolation || got[0].ShopID != acme.ID {
		t.Errorf("a violation announced %v", got)
	}

	batches, err := d.Imports(context.Background(), "Acme US")
	if err != nil || len(batches) == 0 {
		t.Fatal(batches, err)
	}
	if _, err := d.Undo(context.Background(), batches[0].ID); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0] != (Change{ChangedUndo, acme.ID}) {
		t.Errorf("an undo announced %v", got)
	}
	if _, err := d.Undo(context.Background(), batches[0].ID); err == nil {
		t.Fatal("a batch was undone twice")
	}
	if got := log.take(); len(got) != 0 {
		t.Errorf("a refused undo announced %v", got)
	}

	if err := d.SetReviewDays(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedSettings {
		t.Errorf("the review time announced %v", got)
	}

	stop()
	if err := d.SetReviewDays(context.Background(), 12); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 0 {
		t.Errorf("a stopped listener still heard %v", got)
	}
}

func TestAnImportAndAnApplicationMoveAnnounceTheirShop(t *testing.T) {
	d := mustDesk(t)
	log := &changeLog{}
	d.OnChange(log.add)
	if _, err := d.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	kinds := map[ChangeKind]int{}
	for _, c := range log.take() {
		kinds[c.Kind]++
		if c.ShopID == 0 {
			t.Errorf("change %v names no shop", c)
		}
	}
	files := 0
	for _, ds := range demoShops {
		files += len(ds.files)
	}
	if kinds[ChangedShop] != len(demoShops) || kinds[ChangedImport] != files {
		t.Errorf("the sample data announced %v", kinds)
	}
	exportOK(t, d, t.TempDir(), "en", "Acme US")
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedApplication {
		t.Errorf("an export announced %v", got)
	}
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, "ticket 1"); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedApplication {
		t.Errorf("a status move announced %v", got)
	}
}

func TestTheOverviewHoldsEveryVerdictAndTheApplicationsJudgedByThem(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en", "Acme US", "Lotus MY")
	o, err := d.Overview(context.Background(), demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	want, err := d.Readiness(context.Background(), demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Verdicts) != len(want) || len(o.Shops) != len(want) {
		t.Fatalf("%d verdicts and %d shops, want %d", len(o.Verdicts), len(o.Shops), len(want))
	}
	for i := range want {
		if o.Verdicts[i].Shop != want[i].Shop || o.Verdicts[i].Status != want[i].Status || o.Shops[i].ID != o.Verdicts[i].ShopID {
			t.Errorf("verdict %d: %s %s, want %s %s", i, o.Verdicts[i].Shop, o.Verdicts[i].Status, want[i].Shop, want[i].Status)
		}
	}
	apps, err := d.Applications(context.Background(), demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Applications) != 2 || len(apps) != 2 {
		t.Fatalf("applications: overview %d, Applications %d", len(o.Applications), len(apps))
	}
	for i := range apps {
		if o.Applications[i].Shop != apps[i].Shop || o.Applications[i].Verdict != apps[i].Verdict || o.Applications[i].Valid != apps[i].Valid {
			t.Errorf("application %d: %+v, want %+v", i, o.Applications[i], apps[i])
		}
	}
	if a := o.Application(o.Applications[0].ShopID); a == nil || a.Shop != o.Applications[0].Shop {
		t.Errorf("Application(%d) = %v", o.Applications[0].ShopID, a)
	}
	if len(o.Changed) != 0 {
		t.Errorf("the first look reports changes: %v", o.Changed)
	}
}

func TestTheOverviewSaysWhatChangedSinceTheLastLook(t *testing.T) {
	d := demoDesk(t)
	ctx := context.Background()
	first, err := d.Overview(ctx, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Looked(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	again, err := d.Overview(ctx, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changed) != 0 {
		t.Fatalf("nothing changed, yet %v", again.Changed)
	}

	// An open violation blocks a shop that was not blocked.
	var shop Verdict
	for _, v := range first.Verdicts {
		if v.Status != Blocked {
			shop = v
			break
		}
	}
	if shop.Shop == "" {
		t.Fatal("every sample shop is blocked")
	}
	if _, err := d.AddViolation(context.Background(), shop.Shop, data.Violation{Date: demoAsOf, Kind: "Counterfeit claim"}); err != nil {
		t.Fatal(err)
	}
	after, err := d.Overview(ctx, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := after.Changed[shop.ShopID]; len(after.Changed) != 1 || !ok || c.Was != shop.Status {
		t.Fatalf("changes %v, want %s from %s", after.Changed, shop.Shop, shop.Status)
	}
	// Once looked at, it is no longer news, also for another Desk on the file.
	if err := d.Looked(context.Background(), after); err != nil {
		t.Fatal(err)
	}
	other, err := Open(d.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	later, err := other.Overview(ctx, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if len(later.Changed) != 0 {
		t.Errorf("after the look: %v", later.Changed)
	}
}

func TestAnApplicationGoneOverdueIsAChange(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en", "Acme US")
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, demoAsOf, ""); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	o, err := d.Overview(ctx, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Looked(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	late := demoAsOf.AddDays(d.ReviewDays(context.Background()) + 1)
	o2, err := d.Overview(ctx, late)
	if err != nil {
		t.Fatal(err)
	}
	acme := o2.Application(o.Applications[0].ShopID)
	if acme == nil || !acme.Overdue {
		t.Fatalf("application %+v is not overdue on %s", acme, late)
	}
	if c := o2.Changed[acme.ShopID]; !c.Overdue {
		t.Errorf("changes %v do not say Acme US went overdue", o2.Changed)
	}
}

func TestAListenerSeesTheWriteDone(t *testing.T) {
	d := demoDesk(t)
	var seen string
	d.OnChange(func(c Change) {
		sh, err := d.ShopByID(context.Background(), c.ShopID)
		if err != nil {
			t.Error(err)
		}
		seen = sh.Notes
	})
	sh, _ := d.Shop(context.Background(), "Lotus MY")
	sh.Notes = "closing in December"
	if err := d.SaveShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	if seen != "closing in December" {
		t.Errorf("the listener read %q", seen)
	}
	if err := d.changed(errors.New("disk full"), Change{Kind: ChangedShop}); err == nil || err.Error() != "disk full" {
		t.Errorf("changed lost the error: %v", err)
	}
}

func TestANoteAddedWithAStatusChangeIsKeptWithTheEarlierOnes(t *testing.T) {
	d := demoDesk(t)
	exportOK(t, d, t.TempDir(), "en", "Acme US")
	for _, m := range []struct {
		to   data.ApplicationStatus
		note string
	}{{data.AppSubmitted, "ticket 4471"}, {data.AppRejected, "bank letter missing"}, {data.AppSubmitted, ""}} {
		if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, m.to, demoAsOf, m.note); err != nil {
			t.Fatal(err)
		}
	}
	if v := viewOf(t, d, demoAsOf, "Acme US"); v.Note != "ticket 4471\nbank letter missing" {
		t.Errorf("notes %q", v.Note)
	}
}

func TestALookAheadIsNoLook(t *testing.T) {
	d := demoDesk(t)
	ahead, err := d.Overview(context.Background(), demoAsOf.AddDays(60))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Looked(context.Background(), ahead); err != nil {
		t.Fatal(err)
	}
	if looks, err := d.Store().LastLooks(context.Background()); err != nil || len(looks) != 0 {
		t.Errorf("a look 60 days ahead recorded %v (%v)", looks, err)
	}
	if entries, _ := d.Audit(context.Background(), "", 0); len(entries) > 0 && entries[0].Action == "verdict" {
		t.Errorf("a look ahead audited %+v", entries[0])
	}
}

func TestABatchImportAndItsUndoAnnounceOneChangeEach(t *testing.T) {
	d := mustDesk(t)
	mustAddShop(t, d, "Lotus MY", "MY")
	dir := t.TempDir()
	for i, name := range []string{"a.csv", "b.csv"} {
		if err := sample.WriteFile(filepath.Join(dir, name), sample.Orders(sample.Options{Seed: uint64(40 + i), Orders: 10, Site: "MY"})); err != nil {
			t.Fatal(err)
		}
	}
	log := &changeLog{}
	d.OnChange(log.add)
	p, err := d.PreviewBatch(context.Background(), []string{dir}, BatchOptions{Shop: "Lotus MY"})
	if err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 0 {
		t.Errorf("a preview announced %v", got)
	}
	g, err := d.CommitBatch(context.Background(), p)
	if err != nil || len(g.Batches) != 2 {
		t.Fatalf("group %+v: %v", g, err)
	}
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedImport {
		t.Errorf("a batch of two files announced %v", got)
	}
	if _, err := d.UndoGroup(context.Background(), g.ID); err != nil {
		t.Fatal(err)
	}
	if got := log.take(); len(got) != 1 || got[0].Kind != ChangedUndo {
		t.Errorf("undoing it announced %v", got)
	}
}
