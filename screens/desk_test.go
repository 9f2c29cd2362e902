package screens

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
)

// openDesk is the real core over a fresh database in a temp folder.
func openDesk(t *testing.T) *app.Desk {
	t.Helper()
	d, err := app.Open(filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestSampleDataFillsTheOverviewOfARealDesk(t *testing.T) {
	d := openDesk(t)
	s := newTestShell(t, d)
	if s.overview.loadDemo == nil {
		t.Fatal("a new database does not show the first-run view")
	}
	test.Tap(s.overview.loadDemo)
	shops, err := d.Shops(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(shops) == 0 || len(s.overview.shops) != len(shops) {
		t.Errorf("after the sample data the desk has %d shops and the overview shows %d", len(shops), len(s.overview.shops))
	}
}
