package screens

import (
	"strings"
	"testing"

	"depositdesk/data"
)

// sharedDesk is a desk on a shared database whose connection can be lost.
type sharedDesk struct {
	*fakeDesk
	lost error
}

func (d *sharedDesk) Connection() error { return d.lost }

func TestTheTitleSaysWhenTheSharedDatabaseCannotBeReached(t *testing.T) {
	d := &sharedDesk{fakeDesk: &fakeDesk{}}
	s := newTestShell(t, d)
	d.lost = data.Msg("Connection to the team database lost, retrying… ({{.Err}})", map[string]any{"Err": "server closed the connection"})
	s.dataChanged()
	if title := s.win.Title(); !strings.Contains(title, "lost, retrying") {
		t.Fatalf("title while lost: %q", title)
	}
	d.lost = nil
	s.dataChanged()
	if title := s.win.Title(); title != "Deposit Desk" {
		t.Fatalf("title once back: %q", title)
	}
}
