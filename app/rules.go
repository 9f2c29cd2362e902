package app

import (
	"maps"
	"slices"
	"strings"

	"depositdesk/data"
)

// The built-in rule set ids.
const (
	RulesTikTokCB = "tiktok-cb"
	RulesBasic    = "basic"
)

// BuiltInRuleSets are the rule sets of PRODUCT.md §2, fresh copies on every
// call (callers may change them). Every site not in a return window table
// gets the default window, so they apply to every site (Sites empty).
func BuiltInRuleSets() []data.RuleSet {
	return []data.RuleSet{
		{
			ID:        RulesTikTokCB,
			Version:   1,
			Name:      "TikTok Shop cross-border",
			Platform:  "tiktok",
			Effective: data.MakeDate(2025, 12, 15),
			Source: "TikTok Shop's closure and deposit refund conditions C1–C6 (tt123.com/policy/3WU9htjm), " +
				"with the return window after delivery of each site from its after-sales rules",
			BuiltIn: true,
			Params: data.Params{
				MinOperatingDays: 0,
				ReturnWindow: map[string]int{
					"US": 30, "UK": 30, "VN": 15, "TH": 7, "ID": 6, "MY": 7, "PH": 7, "SG": 7,
				},
				DefaultWindow:     30,
				QuietDays:         90,
				ClosureNoticeDays: 30,
				Steps:             slices.Clone(data.ClosureSteps),
			},
		},
		{
			ID:        RulesBasic,
			Version:   1,
			Name:      "Basic closure conditions",
			Platform:  "tiktok",
			Effective: data.MakeDate(2024, 7, 12),
			Source: "The conditions sellers' guides give (2024-07-12): the operating period or contract is over, " +
				"no open violation, every order and after-sales case settled",
			BuiltIn: true,
			Params: data.Params{
				MinOperatingDays: 0,
				ReturnWindow:     map[string]int{},
				DefaultWindow:    30,
			},
		},
	}
}

// CopyRuleSet is r under a new id and name, ready to edit: not built in,
// version 1, sharing no map or slice with r.
func CopyRuleSet(r data.RuleSet, newID, newName string) data.RuleSet {
	c := r
	c.ID, c.Name = newID, newName
	c.BuiltIn, c.Version = false, 1
	c.Sites = slices.Clone(r.Sites)
	c.Params.ReturnWindow = maps.Clone(r.Params.ReturnWindow)
	if c.Params.ReturnWindow == nil {
		c.Params.ReturnWindow = map[string]int{}
	}
	c.Params.Steps = slices.Clone(r.Params.Steps)
	return c
}

// maxRuleDays bounds every number of days a rule set holds (about 27 years):
// beyond it a typo, not a rule.
const maxRuleDays = 10000

// The templates of rule set validation errors.
const (
	MsgRuleSetNeedsID       = "A rule set needs an id"
	MsgRuleSetBadID         = "The rule set id {{.ID}} cannot contain spaces, @ or #"
	MsgRuleSetNeedsName     = "Rule set {{.ID}} needs a name"
	MsgRuleSetNegative      = "Rule set {{.ID}}: {{.Field}} cannot be negative ({{.Value}})"
	MsgRuleSetTooLarge      = "Rule set {{.ID}}: {{.Field}} is {{.Value}} days, more than {{.Max}}"
	MsgRuleSetBadSite       = "Rule set {{.ID}}: {{.Site}} is not a site code in capitals (US, UK, MY, …)"
	MsgRuleSetUnknownStep   = "Rule set {{.ID}}: {{.Step}} is not a closure step (known: {{.Known}})"
	MsgRuleSetDuplicateStep = "Rule set {{.ID}}: the step {{.Step}} is listed twice"
)

// ValidateRuleSet checks what a person entered for a rule set; the error is a
// *data.Message naming the first problem.
func ValidateRuleSet(r data.RuleSet) error {
	id := r.ID
	switch {
	case strings.TrimSpace(id) == "":
		return data.Msg(MsgRuleSetNeedsID, nil)
	case strings.ContainsAny(id, " \t\r\n@#"):
		return data.Msg(MsgRuleSetBadID, msgArgs{"ID": id})
	case strings.TrimSpace(r.Name) == "":
		return data.Msg(MsgRuleSetNeedsName, msgArgs{"ID": id})
	}
	p := r.Params
	days := []struct {
		field string
		value int
	}{
		{"min_operating_days", p.MinOperatingDays},
		{"default_return_window", p.DefaultWindow},
		{"quiet_days", p.QuietDays},
		{"closure_notice_days", p.ClosureNoticeDays},
	}
	for _, site := range slices.Sorted(maps.Keys(p.ReturnWindow)) {
		if !isSiteCode(site) {
			return data.Msg(MsgRuleSetBadSite, msgArgs{"ID": id, "Site": site})
		}
		days = append(days, struct {
			field string
			value int
		}{"return_window " + site, p.ReturnWindow[site]})
	}
	for _, d := range days {
		if d.value < 0 {
			return data.Msg(MsgRuleSetNegative, msgArgs{"ID": id, "Field": d.field, "Value": d.value})
		}
		if d.value > maxRuleDays {
			return data.Msg(MsgRuleSetTooLarge, msgArgs{"ID": id, "Field": d.field, "Value": d.value, "Max": maxRuleDays})
		}
	}
	for i, step := range p.Steps {
		if !slices.Contains(data.ClosureSteps, step) {
			return data.Msg(MsgRuleSetUnknownStep, msgArgs{"ID": id, "Step": step, "Known": strings.Join(data.ClosureSteps, ", ")})
		}
		if slices.Contains(p.Steps[:i], step) {
			return data.Msg(MsgRuleSetDuplicateStep, msgArgs{"ID": id, "Step": step})
		}
	}
	return nil
}

// isSiteCode reports whether s is written as RuleSet.Window looks sites up: capitals.
func isSiteCode(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}
