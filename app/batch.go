package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// Assignment says how a file of a batch import got its shop (PRODUCT §3).
type Assignment string

// How a file finds its shop, strongest first. Never the last shop used.
const (
	// Unassigned: no shop holds the file's orders and the folder remembers
	// none; the person chooses (the command line refuses the file).
	Unassigned Assignment = ""
	// AssignedChosen: the person named the shop (--shop, or chosen in the window).
	AssignedChosen Assignment = "chosen"
	// AssignedOrders: the one shop that holds the file's orders (for a
	// returns file: its orders or its return orders), in the store or in
	// another file of the same batch.
	AssignedOrders Assignment = "orders"
	// AssignedFolder: the shop that the files of this folder went to last time.
	AssignedFolder Assignment = "folder"
)

// BatchOptions tune a batch import.
type BatchOptions struct {
	// Shop sends every file to this shop (--shop); a file whose orders
	// another shop holds is still refused. "" assigns each file by its orders.
	Shop string
	// ExportedAt is the export time of every file; zero takes each file's own
	// (its name, else the newest time in its data).
	ExportedAt data.Stamp
	// FolderMemory lets a file that no shop holds go to its folder's
	// remembered shop (the window); the command line leaves it off and
	// refuses such a file.
	FolderMemory bool
	// Progress is told how far the reading has come, every few thousand rows
	// and after each file; it is called from several goroutines, one at a time.
	Progress func(BatchProgress)
}

// BatchProgress is how far the reading of a batch has come.
type BatchProgress struct {
	Files int // files in the batch
	Done  int // files read so far
	Rows  int // rows read so far, all files together
}

// BatchFile is one file of a batch import: its shop, how it got it, and what
// importing it would do.
type BatchFile struct {
	Path     string
	Name     string // the file name shown to the person
	Shop     string // the shop it goes to; "" when none is assigned
	Assigned Assignment
	// Holders are the shops that already hold some of the file's orders or
	// cases, most first: the evidence for the assignment or the refusal.
	Holders []data.Holder
	// Plan holds the counts (new / updated / unchanged / skipped), the
	// warnings and whether the file was imported before; nil while the file
	// has no shop or could not be read.
	Plan *ImportPlan
	// Refusal says why the file cannot be imported as it stands (unreadable,
	// no shop, orders held by another shop); nil when it can.
	Refusal *data.Message
	// Dropped files are left out of the import.
	Dropped bool

	sum      string          // SHA-256 of the contents
	res      *exports.Result // the file as read; nil when unreadable or known by its fingerprint
	readSite string          // the site res was read with
	base     assignment      // the assignment before the other files of the batch are considered
	streamed bool            // written while it was read (streamFile)
}

// assignment is a file's shop as decided from the store, the options and
// the person's choice, with the refusal that goes with it.
type assignment struct {
	shop    string
	how     Assignment
	refusal *data.Message
}

// Importable reports whether committing the batch writes this file.
func (f *BatchFile) Importable() bool {
	return !f.Dropped && f.Refusal == nil && f.Plan != nil
}

// BatchPlan is a set of read files, each with its shop, to be imported in
// one step: the person may reassign or drop files, then CommitBatch writes
// all of them at once, undone together with UndoGroup.
type BatchPlan struct {
	Files []*BatchFile
	opt   BatchOptions
}

// Importable lists the files committing the batch writes.
func (p *BatchPlan) Importable() []*BatchFile {
	var out []*BatchFile
	for _, f := range p.Files {
		if f.Importable() {
			out = append(out, f)
		}
	}
	return out
}

// Refused lists the files that are kept but cannot be imported as they stand.
func (p *BatchPlan) Refused() []*BatchFile {
	var out []*BatchFile
	for _, f := range p.Files {
		if !f.Dropped && f.Refusal != nil {
			out = append(out, f)
		}
	}
	return out
}

// Drop leaves file i out of the import (or, with dropped false, takes it back in).
func (p *BatchPlan) Drop(i int, dropped bool) {
	p.Files[i].Dropped = dropped
	p.settle()
}

