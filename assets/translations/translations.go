// Package translations holds the UI's translation files (en.json,
// zh_Hans.json, keyed by the English text) and renders messages in one of
// them without a window, so the command line writes Chinese workbooks too.
package translations

import (
	"embed"
	"encoding/json"

	"depositdesk/data"
)

// Files are en.json and zh_Hans.json.
//
//go:embed *.json
var Files embed.FS

// Translator renders messages in the language of a file (en, zh_Hans),
// whatever the UI language is; a text the file lacks stays English. It is
// safe to call from any goroutine.
func Translator(language string) (func(data.Message) string, error) {
	texts := map[string]string{}
	b, err := Files.ReadFile(language + ".json")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &texts); err != nil {
		return nil, err
	}
	sep, ok := texts[data.PartsSeparator]
	if !ok {
		sep = data.PartsSeparator
	}
	var render func(data.Message) string
	render = func(m data.Message) string {
		t, ok := texts[m.Text]
		if !ok {
			t = m.Text
		}
		return data.Render(t, data.ExpandParts(m.Args, render, sep))
	}
	return render, nil
}
