package screens

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"

	"depositdesk/assets"
)

var translationFiles = []string{"en.json", "zh_Hans.json"}

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// canonicalJSON is how the translation files are written: keys sorted,
// two-space indent, no HTML escaping, so merges touch only the lines changed.
func canonicalJSON(m map[string]string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(m)
	return b.Bytes()
}

func TestTranslationFilesHaveTheSameKeysAndNoEmptyValue(t *testing.T) {
	en, zh := readTranslations(t, "en.json"), readTranslations(t, "zh_Hans.json")
	for k, v := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("zh_Hans.json lacks %q", k)
		}
		if v == "" {
			t.Errorf("en.json: %q has an empty value", k)
		}
	}
	for k, v := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
		if v == "" {
			t.Errorf("zh_Hans.json: %q has an empty value", k)
		}
	}
}

// Set DEPOSITDESK_SORT_TRANSLATIONS=1 to rewrite the files in canonical form.
func TestTranslationFilesAreSortedByKey(t *testing.T) {
	for _, name := range translationFiles {
		path := filepath.Join("..", "assets", "translations", name)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(got, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := canonicalJSON(m)
		if bytes.Equal(got, want) {
			continue
		}
		if os.Getenv("DEPOSITDESK_SORT_TRANSLATIONS") != "" {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s is not sorted by key with two-space indent; run DEPOSITDESK_SORT_TRANSLATIONS=1 go test -tags migrated_fynedo -run TestTranslationFilesAreSortedByKey ./screens/", name)
	}
}

// keyPattern finds the literal keys the screens show: lang.L("…"), lang.X("…", …)
// and msgKey("…"), in double or back quotes.
var keyPattern = regexp.MustCompile("(?:lang\\.L|lang\\.X|msgKey)\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`)")

func TestEveryTextTheScreensShowIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{} // key → file it is used in
	for _, f := range files {
		if filepath.Ext(f) != ".go" || regexp.MustCompile(`_test\.go$`).MatchString(f) {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyPattern.FindAllSubmatch(src, -1) {
			k, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %s: %v", f, m[1], err)
			}
			keys[k] = f
		}
	}
	if len(keys) < 10 {
		t.Fatalf("found only %d keys; is the pattern still right?", len(keys))
	}
	for _, name := range translationFiles {
		tr := readTranslations(t, name)
		var missing []string
		for k, f := range keys {
			if _, ok := tr[k]; !ok {
				missing = append(missing, strconv.Quote(k)+" ("+f+")")
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s lacks %s", name, m)
		}
	}
}

func TestChosenLanguageAnswersEveryLangCall(t *testing.T) {
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	for _, c := range []struct {
		l    Language
		want string
	}{{LanguageChinese, "总览"}, {LanguageEnglish, "Overview"}, {LanguageChinese, "总览"}} {
		if err := ApplyLanguage(c.l); err != nil {
			t.Fatal(err)
		}
		if got := lang.L("Overview"); got != c.want {
			t.Errorf("after choosing %q, lang.L(Overview) = %q, want %q", c.l, got, c.want)
		}
	}
	ApplyLanguage(LanguageChinese)
	zh := readTranslations(t, "zh_Hans.json")
	if got := lang.L("row {{.Row}}", map[string]any{"Row": 4}); got != "第 4 行" {
		t.Errorf("templates are filled: got %q", got)
	}
	for k, v := range zh {
		if regexp.MustCompile(`\{\{`).MatchString(k) {
			continue
		}
		if got := lang.L(k); got != v {
			t.Errorf("lang.L(%q) = %q, want %q (did go-i18n read the key as a reserved word?)", k, got, v)
		}
	}
}

// Chinese must render without any system font, in every text style: each
// character of the Chinese texts and of the sample data is in the font the
// theme gives that style or in Fyne's own font Fyne falls back to for it.
func TestEveryChineseCharacterIsInABundledFontInEveryStyle(t *testing.T) {
	var texts []string
	for _, v := range readTranslations(t, "zh_Hans.json") {
		texts = append(texts, v)
	}
	// The symbols the window draws (✗ and ฿ only in regular text, below).
	texts = append(texts, "✓•…→↑↓¥€£₫，。：（）“”保证金助手", "… 另有 27 项")
	texts = append(texts, sampleDataTexts(t)...)

	th := NewTheme(VariantSystem)
	for _, st := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}, {Bold: true, Italic: true}, {Bold: true, Monospace: true}} {
		ours := parseFont(t, th.Font(st))
		fallback := parseFont(t, theme.DefaultTheme().Font(st))
		missing := map[rune]bool{}
		for _, text := range texts {
			for _, r := range text {
				if r == '\n' || missing[r] {
					continue
				}
				_, a := ours.NominalGlyph(r)
				_, b := fallback.NominalGlyph(r)
				if !a && !b {
					missing[r] = true
					t.Errorf("style %+v: no bundled font draws %q (U+%04X) of %q", st, r, r, text)
				}
			}
		}
		if !st.Bold {
			for _, r := range "✗฿" {
				if _, ok := ours.NominalGlyph(r); !ok {
					t.Errorf("style %+v: no bundled font draws %q", st, r)
				}
			}
		}
		if st.Bold {
			// Chinese in bold text is drawn by a bold font, not the regular one.
			if _, ok := ours.NominalGlyph('保'); !ok || th.Font(st) == th.Font(fyne.TextStyle{}) {
				t.Errorf("style %+v has no bold Chinese", st)
			}
		}
	}
}

func parseFont(t *testing.T, r fyne.Resource) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("font %s: %v", r.Name(), err)
	}
	return f
}

// sampleDataTexts are the texts the sample data shows: shop names, clients,
// accounts, and the statuses of the orders and cases listed as evidence.
func sampleDataTexts(t *testing.T) []string {
	t.Helper()
	d := demoDesk(t)
	shops, err := d.Shops(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, sh := range shops {
		out = append(out, sh.Name, sh.Client, sh.Account.Holder, sh.Account.Bank, sh.Notes)
		orders, err := d.BlockingOrders(context.Background(), sh.Name, evidenceLimit)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orders {
			out = append(out, o.Status, o.Substatus)
		}
		cases, err := d.OpenCases(context.Background(), sh.Name, evidenceLimit)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			out = append(out, c.Type, c.Status, c.Substatus)
		}
	}
	if !strings.Contains(strings.Join(out, ""), "日出") {
		t.Fatal("the sample data has no Chinese to check")
	}
	return out
}

// Chinese texts use full-width punctuation with no space beside it, and no
// half-width punctuation between Chinese characters.
func TestChinesePunctuationIsFullWidthWithoutExtraSpaces(t *testing.T) {
	spaced := regexp.MustCompile(` [，。：；！？（）、“”《》]|[，。：；！？（）、《》] `)
	halfWidth := regexp.MustCompile(`\p{Han}[,:;!?()]|[,:;!?(]\p{Han}`)
	for k, v := range readTranslations(t, "zh_Hans.json") {
		if m := spaced.FindString(v); m != "" {
			t.Errorf("%q: a space beside full-width punctuation (%q) in %q", k, m, v)
		}
		if m := halfWidth.FindString(v); m != "" {
			t.Errorf("%q: half-width punctuation in Chinese (%q) in %q", k, m, v)
		}
	}
}
