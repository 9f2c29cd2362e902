package screens

import (
	"net/url"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// prefTeamDB is the team database chosen in Settings, without its password;
// "" is this computer's file.
const prefTeamDB = "teamDatabase"

// prefTeamLast is the last team database connected to (without password),
// offered again after going back to this computer's file.
const prefTeamLast = "teamDatabaseLast"

// teamSection is Settings → Team database: which database the window uses,
// and the switch to a PostgreSQL server and back.
type teamSection struct {
	address *widget.Entry
	connect *widget.Button
	local   *widget.Button
	status  *widget.Label // the outcome of the last switch, or why it failed
}

// onTeamDB says whether the window is on a team database.
func (s *settingsScreen) onTeamDB() bool { return data.IsPostgresURL(s.shell.desk.Path()) }

// describeDB is what the window uses now, in one sentence; never a password.
func describeDB(path string) string {
	if !data.IsPostgresURL(path) {
		return lang.L("This window uses this computer's database file {{.File}}.", map[string]any{"File": path})
	}
	u, err := url.Parse(path)
	if err != nil {
		return lang.L("This window uses the team database {{.Address}}.", map[string]any{"Address": data.RedactURL(path)})
	}
	host := u.Host
	if h := u.Query().Get("host"); host == "" && h != "" {
		host = h
	}
	login := u.User.Username()
	if login == "" {
		login = lang.L("your computer login")
	}
	return lang.L("This window uses the team database {{.Database}} on the PostgreSQL server {{.Server}}, as {{.User}}.",
		map[string]any{"Database": strings.TrimPrefix(u.Path, "/"), "Server": host, "User": login})
}

// withoutPassword is rawURL with any password taken out, and whether it held one.
func withoutPassword(rawURL string) (string, bool) {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL, false
	}
	if _, has := u.User.Password(); !has {
		return rawURL, false
	}
	u.User = url.User(u.User.Username())
	return u.String(), true
}

func (s *settingsScreen) teamCard() fyne.CanvasObject {
	t := &s.team
	t.address = widget.NewEntry()
	t.address.SetPlaceHolder("postgres://USER@SERVER/DATABASE")
	t.address.SetText(s.shell.app.Preferences().String(prefTeamLast))
	t.address.OnSubmitted = func(string) { s.onConnectTeam() }
	t.connect = widget.NewButtonWithIcon(lang.L("Connect"), theme.LoginIcon(), s.onConnectTeam)
	t.local = widget.NewButtonWithIcon(lang.L("Use this computer's file"), theme.ComputerIcon(), s.onUseLocal)
	if !s.onTeamDB() {
		t.local.Disable()
	}
	if t.status == nil {
		t.status = widget.NewLabel("")
		t.status.Wrapping = fyne.TextWrapWord
		t.status.Hide()
	}
	now := widget.NewLabel(describeDB(s.shell.desk.Path()))
	now.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(lang.L("An agency's staff can share one PostgreSQL database (see Team mode in the README). The password is taken from the address, PGPASSWORD or ~/.pgpass; Deposit Desk never saves it."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	return widget.NewCard(lang.L("Team database"), "", container.NewVBox(
		now,
		widget.NewForm(widget.NewFormItem(lang.L("Server address"), t.address)),
		container.NewHBox(t.connect, t.local),
		t.status, hint,
	))
}

func (s *settingsScreen) setTeamStatus(text string) {
	s.team.status.SetText(text)
	s.team.status.Show()
}

// onConnectTeam opens the typed address and, once it answers, puts the
// window on it; a failure is said in one sentence and nothing changes.
func (s *settingsScreen) onConnectTeam() {
	addr := strings.TrimSpace(s.team.address.Text)
	if !data.IsPostgresURL(addr) {
		s.setTeamStatus(lang.L("Enter the team database's address, beginning with postgres://, for example postgres://amy@server/depositdesk."))
		return
	}
	s.switchTo(addr)
}

// onUseLocal puts the window back on the database file it was started
// on (--db), else this computer's file.
func (s *settingsScreen) onUseLocal() {
	path := s.shell.startFile
	if path == "" {
		var err error
		if path, err = localDBPath(); err != nil {
			s.setTeamStatus(trError(err))
			return
		}
	}
	s.switchTo(path)
}

// localDBPath is this computer's database file, whatever DEPOSITDESK_DB says.
func localDBPath() (string, error) {
	if p := os.Getenv(app.DBEnv); p != "" && !data.IsPostgresURL(p) {
		return p, nil
	}
	return app.LocalDBPath()
}

// switchTo opens the database at target off the UI goroutine and, when it
// opened, replaces the window's desk with it and remembers the choice (the
// address without its password) for the next start.
func (s *settingsScreen) switchTo(target string) {
	if s.shell.imports.working() {
		s.setTeamStatus(lang.L("An import is running; switch databases when it has finished."))
		return
	}
	saved, hadPassword := withoutPassword(target)
	wait := s.showWorking(lang.L("Connecting…"))
	s.shell.background(func() {
		d, err := openDeskAt(target)
		s.shell.ui(func() {
			wait.Hide()
			if err != nil {
				s.setTeamStatus(trError(err))
				return
			}
			old := s.shell.desk
			prefs := s.shell.app.Preferences()
			if data.IsPostgresURL(target) {
				prefs.SetString(prefTeamDB, saved)
				prefs.SetString(prefTeamLast, saved)
			} else {
				prefs.SetString(prefTeamDB, "")
			}
			// The section's first line says where the window is now.
			s.team.status.Hide()
			if hadPassword {
				s.setTeamStatus(lang.L("The password in the address is used for this session only and was not saved: put it in ~/.pgpass (or PGPASSWORD) to connect at the next start."))
			}
			s.shell.ReplaceDesk(d) // rebuilds every page and listens to the new desk
			s.shell.dataChanged()
			if c, ok := old.(interface{ Close() error }); ok {
				c.Close()
			}
		})
	})
}

// startDB is the database the window opens: the one given with --db or
// DEPOSITDESK_DB (dbPath differs from this computer's file), else the team
// database chosen in Settings, else this computer's file.
func startDB(prefs fyne.Preferences, dbPath string) string {
	if os.Getenv(app.DBEnv) != "" {
		return dbPath
	}
	if local, err := localDBPath(); err != nil || local != dbPath {
		return dbPath
	}
	if team := prefs.String(prefTeamDB); data.IsPostgresURL(team) {
		return team
	}
	return dbPath
}

// teamStartFailed says, in a dialog and in the Team database section, why
// the team database chosen earlier is not the one shown at start.
func (s *settingsScreen) teamStartFailed(err error) {
	text := lang.L("The team database could not be opened, so this window shows this computer's data: {{.Error}}", map[string]any{"Error": trError(err)})
	s.team.status = widget.NewLabel(text)
	s.team.status.Wrapping = fyne.TextWrapWord
	dialog.ShowError(errorMessage(text), s.shell.win)
}
