package screens

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"depositdesk/assets"
	"depositdesk/data"
)

// fakeDesk is the Desk a screen test needs: shops in memory and a demo loader.
type fakeDesk struct {
	mu       sync.Mutex
	shops    []data.Shop
	demoErr  error
	demoRuns int
}

func (f *fakeDesk) Path() string { return filepath.Join(os.TempDir(), "DepositDesk", "desk.db") }

func (f *fakeDesk) Shops(context.Context) ([]data.Shop, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]data.Shop(nil), f.shops...), nil
}

func (f *fakeDesk) LoadDemo(context.Context) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.demoRuns++
	if f.demoErr != nil {
		return 0, f.demoErr
	}
	f.shops = append(f.shops,
		data.Shop{Name: "Acme US", Site: "US", Deposit: 150000, Currency: "USD"},
		data.Shop{Name: "曼谷日出 Sunrise TH", Site: "TH", Client: "日出贸易", Deposit: 900000, Currency: "USD",
			Account: data.RefundAccount{Holder: "日出贸易有限公司", Bank: "中国银行", Number: "6217857000012345678"}})
	return 2, nil
}

// newTestShell opens the window on a test app, in English, running
// background work in place.
func newTestShell(t *testing.T, desk Desk) *Shell {
	t.Helper()
	a := test.NewTempApp(t)
	a.Preferences().SetString(prefLanguage, string(LanguageEnglish))
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	s := newShell(a, desk, func(work func()) { work() })
	s.win.Resize(fyne.NewSize(1280, 800))
	return s
}

func shown(s *Shell) fyne.CanvasObject { return s.content.Objects[0] }

func TestNavigationReachesEveryScreen(t *testing.T) {
	s := newTestShell(t, &fakeDesk{})
	if s.Current() != PageOverview {
		t.Fatalf("the window opens on %q, want the overview", s.Current())
	}
	want := []string{PageOverview, PageImport, PageApplications, PageSettings}
	if len(s.navIDs) != len(want) {
		t.Fatalf("navigation lists %v, want %v", s.navIDs, want)
	}
	for i, id := range want {
		s.nav.Select(i)
		if s.Current() != id {
			t.Errorf("row %d shows %q, want %q", i, s.Current(), id)
		}
		if shown(s) != s.views[id] || shown(s) == nil {
			t.Errorf("row %d: the content area does not hold the %s screen", i, id)
		}
	}
	s.OpenShop("Acme US")
	if s.Current() != PageShop {
		t.Errorf("OpenShop shows %q", s.Current())
	}
	s.Show(PageOverview)
	if s.Current() != PageOverview || shown(s) != s.views[PageOverview] {
		t.Errorf("back to the overview failed")
	}
}

func TestFirstRunLoadsTheSampleDataAndListsTheShops(t *testing.T) {
	desk := &fakeDesk{}
	s := newTestShell(t, desk)
	if s.overview.loadDemo == nil {
		t.Fatal("an empty overview offers no sample data")
	}
	test.Tap(s.overview.loadDemo)
	if desk.demoRuns != 1 {
		t.Fatalf("LoadDemo ran %d times", desk.demoRuns)
	}
	if s.overview.loading || len(s.overview.shops) != 2 {
		t.Errorf("after loading, the overview holds %d shops (loading=%v)", len(s.overview.shops), s.overview.loading)
	}
}

func TestFailedSampleDataLeavesTheFirstRunViewUsable(t *testing.T) {
	desk := &fakeDesk{demoErr: errors.New("disk full")}
	s := newTestShell(t, desk)
	test.Tap(s.overview.loadDemo)
	if s.overview.loading || s.overview.loadDemo.Disabled() {
		t.Error("the button stays disabled after a failed load")
	}
}

