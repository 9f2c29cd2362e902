package app

import (
	"fmt"
	"strings"

	"depositdesk/data"
)

// shopField is one field of a shop as the audit log names it.
type shopField struct {
	name string
	get  func(data.Shop) string
	// secret fields are audited as changed without their values.
	secret bool
}

var shopFields = []shopField{
	{"name", func(s data.Shop) string { return s.Name }, false},
	{"platform", func(s data.Shop) string { return s.Platform }, false},
	{"site", func(s data.Shop) string { return s.Site }, false},
	{"code", func(s data.Shop) string { return s.Code }, false},
	{"client", func(s data.Shop) string { return s.Client }, false},
	{"opened", func(s data.Shop) string { return s.Opened.String() }, false},
	{"contract_end", func(s data.Shop) string { return s.ContractEnd.String() }, false},
	{"deposit", func(s data.Shop) string { return s.Deposit.String() }, false},
	{"currency", func(s data.Shop) string { return s.Currency }, false},
	{"rules", func(s data.Shop) string { return s.RuleSet }, false},
	{"account_holder", func(s data.Shop) string { return s.Account.Holder }, false},
	{"bank", func(s data.Shop) string { return s.Account.Bank }, false},
	{"account_number", func(s data.Shop) string { return s.Account.Number }, true},
	{"swift", func(s data.Shop) string { return s.Account.Swift }, false},
	{"notes", func(s data.Shop) string { return s.Notes }, false},
	{data.StepClosureNotice, func(s data.Shop) string { return s.Steps.ClosureNotice.String() }, false},
	{data.StepMarketingStopped, func(s data.Shop) string { return s.Steps.MarketingStopped.String() }, false},
	{data.StepCreatorsUnbound, func(s data.Shop) string { return s.Steps.CreatorsUnbound.String() }, false},
	{data.StepCommissionsSettled, func(s data.Shop) string { return s.Steps.CommissionsSettled.String() }, false},
	{data.StepDuesSettled, func(s data.Shop) string { return s.Steps.DuesSettled.String() }, false},
}

// describeShop is the audit detail of a new shop.
func describeShop(s data.Shop) string {
	return shopChanges(data.Shop{}, s)
}

// shopChanges lists the fields that differ as `field: old → new`.
func shopChanges(old, new data.Shop) string {
	var parts []string
	for _, f := range shopFields {
		a, b := f.get(old), f.get(new)
		if a == b {
			continue
		}
		switch {
		case f.secret:
			parts = append(parts, f.name+" changed")
		case a == "":
			parts = append(parts, fmt.Sprintf("%s: %s", f.name, b))
		default:
			parts = append(parts, fmt.Sprintf("%s: %s → %s", f.name, a, b))
		}
	}
	return strings.Join(parts, "; ")
}
