package data

import (
	"context"
	"fmt"
	"testing"
)

// An import finds what the shop holds in three ways: nothing to find when
// it holds nothing, every record read at once when it holds no more than
// the file brings, and each chunk's keys looked up when it holds more
// (chunks of mergeChunk, the last one short). Each must give the same
// counts, the same stored records and an undo back to the same state.
func TestImportFindsWhatTheShopHoldsHoweverMuchThatIs(t *testing.T) {
	const brought = 2*mergeChunk + 100 // two full chunks and a short one
	for _, held := range []int{0, brought / 3, brought + 500} {
		t.Run(fmt.Sprintf("shop holds %d", held), func(t *testing.T) {
			s := MustOpenDB(t)
			shop := mustShop(t, s, "Shop")
			older, newer := stamp(t, "2026-10-01 10:00"), stamp(t, "2026-10-08 10:00")
			id := func(i int) string { return fmt.Sprintf("5771%014d", i) }

			// Held: every second ID from 0, some of them beyond the file's.
			var stored []Order
			for i := 0; len(stored) < held; i += 2 {
				stored = append(stored, Order{ShopID: shop.ID, ID: id(i), Class: "in_transit", Status: "In transit", Amount: Money(i)})
			}
			if held > 0 {
				importOrders(t, s, shop, "held", older, stored...)
			}
			before, err := s.Orders(context.Background(), shop.ID, 0)
			if err != nil {
				t.Fatal(err)
			}

			// The file: IDs 0..brought-1, every fourth one still in transit
			// as stored (unchanged but newer), the others completed.
			var file []Order
			for i := brought - 1; i >= 0; i-- { // out of order, as files come
				o := Order{ShopID: shop.ID, ID: id(i), Class: "completed", Status: "Completed", Amount: Money(i)}
				if i%4 == 0 {
					o.Class, o.Status = "in_transit", "In transit"
				}
				file = append(file, o)
			}
			var want MergeCounts
			isHeld := map[string]bool{}
			for _, o := range stored {
				isHeld[o.ID] = true
			}
			for _, o := range file {
				switch {
				case !isHeld[o.ID]:
					want.Created++
				case o.Class == "in_transit":
					want.Unchanged++
				default:
					want.Updated++
				}
			}
			b := importOrders(t, s, shop, "file", newer, file...)
			if got := (MergeCounts{b.Created, b.Updated, b.Unchanged, b.Skipped}); got != want {
				t.Fatalf("counts %+v, want %+v", got, want)
			}
			after, err := s.Orders(context.Background(), shop.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(isHeld)+want.Created {
				t.Fatalf("%d orders stored, want %d", len(after), len(isHeld)+want.Created)
			}
			inFile := map[string]Order{}
			for _, o := range file {
				inFile[o.ID] = o
			}
			for _, o := range after {
				f, ok := inFile[o.ID]
				switch {
				case ok && (o.Class != f.Class || o.ExportedAt != newer || o.BatchID != b.ID):
					t.Fatalf("order %s stored as %s exported %v by batch %d, want %s, %v, %d", o.ID, o.Class, o.ExportedAt, o.BatchID, f.Class, newer, b.ID)
				case !ok && (o.Class != "in_transit" || o.ExportedAt != older):
					t.Fatalf("order %s, not in the file, became %s exported %v", o.ID, o.Class, o.ExportedAt)
				}
			}

			// An older file changes nothing: every record it brings is skipped
			// or unchanged.
			old := importOrders(t, s, shop, "old", older, file...)
			if old.Created != 0 || old.Updated != 0 || old.Skipped+old.Unchanged != brought {
				t.Fatalf("an older export: %+v", old)
			}

			for _, undo := range []int64{old.ID, b.ID} {
				if _, err := s.UndoBatch(context.Background(), undo, testNow, nil); err != nil {
					t.Fatal(err)
				}
			}
			back, err := s.Orders(context.Background(), shop.ID, 0)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(back) != fmt.Sprint(before) {
				t.Fatalf("after undo the shop holds %d orders, not the %d it held before", len(back), len(before))
			}
		})
	}
}

// An order listed twice keeps its last state wherever the two fall: in one
// INSERT, on either side of a statement's boundary, in a shop that holds
// nothing or one that holds orders.
func TestAnOrderListedTwiceKeepsItsLastStateAcrossStatements(t *testing.T) {
	for _, held := range []int{0, 5} {
		for _, at := range []int{1, writeRows - 1, writeRows, 3 * writeRows / 2} {
			t.Run(fmt.Sprintf("held %d, twice at %d", held, at), func(t *testing.T) {
				s := MustOpenDB(t)
				shop := mustShop(t, s, "Shop")
				id := func(i int) string { return fmt.Sprintf("5771%014d", i) }
				if held > 0 {
					var stored []Order
					for i := range held {
						stored = append(stored, Order{ShopID: shop.ID, ID: id(1000 + i), Class: InTransit, Status: "In transit"})
					}
					importOrders(t, s, shop, "held", stamp(t, "2026-10-01 10:00"), stored...)
				}
				var file []Order
				for i := range 2 * writeRows {
					file = append(file, Order{ShopID: shop.ID, ID: id(i), Class: Completed, Status: "Completed"})
				}
				// The order just before position at comes again at at, now delivered.
				twice := Order{ShopID: shop.ID, ID: id(at - 1), Class: Delivered, Status: "Delivered"}
				file = append(file[:at], append([]Order{twice}, file[at:]...)...)
				importOrders(t, s, shop, "file", stamp(t, "2026-10-08 10:00"), file...)
				o, err := s.Order(context.Background(), shop.ID, twice.ID)
				if err != nil || o.Class != Delivered {
					t.Fatalf("order %s is %+v (%v), want its last state, delivered", twice.ID, o, err)
				}
			})
		}
	}
}

// Records are put in key order before they are written, and those of one
// key keep the order they came in.
func TestRecordsAreSortedByKeyKeepingTheOrderOfEqualKeys(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 1000} {
		var records []Order
		for i := range n {
			// Keys repeat (i*7919 % 37 of n), Lines says where each came in.
			records = append(records, Order{ID: fmt.Sprintf("%03d", i*7919%37), Lines: i})
		}
		orderTable.sortByKey(records)
		if len(records) != n {
			t.Fatalf("%d records became %d", n, len(records))
		}
		seen := map[int]bool{}
		for i, o := range records {
			if seen[o.Lines] {
				t.Fatalf("n=%d: record %d came out twice", n, o.Lines)
			}
			seen[o.Lines] = true
			if i == 0 {
				continue
			}
			prev := records[i-1]
			if prev.ID > o.ID || prev.ID == o.ID && prev.Lines > o.Lines {
				t.Fatalf("n=%d: %s/%d before %s/%d", n, prev.ID, prev.Lines, o.ID, o.Lines)
			}
		}
	}
}
