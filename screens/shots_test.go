package screens

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreenshots writes PNGs of every screen in both languages to the folder
// named by DEPOSITDESK_SHOTS, to look at what was built.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("DEPOSITDESK_SHOTS")
	if dir == "" {
		t.Skip("set DEPOSITDESK_SHOTS=folder to write screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, openDesk(t))
	s.win.Resize(fyne.NewSize(1280, 800))
	shoot := func(name string) {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, s.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []Language{LanguageEnglish, LanguageChinese} {
		s.SetLanguage(l)
		for _, id := range []string{PageOverview, PageImport, PageSettings} {
			s.Show(id)
			shoot(string(l) + "-" + id)
		}
	}
	s.SetVariant(VariantLight)
	s.Show(PageOverview)
	shoot("zh_Hans-overview-light")
	if _, err := s.desk.LoadDemo(); err != nil {
		t.Fatal(err)
	}
	s.Reload(PageOverview)
	shoot("zh_Hans-overview-shops")
}
