//go:build ignore

// Generate writes the demo's sample exports: go run assets/samples/generate.go
// (from the repository root). The files are committed; the demo imports them.
package main

import (
	"log"
	"path/filepath"
	"time"

	"depositdesk/data"
	"depositdesk/data/exports/sample"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func main() {
	dir := filepath.Join("assets", "samples")
	done := map[data.StatusClass]int{data.Completed: 85, data.Cancelled: 15}
	acme := sample.Orders(sample.Options{Seed: 11, Orders: 180, Site: "US",
		Start: day(2026, 3, 1), End: day(2026, 5, 20), Mix: done, Description: true})
	lotus := sample.Orders(sample.Options{Seed: 12, Orders: 240, Site: "MY",
		Start: day(2026, 9, 1), End: day(2026, 11, 3),
		Mix: map[data.StatusClass]int{data.Completed: 80, data.Cancelled: 12, data.Delivered: 8}})
	panda := sample.Orders(sample.Options{Seed: 13, Orders: 320, Site: "UK",
		Start: day(2026, 8, 20), End: day(2026, 11, 20), Description: true})
	sunrise := sample.Orders(sample.Options{Seed: 14, Orders: 150, Site: "TH",
		Start: day(2026, 6, 1), End: day(2026, 9, 30), Mix: done, Chinese: true})
	// Sunrise TH had no returns: its returns export is a header and nothing
	// else, which is evidence enough.
	none := sample.Returns(sample.Options{Seed: 14, Site: "TH"})
	none.Cases, none.Rows = nil, 0
	files := []struct {
		name string
		e    *sample.Export
	}{
		// Acme US: every order and every after-sales case closed long ago — ready.
		{"All order-2026-07-20-09_15.xlsx", acme},
		{"Return_Refund_Orders-2026-07-20-09_20.xlsx", casesOf(acme, sample.Returns(sample.Options{Seed: 11, Orders: 9, Site: "US",
			Start: day(2026, 3, 5), End: day(2026, 6, 1), Dates: sample.DatesISO, Closed: true}))},
		// Lotus MY: the last orders closed in November — waiting for the quiet period.
		{"All order-2026-11-20-10_33.csv", lotus},
		{"Return order-2026-11-20-10_40.csv", casesOf(lotus, sample.Returns(sample.Options{Seed: 12, Orders: 12, Site: "MY",
			Start: day(2026, 9, 5), End: day(2026, 11, 10), Closed: true}))},
		// Panda UK: orders still moving and open after-sales cases — blocked.
		{"All order-2026-11-21-08_05.xlsx", panda},
		{"Return order-2026-11-21-08_10.csv", casesOf(panda, sample.Returns(sample.Options{Seed: 13, Orders: 24, Site: "UK",
			Start: day(2026, 9, 1), End: day(2026, 11, 20)}))},
		// Sunrise TH: a Chinese-language export; the contract runs to the end of the year.
		{"全部 笔订单-2026-11-18-14_20.csv", sunrise},
		{"Return order-2026-11-18-14_25.csv", none},
	}
	for _, f := range files {
		if err := sample.WriteFile(filepath.Join(dir, f.name), f.e); err != nil {
			log.Fatal(err)
		}
	}
}

// casesOf makes the cases of r after-sales cases of orders in o, as a real
// returns export's are: completed or delivered ones, in turn.
func casesOf(o, r *sample.Export) *sample.Export {
	var ids []string
	for _, ord := range o.Orders {
		if ord.Class == data.Completed || ord.Class == data.Delivered {
			ids = append(ids, ord.ID)
		}
	}
	for i := range r.Cases {
		r.Cases[i].OrderID = ids[(i*7)%len(ids)]
	}
	return r
}
