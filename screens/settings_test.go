package screens

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

func ruleSetByID(t *testing.T, d interface {
	RuleSets(ctx context.Context) ([]data.RuleSet, error)
}, id string) (data.RuleSet, bool) {
	t.Helper()
	sets, err := d.RuleSets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sets {
		if r.ID == id {
			return r, true
		}
	}
	return data.RuleSet{}, false
}

func TestACopiedRuleSetIsEditedAndSaved(t *testing.T) {
	d := openDesk(t)
	s := newTestShell(t, d)
	s.Show(PageSettings)
	st := s.settings
	if st.ruleEdit[app.RulesTikTokCB] != nil {
		t.Error("a built-in rule set offers Edit")
	}
	test.Tap(st.ruleCopy[app.RulesTikTokCB])
	e := st.editor
	if e == nil || e.id.Text != "tiktok-cb-copy" || e.id.Disabled() {
		t.Fatalf("the copy editor does not offer a new id: %+v", e)
	}
	e.name.SetText("TikTok 跨境 2027")
	e.quietDays.SetText("60")
	e.steps.SetSelected(slices.DeleteFunc(slices.Clone(e.steps.Selected), func(s string) bool { return s == checkLabel(data.StepDuesSettled) }))
	e.newSite.SetText("mx")
	e.newDays.SetText("10")
	e.onAddSite()
	e.siteWindows["TH"].SetText("")
	test.Tap(e.save)
	if e.problem.Visible() {
		t.Fatalf("saving shows %q", e.problem.Text)
	}
	r, ok := ruleSetByID(t, d, "tiktok-cb-copy")
	if !ok {
		t.Fatal("the copy was not saved")
	}
	p := r.Params
	if r.Name != "TikTok 跨境 2027" || r.BuiltIn || p.QuietDays != 60 || p.ReturnWindow["MX"] != 10 || p.ReturnWindow["US"] != 30 {
		t.Errorf("saved %+v", r)
	}
	if _, ok := p.ReturnWindow["TH"]; ok || r.Window("TH") != p.DefaultWindow {
		t.Errorf("a cleared site keeps its window: %v", p.ReturnWindow)
	}
	if slices.Contains(p.Steps, data.StepDuesSettled) || len(p.Steps) != 3 {
		t.Errorf("steps %v", p.Steps)
	}
	if orig, _ := ruleSetByID(t, d, app.RulesTikTokCB); orig.Params.QuietDays != 90 {
		t.Error("copying changed the built-in rule set")
	}

	// The settings page shows the copy, open, with Edit.
	if st.ruleEdit["tiktok-cb-copy"] == nil {
		t.Fatal("the saved copy offers no Edit")
	}
	test.Tap(st.ruleEdit["tiktok-cb-copy"])
	e = st.editor
	if !e.id.Disabled() || e.quietDays.Text != "60" {
		t.Errorf("editing a copy: id enabled %v, quiet days %q", !e.id.Disabled(), e.quietDays.Text)
	}
	e.quietDays.SetText("20000")
	test.Tap(e.save)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "10000") {
		t.Errorf("an out-of-range value shows %q", e.problem.Text)
	}
	e.quietDays.SetText("soon")
	test.Tap(e.save)
	if !strings.Contains(e.problem.Text, "Quiet days") {
		t.Errorf("a word for days shows %q", e.problem.Text)
	}
	e.quietDays.SetText("45")
	test.Tap(e.save)
	if r, _ := ruleSetByID(t, d, "tiktok-cb-copy"); r.Params.QuietDays != 45 || r.Version != 2 {
		t.Errorf("after editing: quiet days %d, version %d", r.Params.QuietDays, r.Version)
	}

	// A second copy gets an id of its own.
	test.Tap(st.ruleCopy[app.RulesTikTokCB])
	if got := st.editor.id.Text; got != "tiktok-cb-copy-2" {
		t.Errorf("second copy id %q", got)
	}
	st.editor.id.SetText("tiktok-cb-copy")
	test.Tap(st.editor.save)
	if !st.editor.problem.Visible() {
		t.Error("a copy may take the id of another rule set")
	}
}

func TestRuleSetsReadInChinese(t *testing.T) {
	s := newTestShell(t, openDesk(t))
	s.SetLanguage(LanguageChinese)
	s.Show(PageSettings)
	if got := ruleSetName(s.settings.ruleSets[0]); got == s.settings.ruleSets[0].Name {
		t.Errorf("the built-in rule set keeps its English name %q", got)
	}
	if got := stepsText(data.ClosureSteps); strings.ContainsAny(got, "_") {
		t.Errorf("steps read %q", got)
	}
}

func TestBackupThenRestoreBringsTheBackupBack(t *testing.T) {
	dir := t.TempDir()
	d, err := app.Open(filepath.Join(dir, "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, d)
	t.Cleanup(func() { s.desk.(io.Closer).Close() })
	addShop(t, d, "Acme US", "US")
	s.Show(PageSettings)

	backup := filepath.Join(dir, "backup.db")
	s.settings.backupTo(backup)
	if s.settings.lastBackupErr != nil {
		t.Fatal(s.settings.lastBackupErr)
	}
	addShop(t, d, "Panda UK", "UK")

	s.settings.restoreFrom(backup)
	if s.settings.lastRestoreErr != nil {
		t.Fatal(s.settings.lastRestoreErr)
	}
	if s.desk == Desk(d) {
		t.Fatal("the shell still holds the closed desk")
	}
	shops, err := s.desk.Shops(context.Background())
	if err != nil || len(shops) != 1 || shops[0].Name != "Acme US" {
		t.Errorf("after the restore the desk holds %v (%v)", shops, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "desk.db.before-restore.bak")); err != nil {
		t.Errorf("the replaced database was not kept: %v", err)
	}
	if s.Current() != PageSettings {
		t.Errorf("after the restore the window shows %q", s.Current())
	}
}

func TestRestoringSomethingElseKeepsTheData(t *testing.T) {
	dir := t.TempDir()
	d, err := app.Open(filepath.Join(dir, "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, d)
	t.Cleanup(func() { s.desk.(io.Closer).Close() })
	addShop(t, d, "Acme US", "US")
	notes := filepath.Join(dir, "notes.db")
	os.WriteFile(notes, []byte("not a database"), 0o644)
	s.Show(PageSettings)
	s.settings.restoreFrom(notes)
	if s.settings.lastRestoreErr == nil {
		t.Fatal("a file that is no backup was restored")
	}
	if shops, err := s.desk.Shops(context.Background()); err != nil || len(shops) != 1 {
		t.Errorf("after a refused restore the desk holds %v (%v)", shops, err)
	}
}
