package exports_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"depositdesk/data"
	"depositdesk/data/exports"
	"depositdesk/data/exports/sample"
)

// streamed reads path with Emit and returns the records handed over, in
// order, with the size of each chunk.
func streamed(t *testing.T, path string, opt exports.Options) (*exports.Result, []data.Order, []data.ReturnCase, []int) {
	t.Helper()
	var orders []data.Order
	var cases []data.ReturnCase
	var chunks []int
	opt.Emit = func(o []data.Order, c []data.ReturnCase) error {
		orders, cases = append(orders, o...), append(cases, c...)
		chunks = append(chunks, len(o)+len(c))
		return nil
	}
	res, err := exports.Read(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("streamed Read: %v", err)
	}
	if len(res.Orders)+len(res.Cases) != 0 {
		t.Fatalf("a streamed Read kept %d orders and %d cases in its result", len(res.Orders), len(res.Cases))
	}
	return res, orders, cases, chunks
}

// A streamed read hands over exactly the records a whole read returns, in
// the same order and with the same values, a chunk at a time; and says
// the same about the file.
func TestStreamedReadEqualsWholeRead(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		e    *sample.Export
		// heldToEnd: no date settles the day/month order, so nothing can be
		// handed over before the end (the site decides then).
		heldToEnd bool
	}{
		{"All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Seed: 7, Rows: 30_000, Site: "TH"}), false},
		{"All order-2026-10-07-10_34.xlsx", sample.Orders(sample.Options{Seed: 8, Rows: 12_000, Site: "MY"}), false},
		{"All order-2026-10-07-10_35.csv", sample.Orders(sample.Options{Seed: 9, Rows: 12_000, Site: "US"}), false},
		{"All order-2026-10-07-10_36.csv", sample.Orders(sample.Options{Seed: 10, Rows: 12_000, Site: "TH",
			Start: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 10, 12, 0, 0, 0, 0, time.UTC),
			Mix: map[data.StatusClass]int{data.Unpaid: 1}}), true},
		{"Return-2026-10-07.csv", sample.Returns(sample.Options{Seed: 11, Orders: 9_000, Site: "UK"}), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeSample(t, dir, tc.name, tc.e)
			opt := exports.Options{Site: tc.e.Options.Site}
			whole := mustRead(t, path, opt)
			res, orders, cases, chunks := streamed(t, path, opt)
			if len(chunks) < 2 && !tc.heldToEnd {
				t.Fatalf("handed over in %d chunks", len(chunks))
			}
			if tc.heldToEnd != whole.SiteDecided {
				t.Fatalf("the site decided the dates: %v", whole.SiteDecided)
			}
			if tc.heldToEnd && len(chunks) != 1 {
				t.Fatalf("undecided dates handed over in %d chunks before the end", len(chunks)-1)
			}
			for i, n := range chunks {
				if n > 4097 && !tc.heldToEnd {
					t.Fatalf("chunk %d holds %d records", i, n)
				}
			}
			if whole.Kind == data.KindReturns {
				if !reflect.DeepEqual(cases, whole.Cases) || len(orders) != 0 {
					t.Fatalf("streamed %d cases (%d orders), whole read %d; first difference in cases", len(cases), len(orders), len(whole.Cases))
				}
			} else {
				sameOrders(t, orders, whole.Orders)
			}
			if res.Records != whole.Records || whole.Records != len(whole.Orders)+len(whole.Cases) {
				t.Fatalf("records: streamed %d, whole %d (%d read)", res.Records, whole.Records, len(whole.Orders)+len(whole.Cases))
			}
			whole.Orders, whole.Cases = nil, nil
			res.Orders, res.Cases = nil, nil
			if !reflect.DeepEqual(res, whole) {
				t.Fatalf("the streamed result says\n%+v\nthe whole read\n%+v", res, whole)
			}
		})
	}
}

// An error from Emit stops the reading and is what Read returns.
func TestStreamedReadStopsOnEmitError(t *testing.T) {
	path := writeSample(t, t.TempDir(), "All order-2026-10-07-10_33.csv", sample.Orders(sample.Options{Seed: 7, Rows: 30_000, Site: "TH"}))
	stop := errors.New("stop")
	calls, rows := 0, 0
	_, err := exports.Read(context.Background(), path, exports.Options{Site: "TH",
		Progress: func(n int) { rows = n },
		Emit: func([]data.Order, []data.ReturnCase) error {
			calls++
			return stop
		}})
	if !errors.Is(err, stop) || calls != 1 || rows >= 30_000 {
		t.Fatalf("err %v after %d calls and %d rows", err, calls, rows)
	}
}
