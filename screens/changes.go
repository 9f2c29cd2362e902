package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"depositdesk/app"
)

// changesNotification says how many shops changed since the last look and
// to what, or nil when none did.
func changesNotification(changed map[int64]app.ShopChange, vs []app.Verdict) *fyne.Notification {
	if len(changed) == 0 {
		return nil
	}
	counts := map[string]int{}
	overdue := 0
	for _, v := range vs {
		c, ok := changed[v.ShopID]
		if !ok {
			continue
		}
		if c.Was != "" {
			counts[v.Status]++
		}
		if c.Overdue {
			overdue++
		}
	}
	var parts []string
	for _, st := range []string{app.Ready, app.Waiting, app.Blocked} {
		if counts[st] > 0 {
			parts = append(parts, lang.L("{{.Status}}: {{.Count}}", map[string]any{"Status": statusLabel(st), "Count": counts[st]}))
		}
	}
	if overdue > 0 {
		parts = append(parts, lang.L("applications overdue: {{.Count}}", map[string]any{"Count": overdue}))
	}
	return fyne.NewNotification(lang.L("Deposit Desk"),
		lang.L("Shops whose status changed since you last looked: {{.Count}} ({{.Detail}})",
			map[string]any{"Count": len(changed), "Detail": strings.Join(parts, lang.L(", "))}))
}
