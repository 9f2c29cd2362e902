package app

import (
	"context"
	"sync"

	"depositdesk/data"
)

// The changes another person makes to a shared (team) database, and the
// state of the connection to it.
const (
	ChangedByOthers   ChangeKind = "others"     // someone else wrote: what, is not known, so every view reloads
	ChangedConnection ChangeKind = "connection" // the connection was lost or came back: Desk.Connection says which
)

// remoteState is what the Desk knows of the other people on its database.
type remoteState struct {
	once sync.Once
	stop context.CancelFunc
	mu   sync.Mutex
	lost error
}

// WatchOthers calls fn, from another goroutine, when someone else changes
// the shared database (team mode) and when the connection to it is lost
// (e.Lost: "connection lost, retrying") or restored, until ctx ends. With a
// database only this person uses it never calls fn.
func (d *Desk) WatchOthers(ctx context.Context, fn func(data.RemoteEvent)) {
	d.store.Listen(ctx, fn)
}

// watchOthers starts, once, announcing other people's changes and the
// state of the connection as Changes (OnChange calls it: only a window
// that listens needs the server to tell it).
func (d *Desk) watchOthers() {
	d.remote.once.Do(func() {
		ctx, stop := context.WithCancel(context.Background())
		d.remote.stop = stop
		d.WatchOthers(ctx, func(e data.RemoteEvent) {
			if e.Lost != nil || e.Restored {
				d.remote.mu.Lock()
				d.remote.lost = e.Lost
				d.remote.mu.Unlock()
				d.changed(nil, Change{Kind: ChangedConnection})
			}
			if e.Changed {
				d.changed(nil, Change{Kind: ChangedByOthers})
			}
		})
	})
}

// Connection is nil while the shared database is reachable, else the
// sentence to show ("connection lost, retrying…").
func (d *Desk) Connection() error {
	d.remote.mu.Lock()
	defer d.remote.mu.Unlock()
	return d.remote.lost
}

func (d *Desk) stopWatching() {
	if d.remote.stop != nil {
		d.remote.stop()
	}
}
