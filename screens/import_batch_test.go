package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data/exports/sample"
)

// exportsFolder writes orders exports of new orders (one per seed and site) into a fresh folder.
func exportsFolder(t *testing.T, files map[string]sample.Options) string {
	t.Helper()
	dir := t.TempDir()
	for name, o := range files {
		if err := sample.WriteFile(filepath.Join(dir, name), sample.Orders(o)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestADroppedFolderIsPreviewedImportedAndUndoneAsOneBatch(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Lotus MY", "MY")
	addShop(t, d, "Panda UK", "UK")
	dir := exportsFolder(t, map[string]sample.Options{
		"All order-2026-11-20-10_33.csv": {Seed: 1, Orders: 30, Site: "MY"},
		"All order-2026-11-21-08_05.csv": {Seed: 2, Orders: 30, Site: "UK"},
	})
	s := newTestShell(t, d)
	s.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(dir)})
	im := s.imports
	b := im.batch
	if b == nil || b.state != batchPreviewed || !im.showBatch || len(b.plan.Files) != 2 {
		t.Fatalf("a dropped folder is not previewed as one batch: %+v", b)
	}
	// No shop holds these orders yet and the folder is new: the person chooses.
	for _, f := range b.plan.Files {
		if f.Shop != "" || f.Assigned != app.Unassigned || f.Refusal == nil {
			t.Errorf("%s went to %q (%s) without being asked", f.Name, f.Shop, f.Assigned)
		}
	}
	if !im.batchUI.commit.Disabled() {
		t.Error("Import all is enabled while files have no shop")
	}
	shops := map[string]string{"All order-2026-11-20-10_33.csv": "Lotus MY", "All order-2026-11-21-08_05.csv": "Panda UK"}
	for i, f := range b.plan.Files {
		im.batchUI.pickers[i].SetSelected(shops[f.Name])
	}
	for _, f := range b.plan.Files {
		if f.Shop != shops[f.Name] || f.Assigned != app.AssignedChosen || !f.Importable() {
			t.Errorf("%s: shop %q (%s), importable %v, refusal %v", f.Name, f.Shop, f.Assigned, f.Importable(), f.Refusal)
		}
	}
	if im.batchUI.commit.Disabled() {
		t.Fatal("Import all stays disabled once every file has its shop")
	}
	test.Tap(im.batchUI.commit)
	if b.state != batchImported || b.group.ID == 0 || len(b.group.Batches) != 2 {
		t.Fatalf("after Import all: state %d, group %+v, err %v", b.state, b.group, b.err)
	}
	for name, shop := range shops {
		batches, err := d.Imports(context.Background(), shop)
		if err != nil || len(batches) != 1 || batches[0].FileName != name {
			t.Errorf("%s holds %+v (%v), want %s", shop, batches, err, name)
		}
	}
	for _, f := range im.files {
		if f.state != fileImported || f.shop != shops[f.name()] {
			t.Errorf("the queue shows %s in state %d for %q", f.name(), f.state, f.shop)
		}
	}
	if im.batchUI.undo.Hidden {
		t.Fatal("no Undo for the batch")
	}

	// A newer export of the same orders, in another folder: it goes to the
	// shop holding them without asking.
	again := exportsFolder(t, map[string]sample.Options{"All order-2026-11-25-09_00.csv": {Seed: 1, Orders: 30, Site: "MY"}})
	other := exportsFolder(t, map[string]sample.Options{"orders.csv": {Seed: 3, Orders: 10, Site: "UK"}})
	s.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(filepath.Join(again, "All order-2026-11-25-09_00.csv")), storage.NewFileURI(filepath.Join(other, "orders.csv"))})
	nb := im.batch
	if nb == b || nb.state != batchPreviewed {
		t.Fatalf("the second drop is not previewed as a batch: %+v", nb)
	}
	for _, f := range nb.plan.Files {
		switch f.Name {
		case "All order-2026-11-25-09_00.csv":
			if f.Shop != "Lotus MY" || f.Assigned != app.AssignedOrders {
				t.Errorf("the newer export went to %q (%s), want Lotus MY by its orders", f.Shop, f.Assigned)
			}
		case "orders.csv":
			if f.Shop != "" {
				t.Errorf("a file of new orders went to %q", f.Shop)
			}
		}
	}

	// Undo of the first batch takes both files out at once.
	im.batch = b
	b.state = batchImported
	im.showBatch = true
	im.refresh()
	test.Tap(im.batchUI.undo)
	if b.state != batchUndone {
		t.Fatalf("after Undo: state %d, err %v", b.state, b.err)
	}
	for _, shop := range shops {
		batches, _ := d.Imports(context.Background(), shop)
		if len(batches) != 1 || !batches[0].Undone {
			t.Errorf("%s after Undo: %+v", shop, batches)
		}
	}
}

