// Package screens is Deposit Desk's window: one struct per screen, a registry
// that drives the navigation, the theme with the bundled CJK font, and the
// language switch. It calls the core through the small Desk interface.
package screens

import (
	"context"
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/assets"
	"depositdesk/data"
)

// AppID names the app to the OS; preferences are stored under it.
const AppID = "com.depositdesk.app"

// Desk is what the window needs of the core (*app.Desk has it); tests can
// pass a fake.
type Desk interface {
	Path() string                                   // the database file
	Shops(ctx context.Context) ([]data.Shop, error) // every shop by name
	LoadDemo(ctx context.Context) (int, error)      // adds the sample shops and imports their exports
}

var _ Desk = (*app.Desk)(nil)

// Run opens the database at dbPath and shows the Deposit Desk window over it,
// returning when the window is closed. A database that cannot be opened is
// explained in a window rather than on a terminal nobody sees.
func Run(dbPath string) {
	traceStartup()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	var teamErr error // the team database chosen in Settings could not be opened
	chosen := startDB(a.Preferences(), dbPath)
	desk, err := app.Open(chosen)
	if err != nil && chosen != dbPath {
		teamErr = err
		desk, err = app.Open(dbPath)
	}
	if err != nil {
		showOpenError(a, dbPath, err)
		return
	}
	// The verdicts are computed while the window is being made.
	first := computeOverview(desk)
	shell := newShellFirst(a, desk, func(work func()) { go work() }, first)
	shell.startedOn(dbPath)
	if teamErr != nil {
		shell.settings.teamStartFailed(teamErr)
	}
	shell.Window().ShowAndRun()
	if c, ok := shell.desk.(interface{ Close() error }); ok {
		c.Close() // the desk shown last: a restore may have replaced the first
	}
}

// showOpenError is the whole window when the database cannot be opened.
func showOpenError(a fyne.App, dbPath string, err error) {
	if lerr := ApplyLanguage(Language(a.Preferences().String(prefLanguage))); lerr != nil {
		fyne.LogError("loading translations", lerr)
	}
	a.Settings().SetTheme(NewTheme(Variant(a.Preferences().String(prefTheme))))
	w := a.NewWindow(lang.L("Deposit Desk"))
	text := widget.NewLabel(lang.L("The database {{.Path}} could not be opened: {{.Error}}",
		map[string]any{"Path": dbPath, "Error": trError(err)}))
	text.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewPadded(container.NewVBox(text, container.NewHBox(widget.NewButton(lang.L("Quit"), a.Quit)))))
	w.Resize(fyne.NewSize(640, 240))
	w.ShowAndRun()
}

// Shell is the window: the navigation list on the left, the shown screen on
// the right.
type Shell struct {
	app   fyne.App
	desk  Desk
	win   fyne.Window
	pages []*page

	overview     *overviewScreen
	imports      *importScreen
	applications *applicationsScreen
	settings     *settingsScreen
	shop         *shopScreen

	// background runs slow work off the UI goroutine (tests run it in place);
	// the work reports back through ui, which runs a function on the UI
	// goroutine: fyne.Do (tests whose work runs on other goroutines queue
	// it for the test's goroutine, as Fyne's test driver would run it in
	// place, on the worker).
	background func(work func())
	ui         func(func())

	current string                       // id of the page shown
	views   map[string]fyne.CanvasObject // built pages, until the language changes
	nav     *widget.List
	navIDs  []string // page id of each navigation row
	content *fyne.Container

	watched      Desk   // the desk whose changes reach the screens
	stopWatching func() // stops listening to it

	// startFile is the database file the window was started on (--db,
	// DEPOSITDESK_DB or this computer's), which "Use this computer's file"
	// goes back to; "" when it was started on a team database.
	startFile string
}

// startedOn remembers the database the window was started with, when it
// is a file: the one "Use this computer's file" goes back to.
func (s *Shell) startedOn(dbPath string) {
	if !data.IsPostgresURL(dbPath) {
		s.startFile = dbPath
	}
}

// NewShell builds the window (not yet shown) with the stored language and theme.
func NewShell(a fyne.App, desk Desk) *Shell {
	return newShell(a, desk, func(work func()) { go work() })
}

// newShell is NewShell with the runner of slow work: tests run it in place,
// from the first page built on.
func newShell(a fyne.App, desk Desk, background func(work func())) *Shell {
	return newShellFirst(a, desk, background, nil)
}

