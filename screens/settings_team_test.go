package screens

import (
	"context"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
	"depositdesk/data/datatest"
)

func TestAServerThatCannotBeReachedIsSaidInOneSentenceAndNothingChanges(t *testing.T) {
	d := openDesk(t)
	s := newTestShell(t, d)
	s.Show(PageSettings)
	st := s.settings
	if !strings.Contains(st.team.status.Text+describeDB(d.Path()), "this computer's database file") {
		t.Errorf("the section does not say the window is on this computer's file")
	}

	test.Type(st.team.address, "not an address")
	test.Tap(st.team.connect)
	if !st.team.status.Visible() || !strings.Contains(st.team.status.Text, "beginning with postgres://") {
		t.Errorf("a text that is no address says %q", st.team.status.Text)
	}

	// Nothing listens on port 1: the connection is refused at once.
	st.team.address.SetText("postgres://amy:secret@127.0.0.1:1/depositdesk")
	test.Tap(st.team.connect)
	got := s.settings.team.status.Text
	if !strings.Contains(got, "Cannot reach the PostgreSQL server 127.0.0.1:1") {
		t.Errorf("an unreachable server says %q", got)
	}
	if strings.Contains(got, "secret") {
		t.Errorf("the sentence shows the password: %q", got)
	}
	if s.desk != Desk(d) {
		t.Error("a failed connection replaced the desk")
	}
	if p := s.app.Preferences().String(prefTeamDB); p != "" {
		t.Errorf("a failed connection was remembered: %q", p)
	}
	if !st.backup.Visible() || !st.restore.Visible() || !st.openFolder.Visible() {
		t.Error("on this computer's file, backup, restore and the data folder are hidden")
	}
	if !st.team.local.Disabled() {
		t.Error("on this computer's file, switching to it is offered")
	}
}

func TestTheStartingDatabaseFollowsTheFlagThenTheChoiceInSettings(t *testing.T) {
	t.Setenv(app.DBEnv, "")
	local, err := localDBPath()
	if err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	prefs := a.Preferences()
	if got := startDB(prefs, local); got != local {
		t.Errorf("with no choice the window starts on %q", got)
	}
	prefs.SetString(prefTeamDB, "postgres://amy@server/depositdesk")
	if got := startDB(prefs, local); got != "postgres://amy@server/depositdesk" {
		t.Errorf("the team database chosen in Settings is not used at start: %q", got)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	if got := startDB(prefs, other); got != other {
		t.Errorf("--db %s gave %q", other, got)
	}
	t.Setenv(app.DBEnv, local)
	if got := startDB(prefs, local); got != local {
		t.Errorf("DEPOSITDESK_DB gave %q", got)
	}
}

func TestDescribingATeamDatabaseNamesServerDatabaseAndLoginButNoPassword(t *testing.T) {
	got := describeDB(data.RedactURL("postgres://amy:secret@db.example:5433/depositdesk"))
	for _, want := range []string{"db.example:5433", "depositdesk", "amy"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q does not name %s", got, want)
		}
	}
	if strings.Contains(got, "secret") || strings.Contains(got, "xxxxx") {
		t.Errorf("%q shows a password", got)
	}
	if got := describeDB("postgres://@/agency?host=/run/postgresql"); !strings.Contains(got, "/run/postgresql") || !strings.Contains(got, "agency") {
		t.Errorf("a unix socket server is described as %q", got)
	}
	if saved, had := withoutPassword("postgres://amy:secret@server/depositdesk?sslmode=require"); !had || saved != "postgres://amy@server/depositdesk?sslmode=require" {
		t.Errorf("stripping the password gave %q, %v", saved, had)
	}
}

