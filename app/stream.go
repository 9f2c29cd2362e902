package app

import (
	"context"
	"errors"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// A large file of a batch import is written while it is read, a chunk at
// a time, in one transaction, rather than read whole and then written:
// memory holds a chunk whatever the file's size, and the reading on one
// core overlaps the writing on the other. This streamed import is a fast
// path with the same outcome as the whole-file one; whenever it cannot be
// sure of that — the file has no shop it can name from its first chunk,
// another shop holds some of its orders, its lines of one order are
// spread, it was imported before, its reading fails — it writes nothing
// and the file is read whole, which then decides and says why.

// streamBytes is the size from which a batch's file is streamed (a
// variable, so that a test can stream small files). Smaller files are read
// ahead whole on the other cores, several at a time.
var streamBytes int64 = 16 << 20

// streamed reports whether file f of a batch is written as it is read.
func streamed(size int64) bool {
	return size >= streamBytes
}

// errReadWhole stops a streamed import that a whole read must decide.
var errReadWhole = errors.New("read the file whole")

// streamFile writes file f as a batch of w's group while reading it.
// ok is false when nothing was written and the file is to be imported
// whole; err is only a cancellation.
func (d *Desk) streamFile(ctx context.Context, w *groupWriter, f *BatchFile, chosen *data.Shop, o BatchOptions, progress func(int)) (ok bool, err error) {
	exported, from := o.ExportedAt, "option"
	if t, ok := exports.TimeFromFileName(f.Name); exported == 0 && ok {
		exported, from = t, "file name"
	}
	site := ""
	if chosen != nil {
		site = chosen.Site
	}
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return false, err
	}
	// The file's reader looks up the shops holding each chunk on a
	// connection of its own: it must see the group's earlier files.
	if err := w.dw.Commit(ctx); err != nil {
		return false, err
	}
	if exported == 0 {
		// Every record is written with the export time, which is then the
		// newest time in the data: a first reading that keeps nothing
		// finds it (a file renamed without its time costs a second read,
		// not memory).
		res, err := exports.Read(ctx, f.Path, exports.Options{Name: f.Name, Site: site, Vocabulary: vocab,
			Emit: func([]data.Order, []data.ReturnCase) error { return nil }})
		if err != nil {
			return false, ctx.Err()
		}
		exported, from = res.Newest, "data"
		if exported == 0 {
			exported, from = data.StampOf(d.Now()), "import time"
		}
	}
	readCtx, stopReading := context.WithCancel(ctx)
	chunks := make(chan *data.Chunk, 2)
	var res *exports.Result
	var readErr error
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(chunks)
		res, readErr = exports.Read(readCtx, f.Path, exports.Options{Name: f.Name, Site: site, Progress: progress, Vocabulary: vocab,
			Emit: func(orders []data.Order, cases []data.ReturnCase) error {
				// The shops holding the chunk's IDs are looked up here, on
				// the reading core, while the writer writes the chunk before.
				orderIDs, returnIDs := data.RecordIDs(orders, cases)
				holders, err := d.store.Holders(readCtx, orderIDs, returnIDs)
				if err != nil {
					return err
				}
				select {
				case chunks <- &data.Chunk{Orders: orders, Cases: cases, Holders: holders}:
					return nil
				case <-readCtx.Done():
					return readCtx.Err()
				}
			}})
	}()
	fingerprint := make(chan string, 1)
	go func() {
		sum, _ := fileSHA256(f.Path) // a failure leaves "", which the whole read reports
		fingerprint <- sum
	}()
	stop := func() {
		stopReading()
		for range chunks {
		}
		<-read
		<-fingerprint
	}

	first, more := <-chunks
	if !more {
		stop()
		return false, ctx.Err()
	}
	holders := first.Holders
	shop, how, err := d.streamShop(ctx, first, chosen)
	if err != nil || shop == nil {
		stop()
		return false, ctx.Err()
	}
	sum := <-fingerprint
	fingerprint <- sum // for stop
	if known, err := d.store.LiveBatchesBySHA(ctx, sum); sum == "" || err != nil || len(known) > 0 {
		stop()
		return false, ctx.Err()
	}
	var plan *ImportPlan
	next := func() (*data.Chunk, error) {
		if first != nil {
			c := first
			first = nil
			return c, nil
		}
		if c, more := <-chunks; more {
			return c, nil
		}
		<-read
		return nil, readErr
	}
	finish := func(b *data.ImportBatch) error {
		if res.SiteDecided && exports.MonthFirstSite(shop.Site) != exports.MonthFirstSite(site) {
			return errReadWhole // its undecided dates are read by the shop's site
		}
		plan = readPlan(*shop, f.Path, sum, res, exported, from)
		*b = plan.Batch
		return nil
	}
	kind := data.KindOrders
	if len(first.Cases) > 0 {
		kind = data.KindReturns
	}
	b, err := w.dw.Stream(ctx, data.ImportBatch{ShopID: shop.ID, Shop: shop.Name, FileName: f.Name, Kind: kind, ExportedAt: exported}, next, finish)
	stop()
	if err != nil {
		return false, ctx.Err()
	}
	b.Shop = shop.Name
	plan.Batch = b
	f.Plan, f.sum, f.Holders = plan, sum, holders
	f.Shop, f.Assigned, f.Refusal, f.base = shop.Name, how, nil, assignment{shop: shop.Name, how: how}
	f.streamed = true
	w.wrote(f, b)
	return true, nil
}

// streamShop is the shop a streamed file goes to, judged by its first
// chunk: the chosen one, or the one shop holding its orders; nil when
// another shop holds some of them, or none does (a whole read decides).
func (d *Desk) streamShop(ctx context.Context, first *data.Chunk, chosen *data.Shop) (*data.Shop, Assignment, error) {
	holders := first.Holders
	switch {
	case chosen != nil && (len(holders) == 0 || len(holders) == 1 && holders[0].ShopID == chosen.ID):
		return chosen, AssignedChosen, nil
	case chosen == nil && len(holders) == 1:
		shop, err := d.store.ShopByID(ctx, holders[0].ShopID)
		if err != nil {
			return nil, "", err
		}
		return &shop, AssignedOrders, nil
	}
	return nil, "", nil
}
