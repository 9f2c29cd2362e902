// Package assets holds what Deposit Desk embeds in its binary: the fonts
// (so Chinese, Thai and Vietnamese render on machines without such a font), the app icon, the UI
// translations and, in samples/, the exports the demo imports.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

//go:embed fonts/DepositDeskCJK.ttf
var fontTTF []byte

// Font is DepositDeskCJK.ttf: Droid Sans Fallback cut to GB2312 plus the
// punctuation and symbols the UI draws (see fonts/subset.sh and the licence
// beside it), with the Thai of Noto Sans Thai and the Vietnamese letters
// Fyne's monospace font lacks (fonts/add-scripts.sh, LICENSE-NotoSans.txt).
// It has no ASCII letters; Fyne falls back to its own Noto Sans for those,
// so it serves as the theme's regular, italic and monospace font.
var Font fyne.Resource = fyne.NewStaticResource("DepositDeskCJK.ttf", fontTTF)

//go:embed fonts/DepositDeskCJK-Bold.otf
var fontBoldOTF []byte

// FontBold is DepositDeskCJK-Bold.otf: Noto Sans CJK SC Bold cut to GB2312
// and CJK punctuation (see fonts/subset-bold.sh and the licence beside it),
// with Noto Sans Thai Bold and bold Vietnamese letters added as in Font, so
// Chinese and Thai are bold beside bold Latin. It has no ASCII letters either.
var FontBold fyne.Resource = fyne.NewStaticResource("DepositDeskCJK-Bold.otf", fontBoldOTF)

//go:embed icon.png
var iconPNG []byte

// Icon is the app icon (512×512 PNG, drawn by icon.sh).
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// Translations holds translations/en.json and translations/zh_Hans.json,
// keyed by the English text (fyne's lang.AddTranslationsFS reads it).
//
//go:embed translations/*.json
var Translations embed.FS

// TranslationsDir is the folder inside Translations.
const TranslationsDir = "translations"
