package app

import (
	"context"

	"depositdesk/data"
)

// WatchOthers calls fn, from another goroutine, when someone else changes
// the shared database (team mode) and when the connection to it is lost
// (e.Lost: "connection lost, retrying") or restored, until ctx ends. With a
// database only this person uses it never calls fn.
func (d *Desk) WatchOthers(ctx context.Context, fn func(data.RemoteEvent)) {
	d.store.Listen(ctx, fn)
}