// newShellFirst is newShell whose overview takes its first answer from
// first, an overview already being computed (nil: it computes its own).
func newShellFirst(a fyne.App, desk Desk, background func(work func()), first <-chan overviewAnswer) *Shell {
	prefs := a.Preferences()
	if err := ApplyLanguage(Language(prefs.String(prefLanguage))); err != nil {
		fyne.LogError("loading translations", err)
	}
	a.Settings().SetTheme(NewTheme(Variant(prefs.String(prefTheme))))

	s := &Shell{app: a, desk: desk, current: PageOverview, background: background, ui: fyne.Do}
	s.overview = &overviewScreen{shell: s, first: first}
	s.imports = &importScreen{shell: s}
	s.applications = &applicationsScreen{shell: s}
	s.settings = &settingsScreen{shell: s}
	s.shop = &shopScreen{shell: s}
	s.pages = s.registry()

	s.win = a.NewWindow(lang.L("Deposit Desk"))
	s.win.SetIcon(assets.Icon)
	s.win.Resize(fyne.NewSize(1280, 800))
	s.win.SetMaster()
	s.win.SetOnDropped(s.onDropped) // files dropped anywhere go to the import page
	s.buildUI()
	return s
}

// Window is the shell's window.
func (s *Shell) Window() fyne.Window { return s.win }

// Current is the id of the page shown.
func (s *Shell) Current() string { return s.current }

func (s *Shell) buildUI() {
	s.watch()
	s.views = map[string]fyne.CanvasObject{}
	s.navIDs = nil
	for _, p := range s.listedPages() {
		s.navIDs = append(s.navIDs, p.id)
	}
	s.nav = widget.NewList(s.navLength, s.navCreateItem, s.navUpdateItem)
	s.nav.OnSelected = s.onNavSelected

	logo := canvas.NewImageFromResource(assets.Icon)
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSquareSize(36))
	name := widget.NewLabelWithStyle(lang.L("Deposit Desk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	header := container.NewHBox(logo, name)
	side := container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, s.nav)

	s.content = container.NewStack()
	split := container.NewHSplit(side, s.content)
	split.Offset = 0.16
	s.win.SetTitle(lang.L("Deposit Desk"))
	s.win.SetContent(split)
	s.Show(s.current)
}

func (s *Shell) navLength() int { return len(s.navIDs) }

func (s *Shell) navCreateItem() fyne.CanvasObject {
	return container.NewHBox(widget.NewIcon(nil), widget.NewLabel(""))
}

func (s *Shell) navUpdateItem(i widget.ListItemID, o fyne.CanvasObject) {
	p := s.page(s.navIDs[i])
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Icon).SetResource(p.icon)
	row.Objects[1].(*widget.Label).SetText(lang.L(p.title))
}

func (s *Shell) onNavSelected(i widget.ListItemID) {
	if id := s.navIDs[i]; id != s.current {
		s.Show(id)
	}
}

// Show puts a page in the content area, building it the first time.
func (s *Shell) Show(id string) {
	p := s.page(id)
	if p == nil {
		return
	}
	s.current = id
	v, ok := s.views[id]
	if !ok {
		v = p.screen.buildUI()
		s.views[id] = v
	}
	s.content.Objects = []fyne.CanvasObject{v}
	s.content.Refresh()
	s.selectNav(id)
}

// selectNav highlights the page's row, or none for a page not listed.
func (s *Shell) selectNav(id string) {
	for i, navID := range s.navIDs {
		if navID == id {
			s.nav.Select(i)
			return
		}
	}
	s.nav.UnselectAll()
}

// Rebuild throws away every built page and builds the shown one again, so
// texts follow a new language; screens keep their work in their fields.
func (s *Shell) Rebuild() { s.buildUI() }

// Reload rebuilds one page, e.g. after the data under it changed.
func (s *Shell) Reload(id string) {
	delete(s.views, id)
	if s.current == id {
		s.Show(id)
	}
}

// SetLanguage stores the choice, switches the translations and rebuilds the
// window in place: nothing typed or selected is lost, no restart is needed.
func (s *Shell) SetLanguage(l Language) {
	s.app.Preferences().SetString(prefLanguage, string(l))
	if err := ApplyLanguage(l); err != nil {
		fyne.LogError("loading translations", err)
	}
	s.Rebuild()
}

// SetVariant stores the choice and applies the theme at once; built pages
// not on screen would keep the old colours, so they are built again.
func (s *Shell) SetVariant(v Variant) {
	s.app.Preferences().SetString(prefTheme, string(v))
	s.app.Settings().SetTheme(NewTheme(v))
	s.Rebuild()
}

// ReplaceDesk puts another desk under the window (after a restore of the
// database) and rebuilds every page over it; the caller closes the old one.
func (s *Shell) ReplaceDesk(d Desk) {
	s.desk = d
	s.overview.first = nil // computed over the old desk
	s.imports.forgetPlans()
	s.Rebuild()
}

// OpenShop shows the detail page of one shop.
func (s *Shell) OpenShop(name string) {
	s.shop.name = name
	s.shop.tab = 0 // a shop opens on its checklist
	s.Reload(PageShop)
	s.Show(PageShop)
}

// comingView is the honest face of a screen whose data part is not built yet.
func comingView(title, intro string) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	text := widget.NewLabel(intro)
	text.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(heading, text, layout.NewSpacer()))
}