// ExportFiles lists the exports a person named: files as given, and the
// .csv and .xlsx files directly inside each folder, by name. A folder
// without any is an error.
func ExportFiles(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			// A file that cannot be opened is refused when it is read.
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, data.Msg("Cannot open {{.Path}}: {{.Err}}", map[string]any{"Path": p, "Err": err.Error()})
		}
		n := 0
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || strings.HasPrefix(e.Name(), "~$") || strings.HasPrefix(e.Name(), ".") || (ext != ".csv" && ext != ".xlsx") {
				continue
			}
			out = append(out, filepath.Join(p, e.Name()))
			n++
		}
		if n == 0 {
			return nil, data.Msg("The folder {{.Path}} holds no .csv or .xlsx export.", map[string]any{"Path": p})
		}
	}
	return out, nil
}

// PreviewBatch reads many files (or folders of them) on every core, assigns
// each its shop as PRODUCT §3 says and says what importing each would do;
// nothing is written. A file that cannot be read is reported in its
// Refusal, not as an error: the others are still previewed.
func (d *Desk) PreviewBatch(ctx context.Context, paths []string, o BatchOptions) (*BatchPlan, error) {
	p, chosen, err := d.newBatch(ctx, paths, o)
	if err != nil {
		return nil, err
	}
	err = d.eachFile(ctx, p, func(f *BatchFile, progress func(int)) error {
		return d.previewFile(ctx, f, chosen, o, progress)
	})
	if err != nil {
		return nil, err
	}
	p.settle()
	if err := d.planAll(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// eachFile runs work on every file of p, one file per core at a time, and
// reports progress; it stops at the first error (a cancelled ctx).
func (d *Desk) eachFile(ctx context.Context, p *BatchPlan, work func(f *BatchFile, progress func(rows int)) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next, done, rows atomic.Int64
		mu               sync.Mutex
		firstErr         error
		wg               sync.WaitGroup
	)
	report := func() {
		if p.opt.Progress == nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		p.opt.Progress(BatchProgress{Files: len(p.Files), Done: int(done.Load()), Rows: int(rows.Load())})
	}
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(p.Files)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(p.Files) || ctx.Err() != nil {
					return
				}
				err := work(p.Files[i], rowCounter(&rows, report))
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					return
				}
				done.Add(1)
				report()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// previewFile fingerprints and reads one file and finds the shops holding
// its orders. Problems with the file become its Refusal; only cancellation
// is an error.
func (d *Desk) previewFile(ctx context.Context, f *BatchFile, chosen *data.Shop, o BatchOptions, progress func(int)) error {
	site := ""
	if chosen != nil {
		site = chosen.Site
	}
	// A file imported before is known by its fingerprint: its reading stops.
	var known []data.ImportBatch
	var knownErr error
	isKnown := false
	sum, res, hashErr, readErr := d.fingerprintAndRead(ctx, f.Path, site, progress, func(sum string) bool {
		known, knownErr = d.store.LiveBatchesBySHA(ctx, sum)
		isKnown = len(known) > 0 && (chosen == nil || known[0].ShopID == chosen.ID) && sameShop(known)
		return isKnown
	})
	switch {
	case hashErr != nil:
		f.base.refusal = &data.Message{File: f.Name, Text: "Cannot read the file: {{.Err}}", Args: map[string]any{"Err": hashErr.Error()}}
		return nil
	case knownErr != nil:
		return knownErr
	}
	f.sum = sum
	if isKnown {
		shop, err := d.store.ShopByID(ctx, known[0].ShopID)
		if err != nil {
			return err
		}
		f.Plan = alreadyImported(shop, f.Path, known[0])
		f.base = assignment{shop: shop.Name, how: AssignedOrders}
		if chosen != nil {
			f.base.how = AssignedChosen
		}
		return nil
	}
	if readErr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f.base.refusal = asMessage(readErr, f.Name)
		return nil
	}
	f.res, f.readSite = res, site
	orderIDs, returnIDs := idsOf(res)
	var err error
	if f.Holders, err = d.store.Holders(ctx, orderIDs, returnIDs); err != nil {
		return err
	}
	f.base = assignment{how: Unassigned}
	switch {
	case chosen != nil:
		f.base = assignment{shop: chosen.Name, how: AssignedChosen}
	case len(f.Holders) == 1:
		f.base = assignment{shop: f.Holders[0].Shop, how: AssignedOrders}
	case len(f.Holders) == 0 && o.FolderMemory:
		id, ok, err := d.store.FolderShop(ctx, filepath.Dir(f.Path))
		if err != nil {
			return err
		}
		if ok {
			if sh, err := d.store.ShopByID(ctx, id); err == nil {
				f.base = assignment{shop: sh.Name, how: AssignedFolder}
			}
		}
	}
	f.base.refusal = refusalFor(f.Name, f.base.shop, f.Holders)
	return nil
}

