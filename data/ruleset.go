package data

import (
	"strconv"
	"strings"
)

// RuleSet is a platform's closure and refund conditions, kept as data so that a
// user can copy and edit one when the platform changes its rules.
type RuleSet struct {
	ID        string   `json:"id"`
	Version   int      `json:"version"` // bumped on every edit of a copy
	Name      string   `json:"name"`
	Platform  string   `json:"platform"`
	Sites     []string `json:"sites"` // empty: every site
	Effective Date     `json:"effective"`
	Source    string   `json:"source"`
	BuiltIn   bool     `json:"built_in"`
	Params    Params   `json:"params"`
}

// Params are the numbers and steps a rule set decides.
type Params struct {
	MinOperatingDays  int            `json:"min_operating_days"`
	ReturnWindow      map[string]int `json:"return_window"` // days after delivery, by site
	DefaultWindow     int            `json:"default_return_window"`
	QuietDays         int            `json:"quiet_days"`          // 0: quiet_period off
	ClosureNoticeDays int            `json:"closure_notice_days"` // 0: closure_notice off
	Steps             []string       `json:"steps"`               // required closure steps
}

// Label names the rule set and the version a verdict used, e.g. "tiktok-cb@2025-12-15".
func (r RuleSet) Label() string {
	l := r.ID + "@" + r.Effective.String()
	if !r.BuiltIn && r.Version > 1 {
		l += "#" + strconv.Itoa(r.Version)
	}
	return l
}

// Window is the return window in days after delivery for a site.
func (r RuleSet) Window(site string) int {
	if d, ok := r.Params.ReturnWindow[strings.ToUpper(site)]; ok {
		return d
	}
	return r.Params.DefaultWindow
}

// Requires reports whether the rule set requires the closure step with this id.
func (r RuleSet) Requires(step string) bool {
	for _, s := range r.Params.Steps {
		if s == step {
			return true
		}
	}
	return false
}
