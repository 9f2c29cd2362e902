package app

import "sync"

// ChangeKind says what kind of data a change touched.
type ChangeKind string

// The changes a Desk announces.
const (
	ChangedShop        ChangeKind = "shop"        // added or edited (details, account, closure steps)
	ChangedImport      ChangeKind = "import"      // a batch imported
	ChangedUndo        ChangeKind = "undo"        // a batch undone
	ChangedViolation   ChangeKind = "violation"   // added or edited
	ChangedRules       ChangeKind = "rules"       // a rule set saved
	ChangedApplication ChangeKind = "application" // prepared (exported) or moved on
	ChangedSettings    ChangeKind = "settings"    // e.g. the expected review time
	ChangedStatusMap   ChangeKind = "status-map"  // a status value mapped or unmapped
)

// Change is one data change: what kind, and the shop it touched (0 when it
// touched several, or none in particular).
type Change struct {
	Kind   ChangeKind
	ShopID int64
}

// listeners are the functions told about every change.
type listeners struct {
	mu   sync.Mutex
	next int
	fns  map[int]func(Change)
}

// OnChange calls fn after every change this Desk writes, on the goroutine
// that wrote it; the returned func stops the calls. This is the one signal
// every open view listens to: after an import, undo, edit, mapping or
// application change, each view reloads itself.
func (d *Desk) OnChange(fn func(Change)) (stop func()) {
	d.watchOthers() // on a shared database, other people's changes too
	d.listeners.mu.Lock()
	defer d.listeners.mu.Unlock()
	if d.listeners.fns == nil {
		d.listeners.fns = map[int]func(Change){}
	}
	id := d.listeners.next
	d.listeners.next++
	d.listeners.fns[id] = fn
	return func() {
		d.listeners.mu.Lock()
		defer d.listeners.mu.Unlock()
		delete(d.listeners.fns, id)
	}
}

// changed announces c when err is nil and returns err: every Desk method that
// writes ends with `return d.changed(err, Change{…})`.
func (d *Desk) changed(err error, c Change) error {
	if err != nil {
		return err
	}
	d.listeners.mu.Lock()
	fns := make([]func(Change), 0, len(d.listeners.fns))
	for _, fn := range d.listeners.fns {
		fns = append(fns, fn)
	}
	d.listeners.mu.Unlock()
	for _, fn := range fns {
		fn(c)
	}
	return nil
}
