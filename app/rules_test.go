package app

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"depositdesk/data"
)

func TestBuiltInRuleSetsAreThoseOfPRODUCT(t *testing.T) {
	rs := BuiltInRuleSets()
	if len(rs) != 2 || rs[0].ID != "tiktok-cb" || rs[1].ID != "basic" {
		t.Fatalf("built-in rule sets %v, want tiktok-cb and basic", rs)
	}
	cb, basic := rs[0], rs[1]

	if cb.Name != "TikTok Shop cross-border" || cb.Platform != "tiktok" || cb.Effective.String() != "2025-12-15" ||
		!cb.BuiltIn || cb.Version != 1 || !strings.Contains(cb.Source, "tt123.com/policy/3WU9htjm") {
		t.Errorf("tiktok-cb = %+v", cb)
	}
	wantWindow := map[string]int{"US": 30, "UK": 30, "VN": 15, "TH": 7, "ID": 6, "MY": 7, "PH": 7, "SG": 7}
	p := cb.Params
	if p.MinOperatingDays != 0 || !maps.Equal(p.ReturnWindow, wantWindow) || p.DefaultWindow != 30 ||
		p.QuietDays != 90 || p.ClosureNoticeDays != 30 ||
		!slices.Equal(p.Steps, []string{"marketing_stopped", "creators_unbound", "commissions_settled", "dues_settled"}) {
		t.Errorf("tiktok-cb params = %+v", p)
	}
	for site, days := range map[string]int{"US": 30, "uk": 30, "VN": 15, "TH": 7, "ID": 6, "MY": 7, "PH": 7, "SG": 7, "JP": 30, "": 30} {
		if got := cb.Window(site); got != days {
			t.Errorf("tiktok-cb window for %q = %d, want %d", site, got, days)
		}
	}

	if basic.Name != "Basic closure conditions" || basic.Effective.String() != "2024-07-12" ||
		!basic.BuiltIn || basic.Version != 1 || basic.Source == "" {
		t.Errorf("basic = %+v", basic)
	}
	p = basic.Params
	if p.MinOperatingDays != 0 || p.DefaultWindow != 30 || len(p.ReturnWindow) != 0 ||
		p.QuietDays != 0 || p.ClosureNoticeDays != 0 || len(p.Steps) != 0 {
		t.Errorf("basic params = %+v", p)
	}
	if basic.Window("VN") != 30 {
		t.Errorf("basic window for VN = %d, want 30", basic.Window("VN"))
	}
	for _, r := range rs {
		if err := ValidateRuleSet(r); err != nil {
			t.Errorf("%s does not validate: %v", r.ID, err)
		}
	}
}

func TestBuiltInRuleSetsAreFreshOnEveryCall(t *testing.T) {
	a := BuiltInRuleSets()
	a[0].Params.ReturnWindow["US"] = 1
	a[0].Params.Steps[0] = "changed"
	b := BuiltInRuleSets()
	if b[0].Params.ReturnWindow["US"] != 30 || b[0].Params.Steps[0] != data.StepMarketingStopped {
		t.Error("changing one call's rule set changed the next call's")
	}
	if data.ClosureSteps[0] != data.StepMarketingStopped {
		t.Error("changing a rule set's steps changed data.ClosureSteps")
	}
}

func TestACopyOfARuleSetSharesNothingWithIt(t *testing.T) {
	orig := BuiltInRuleSets()[0]
	orig.Sites = []string{"US", "UK"}
	c := CopyRuleSet(orig, "tiktok-cb-2027", "TikTok 2027")
	if c.ID != "tiktok-cb-2027" || c.Name != "TikTok 2027" || c.BuiltIn || c.Version != 1 {
		t.Errorf("copy = %+v", c)
	}
	if c.Platform != orig.Platform || c.Effective != orig.Effective || c.Source != orig.Source ||
		!maps.Equal(c.Params.ReturnWindow, orig.Params.ReturnWindow) || !slices.Equal(c.Params.Steps, orig.Params.Steps) ||
		!slices.Equal(c.Sites, orig.Sites) || c.Params.QuietDays != orig.Params.QuietDays {
		t.Errorf("copy changed the rules: %+v", c)
	}
	c.Params.ReturnWindow["US"] = 45
	c.Params.Steps[0] = data.StepDuesSettled
	c.Sites[0] = "VN"
	if orig.Params.ReturnWindow["US"] != 30 || orig.Params.Steps[0] != data.StepMarketingStopped || orig.Sites[0] != "US" {
		t.Error("editing the copy changed the original")
	}
	if c.Label() != "tiktok-cb-2027@2025-12-15" {
		t.Errorf("label %q", c.Label())
	}
}