// sameShop reports whether the batches are all of one shop.
func sameShop(bs []data.ImportBatch) bool {
	for _, b := range bs {
		if b.ShopID != bs[0].ShopID {
			return false
		}
	}
	return true
}

// refusalFor is why a file whose orders the holders hold cannot go to shop
// ("" for no shop), or nil when it can.
func refusalFor(file, shop string, holders []data.Holder) *data.Message {
	var others []data.Holder
	for _, h := range holders {
		if !strings.EqualFold(h.Shop, shop) {
			others = append(others, h)
		}
	}
	switch {
	case len(others) == 1 && shop != "":
		h := others[0]
		return &data.Message{File: file,
			Text: data.Plural(h.IDs, "One of this file's orders, {{.Example}}, is already held by shop {{.Other}}, and an order belongs to one shop only: import the file into {{.Other}}, or, if importing it into {{.Other}} was the mistake, undo batch {{.Batches}} first",
				"{{.Count}} of this file's orders, such as {{.Example}}, are already held by shop {{.Other}}, and an order belongs to one shop only: import the file into {{.Other}}, or, if importing them into {{.Other}} was the mistake, undo batch {{.Batches}} first"),
			Args: map[string]any{"Count": h.IDs, "Example": h.Example, "Other": h.Shop, "Batches": batchList(h.Batches)}}
	case len(others) > 1 || len(others) == 1 && len(holders) > 1:
		return &data.Message{File: file,
			Text: "This file's orders are held by several shops ({{.Shops}}), and an order belongs to one shop only: undo the wrong imports ({{.Batches}}), then import the file again",
			Args: map[string]any{"Shops": holderList(holders), "Batches": holderBatches(holders)}}
	case shop == "":
		return &data.Message{File: file, Text: "No shop holds this file's orders yet: choose the shop it belongs to"}
	}
	return nil
}

func batchList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprintf("#%d", id)
	}
	return strings.Join(s, ", ")
}

// holderList is "Acme US (12 orders), Acme UK (3 orders)".
func holderList(hs []data.Holder) string {
	s := make([]string, len(hs))
	for i, h := range hs {
		s[i] = fmt.Sprintf("%s (%d)", h.Shop, h.IDs)
	}
	return strings.Join(s, ", ")
}

