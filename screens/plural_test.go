package screens

import (
	"testing"

	"depositdesk/data"
)

func TestCountedWordsFitTheirNumberInBothLanguages(t *testing.T) {
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	cases := []struct {
		l      Language
		n      int
		shown  any
		rows   string
		days   string
		window string
	}{
		{LanguageEnglish, 1, 1, "1 row", "1 day", "1 day by default"},
		{LanguageEnglish, 1204, "1,204", "1,204 rows", "1204 days", "1204 days by default"},
		{LanguageChinese, 1, 1, "1 行", "1 天", "默认 1 天"},
		{LanguageChinese, 30, "30", "30 行", "30 天", "默认 30 天"},
	}
	for _, c := range cases {
		if err := ApplyLanguage(c.l); err != nil {
			t.Fatal(err)
		}
		if got := rowsText(c.n, c.shown); got != c.rows {
			t.Errorf("%s: rowsText(%d) = %q, want %q", c.l, c.n, got, c.rows)
		}
		if got := daysText(c.n); got != c.days {
			t.Errorf("%s: daysText(%d) = %q, want %q", c.l, c.n, got, c.days)
		}
		if got := returnWindowText(data.Params{DefaultWindow: c.n}); got != c.window {
			t.Errorf("%s: returnWindowText(%d) = %q, want %q", c.l, c.n, got, c.window)
		}
	}
}
