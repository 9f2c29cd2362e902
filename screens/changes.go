package screens

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"depositdesk/app"
	"depositdesk/data"
)

// prefLastStatuses is the preference key holding each shop's status as the
// overview last showed it: JSON {"shop id": "ready", …}.
const prefLastStatuses = "overview.lastStatuses"

// prefLastOverdue holds the shops whose application was overdue when the
// overview last looked: JSON [shop id, …].
const prefLastOverdue = "overview.lastOverdue"

// changedOverdue marks, in a changes map, a shop whose application went
// overdue since last time (instead of the status it had).
const changedOverdue = "overdue"

// applicationsDesk is the core's view of the refund applications; a Desk
// without it has no overdue applications to report.
type applicationsDesk interface {
	Applications(asOf data.Date) ([]app.ApplicationView, error)
}

// verdictRecorder writes verdict changes to the audit log; the overview calls
// it after every refresh when the core has it.
type verdictRecorder interface {
	RecordVerdicts(vs []app.Verdict) error
}

var (
	_ applicationsDesk = (*app.Desk)(nil)
	_ verdictRecorder  = (*app.Desk)(nil)
)

// overdueShops are the shops with an overdue application.
func overdueShops(apps []app.ApplicationView) map[int64]bool {
	out := map[int64]bool{}
	for _, a := range apps {
		if a.Overdue {
			out[a.ShopID] = true
		}
	}
	return out
}

// lastOverdue reads the shops whose application was overdue last time; nil
// when never stored.
func lastOverdue(p fyne.Preferences) map[int64]bool {
	s := p.String(prefLastOverdue)
	if s == "" {
		return nil
	}
	var ids []int64
	if err := json.Unmarshal([]byte(s), &ids); err != nil {
		fyne.LogError("reading the last overdue applications", err)
		return nil
	}
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = true
	}
	return out
}

func storeOverdue(p fyne.Preferences, overdue map[int64]bool) {
	ids := make([]int64, 0, len(overdue))
	for id := range overdue {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	b, _ := json.Marshal(ids)
	p.SetString(prefLastOverdue, string(b))
}

// addOverdueChanges marks the shops whose application went overdue since
// last time (a status change wins the mark). With nothing stored, every
// overdue application is news.
func addOverdueChanges(changed map[int64]string, last, now map[int64]bool) {
	for id := range now {
		if _, marked := changed[id]; !marked && !last[id] {
			changed[id] = changedOverdue
		}
	}
}

// lastStatuses reads the statuses the overview last showed, by shop id; nil
// when none were ever stored (the first start shows no changes).
func lastStatuses(p fyne.Preferences) map[int64]string {
	s := p.String(prefLastStatuses)
	if s == "" {
		return nil
	}
	var raw map[string]string
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		fyne.LogError("reading the last shop statuses", err)
		return nil
	}
	out := make(map[int64]string, len(raw))
	for k, v := range raw {
		if id, err := strconv.ParseInt(k, 10, 64); err == nil {
			out[id] = v
		}
	}
	return out
}

// storeStatuses remembers the statuses shown now, for the next start.
func storeStatuses(p fyne.Preferences, vs []app.Verdict) {
	raw := make(map[string]string, len(vs))
	for _, v := range vs {
		raw[strconv.FormatInt(v.ShopID, 10)] = v.Status
	}
	b, err := json.Marshal(raw)
	if err != nil {
		fyne.LogError("storing the shop statuses", err)
		return
	}
	p.SetString(prefLastStatuses, string(b))
}

// statusChanges are the shops whose status differs from the one last shown,
// by shop id, with the status they had. Shops new since then are not changes.
func statusChanges(last map[int64]string, vs []app.Verdict) map[int64]string {
	out := map[int64]string{}
	for _, v := range vs {
		if was, ok := last[v.ShopID]; ok && was != v.Status {
			out[v.ShopID] = was
		}
	}
	return out
}

// changesNotification says how many shops changed and to what, or nil when none did.
func changesNotification(changed map[int64]string, vs []app.Verdict) *fyne.Notification {
	if len(changed) == 0 {
		return nil
	}
	counts := map[string]int{}
	overdue := 0
	for _, v := range vs {
		switch was, ok := changed[v.ShopID]; {
		case was == changedOverdue:
			overdue++
		case ok:
			counts[v.Status]++
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
