package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// The English templates of teaching status values; each is also its translation key.
const (
	MsgStatusNeedsValue = "Name the status value to map, as the export writes it"
	MsgStatusBadClass   = "{{.Class}} is not a status class; use one of {{.Classes}} for an order status, or open or final for an after-sales value"
	MsgStatusKnownOrder = "{{.Value}} is already known as the order status {{.Known}}; only unknown values can be mapped"
	MsgStatusKnownCase  = "{{.Value}} is already known as an after-sales value ({{.Known}}); only unknown values can be mapped"
	MsgStatusNotMapped  = "{{.Value}} is not a value you mapped; depositdesk status list shows them"
	MsgStatusMapped     = "{{.Value}} now means {{.Class}}: orders re-classified {{.Orders}}, after-sales cases re-classified {{.Cases}}"
	MsgStatusUnmapped   = "{{.Value}} is unknown again: orders re-classified {{.Orders}}, after-sales cases re-classified {{.Cases}}"
)

// StatusMessageTexts lists every template above, so a test can make sure
// each has a translation.
func StatusMessageTexts() []string {
	return []string{MsgStatusNeedsValue, MsgStatusBadClass, MsgStatusKnownOrder, MsgStatusKnownCase,
		MsgStatusNotMapped, MsgStatusMapped, MsgStatusUnmapped}
}

// MappableClasses are the classes a value can be mapped to: the order status
// classes (unknown aside), then open and final for after-sales values.
func MappableClasses() []string {
	var out []string
	for _, c := range data.StatusClasses {
		if c != data.Unknown {
			out = append(out, string(c))
		}
	}
	return append(out, data.CaseOpen, data.CaseFinal)
}

// StatusChange is what mapping or unmapping a value did.
type StatusChange struct {
	Mapping      data.StatusMapping
	Reclassified data.Reclassified
	// Msg says it in a sentence (MsgStatusMapped or MsgStatusUnmapped).
	Msg data.Message
}

// vocabulary is the built-in vocabulary with the values taught so far.
func (d *Desk) vocabulary(ctx context.Context) (*exports.Vocabulary, error) {
	ms, err := d.store.StatusMappings(ctx)
	if err != nil {
		return nil, err
	}
	return exports.NewVocabulary(ms), nil
}

// MapStatus teaches an unknown status value: an order status value gets an
// order class, an after-sales value open or final. The orders and cases
// already stored with that value are re-classified at once, later imports
// read it so, and the change is audited.
func (d *Desk) MapStatus(ctx context.Context, value, class string) (StatusChange, error) {
	value = strings.TrimSpace(value)
	class = strings.ToLower(strings.TrimSpace(class))
	if value == "" {
		return StatusChange{}, data.Msg(MsgStatusNeedsValue, nil)
	}
	classes := MappableClasses()
	isCase := class == data.CaseOpen || class == data.CaseFinal
	valid := false
	for _, c := range classes {
		valid = valid || c == class
	}
	if !valid {
		return StatusChange{}, data.Msg(MsgStatusBadClass, map[string]any{"Class": class, "Classes": strings.Join(classes[:len(classes)-2], ", ")})
	}
	orderClass, caseClass := exports.BuiltIn(value)
	switch {
	case !isCase && orderClass != "":
		return StatusChange{}, data.Msg(MsgStatusKnownOrder, map[string]any{"Value": value, "Known": orderClass})
	case isCase && caseClass != "":
		return StatusChange{}, data.Msg(MsgStatusKnownCase, map[string]any{"Value": value, "Known": caseClass})
	}
	m := data.StatusMapping{Key: exports.StatusKey(value), Value: value, Class: class, CreatedBy: d.User, CreatedAt: d.Now()}
	ms, err := d.store.StatusMappings(ctx)
	if err != nil {
		return StatusChange{}, err
	}
	kept := ms[:0]
	for _, old := range ms {
		if old.Key != m.Key {
			kept = append(kept, old)
		}
	}
	ch := StatusChange{Mapping: m}
	err = d.store.Update(ctx, fmt.Sprintf("map the status value %q", value), func(tx *data.Tx) error {
		if err := data.SaveStatusMappingTx(tx, m); err != nil {
			return err
		}
		var err error
		if ch.Reclassified, err = data.ReclassifyTx(ctx, tx, 0, exports.NewVocabulary(append(kept, m)).Classifier()); err != nil {
			return err
		}
		return data.AuditTx(tx, d.audit(data.Shop{}, "status.map", fmt.Sprintf("%q → %s: %d orders and %d after-sales cases re-classified",
			value, class, ch.Reclassified.Orders, ch.Reclassified.Cases)))
	})
	if err != nil {
		return StatusChange{}, err
	}
	ch.Msg = data.Message{Text: MsgStatusMapped, Args: map[string]any{"Value": value, "Class": class,
		"Orders": ch.Reclassified.Orders, "Cases": ch.Reclassified.Cases}}
	return ch, d.changed(nil, Change{Kind: ChangedStatusMap})
}

