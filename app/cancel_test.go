package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCancellingStopsTheLongReadsAndWritesNothing: the readiness of every
// shop, the overview, the applications and the exports stop with
// context.Canceled when the person cancels (the window closes, Ctrl-C), and
// leave no file and no audit entry behind.
func TestCancellingStopsTheLongReadsAndWritesNothing(t *testing.T) {
	d := demoDesk(t)
	before, err := d.Audit(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	asOf := d.Today()
	work := map[string]func(context.Context) error{
		"Readiness": func(ctx context.Context) error { _, err := d.Readiness(ctx, asOf); return err },
		"Overview":  func(ctx context.Context) error { _, err := d.Overview(ctx, asOf); return err },
		"Applications": func(ctx context.Context) error {
			_, err := d.Applications(ctx, asOf)
			return err
		},
		"Prepare": func(ctx context.Context) error { _, _, err := d.Prepare(ctx, asOf); return err },
		"Export": func(ctx context.Context) error {
			_, err := d.Export(ctx, dir, asOf, "en")
			return err
		},
		"ExportAudit": func(ctx context.Context) error {
			return d.ExportAudit(ctx, filepath.Join(dir, "audit.xlsx"), "")
		},
		"BlockingOrders": func(ctx context.Context) error {
			_, err := d.BlockingOrders(ctx, "Acme US", 0)
			return err
		},
		"Looked": func(ctx context.Context) error { return d.Looked(ctx, Overview{AsOf: asOf}) },
	}
	for name, do := range work {
		if err := do(cancelled); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", name, err)
		}
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("cancelled work wrote %d files, the first %s", len(files), files[0].Name())
	}
	after, err := d.Audit(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("cancelled work wrote %d audit entries, the newest %+v", len(after)-len(before), after[0])
	}
	// The same calls with a live context work: what stopped them was the cancel.
	if vs, err := d.Readiness(context.Background(), asOf); err != nil || len(vs) == 0 {
		t.Fatalf("readiness with a live context: %d verdicts, %v", len(vs), err)
	}
}
