package screens

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	_ "depositdesk/app/plainlocale" // before Fyne reads the locale
	"depositdesk/assets"
	"depositdesk/data"
)

// Language is the UI language a person chose in Settings.
type Language string

// The choices Settings offers; LanguageSystem follows the OS.
const (
	LanguageSystem  Language = ""
	LanguageChinese Language = "zh_Hans"
	LanguageEnglish Language = "en"
)

// prefLanguage is the preference key holding the chosen Language.
const prefLanguage = "language"

// localizerTags are the languages fyne 2.7 resolves the OS locale to (its own
// translations plus ours). Whichever one it picks, we load the chosen
// language's text under it, so our strings follow the choice on every OS.
var localizerTags = []fyne.Locale{"en", "cs", "de", "el", "es", "fr", "pl", "pt", "pt_BR", "ru", "sv", "ta", "uk", "zh_Hans"}

// originalLanguageEnv is LANGUAGE as the OS gave it, restored for "System".
var originalLanguageEnv, hadLanguageEnv = os.LookupEnv("LANGUAGE")

// SystemLanguage is the language the OS asks for, as one of ours: Chinese for
// any zh locale, English otherwise. It is read once, before our own LANGUAGE
// override could feed back into it.
var SystemLanguage = sync.OnceValue(func() Language {
	base, _, _ := strings.Cut(strings.ToLower(lang.SystemLocale().String()), "-")
	if base == "zh" {
		return LanguageChinese
	}
	return LanguageEnglish
})

// Resolve turns LanguageSystem into the OS language; others stay as they are.
func (l Language) Resolve() Language {
	if l == LanguageSystem {
		return SystemLanguage()
	}
	return l
}

// ApplyLanguage makes every lang.L of ours answer in l from now on.
//
// Fyne 2.7 has no public call to choose the UI language: its localizer picks
// the OS locale, re-reading it whenever translations are added. So we load the
// chosen language's file under every language the localizer might pick. On
// Linux and the BSDs the OS locale is read from LANGUAGE, which we set too, so
// Fyne's own strings (dialog buttons) follow; on Windows and macOS they stay
// in the OS language. Widgets already built keep their text: the Shell
// rebuilds its screens after a change (see Shell.SetLanguage).
func ApplyLanguage(l Language) error {
	l = l.Resolve()
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		setLanguageEnv(l)
	}
	content, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + string(l) + ".json")
	if err != nil {
		return err
	}
	var errs []error
	for _, tag := range localizerTags {
		errs = append(errs, lang.AddTranslationsForLocale(content, tag))
	}
	return errors.Join(errs...)
}

func setLanguageEnv(l Language) {
	switch {
	case l == SystemLanguage() && hadLanguageEnv:
		os.Setenv("LANGUAGE", originalLanguageEnv)
	case l == SystemLanguage():
		os.Unsetenv("LANGUAGE")
	case l == LanguageChinese:
		os.Setenv("LANGUAGE", "zh_CN:zh")
	default:
		os.Setenv("LANGUAGE", "en_US:en")
	}
}

// msgKey marks an English text that is shown later through lang.L, so the
// translation test finds it; it returns s unchanged.
func msgKey(s string) string { return s }

// rowsText is "1 row" or "1,204 rows" in the UI language: n decides the
// form, shown is what is written.
func rowsText(n int, shown any) string {
	return lang.L(data.Plural(n, msgKey("{{.Rows}} row"), msgKey("{{.Rows}} rows")), map[string]any{"Rows": shown})
}

// tr is a Message in the UI language, without its place.
func tr(m data.Message) string {
	if m.Args == nil {
		return lang.L(m.Text)
	}
	return lang.L(m.Text, data.ExpandParts(m.Args, tr, lang.L(data.PartsSeparator)))
}

// trFull is a Message in the UI language, led by its place (file, row, column).
func trFull(m data.Message) string {
	var parts []string
	if m.File != "" {
		parts = append(parts, lang.L("file “{{.File}}”", map[string]any{"File": data.Printable(m.File)}))
	}
	if m.Row > 0 {
		parts = append(parts, lang.L("row {{.Row}}", map[string]any{"Row": m.Row}))
	}
	if m.Column != "" {
		parts = append(parts, lang.L("column “{{.Column}}”", map[string]any{"Column": data.Printable(m.Column)}))
	}
	if len(parts) == 0 {
		return tr(m)
	}
	return lang.L("{{.Place}}: {{.Text}}", map[string]any{
		"Place": strings.Join(parts, lang.L(", ")),
		"Text":  tr(m),
	})
}

// trError is an error as a sentence in the UI language: a *data.Message is
// translated; anything else is shown after a translated lead-in.
func trError(err error) string {
	var m *data.Message
	if errors.As(err, &m) {
		return trFull(*m)
	}
	return lang.L("Something went wrong: {{.Error}}", map[string]any{"Error": err.Error()})
}

// errorMessage is a sentence already in the user's language, as an error for
// dialog.ShowError.
func errorMessage(text string) error { return errors.New(text) }

// chosenPath is the file a save dialog chose. The dialog has just created it
// empty (and the person agreed to replace any file of that name); what we
// write there makes a new file and never overwrites, so the empty one goes.
func chosenPath(w fyne.URIWriteCloser) string {
	dest := w.URI().Path()
	w.Close()
	os.Remove(dest)
	return dest
}
