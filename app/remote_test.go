package app

import (
	"testing"
	"time"

	"depositdesk/data/datatest"
)

func TestAnotherPersonsImportReachesTheWindowsSignalWithinTwoSeconds(t *testing.T) {
	where := datatest.DB(t, "共享", "desk.db")
	mine, err := Open(where)
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Close()
	theirs, err := Open(where)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	changes := make(chan Change, 16)
	stop := mine.OnChange(func(c Change) { changes <- c })
	defer stop()

	mustAddShop(t, mine, "Acme US", "US")
	if c := <-changes; c.Kind != ChangedShop {
		t.Fatalf("my own change came as %+v", c)
	}
	mustAddShop(t, theirs, "Bolt UK", "UK")
	wait := 2 * time.Second
	if datatest.Server() == "" {
		wait = 300 * time.Millisecond
	}
	select {
	case c := <-changes:
		if datatest.Server() == "" {
			t.Fatalf("on a file of one's own, nobody else's change arrives: %+v", c)
		}
		if c.Kind != ChangedByOthers {
			t.Fatalf("another person's change came as %+v", c)
		}
	case <-time.After(wait):
		if datatest.Server() != "" {
			t.Fatal("another person's change did not reach the window within 2 s")
		}
	}
	if err := mine.Connection(); err != nil {
		t.Fatalf("connection: %v", err)
	}
}