// UnmapStatus forgets a taught value: what was stored with it is unknown
// again (and blocks the refund again). Audited.
func (d *Desk) UnmapStatus(ctx context.Context, value string) (StatusChange, error) {
	key := exports.StatusKey(strings.TrimSpace(value))
	ms, err := d.store.StatusMappings(ctx)
	if err != nil {
		return StatusChange{}, err
	}
	kept := ms[:0]
	for _, old := range ms {
		if old.Key != key {
			kept = append(kept, old)
		}
	}
	var ch StatusChange
	err = d.store.Update(ctx, fmt.Sprintf("unmap the status value %q", value), func(tx *data.Tx) error {
		m, found, err := data.DeleteStatusMappingTx(tx, key)
		if err != nil {
			return err
		}
		if !found {
			return data.Msg(MsgStatusNotMapped, map[string]any{"Value": value})
		}
		ch.Mapping = m
		if ch.Reclassified, err = data.ReclassifyTx(ctx, tx, 0, exports.NewVocabulary(kept).Classifier()); err != nil {
			return err
		}
		return data.AuditTx(tx, d.audit(data.Shop{}, "status.unmap", fmt.Sprintf("%q (was %s): %d orders and %d after-sales cases re-classified",
			m.Value, m.Class, ch.Reclassified.Orders, ch.Reclassified.Cases)))
	})
	if err != nil {
		return StatusChange{}, err
	}
	ch.Msg = data.Message{Text: MsgStatusUnmapped, Args: map[string]any{"Value": ch.Mapping.Value,
		"Orders": ch.Reclassified.Orders, "Cases": ch.Reclassified.Cases}}
	return ch, d.changed(nil, Change{Kind: ChangedStatusMap})
}

// UnknownStatus is a status value stored orders or cases hold that the
// vocabulary does not know.
type UnknownStatus struct {
	Value  string `json:"value"`
	Kind   string `json:"kind"`   // "order" (map it to a class) or "case" (map it to open or final)
	Column string `json:"column"` // the export column it was read in
	Count  int    `json:"count"`  // orders or cases holding it
}

// LearntStatus is a taught value and how many stored orders or cases hold it.
type LearntStatus struct {
	data.StatusMapping
	Count int `json:"count"`
}

// StatusValues is what `status list` shows.
type StatusValues struct {
	Learnt  []LearntStatus  `json:"learnt"`
	Unknown []UnknownStatus `json:"unknown"`
}

// StatusValues lists the values taught and the unknown values still held,
// most frequent first.
func (d *Desk) StatusValues(ctx context.Context) (StatusValues, error) {
	ms, err := d.store.StatusMappings(ctx)
	if err != nil {
		return StatusValues{}, err
	}
	vocab := exports.NewVocabulary(ms)
	held, err := d.store.StatusValuesHeld(ctx)
	if err != nil {
		return StatusValues{}, err
	}
	out := StatusValues{Learnt: make([]LearntStatus, len(ms)), Unknown: []UnknownStatus{}}
	learnt := map[string]int{}
	for i, m := range ms {
		out.Learnt[i].StatusMapping = m
		learnt[m.Key] = i
	}
	// holds counts n records for each taught value among values.
	holds := func(n int, values ...string) {
		seen := map[int]bool{}
		for _, v := range values {
			if i, ok := learnt[exports.StatusKey(v)]; ok && !seen[i] {
				seen[i] = true
				out.Learnt[i].Count += n
			}
		}
	}
	at := map[UnknownStatus]int{}
	add := func(u UnknownStatus, n int) {
		if i, ok := at[u]; ok {
			out.Unknown[i].Count += n
			return
		}
		at[u] = len(out.Unknown)
		u.Count = n
		out.Unknown = append(out.Unknown, u)
	}
	for _, h := range held {
		v := h.Values
		if h.Case {
			holds(h.Count, v.Status, v.Substatus, v.Dispute, v.Appeal, v.Compensation)
			_, unknown := vocab.CaseOpen(h.Values)
			for _, u := range unknown {
				add(UnknownStatus{Value: u.Value, Kind: "case", Column: string(u.Column)}, h.Count)
			}
			continue
		}
		holds(h.Count, v.Status, v.Substatus)
		value := vocab.UnknownOrderValue(v.Status, v.Substatus)
		if value == "" {
			continue
		}
		col := "Order Status"
		if value != v.Status {
			col = "Order Substatus"
		}
		add(UnknownStatus{Value: value, Kind: "order", Column: col}, h.Count)
	}
	sort.SliceStable(out.Unknown, func(i, j int) bool { return out.Unknown[i].Count > out.Unknown[j].Count })
	return out, nil
}

// upgradeVocabulary re-classifies everything stored when the built-in
// vocabulary learnt values since the database last saw it (a Thai
// เสร็จสมบูรณ์ stored as unknown by an older release becomes completed).
func (d *Desk) upgradeVocabulary(ctx context.Context) error {
	const key = "status_vocabulary"
	seen, err := d.store.Setting(ctx, key, "")
	if err != nil || seen == exports.Version {
		return err
	}
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return err
	}
	return d.store.Update(ctx, "re-classify with the new status vocabulary", func(tx *data.Tx) error {
		n, err := data.ReclassifyTx(ctx, tx, 0, vocab.Classifier())
		if err != nil {
			return err
		}
		if n.Orders+n.Cases > 0 {
			if err := data.AuditTx(tx, d.audit(data.Shop{}, "status.vocabulary", fmt.Sprintf("vocabulary %s: %d orders and %d after-sales cases re-classified",
				exports.Version, n.Orders, n.Cases))); err != nil {
				return err
			}
		}
		return data.SetSettingTx(tx, key, exports.Version)
	})
}
