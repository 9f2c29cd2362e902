package data

import (
	"context"
	"encoding/json"
)

func scanRuleSet(r rowScanner) (RuleSet, error) {
	var rs RuleSet
	var sites, params string
	err := r.Scan(&rs.ID, &rs.Version, &rs.Name, &rs.Platform, &sites, &rs.Effective, &rs.Source, &rs.BuiltIn, &params)
	if err != nil {
		return rs, err
	}
	if err := json.Unmarshal([]byte(sites), &rs.Sites); err != nil {
		return rs, err
	}
	return rs, json.Unmarshal([]byte(params), &rs.Params)
}

const ruleSetColumns = "id, version, name, platform, sites, effective, source, built_in, params"

// RuleSets lists the stored rule sets, built-in ones first.
func (s *Store) RuleSets(ctx context.Context) ([]RuleSet, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+ruleSetColumns+" FROM rule_sets ORDER BY built_in DESC, id")
	out, err := collect(rows, err, scanRuleSet)
	return out, reading(err, "list the rule sets")
}

// RuleSet reads one rule set; ErrNotFound when missing.
func (s *Store) RuleSet(ctx context.Context, id string) (RuleSet, error) {
	rs, err := scanRuleSet(s.read.QueryRowContext(ctx, "SELECT "+ruleSetColumns+" FROM rule_sets WHERE id = ?", id))
	return rs, reading(err, "read the rule set %s", id)
}

// SaveRuleSetTx inserts or replaces a rule set.
func SaveRuleSetTx(tx Querier, r RuleSet) error {
	sites, _ := json.Marshal(nonNil(r.Sites))
	params, err := json.Marshal(r.Params)
	if err != nil {
		return err
	}
	_, err = tx.Exec(`INSERT INTO rule_sets(`+ruleSetColumns+`) VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET version=excluded.version, name=excluded.name, platform=excluded.platform,
		sites=excluded.sites, effective=excluded.effective, source=excluded.source, built_in=excluded.built_in, params=excluded.params`,
		r.ID, r.Version, r.Name, r.Platform, string(sites), r.Effective, r.Source, r.BuiltIn, string(params))
	return err
}
