package screens

import (
	"testing"

	"depositdesk/app"
	"depositdesk/data"
)

func TestEveryStatusCheckAndClassHasAChineseName(t *testing.T) {
	t.Cleanup(func() { ApplyLanguage(LanguageEnglish) })
	if err := ApplyLanguage(LanguageChinese); err != nil {
		t.Fatal(err)
	}
	named := func(kind, id, got string) {
		if got == id || got == "" {
			t.Errorf("%s %q has no Chinese name (got %q)", kind, id, got)
		}
	}
	for _, s := range []string{app.Ready, app.Waiting, app.Blocked} {
		named("status", s, statusLabel(s))
	}
	for _, id := range app.CheckIDs {
		named("check", id, checkLabel(id))
	}
	for _, c := range data.StatusClasses {
		named("class", string(c), classLabel(c))
	}
	for _, k := range []data.FileKind{data.KindOrders, data.KindReturns} {
		named("kind", string(k), kindLabel(k))
	}
	if got := statusLabel("paused"); got != "paused" {
		t.Errorf("an id the window does not know shows as %q, want the id itself", got)
	}
}
