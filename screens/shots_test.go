//go:build screenshots

package screens

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreenshots writes PNGs of every screen in both languages, drawn by
// Fyne's test driver, to the folder named by DEPOSITDESK_SHOTS (default
// shots/): `make screenshots`. It is built only with the screenshots tag.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("DEPOSITDESK_SHOTS")
	if dir == "" {
		dir = "shots"
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
	if _, err := s.desk.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Reload(PageOverview)
	shoot("zh_Hans-overview-shops")
}