func TestACopyOfARuleSetWithoutWindowsCanTakeOne(t *testing.T) {
	c := CopyRuleSet(data.RuleSet{ID: "x", Name: "X"}, "y", "Y")
	c.Params.ReturnWindow["US"] = 30 // must not panic on a nil map
	if c.Window("US") != 30 {
		t.Errorf("window %d", c.Window("US"))
	}
}

func TestValidateRuleSetNamesTheFirstProblem(t *testing.T) {
	valid := func() data.RuleSet { return CopyRuleSet(BuiltInRuleSets()[0], "mine", "Mine") }
	tests := []struct {
		name   string
		change func(r *data.RuleSet)
		want   string // rendered message, "" for valid
	}{
		{"a copy of a built-in", func(r *data.RuleSet) {}, ""},
		{"all zero is fine", func(r *data.RuleSet) { r.Params = data.Params{} }, ""},
		{"no id", func(r *data.RuleSet) { r.ID = "  " }, "A rule set needs an id"},
		{"id with a space", func(r *data.RuleSet) { r.ID = "my rules" }, "The rule set id my rules cannot contain spaces, @ or #"},
		{"id with @", func(r *data.RuleSet) { r.ID = "a@b" }, "The rule set id a@b cannot contain spaces, @ or #"},
		{"no name", func(r *data.RuleSet) { r.Name = "" }, "Rule set mine needs a name"},
		{"negative minimum", func(r *data.RuleSet) { r.Params.MinOperatingDays = -1 },
			"Rule set mine: min_operating_days cannot be negative (-1)"},
		{"negative default window", func(r *data.RuleSet) { r.Params.DefaultWindow = -30 },
			"Rule set mine: default_return_window cannot be negative (-30)"},
		{"negative quiet days", func(r *data.RuleSet) { r.Params.QuietDays = -90 },
			"Rule set mine: quiet_days cannot be negative (-90)"},
		{"negative notice days", func(r *data.RuleSet) { r.Params.ClosureNoticeDays = -1 },
			"Rule set mine: closure_notice_days cannot be negative (-1)"},
		{"negative site window", func(r *data.RuleSet) { r.Params.ReturnWindow["VN"] = -15 },
			"Rule set mine: return_window VN cannot be negative (-15)"},
		{"absurd quiet days", func(r *data.RuleSet) { r.Params.QuietDays = 1_000_000 },
			"Rule set mine: quiet_days is 1000000 days, more than 10000"},
		{"lower-case site", func(r *data.RuleSet) { r.Params.ReturnWindow["us"] = 30 },
			"Rule set mine: us is not a site code in capitals (US, UK, MY, …)"},
		{"empty site", func(r *data.RuleSet) { r.Params.ReturnWindow[""] = 30 },
			"Rule set mine:  is not a site code in capitals (US, UK, MY, …)"},
		{"unknown step", func(r *data.RuleSet) { r.Params.Steps = append(r.Params.Steps, "shop_deleted") },
			"Rule set mine: shop_deleted is not a closure step (known: marketing_stopped, creators_unbound, commissions_settled, dues_settled)"},
		{"duplicate step", func(r *data.RuleSet) { r.Params.Steps = append(r.Params.Steps, data.StepCreatorsUnbound) },
			"Rule set mine: the step creators_unbound is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.change(&r)
			err := ValidateRuleSet(r)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			var m *data.Message
			if !errors.As(err, &m) {
				t.Fatalf("error %v (%T), want a *data.Message", err, err)
			}
			if m.Message() != tt.want {
				t.Errorf("error\n got %q\nwant %q", m.Message(), tt.want)
			}
			if !slices.Contains(MessageTexts(), m.Text) {
				t.Errorf("template %q is missing from MessageTexts", m.Text)
			}
		})
	}
}