func TestSettingsStoresTheLanguageAndRebuildsTheWindowInIt(t *testing.T) {
	s := newTestShell(t, &fakeDesk{})
	s.Show(PageSettings)
	if s.win.Title() != "Deposit Desk" {
		t.Fatalf("title %q", s.win.Title())
	}
	s.settings.language.SetSelected("简体中文")
	if got := s.app.Preferences().String(prefLanguage); got != string(LanguageChinese) {
		t.Errorf("stored language %q, want zh_Hans", got)
	}
	if s.win.Title() != "保证金助手" {
		t.Errorf("title after switching: %q", s.win.Title())
	}
	if s.Current() != PageSettings {
		t.Errorf("switching the language left %q shown, want the settings still", s.Current())
	}
	if got := s.settings.language.Selected; got != "简体中文" {
		t.Errorf("rebuilt language select shows %q", got)
	}
	s.settings.language.SetSelected("English")
	if got := s.app.Preferences().String(prefLanguage); got != string(LanguageEnglish) {
		t.Errorf("stored language %q, want en", got)
	}
	if s.win.Title() != "Deposit Desk" {
		t.Errorf("title after switching back: %q", s.win.Title())
	}
	s.settings.language.SetSelected(languageName(LanguageSystem))
	if got := s.app.Preferences().String(prefLanguage); got != "" {
		t.Errorf("stored language %q, want \"\" for the system's", got)
	}
}

func TestSettingsStoresTheThemeAndReviewDays(t *testing.T) {
	s := newTestShell(t, &fakeDesk{})
	s.Show(PageSettings)
	s.settings.variant.SetSelected(variantName(VariantDark))
	if got := s.app.Preferences().String(prefTheme); got != string(VariantDark) {
		t.Errorf("stored theme %q", got)
	}
	if th, ok := s.app.Settings().Theme().(*Theme); !ok || th.Variant != VariantDark {
		t.Errorf("theme in use: %#v", s.app.Settings().Theme())
	}
}

func TestSettingsKeepsTheReviewDaysInTheDatabase(t *testing.T) {
	d := openDesk(t)
	s := newTestShell(t, d)
	s.Show(PageSettings)
	if got := s.settings.reviewDays.Text; got != "7" {
		t.Fatalf("review days show %q, want the default 7", got)
	}
	s.settings.reviewDays.SetText("abc")
	if !s.settings.saveReview.Disabled() {
		t.Fatal("an invalid number can be saved")
	}
	s.settings.reviewDays.SetText("14")
	test.Tap(s.settings.saveReview)
	if got := d.ReviewDays(context.Background()); got != 14 {
		t.Fatalf("the desk's review days are %d, want 14", got)
	}
	if !s.settings.saveReview.Disabled() {
		t.Fatal("Save stays enabled after saving")
	}
}

func TestThemeUsesTheBundledFonts(t *testing.T) {
	th := NewTheme(VariantSystem)
	for _, st := range []fyne.TextStyle{{}, {Italic: true}, {Monospace: true}} {
		if th.Font(st) != assets.Font {
			t.Errorf("style %+v uses %s, want the bundled CJK font", st, th.Font(st).Name())
		}
	}
	for _, st := range []fyne.TextStyle{{Bold: true}, {Bold: true, Monospace: true}, {Bold: true, Italic: true}} {
		if th.Font(st) != assets.FontBold {
			t.Errorf("style %+v uses %s, want the bundled bold CJK font", st, th.Font(st).Name())
		}
	}
}

func TestThemeVariantsAndChipColours(t *testing.T) {
	light, dark := NewTheme(VariantLight), NewTheme(VariantDark)
	if light.Color(theme.ColorNameBackground, theme.VariantDark) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Error("a light choice does not win over a dark OS")
	}
	if dark.Color(theme.ColorNameBackground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("a dark choice does not win over a light OS")
	}
	for _, status := range []string{"ready", "waiting", "blocked"} {
		for _, th := range []*Theme{light, dark} {
			fill := th.Color(statusColorName(status), theme.VariantLight)
			text := th.Color(ColorNameOnStatus, theme.VariantLight)
			if r := contrast(fill, text); r < 4.5 {
				t.Errorf("%s chip on %s: contrast %.1f, want ≥ 4.5", status, th.Variant, r)
			}
		}
	}
}
