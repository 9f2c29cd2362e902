package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"depositdesk/data"
	"depositdesk/data/exports"
)

// ImportOptions tune one import.
type ImportOptions struct {
	// ExportedAt is when the file was exported; zero takes it from the file
	// name (All order-2026-10-07-10_33.xlsx), else the newest time in the data.
	ExportedAt data.Stamp
	// Progress is told how many rows have been read, every few thousand.
	Progress func(rows int)
}

// ImportPlan is a read file and what importing it would do: nothing is
// written until Commit.
type ImportPlan struct {
	Shop  data.Shop
	Path  string
	Batch data.ImportBatch // the counts, kind, encoding and export time
	// Warnings are the reader's remarks with their rows, for the person.
	Warnings []data.Message
	// Unknown lists the status values the file holds that are not known yet,
	// each with its column and rows: the person maps them (MapStatus).
	Unknown []exports.UnknownValue
	// AlreadyImported is set when a file with the same contents was imported
	// into this shop before (and not undone): committing changes nothing.
	AlreadyImported bool
	// ExportTimeFrom says where ExportedAt came from: "option", "file name" or "data".
	ExportTimeFrom string
	incoming       *data.Incoming
}

// Preview reads a file for a shop and says what importing it would do.
func (d *Desk) Preview(ctx context.Context, shopName, path string, o ImportOptions) (*ImportPlan, error) {
	shop, err := d.Shop(ctx, shopName)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(path)
	sum, res, hashErr, readErr := d.fingerprintAndRead(ctx, path, shop.Site, o.Progress, func(sum string) bool {
		_, ok, err := d.store.LiveBatchBySHA(ctx, shop.ID, sum)
		return ok && err == nil // (a failed look is made again below)
	})
	if hashErr != nil {
		return nil, &data.Message{File: name, Text: "Cannot read the file: {{.Err}}", Args: map[string]any{"Err": hashErr.Error()}}
	}
	if b, ok, err := d.store.LiveBatchBySHA(ctx, shop.ID, sum); err != nil {
		return nil, err
	} else if ok {
		return alreadyImported(shop, path, b), nil
	}
	if readErr != nil {
		return nil, readErr
	}
	orderIDs, returnIDs := idsOf(res)
	holders, err := d.store.Holders(ctx, orderIDs, returnIDs)
	if err != nil {
		return nil, err
	}
	if m := refusalFor(name, shop.Name, holders); m != nil {
		return nil, m
	}
	return d.planFile(ctx, shop, path, sum, res, o, true)
}

// fingerprintAndRead reads the export at path while its SHA-256 is taken on
// another goroutine (two cores); when known(sum) says the file was imported
// before, the reading is dropped (res nil, readErr the cancellation).
func (d *Desk) fingerprintAndRead(ctx context.Context, path, site string, progress func(rows int), known func(sum string) bool) (sum string, res *exports.Result, hashErr, readErr error) {
	readCtx, stopReading := context.WithCancel(ctx)
	defer stopReading()
	type hashed struct {
		sum string
		err error
	}
	fingerprint := make(chan hashed, 1)
	go func() {
		sum, err := fileSHA256(path)
		if err == nil && known(sum) {
			stopReading()
		}
		fingerprint <- hashed{sum, err}
	}()
	res, readErr = d.readExport(readCtx, path, site, progress)
	h := <-fingerprint
	return h.sum, res, h.err, readErr
}

// readExport reads the export at path for a shop of site ("" when not yet
// known): the one place every import reads a file.
func (d *Desk) readExport(ctx context.Context, path, site string, progress func(rows int)) (*exports.Result, error) {
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return nil, err
	}
	return exports.Read(ctx, path, exports.Options{Name: filepath.Base(path), Site: site, Progress: progress, Vocabulary: vocab})
}

// alreadyImported is the plan of a file whose contents batch b imported
// into shop before: committing it changes nothing.
func alreadyImported(shop data.Shop, path string, b data.ImportBatch) *ImportPlan {
	plan := &ImportPlan{Shop: shop, Path: path, AlreadyImported: true, Batch: b}
	plan.Batch.Created, plan.Batch.Updated, plan.Batch.Skipped = 0, 0, 0
	plan.Batch.Unchanged = b.Records
	plan.Warnings = []data.Message{{File: filepath.Base(path), Text: "This file was already imported into {{.Shop}} as batch {{.ID}} on {{.When}}; nothing changes.",
		Args: map[string]any{"Shop": shop.Name, "ID": b.ID, "When": b.ImportedAt.Local().Format("2006-01-02 15:04")}}}
	return plan
}