func holderBatches(hs []data.Holder) string {
	var ids []int64
	for _, h := range hs {
		ids = append(ids, h.Batches...)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
	return batchList(ids)
}

// idsOf are the IDs that tie a file to a shop: an orders file's order IDs;
// a returns file's orders and return orders.
func idsOf(res *exports.Result) (orderIDs, returnIDs []string) {
	return data.RecordIDs(res.Orders, res.Cases)
}

// The signs that a file is going to the wrong shop.
const (
	warnDayFirstForSite   = "This file's dates put the day first (DD/MM/YYYY), but exports of shop {{.Shop}}'s site {{.Site}} put the month first: is this the right shop?"
	warnMonthFirstForSite = "This file's dates put the month first (MM/DD/YYYY), but exports of shop {{.Shop}}'s site {{.Site}} put the day first: is this the right shop?"
	warnCurrencyForSite   = "This file's amounts are in {{.Currency}}, but shop {{.Shop}}'s site {{.Site}} sells in {{.SiteCurrency}}: is this the right shop?"
)

// siteCurrency is the currency orders are paid in on each site.
var siteCurrency = map[string]string{
	"US": "USD", "UK": "GBP", "GB": "GBP", "MY": "MYR", "TH": "THB", "VN": "VND", "ID": "IDR", "PH": "PHP",
	"SG": "SGD", "MX": "MXN", "BR": "BRL", "JP": "JPY", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "IE": "EUR",
}

// siteWarnings are the signs that a file belongs to a shop of another site:
// an orders export whose dates are written the other way round from the
// site's exports (returns exports are left out: US ones write Time
// Requested day first), and amounts in another site's currency.
func siteWarnings(file string, shop data.Shop, res *exports.Result) []data.Message {
	var out []data.Message
	if res.Kind == data.KindOrders && (res.DataOrder == exports.OrderDayFirst || res.DataOrder == exports.OrderMonthFirst) &&
		(res.DataOrder == exports.OrderMonthFirst) != exports.MonthFirstSite(shop.Site) {
		text := warnDayFirstForSite
		if res.DataOrder == exports.OrderMonthFirst {
			text = warnMonthFirstForSite
		}
		out = append(out, data.Message{File: file, Text: text, Args: map[string]any{"Shop": shop.Name, "Site": shop.Site}})
	}
	if want := siteCurrency[strings.ToUpper(shop.Site)]; want != "" && len(res.Currencies) > 0 && !slices.Contains(res.Currencies, want) {
		out = append(out, data.Message{File: file, Text: warnCurrencyForSite,
			Args: map[string]any{"Currency": strings.Join(res.Currencies, ", "), "Shop": shop.Name, "Site": shop.Site, "SiteCurrency": want}})
	}
	return out
}

// asMessage makes err a *data.Message about file.
func asMessage(err error, file string) *data.Message {
	var m *data.Message
	if errors.As(err, &m) {
		return m
	}
	return &data.Message{File: file, Text: "The file could not be read: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
}

// settle decides every kept file's shop with the other files of the batch
// in view: a file no shop holds follows the file of the batch that shares
// its orders (a new shop's returns export goes where its orders export
// goes), and two files sharing orders may not go to different shops.
func (p *BatchPlan) settle() {
	type claim struct {
		shop string
		file string
	}
	claims := map[string]claim{} // "o"+order ID or "r"+return ID → first file claiming it
	keys := func(f *BatchFile) []string {
		orderIDs, returnIDs := idsOf(f.res)
		out := make([]string, 0, len(orderIDs)+len(returnIDs))
		for _, id := range orderIDs {
			out = append(out, "o"+id)
		}
		for _, id := range returnIDs {
			out = append(out, "r"+id)
		}
		return out
	}
	firm := func(f *BatchFile) bool {
		return !f.Dropped && f.res != nil && f.base.refusal == nil && (f.base.how == AssignedChosen || f.base.how == AssignedOrders)
	}
	for _, f := range p.Files {
		f.Shop, f.Assigned, f.Refusal = f.base.shop, f.base.how, f.base.refusal
	}
	// Firm files claim their orders; a firm file sharing orders with an
	// earlier firm file of another shop is refused.
	for _, f := range p.Files {
		if !firm(f) {
			continue
		}
		for _, k := range keys(f) {
			c, ok := claims[k]
			if !ok {
				claims[k] = claim{f.Shop, f.Name}
				continue
			}
			if !strings.EqualFold(c.shop, f.Shop) {
				f.Refusal = &data.Message{File: f.Name,
					Text: "This file shares orders (such as {{.Example}}) with {{.Other}}, which goes to shop {{.OtherShop}}, while this file goes to {{.Shop}}; an order belongs to one shop only: choose the same shop for both, or drop one",
					Args: map[string]any{"Example": k[1:], "Other": c.file, "OtherShop": c.shop, "Shop": f.Shop}}
				break
			}
		}
	}
	// Files without a firm shop follow the files that share their orders.
	for _, f := range p.Files {
		if f.Dropped || f.res == nil || firm(f) || len(f.Holders) > 1 {
			continue
		}
		shops := map[string]string{} // lower-case name → name
		for _, k := range keys(f) {
			if c, ok := claims[k]; ok {
				shops[strings.ToLower(c.shop)] = c.shop
			}
		}
		switch len(shops) {
		case 0:
		case 1:
			for _, s := range shops {
				f.Shop, f.Assigned, f.Refusal = s, AssignedOrders, nil
			}
		default:
			names := make([]string, 0, len(shops))
			for _, s := range shops {
				names = append(names, s)
			}
			sort.Strings(names)
			f.Shop, f.Assigned = "", Unassigned
			f.Refusal = &data.Message{File: f.Name,
				Text: "This file shares orders with files of several shops ({{.Shops}}) in this import; an order belongs to one shop only: choose its shop or drop it",
				Args: map[string]any{"Shops": strings.Join(names, ", ")}}
		}
	}
}

// planAll plans every kept, assigned file whose plan is missing or made for
// another shop, on every core.
func (d *Desk) planAll(ctx context.Context, p *BatchPlan) error {
	progress := p.opt.Progress
	p.opt.Progress = nil
	defer func() { p.opt.Progress = progress }()
	return d.eachFile(ctx, p, func(f *BatchFile, _ func(int)) error {
		if f.Dropped || f.Refusal != nil || f.Shop == "" {
			f.Plan = nil
			return nil
		}
		if f.Plan != nil && strings.EqualFold(f.Plan.Shop.Name, f.Shop) {
			return nil
		}
		return d.planOne(ctx, f, p.opt.ExportedAt, nil)
	})
}

// planOne makes the plan of a read file for its assigned shop: reads it
// again when the shop's site would read its undecided dates the other way.
// For a preview (w nil) it counts what would change; a group writer w
// counts as it writes, and sees the files it wrote. Problems with the file
// become its Refusal.
func (d *Desk) planOne(ctx context.Context, f *BatchFile, exportedAt data.Stamp, w *data.GroupWriter) error {
	shop, err := d.Shop(ctx, f.Shop)
	if err != nil {
		f.Refusal = asMessage(err, f.Name)
		return nil
	}
	liveBatch := d.store.LiveBatchBySHA
	if w != nil {
		liveBatch = w.LiveBatchBySHA
	}
	if b, ok, err := liveBatch(ctx, shop.ID, f.sum); err != nil {
		return err
	} else if ok {
		f.Plan = alreadyImported(shop, f.Path, b)
		return nil
	}
	if f.res.SiteDecided && exports.MonthFirstSite(shop.Site) != exports.MonthFirstSite(f.readSite) {
		// No date settled the day/month order: the shop's site does.
		res, err := d.readExport(ctx, f.Path, shop.Site, nil)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			f.Refusal = asMessage(err, f.Name)
			return nil
		}
		f.res, f.readSite = res, shop.Site
	}
	plan, err := d.planFile(ctx, shop, f.Path, f.sum, f.res, ImportOptions{ExportedAt: exportedAt}, w == nil)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("plan the import of %s into %s: %w", f.Name, shop.Name, err)
	}
	f.Plan = plan
	return nil
}