func TestAFileCanBeLeftOutOfTheBatch(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Lotus MY", "MY")
	dir := exportsFolder(t, map[string]sample.Options{
		"a.csv": {Seed: 4, Orders: 10, Site: "MY"},
		"b.csv": {Seed: 5, Orders: 10, Site: "MY"},
	})
	os.WriteFile(filepath.Join(dir, "c.csv"), []byte("not an export\n"), 0o644)
	s := newTestShell(t, d)
	s.onDropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI(dir)})
	im := s.imports
	b := im.batch
	for i, f := range b.plan.Files {
		switch f.Name {
		case "c.csv":
			if f.Refusal == nil {
				t.Error("a file that is no export is not refused")
			}
			im.batchUI.leaveOut[i].SetChecked(true)
		default:
			im.batchUI.pickers[i].SetSelected("Lotus MY")
		}
	}
	test.Tap(im.batchUI.commit)
	if b.state != batchImported || len(b.group.Batches) != 2 {
		t.Fatalf("state %d, group %+v, err %v", b.state, b.group, b.err)
	}
}

func TestThePickerFiltersAsYouType(t *testing.T) {
	d := openDesk(t)
	for _, n := range []string{"Acme US", "Acme UK", "Lotus MY", "莲花 Lotus TH"} {
		addShop(t, d, n, "US")
	}
	s := newTestShell(t, d)
	s.Show(PageImport)
	s.imports.AddPaths([]string{sampleExport("All order-2026-11-20-10_33.csv")})
	p := s.imports.shopSelect
	test.Tap(p)
	if p.popup == nil || len(p.shown) != 5 {
		t.Fatalf("the open picker lists %v", p.shown)
	}
	test.Type(p.filter, "lotus")
	if len(p.shown) != 3 || p.shown[0] != "Lotus MY" || p.shown[1] != "莲花 Lotus TH" || p.shown[2] != newShopChoice() {
		t.Errorf("typing lotus lists %v", p.shown)
	}
	p.filter.SetText("莲花")
	if len(p.shown) != 2 || p.shown[0] != "莲花 Lotus TH" {
		t.Errorf("typing 莲花 lists %v", p.shown)
	}
	p.filter.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.imports.current().shop != "莲花 Lotus TH" || p.Text != "莲花 Lotus TH" {
		t.Errorf("Enter chose %q (button %q)", s.imports.current().shop, p.Text)
	}
}

func TestTheQueueSaysAFileIsInTheBatchPreview(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Lotus MY", "MY")
	dir := exportsFolder(t, map[string]sample.Options{"a.csv": {Seed: 8, Orders: 5, Site: "MY"}, "b.csv": {Seed: 9, Orders: 5, Site: "MY"}})
	s := newTestShell(t, d)
	s.onDropped(fyne.NewPos(1, 1), []fyne.URI{storage.NewFileURI(dir)})
	for _, f := range s.imports.files {
		if got := s.imports.fileSummary(f); got != "no shop chosen · in the preview of all files" {
			t.Errorf("%s: %q", f.name(), got)
		}
	}
}

func TestTheBatchSummaryCountsOnlyTheFilesThatWriteSomething(t *testing.T) {
	plan := func(shop string, created int, before bool) *app.BatchFile {
		p := &app.ImportPlan{AlreadyImported: before}
		p.Batch.Created, p.Batch.Unchanged = created, 10
		return &app.BatchFile{Shop: shop, Plan: p}
	}
	p := &app.BatchPlan{Files: []*app.BatchFile{plan("Acme US", 40, false), plan("Lotus MY", 0, true), plan("Panda UK", 0, true)}}
	got := batchTotals(p)
	if !strings.Contains(got, "files 1, shops 1") || !strings.Contains(got, "40 new") {
		t.Fatalf("summary %q: two files were imported before and write nothing", got)
	}
}
