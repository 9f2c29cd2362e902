package screens

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"depositdesk/screens/wcag"
)

// contrast is WCAG 2's contrast ratio of two opaque colours.
func contrast(a, b color.Color) float64 { return wcag.Contrast(a, b) }

// over is c drawn over an opaque background (alpha blending).
func over(c, bg color.Color) color.Color {
	cr, cg, cb, ca := c.RGBA() // premultiplied
	br, bgg, bb, _ := bg.RGBA()
	a := float64(ca) / 0xffff
	mix := func(f, b uint32) uint8 { return uint8((float64(f) + float64(b)*(1-a)) / 0x101) }
	return color.NRGBA{mix(cr, br), mix(cg, bgg), mix(cb, bb), 0xff}
}

// textPair is a text colour on a background, as the window draws it.
type textPair struct {
	name     string
	text, bg color.Color
	large    bool // 18 pt, or 14 pt bold: 3:1 is enough
}

// themeTextPairs are every text colour the window uses on every background
// it draws that colour on, for one variant.
func themeTextPairs(th fyne.Theme, v fyne.ThemeVariant) []textPair {
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	bgs := map[string]color.Color{
		"background":        c(theme.ColorNameBackground),
		"input background":  c(theme.ColorNameInputBackground),
		"menu background":   c(theme.ColorNameMenuBackground),
		"overlay (dialogs)": c(theme.ColorNameOverlayBackground),
		"table header":      c(theme.ColorNameHeaderBackground),
		"button":            c(theme.ColorNameButton),
		"selected row":      over(c(theme.ColorNameSelection), c(theme.ColorNameBackground)),
		"hovered row":       over(c(theme.ColorNameHover), c(theme.ColorNameBackground)),
		"changed row":       over(changedTintOf(th, v), c(theme.ColorNameBackground)),
	}
	texts := map[string]fyne.ThemeColorName{
		"foreground":                theme.ColorNameForeground,
		"hint (low importance)":     theme.ColorNameDisabled,
		"placeholder":               theme.ColorNamePlaceHolder,
		"primary (high importance)": theme.ColorNamePrimary,
		"hyperlink":                 theme.ColorNameHyperlink,
		"error":                     theme.ColorNameError,
		"warning":                   theme.ColorNameWarning,
		"success":                   theme.ColorNameSuccess,
	}
	var out []textPair
	for tn, t := range texts {
		for bn, bg := range bgs {
			out = append(out, textPair{name: tn + " on " + bn, text: c(t), bg: bg})
		}
	}
	fills := []struct {
		name       string
		fill, text fyne.ThemeColorName
	}{
		{"primary button", theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary},
		{"danger button", theme.ColorNameError, theme.ColorNameForegroundOnError},
		{"warning button", theme.ColorNameWarning, theme.ColorNameForegroundOnWarning},
		{"success button", theme.ColorNameSuccess, theme.ColorNameForegroundOnSuccess},
		{"ready chip", ColorNameReady, ColorNameOnStatus},
		{"waiting chip", ColorNameWaiting, ColorNameOnStatus},
		{"blocked chip", ColorNameBlocked, ColorNameOnStatus},
	}
	for _, f := range fills {
		out = append(out, textPair{name: f.name, text: c(f.text), bg: c(f.fill)})
	}
	// The overview's tiles: the counts in their status colour, large and bold.
	for _, st := range []string{"ready", "waiting", "blocked"} {
		out = append(out, textPair{name: st + " count on its tile", text: c(statusColorName(st)), bg: c(theme.ColorNameInputBackground), large: true})
	}
	// Application chips (white or near-black text on their fills).
	dark := v == theme.VariantDark
	for st, fill := range appStatusColors {
		i, text := 0, color.Color(color.White)
		if dark {
			i, text = 1, color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
		}
		out = append(out, textPair{name: "application chip " + string(st), text: text, bg: fill[i]})
	}
	return out
}

// bothVariants are the theme's two looks, for the tests that check each.
var bothVariants = []struct {
	name string
	v    Variant
	fv   fyne.ThemeVariant
}{{"light", VariantLight, theme.VariantLight}, {"dark", VariantDark, theme.VariantDark}}

func TestEveryTextColourMeetsWCAGAAInBothVariants(t *testing.T) {
	for _, tv := range bothVariants {
		th := NewTheme(tv.v)
		worst := math.Inf(1)
		for _, p := range themeTextPairs(th, tv.fv) {
			need := 4.5
			if p.large {
				need = 3
			}
			r := contrast(p.text, p.bg)
			worst = min(worst, r/need*4.5)
			if r < need {
				t.Errorf("%s, %s: %.2f:1, needs %.1f:1", tv.name, p.name, r, need)
			}
		}
		t.Logf("%s: the lowest contrast, scaled to the 4.5:1 goal, is %.2f:1", tv.name, worst)
	}
}

func TestContrastIsComputedAsWCAGSays(t *testing.T) {
	for _, c := range []struct {
		a, b color.Color
		want float64
	}{
		{color.White, color.Black, 21},
		{color.White, color.White, 1},
		{color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White, 4.54},
		{color.NRGBA{0xe3, 0xe3, 0xe3, 0xff}, color.White, 1.28}, // Fyne's disabled grey: the 1.3:1
	} {
		if got := contrast(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
	if got := fmt.Sprint(over(color.NRGBA{0, 0, 0, 0x80}, color.White)); got != "{127 127 127 255}" {
		t.Errorf("half black over white = %s", got)
	}
}

// A disabled button draws its text in the hint colour on the same fill as
// an enabled one, so the two text colours themselves must differ at a
// glance: at least 2:1 between them (Fyne's light default gave 1.17:1, and
// a disabled button looked enabled).
func TestDisabledButtonsLookDisabledInBothVariants(t *testing.T) {
	for _, tv := range bothVariants {
		th := NewTheme(tv.v)
		enabled, disabled := th.Color(theme.ColorNameForeground, tv.fv), th.Color(theme.ColorNameDisabled, tv.fv)
		if r := contrast(enabled, disabled); r < 2 {
			t.Errorf("%s: enabled text %v and disabled text %v differ by %.2f:1, need 2:1", tv.name, enabled, disabled, r)
		} else {
			t.Logf("%s: enabled and disabled text differ by %.2f:1", tv.name, r)
		}
	}
}
