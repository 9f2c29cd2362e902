package screens

import (
	"regexp"
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

// countedPlural finds a number followed by a plural noun: a sentence that
// reads wrong for one ("1 rows") unless it has a singular twin.
var countedPlural = regexp.MustCompile(`\{\{\.\w+\}\} (?:[a-z-]+ )?(days|rows|records|orders|shops|files|IDs|cases|lines|workbooks)\b(?:[^/]|$)`)

// singularOf names, for each count-bearing text, the text used when the
// number is 1 (the code chooses with Plural); neverOne the texts whose number
// cannot be 1, and why.
var (
	singularOf = map[string]string{
		"As of {{.Date}} · expected review time {{.Days}} days":                                                                                   "As of {{.Date}} · expected review time {{.Days}} day",
		"Overdue: submitted on {{.Submitted}}, a decision was expected by {{.Due}} ({{.Days}} days of review). Ask the platform where it stands.": "Overdue: submitted on {{.Submitted}}, a decision was expected by {{.Due}} ({{.Days}} day of review). Ask the platform where it stands.",
		"The closure notice is not posted; it must show on the shop page for {{.Days}} days":                                                      "The closure notice is not posted; it must show on the shop page for {{.Days}} day",
		"The closure notice was posted on {{.Posted}}; its {{.Days}} days end on {{.Due}}":                                                        "The closure notice was posted on {{.Posted}}; its {{.Days}} day ends on {{.Due}}",
		"The closure notice was posted on {{.Posted}}; its {{.Days}} days ended on {{.Due}}":                                                      "The closure notice was posted on {{.Posted}}; its {{.Days}} day ended on {{.Due}}",
		"The shop's opening date is unknown; the rule set requires {{.Days}} days of operation":                                                   "The shop's opening date is unknown; the rule set requires {{.Days}} day of operation",
		"Writing a workbook for each of {{.Count}} shops and the summary…":                                                                        "Writing a workbook for {{.Count}} shop and the summary…",
		"Writing {{.Count}} records in one transaction…":                                                                                          "Writing {{.Count}} record in one transaction…",
		"{{.Count}} IDs are numbers in scientific notation, such as {{.Value}} ({{.Rows}}): their last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first": "An ID is a number in scientific notation, {{.Value}} ({{.Rows}}): its last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first",
		"{{.Days}} days":                 "{{.Days}} day",
		"{{.Days}} days by default":      "{{.Days}} day by default",
		"{{.Records}} after-sales cases": "{{.Records}} after-sales case",
		"{{.Records}} orders":            "{{.Records}} order",
		"{{.Records}} records: {{.Created}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped": "{{.Records}} record: {{.Created}} new, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped",
		"{{.Rows}} rows": "{{.Rows}} row",
		"{{.Rows}} rows read · {{.Rate}} rows/s":                                    "{{.Rows}} row read · {{.Rate}} rows/s",
		"{{.Shown}} of {{.Total}} shops":                                            "{{.Shown}} of {{.Total}} shop",
		"{{.Chosen}} of {{.Total}} shops chosen":                                    "{{.Chosen}} of {{.Total}} shop chosen",
		"Add {{.Count}} files":                                                      "Add {{.Count}} file",
		"{{.Count}} files, one import":                                              "{{.Count}} file",
		"Imported {{.Files}} files as one import. Undo takes all of them back out.": "Imported {{.Files}} file. Undo takes it back out.",
		"rows {{.Rows}}":                                                            "row {{.Row}}",
	}
	neverOne = map[string]string{
		"Saved {{.Count}} files in {{.Folder}}": "one file saved says Saved to {{.File}} instead",
		"No header row with an Order ID or Return Order ID column in the first {{.N}} rows; this does not look like a TikTok order or returns export. Columns found: {{.Found}}":                                                                                       "N is maxHeaderRow, 10",
		"Rule set {{.ID}}: {{.Field}} is {{.Value}} days, more than {{.Max}}":                                                                                                                                                                                          "Value is more than Max, maxRuleDays (10000)",
		"The data of {{.Shop}} is as of {{.Date}}, more than {{.Days}} days old; import a recent export before submitting":                                                                                                                                             "Days is StaleAfterDays, 7",
		"{{.Count}} IDs end in zeros past their 15th digit, such as {{.Value}} ({{.Rows}}): Excel stored them as numbers and their last digits were lost. Export the file again from the platform and import it as downloaded; do not open and save it in Excel first": "only said of two IDs or more",
	}
)

func TestEveryCountBearingTextHasASingularOrCannotBeOne(t *testing.T) {
	en, zh := readTranslations(t, "en.json"), readTranslations(t, "zh_Hans.json")
	for k := range en {
		if !countedPlural.MatchString(k) {
			continue
		}
		if _, ok := neverOne[k]; ok {
			continue
		}
		one, ok := singularOf[k]
		if !ok {
			t.Errorf("%q reads wrong for 1: add its singular twin, choose between them with data.Plural, and list the pair in singularOf (or in neverOne, saying why its number is never 1)", k)
			continue
		}
		for name, m := range map[string]map[string]string{"en.json": en, "zh_Hans.json": zh} {
			if _, ok := m[one]; !ok {
				t.Errorf("%s lacks the singular %q of %q", name, one, k)
			}
		}
	}
	for many := range singularOf {
		if _, ok := en[many]; !ok {
			t.Errorf("singularOf lists %q, which en.json no longer has", many)
		}
	}
}