// AssignShop sends file i of the plan to shop (the person's choice; "" takes
// the choice back) and plans it again. A file whose orders another shop
// holds stays refused whatever shop is chosen.
func (d *Desk) AssignShop(ctx context.Context, p *BatchPlan, i int, shop string) error {
	if i < 0 || i >= len(p.Files) {
		return fmt.Errorf("assign a shop: the batch has no file %d", i)
	}
	f := p.Files[i]
	if f.res == nil {
		return nil // unreadable or known by its fingerprint: nothing to assign
	}
	if shop == "" {
		f.base = assignment{how: Unassigned}
	} else {
		sh, err := d.Shop(ctx, shop)
		if err != nil {
			return err
		}
		f.base = assignment{shop: sh.Name, how: AssignedChosen}
	}
	f.base.refusal = refusalFor(f.Name, f.base.shop, f.Holders)
	p.settle()
	return d.planAll(ctx, p)
}

// CommitBatch writes every importable file of the plan as one import group,
// one batch per file, and remembers each folder's shop: all of the files or,
// when one fails, none. It refuses, writing nothing, while a kept file is
// refused (drop it or choose its shop). Files imported before write nothing;
// when every file was, the group's ID is 0.
func (d *Desk) CommitBatch(ctx context.Context, p *BatchPlan) (data.ImportGroup, error) {
	if refused := p.Refused(); len(refused) > 0 {
		return data.ImportGroup{}, refused[0].Refusal
	}
	var files []*BatchFile
	for _, f := range p.Importable() {
		if f.Plan.incoming == nil && !f.Plan.AlreadyImported {
			return data.ImportGroup{}, fmt.Errorf("import plan for %s was already committed", f.Name)
		}
		if !f.Plan.AlreadyImported {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return data.ImportGroup{}, nil
	}
	w := d.newGroupWriter()
	for _, f := range files {
		if err := w.add(ctx, f); err != nil {
			return data.ImportGroup{}, w.discard(err)
		}
	}
	return w.finish(ctx)
}

// groupWriter writes the files of one import group in order, several to a
// transaction (data.GroupWriter), and discards the whole group when one
// fails.
type groupWriter struct {
	d       *Desk
	dw      *data.GroupWriter
	group   data.ImportGroup
	shops   []data.Shop
	folders map[string]int64 // folder → the one shop its files went to, 0 when several
}

func (d *Desk) newGroupWriter() *groupWriter {
	now := d.Now()
	return &groupWriter{d: d, dw: d.store.NewGroupWriter(now), group: data.ImportGroup{ImportedAt: now}, folders: map[string]int64{}}
}

// add writes one planned file as a batch of the group.
func (w *groupWriter) add(ctx context.Context, f *BatchFile) error {
	b, err := w.dw.Add(ctx, f.Plan.incoming)
	if err != nil {
		return fmt.Errorf("import %s into %s: %w", f.Name, f.Plan.Shop.Name, err)
	}
	f.Plan.incoming, f.Plan.Batch, f.res = nil, b, nil
	w.wrote(f, b)
	return nil
}

// wrote counts file f, written as batch b, in the group.
func (w *groupWriter) wrote(f *BatchFile, b data.ImportBatch) {
	w.group.Batches = append(w.group.Batches, b)
	w.shops = append(w.shops, f.Plan.Shop)
	dir := filepath.Dir(f.Path)
	if id, seen := w.folders[dir]; seen && id != b.ShopID {
		w.folders[dir] = 0
	} else {
		w.folders[dir] = b.ShopID
	}
}

// finish records the group's audit entries and folder memory, and commits
// what is not yet committed.
func (w *groupWriter) finish(ctx context.Context) (data.ImportGroup, error) {
	if w.group.ID = w.dw.ID(); w.group.ID == 0 {
		return w.group, nil
	}
	err := w.dw.Finish(ctx, len(w.group.Batches), func(tx *data.Tx) error {
		for i, b := range w.group.Batches {
			if err := data.AuditTx(tx, w.d.importAudit(w.shops[i], b)); err != nil {
				return err
			}
		}
		for dir, shop := range w.folders {
			if err := data.RememberFolderTx(ctx, tx, dir, shop, w.group.ImportedAt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return data.ImportGroup{}, w.discard(err)
	}
	return w.group, w.d.changed(nil, Change{Kind: ChangedImport})
}

// discard takes back out what the group wrote before err stopped it.
func (w *groupWriter) discard(err error) error {
	restored, err := w.dw.Discard(err)
	if !restored {
		return err
	}
	// What came back was classified when it was first imported: the values
	// taught since then still hold.
	ctx := context.Background()
	vocab, verr := w.d.vocabulary(ctx)
	if verr == nil {
		verr = w.d.store.Update(ctx, "re-classify the shops of a discarded import group", func(tx *data.Tx) error { return reclassifyShopsTx(ctx, tx, w.group.Batches, vocab) })
	}
	if verr != nil {
		return fmt.Errorf("%w; the files written were taken back out, but the status values taught since could not be applied again: %v", err, verr)
	}
	return err
}

// reclassifyShopsTx applies the current vocabulary again to the shops of
// batches, whose undo restored records classified when they were imported.
func reclassifyShopsTx(ctx context.Context, tx *data.Tx, batches []data.ImportBatch, vocab *exports.Vocabulary) error {
	done := map[int64]bool{}
	for _, b := range batches {
		if done[b.ShopID] {
			continue
		}
		done[b.ShopID] = true
		if _, err := data.ReclassifyTx(ctx, tx, b.ShopID, vocab.Classifier()); err != nil {
			return fmt.Errorf("apply the taught status values to shop %d again: %w", b.ShopID, err)
		}
	}
	return nil
}

// ImportBatch imports many files (or folders) as one group, as `depositdesk
// import` does: files are read ahead on the other cores while one writer
// writes them in order, each to the shop that holds its orders (or o.Shop).
// Files that are refused are left out and say why in the plan. All the
// files that are not refused go in, or none.
func (d *Desk) ImportBatch(ctx context.Context, paths []string, o BatchOptions) (*BatchPlan, data.ImportGroup, error) {
	p, chosen, err := d.newBatch(ctx, paths, o)
	if err != nil {
		return nil, data.ImportGroup{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// A reader on every core, beside the one writer. With a core left to
	// the writer alone, a folder of xlsx exports, whose reading costs three
	// times its writing, waited on its one reader (1.11-1.13x one file after
	// another, against 1.34-1.44x now). Readers used to starve the writer,
	// back from each statement to find its core taken; its statements now
	// run on its own goroutine (data/sqlite.go).
	readers := min(runtime.GOMAXPROCS(0), len(p.Files))
	sizes := fileSizes(p.Files)
	stream := make([]bool, len(p.Files))
	for i := range p.Files {
		if stream[i] = streamed(sizes[i]); stream[i] {
			sizes[i] = 0 // the writer reads it, a chunk at a time
		}
	}
	q := newReadQueue(sizes, 2*readers)
	defer q.halt()
	read := make([]chan error, len(p.Files))
	var rows, written atomic.Int64
	var reporting sync.Mutex
	report := func() {
		if o.Progress != nil {
			reporting.Lock()
			defer reporting.Unlock()
			o.Progress(BatchProgress{Files: len(p.Files), Done: int(written.Load()), Rows: int(rows.Load())})
		}
	}
	progress := make([]func(int), len(p.Files))
	for i := range read {
		read[i] = make(chan error, 1)
		progress[i] = rowCounter(&rows, report)
	}
	readFile := func(i int) {
		if stream[i] {
			read[i] <- nil
			return
		}
		read[i] <- d.previewFile(ctx, p.Files[i], chosen, o, progress[i])
	}
	var wg sync.WaitGroup
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, ok := q.take(); ok; i, ok = q.take() {
				readFile(i)
			}
		}()
	}
	defer wg.Wait()
	w := d.newGroupWriter()
	for i, f := range p.Files {
		var err error
		select {
		case err = <-read[i]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err == nil {
			err = d.writeFile(ctx, w, f, chosen, o, stream[i], progress[i])
		}
		if err != nil {
			cancel()
			q.halt()
			return p, data.ImportGroup{}, w.discard(err)
		}
		q.wrote(i)
		written.Store(int64(i + 1))
		report()
	}
	g, err := w.finish(ctx)
	return p, g, err
}

// rowCounter is one file's progress function: it adds the rows read since
// its last call to rows (a file read again starts again from 0) and reports.
func rowCounter(rows *atomic.Int64, report func()) func(n int) {
	last := 0
	return func(n int) {
		rows.Add(int64(n - last))
		last = n
		report()
	}
}

// readAheadBytes bounds the bytes of the files read ahead of the writer:
// each read file is held whole until it is written, so a count of files
// alone let a folder of large exports hold several of them at once. (A
// variable, so that a test can make every file large.)
var readAheadBytes int64 = 48 << 20

// readQueue hands out the files of a batch in order, at most ahead files
// beyond the last one written and, past the one being read while another is
// written, no more than readAheadBytes of them, so that memory holds a few
// files at a time whatever their size.
type readQueue struct {
	mu          sync.Mutex
	more        *sync.Cond
	next, limit int
	sizes       []int64 // each file's size on disk
	written     int     // files written so far
	held        int64   // bytes of the files handed out and not yet written
	stopped     bool
}

func newReadQueue(sizes []int64, ahead int) *readQueue {
	q := &readQueue{sizes: sizes, limit: ahead}
	q.more = sync.NewCond(&q.mu)
	return q
}

// take claims the next file to read, waiting until one may be read; ok is
// false when there is none left.
func (q *readQueue) take() (int, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		switch {
		case q.stopped || q.next >= len(q.sizes):
			return 0, false
		case q.next < q.limit && (q.next-q.written < 2 || q.held+q.sizes[q.next] <= readAheadBytes):
			q.held += q.sizes[q.next]
			q.next++
			return q.next - 1, true
		}
		q.more.Wait()
	}
}

// wrote lets one more file be read ahead, now that file i is written.
func (q *readQueue) wrote(i int) {
	q.mu.Lock()
	q.limit++
	q.written++
	q.held -= q.sizes[i]
	q.mu.Unlock()
	q.more.Broadcast()
}

// halt stops handing out files.
func (q *readQueue) halt() {
	q.mu.Lock()
	q.stopped = true
	q.mu.Unlock()
	q.more.Broadcast()
}

// fileSizes are the sizes of the batch's files (0 for one that cannot be
// looked at: its reading says why).
func fileSizes(files []*BatchFile) []int64 {
	sizes := make([]int64, len(files))
	for i, f := range files {
		if st, err := os.Stat(f.Path); err == nil {
			sizes[i] = st.Size()
		}
	}
	return sizes
}

// newBatch lists the files of a batch and finds the shop o names.
func (d *Desk) newBatch(ctx context.Context, paths []string, o BatchOptions) (*BatchPlan, *data.Shop, error) {
	var chosen *data.Shop
	if o.Shop != "" {
		sh, err := d.Shop(ctx, o.Shop)
		if err != nil {
			return nil, nil, err
		}
		chosen = &sh
	}
	files, err := ExportFiles(paths)
	if err != nil {
		return nil, nil, err
	}
	p := &BatchPlan{opt: o}
	for _, path := range files {
		p.Files = append(p.Files, &BatchFile{Path: path, Name: filepath.Base(path)})
	}
	return p, chosen, nil
}

// writeFile writes file f of a batch: streamed (then read whole only when
// its stream could not be written), or as read ahead.
func (d *Desk) writeFile(ctx context.Context, w *groupWriter, f *BatchFile, chosen *data.Shop, o BatchOptions, stream bool, progress func(int)) error {
	if stream {
		written, err := d.streamFile(ctx, w, f, chosen, o, progress)
		if err != nil || written {
			return err
		}
		if err := d.previewFile(ctx, f, chosen, o, progress); err != nil {
			return err
		}
	}
	return d.writeAssigned(ctx, w, f, o)
}

// writeAssigned settles a read file's shop — a file no shop held when it
// was read may be held now by an earlier file of the group — and writes it,
// or leaves it out (Dropped) with its refusal.
func (d *Desk) writeAssigned(ctx context.Context, w *groupWriter, f *BatchFile, o BatchOptions) error {
	if f.res != nil && f.base.shop == "" && len(f.Holders) == 0 && len(w.group.Batches) > 0 {
		orderIDs, returnIDs := idsOf(f.res)
		holders, err := w.dw.Holders(ctx, orderIDs, returnIDs)
		if err != nil {
			return err
		}
		if len(holders) > 0 {
			f.Holders = holders
			f.base = assignment{how: AssignedOrders}
			if len(holders) == 1 {
				f.base.shop = holders[0].Shop
			}
			f.base.refusal = refusalFor(f.Name, f.base.shop, holders)
		}
	}
	f.Shop, f.Assigned, f.Refusal = f.base.shop, f.base.how, f.base.refusal
	if f.Shop == "" {
		f.Assigned = Unassigned
	}
	if f.Refusal != nil {
		f.Dropped, f.res = true, nil
		return nil
	}
	if err := d.planOne(ctx, f, o.ExportedAt, w.dw); err != nil {
		return err
	}
	if f.Refusal != nil {
		f.Dropped, f.res = true, nil
		return nil
	}
	if f.Plan.AlreadyImported {
		f.res = nil
		return nil
	}
	return w.add(ctx, f)
}

// UndoGroup takes every file of an import group back out in one step,
// restoring exactly the state before the group.
func (d *Desk) UndoGroup(ctx context.Context, id int64) (data.ImportGroup, error) {
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return data.ImportGroup{}, err
	}
	g, err := d.store.UndoGroup(ctx, id, d.Now(), func(tx *data.Tx, undone []data.ImportBatch) error {
		for _, b := range undone {
			shop, err := d.store.ShopByID(ctx, b.ShopID)
			if err != nil {
				return err
			}
			if err := data.AuditTx(tx, d.audit(shop, "undo", fmt.Sprintf("batch %d: %s (import group %d)", b.ID, b.FileName, id))); err != nil {
				return err
			}
		}
		return reclassifyShopsTx(ctx, tx, undone, vocab)
	})
	return g, d.changed(err, Change{Kind: ChangedUndo})
}
