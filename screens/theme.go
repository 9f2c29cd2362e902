package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"depositdesk/assets"
)

// Variant is the light or dark look a person chose in Settings.
type Variant string

// The choices Settings offers; VariantSystem follows the OS.
const (
	VariantSystem Variant = ""
	VariantLight  Variant = "light"
	VariantDark   Variant = "dark"
)

// prefTheme is the preference key holding the chosen Variant.
const prefTheme = "theme"

// Colours of the verdict chips, readable on both variants.
const (
	ColorNameReady    fyne.ThemeColorName = "depositdesk.ready"
	ColorNameWaiting  fyne.ThemeColorName = "depositdesk.waiting"
	ColorNameBlocked  fyne.ThemeColorName = "depositdesk.blocked"
	ColorNameOnStatus fyne.ThemeColorName = "depositdesk.onStatus" // text on a chip
)

// Light variant: deep fills under white text; dark variant: soft fills under near-black text.
var statusColors = map[fyne.ThemeColorName][2]color.Color{
	ColorNameReady:    {color.NRGBA{0x2e, 0x7d, 0x32, 0xff}, color.NRGBA{0x81, 0xc7, 0x84, 0xff}},
	ColorNameWaiting:  {color.NRGBA{0xa8, 0x5d, 0x00, 0xff}, color.NRGBA{0xff, 0xb7, 0x4d, 0xff}},
	ColorNameBlocked:  {color.NRGBA{0xc6, 0x28, 0x28, 0xff}, color.NRGBA{0xef, 0x9a, 0x9a, 0xff}},
	ColorNameOnStatus: {color.White, color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}},
}

// readableColors replace the default theme's text colours (and the fills
// text sits on) that measure under WCAG AA's 4.5:1 on the backgrounds they
// are drawn on: grey hints, placeholders, links, errors, warnings, successes,
// and the selection under them. Light variant first, then dark.
//
// Hints (low importance) and disabled buttons share one colour, which must
// stay readable; the light variant's body text is therefore near-black
// instead of Fyne's #565656, so that a disabled button's grey text stands a
// visible step below an enabled button's (with Fyne's, the two differed by
// 1.2:1 on the same fill: a disabled button looked enabled).
var readableColors = map[fyne.ThemeColorName][2]color.Color{
	theme.ColorNameForeground:          {color.NRGBA{0x20, 0x21, 0x24, 0xff}, color.NRGBA{0xf3, 0xf3, 0xf3, 0xff}},
	theme.ColorNameDisabled:            {color.NRGBA{0x5f, 0x63, 0x68, 0xff}, color.NRGBA{0xa8, 0xa8, 0xad, 0xff}},
	theme.ColorNamePlaceHolder:         {color.NRGBA{0x5f, 0x63, 0x68, 0xff}, color.NRGBA{0xb8, 0xb8, 0xbd, 0xff}},
	theme.ColorNamePrimary:             {color.NRGBA{0x15, 0x57, 0xc0, 0xff}, color.NRGBA{0x8a, 0xb4, 0xf8, 0xff}},
	theme.ColorNameHyperlink:           {color.NRGBA{0x15, 0x57, 0xc0, 0xff}, color.NRGBA{0x8a, 0xb4, 0xf8, 0xff}},
	theme.ColorNameForegroundOnPrimary: {color.White, color.NRGBA{0x17, 0x17, 0x18, 0xff}},
	theme.ColorNameError:               {color.NRGBA{0xb7, 0x1c, 0x1c, 0xff}, color.NRGBA{0xff, 0x8a, 0x80, 0xff}},
	theme.ColorNameWarning:             {color.NRGBA{0x8a, 0x4b, 0x00, 0xff}, color.NRGBA{0xff, 0xb7, 0x4d, 0xff}},
	theme.ColorNameSuccess:             {color.NRGBA{0x1b, 0x5e, 0x20, 0xff}, color.NRGBA{0x81, 0xc7, 0x84, 0xff}},
	theme.ColorNameSelection:           {color.NRGBA{0x15, 0x57, 0xc0, 0x1c}, color.NRGBA{0x8a, 0xb4, 0xf8, 0x24}},
}

// Theme is Fyne's default theme with the bundled fonts (Chinese, Thai,
// Vietnamese), the verdict colours, and optionally a fixed light or dark
// variant.
type Theme struct {
	Variant Variant
}

var _ fyne.Theme = (*Theme)(nil)

// NewTheme returns the theme for a chosen variant.
func NewTheme(v Variant) *Theme { return &Theme{Variant: v} }

func (t *Theme) variant(v fyne.ThemeVariant) fyne.ThemeVariant {
	switch t.Variant {
	case VariantLight:
		return theme.VariantLight
	case VariantDark:
		return theme.VariantDark
	}
	return v
}

// Color answers the verdict colours itself and the rest from the default theme.
func (t *Theme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	v = t.variant(v)
	c, ok := statusColors[n]
	if !ok {
		c, ok = readableColors[n]
	}
	if ok {
		if v == theme.VariantDark {
			return c[1]
		}
		return c[0]
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font is a bundled font for every style but symbols: bold text gets the
// bold one. Fyne asks the theme for one font per style and falls back only
// to its own font of that style and to system fonts, so each of ours holds
// every script Fyne's fonts lack: Chinese, Thai (with its mark positioning)
// and the Vietnamese letters Fyne's monospace font has not. Neither has ASCII
// letters or digits, so Fyne draws those with its own font of the same style
// (monospace digits stay monospace), with no system CJK or Thai font needed.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return assets.FontBold
	}
	return assets.Font
}

// Icon is the default theme's.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size is the default theme's.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// statusColorName is the chip colour of a verdict status ("ready", "waiting", "blocked").
func statusColorName(status string) fyne.ThemeColorName {
	switch status {
	case "ready":
		return ColorNameReady
	case "waiting":
		return ColorNameWaiting
	}
	return ColorNameBlocked
}
