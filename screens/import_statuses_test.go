package screens

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

// find lists the objects of type T under o, in layout order.
func find[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	if t, ok := o.(T); ok {
		out = append(out, t)
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			out = append(out, find[T](child)...)
		}
	}
	return out
}

func TestAnUnknownStatusIsMappedFromTheImportPreview(t *testing.T) {
	d := openDesk(t)
	addShop(t, d, "Sunrise TH", "TH")
	e := sample.Orders(sample.Options{Seed: 41, Orders: 12, Site: "TH", Mix: map[data.StatusClass]int{data.Completed: 1}})
	const value = "สำเร็จแล้ว"
	for i := 0; i < 4; i++ {
		e.Orders[i].Status, e.Orders[i].Substatus = value, ""
	}
	path := filepath.Join(t.TempDir(), "All order-2026-10-01-10_00.csv")
	if err := sample.WriteFile(path, e); err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, d)
	s.Show(PageImport)
	im := s.imports
	im.AddPaths([]string{path})
	im.shopSelect.SetSelected("Sunrise TH")
	test.Tap(im.preview)
	f := im.current()
	if f.state != filePreviewed || len(f.plan.Unknown) != 1 {
		t.Fatalf("preview: state %d, unknown %+v (err %v)", f.state, f.plan, f.err)
	}
	selects := find[*widget.Select](im.outcome)
	buttons := find[*widget.Button](im.outcome)
	var mapIt *widget.Button
	for _, b := range buttons {
		if b.Text == "Map value" {
			mapIt = b
		}
	}
	if len(selects) != 1 || mapIt == nil {
		t.Fatalf("the preview offers %d choices and map button %v", len(selects), mapIt)
	}
	labels := find[*widget.Label](im.outcome)
	var said bool
	for _, l := range labels {
		said = said || strings.Contains(l.Text, value) && strings.Contains(l.Text, "Order Status") && strings.Contains(l.Text, "orders 4")
	}
	if !said {
		t.Error("the choice does not name the value, its column and how many orders hold it")
	}
	if !mapIt.Disabled() {
		t.Error("Map is enabled before a meaning is chosen")
	}
	selects[0].SetSelected(classLabel(data.Completed))
	test.Tap(mapIt)
	f = im.current()
	if f.state != filePreviewed || len(f.plan.Unknown) != 0 || len(f.plan.Warnings) != 0 {
		t.Fatalf("after mapping the preview still reports %+v %+v (state %d)", f.plan.Unknown, f.plan.Warnings, f.state)
	}
	if len(find[*widget.Select](im.outcome)) != 0 {
		t.Error("the choice is still offered once the value is known")
	}
	list, err := d.StatusValues(t.Context())
	if err != nil || len(list.Learnt) != 1 || list.Learnt[0].Class != "completed" {
		t.Fatalf("stored mappings %+v %v", list, err)
	}
}