// With DEPOSITDESK_TEST_PG (make test starts a server), the window moves to a
// team database and back to this computer's file.
func TestSettingsSwitchesTheWindowToATeamDatabaseAndBack(t *testing.T) {
	if datatest.Server() == "" {
		t.Skip("DEPOSITDESK_TEST_PG is not set: no PostgreSQL server to switch to")
	}
	localPath := filepath.Join(t.TempDir(), "desk.db")
	t.Setenv(app.DBEnv, localPath)
	d, err := app.Open(localPath)
	if err != nil {
		t.Fatal(err)
	}
	addShop(t, d, "Local shop", "US")

	team := datatest.Schema(t)
	other, err := app.Open(team)
	if err != nil {
		t.Fatal(err)
	}
	addShop(t, other, "Team shop", "UK")
	other.Close()

	s := newTestShell(t, d)
	t.Cleanup(func() { s.desk.(io.Closer).Close() })
	s.Show(PageSettings)

	u, _ := url.Parse(team)
	u.User = url.UserPassword(u.User.Username(), "for-this-session")
	s.settings.team.address.SetText(u.String())
	test.Tap(s.settings.team.connect)
	st := s.settings
	if !data.IsPostgresURL(s.desk.Path()) {
		t.Fatalf("the window stayed on %s: %s", s.desk.Path(), st.team.status.Text)
	}
	if shops, err := s.desk.Shops(context.Background()); err != nil || len(shops) != 1 || shops[0].Name != "Team shop" {
		t.Errorf("on the team database the window shows %v (%v)", shops, err)
	}
	saved := s.app.Preferences().String(prefTeamDB)
	if !data.IsPostgresURL(saved) || strings.Contains(saved, "for-this-session") {
		t.Errorf("remembered %q", saved)
	}
	if !strings.Contains(st.team.status.Text, "session only") {
		t.Errorf("the password's fate is not said: %q", st.team.status.Text)
	}
	if st.backup.Visible() || st.restore.Visible() || st.openFolder.Visible() {
		t.Error("on a team database, backup, restore or the data folder are offered")
	}
	if st.team.local.Disabled() {
		t.Fatal("on a team database, this computer's file is not offered")
	}

	test.Tap(st.team.local)
	if s.desk.Path() != localPath {
		t.Fatalf("back on %q: %s", s.desk.Path(), s.settings.team.status.Text)
	}
	if shops, err := s.desk.Shops(context.Background()); err != nil || len(shops) != 1 || shops[0].Name != "Local shop" {
		t.Errorf("back on this computer the window shows %v (%v)", shops, err)
	}
	if p := s.app.Preferences().String(prefTeamDB); p != "" {
		t.Errorf("the team database is still remembered: %q", p)
	}
	if got := s.settings.team.address.Text; got != saved {
		t.Errorf("back on this computer the address offered is %q, want %q", got, saved)
	}
}

func TestATeamDatabaseThatFailsAtStartIsExplainedInSettings(t *testing.T) {
	s := newTestShell(t, openDesk(t))
	s.settings.teamStartFailed(data.Msg("There is no database {{.Database}} on the PostgreSQL server {{.Server}}; create it first (createdb {{.Database}}).",
		map[string]any{"Database": "agency", "Server": "db:5432"}))
	s.Show(PageSettings)
	got := s.settings.team.status.Text
	if !s.settings.team.status.Visible() || !strings.Contains(got, "this computer's data") || !strings.Contains(got, "no database agency") {
		t.Errorf("the section says %q", got)
	}
}

// "Use this computer's file" goes back to the file the window was started
// on with --db, not to another, empty one in the data folder.
func TestUseThisComputersFileGoesBackToTheFileTheWindowStartedOn(t *testing.T) {
	t.Setenv(app.DBEnv, "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", "")
	started := filepath.Join(t.TempDir(), "started.db")
	d, err := app.Open(started)
	if err != nil {
		t.Fatal(err)
	}
	addShop(t, d, "Local shop", "US")
	d.Close()
	elsewhere, err := app.Open(filepath.Join(t.TempDir(), "elsewhere.db"))
	if err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, elsewhere)
	t.Cleanup(func() { s.desk.(io.Closer).Close() })
	s.startedOn(started)
	s.startedOn("postgres://amy@server/depositdesk") // a team address is not a file to go back to
	s.Show(PageSettings)
	s.settings.onUseLocal()
	if s.desk.Path() != started {
		t.Fatalf("back on %q, want %q: %s", s.desk.Path(), started, s.settings.team.status.Text)
	}
	if shops, err := s.desk.Shops(context.Background()); err != nil || len(shops) != 1 || shops[0].Name != "Local shop" {
		t.Errorf("back on the start file the window shows %v (%v)", shops, err)
	}
}