// planFile says what importing the read file res (fingerprint sum) into
// shop would do, writing nothing; the counts only when count is set.
func (d *Desk) planFile(ctx context.Context, shop data.Shop, path, sum string, res *exports.Result, o ImportOptions, count bool) (*ImportPlan, error) {
	exported, from := o.ExportedAt, "option"
	if exported == 0 {
		exported, from = res.FileTime, "file name"
	}
	if exported == 0 {
		exported, from = res.Newest, "data"
	}
	if exported == 0 {
		exported, from = data.StampOf(d.Now()), "import time"
	}
	plan := readPlan(shop, path, sum, res, exported, from)
	plan.incoming = &data.Incoming{Batch: plan.Batch, Orders: res.Orders, Cases: res.Cases}
	if !count {
		return plan, nil
	}
	c, err := d.store.PlanImport(ctx, plan.incoming)
	if err != nil {
		return nil, err
	}
	plan.Batch.Created, plan.Batch.Updated, plan.Batch.Unchanged, plan.Batch.Skipped = c.Created, c.Updated, c.Unchanged, c.Skipped
	return plan, nil
}

// readPlan is the plan of the read file res (fingerprint sum) for shop,
// exported at exported (the time from where from says), before counting.
func readPlan(shop data.Shop, path, sum string, res *exports.Result, exported data.Stamp, from string) *ImportPlan {
	plan := &ImportPlan{Shop: shop, Path: path, ExportTimeFrom: from, Unknown: res.Unknown}
	plan.Warnings = append(siteWarnings(filepath.Base(path), shop, res), res.Warnings...)
	warnings := make([]string, len(plan.Warnings))
	for i := range plan.Warnings {
		warnings[i] = plan.Warnings[i].Error()
	}
	plan.Batch = data.ImportBatch{
		ShopID: shop.ID, Shop: shop.Name, FileName: filepath.Base(path), SHA256: sum, Kind: res.Kind, Encoding: res.Encoding,
		ExportedAt: exported, Rows: res.Rows, Records: res.Records, Warnings: warnings,
	}
	return plan
}

// Commit writes a previewed file in one transaction, with its audit entry.
// A file imported before is reported as unchanged and writes nothing.
func (d *Desk) Commit(ctx context.Context, p *ImportPlan) (data.ImportBatch, error) {
	if p.AlreadyImported {
		return p.Batch, nil
	}
	if p.incoming == nil {
		return data.ImportBatch{}, fmt.Errorf("import plan for %s was already committed", p.Batch.FileName)
	}
	b, err := d.store.CommitImport(ctx, p.incoming, d.Now(), func(tx *data.Tx, b data.ImportBatch) error {
		return data.AuditTx(tx, d.importAudit(p.Shop, b))
	})
	if err != nil {
		return b, err
	}
	p.incoming = nil
	p.Batch = b
	return b, d.changed(nil, Change{ChangedImport, p.Shop.ID})
}

// Import previews and commits one file.
func (d *Desk) Import(ctx context.Context, shop, path string, o ImportOptions) (*ImportPlan, error) {
	p, err := d.Preview(ctx, shop, path, o)
	if err != nil {
		return nil, err
	}
	if _, err := d.Commit(ctx, p); err != nil {
		return p, err
	}
	return p, nil
}

// Imports lists the import batches of a shop ("" for all), newest first.
func (d *Desk) Imports(ctx context.Context, shop string) ([]data.ImportBatch, error) {
	id, err := d.shopID(ctx, shop)
	if err != nil {
		return nil, err
	}
	return d.store.Batches(ctx, id)
}

// Undo takes an import batch back out, restoring exactly the state before it.
func (d *Desk) Undo(ctx context.Context, batchID int64) (data.ImportBatch, error) {
	vocab, err := d.vocabulary(ctx)
	if err != nil {
		return data.ImportBatch{}, err
	}
	b, err := d.store.UndoBatch(ctx, batchID, d.Now(), func(tx *data.Tx, b data.ImportBatch) error {
		shop, err := d.store.ShopByID(ctx, b.ShopID)
		if err != nil {
			return err
		}
		// What undo put back was classified when it was first imported: the
		// values taught since then still hold.
		if _, err := data.ReclassifyTx(ctx, tx, b.ShopID, vocab.Classifier()); err != nil {
			return fmt.Errorf("undo batch %d: %w", b.ID, err)
		}
		return data.AuditTx(tx, d.audit(shop, "undo", fmt.Sprintf("batch %d: %s", b.ID, b.FileName)))
	})
	return b, d.changed(err, Change{ChangedUndo, b.ShopID})
}

// importAudit is the audit entry of a written batch.
func (d *Desk) importAudit(shop data.Shop, b data.ImportBatch) data.AuditEntry {
	group := ""
	if b.Group != 0 {
		group = fmt.Sprintf(", import group %d", b.Group)
	}
	return d.audit(shop, "import", fmt.Sprintf("batch %d: %s (%s, exported %s%s): %d %s, %d created, %d updated, %d unchanged, %d skipped",
		b.ID, b.FileName, b.Kind, b.ExportedAt, group, b.Rows, data.Plural(b.Rows, "row", "rows"), b.Created, b.Updated, b.Unchanged, b.Skipped))
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
