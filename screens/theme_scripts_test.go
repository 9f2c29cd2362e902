package screens

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// allStyles are the text styles the window draws in.
var allStyles = []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}, {Bold: true, Italic: true}, {Bold: true, Monospace: true}}

// sourceTexts are the string literals of the program's own (non-test) Go
// files under dirs: the status vocabulary, the sample exports' languages,
// file name patterns and every other text the app can show.
func sourceTexts(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	eachGoFile(t, func(_ *token.FileSet, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					out = append(out, s)
				}
			}
			return true
		})
	}, dirs...)
	return out
}

// eachGoFile parses every non-test Go file under roots and hands it to fn.
func eachGoFile(t *testing.T, fn func(*token.FileSet, *ast.File), roots ...string) {
	t.Helper()
	fset := token.NewFileSet()
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			fn(fset, f)
			return nil
		})
		if err != nil {
			t.Fatalf("reading the Go files under %s: %v", root, err)
		}
	}
}

// Thai (and the Latin of Vietnamese, Indonesian, Spanish and Portuguese
// exports) must render with no system font, in every text style: each Thai
// character of the status vocabulary, the sample data and the translations
// is in the font the theme gives that style, and each Latin letter is there
// or in Fyne's own font of that style.
func TestEveryThaiAndLatinCharacterIsInABundledFontInEveryStyle(t *testing.T) {
	var texts []string
	for _, file := range []string{"en.json", "zh_Hans.json"} {
		for _, v := range readTranslations(t, file) {
			texts = append(texts, v)
		}
	}
	texts = append(texts, sampleDataTexts(t)...)
	texts = append(texts, sourceTexts(t, "../data", "../app", ".")...)
	all := strings.Join(texts, "\n")
	for _, want := range []string{"เสร็จสมบูรณ์", "ยกเลิกคำสั่งซื้อ", "Đã hoàn tất", "Não pago"} {
		if !strings.Contains(all, want) {
			t.Fatalf("the app's texts have no %q to check", want)
		}
	}

	th := NewTheme(VariantSystem)
	for _, st := range allStyles {
		ours := parseFont(t, th.Font(st))
		fallback := parseFont(t, theme.DefaultTheme().Font(st))
		seen := map[rune]bool{}
		thai := 0
		for _, r := range all {
			if seen[r] {
				continue
			}
			seen[r] = true
			_, a := ours.NominalGlyph(r)
			_, b := fallback.NominalGlyph(r)
			switch {
			case unicode.Is(unicode.Thai, r):
				thai++
				if !a {
					t.Errorf("style %+v: the bundled font has no Thai %q (U+%04X)", st, r, r)
				}
			case unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Mn, r):
				if !a && !b {
					t.Errorf("style %+v: no bundled font draws %q (U+%04X)", st, r, r)
				}
			}
		}
		if thai < 20 {
			t.Errorf("style %+v: only %d Thai characters checked", st, thai)
		}
		// A Thai or Vietnamese shop name a person types may use any letter.
		for r := rune(0x0E01); r <= 0x0E5B; r++ {
			if unicode.Is(unicode.Thai, r) && unicode.IsGraphic(r) {
				if _, ok := ours.NominalGlyph(r); !ok {
					t.Errorf("style %+v: the bundled font has no Thai %q (U+%04X)", st, r, r)
				}
			}
		}
		vietnamese := []rune("ĂăÂâĐđÊêÔôƠơƯưÀÁÃÈÉÌÍÒÓÕÙÚÝàáãèéìíòóõùúýĨĩŨũ")
		for r := rune(0x1EA0); r <= 0x1EF9; r++ {
			vietnamese = append(vietnamese, r)
		}
		for _, r := range vietnamese {
			_, a := ours.NominalGlyph(r)
			_, b := fallback.NominalGlyph(r)
			if !a && !b {
				t.Errorf("style %+v: no bundled font draws the Vietnamese %q (U+%04X)", st, r, r)
			}
		}
	}
}

// Thai marks stack: a tone mark over an upper vowel (ที่, ทั้) is drawn
// clear above the vowel, not where it sits over a bare consonant (ท่),
// which only happens when the Thai glyph substitution and positioning
// came into the bundled fonts with the glyphs.
func TestThaiToneMarksStackAboveVowelsInEveryStyle(t *testing.T) {
	th := NewTheme(VariantSystem)
	top := func(g shaping.Glyph) fixed.Int26_6 { return g.YOffset + g.YBearing }
	bottom := func(g shaping.Glyph) fixed.Int26_6 { return g.YOffset + g.YBearing + g.Height }
	for _, st := range allStyles {
		face := parseFont(t, th.Font(st))
		bare := shapeThai(face, "ท่")
		for _, word := range []string{"ที่", "ทั้"} {
			stacked := shapeThai(face, word)
			if len(stacked) != 3 || len(bare) != 2 {
				t.Fatalf("style %+v: %q shaped into %d glyphs, ท่ into %d", st, word, len(stacked), len(bare))
			}
			for i, g := range stacked {
				if g.GlyphID == 0 {
					t.Errorf("style %+v: glyph %d of %q is missing", st, i, word)
				}
			}
			vowel, mark := stacked[1], stacked[2]
			if bottom(bare[1]) >= top(vowel) {
				t.Fatalf("style %+v: the tone mark over a bare consonant already clears the vowel of %q; the test shows nothing", st, word)
			}
			if bottom(mark) < top(vowel) {
				t.Errorf("style %+v: the tone mark of %q reaches down to %v, into the vowel under it (top %v)",
					st, word, bottom(mark), top(vowel))
			}
		}
	}
}

func shapeThai(face *font.Face, s string) []shaping.Glyph {
	text := []rune(s)
	out := (&shaping.HarfbuzzShaper{}).Shape(shaping.Input{
		Text: text, RunEnd: len(text), Direction: di.DirectionLTR, Face: face,
		Size: fixed.I(14), Script: language.Thai, Language: language.NewLanguage("th"),
	})
	return out.Glyphs
}
