package screens

import (
	"context"
	"sync/atomic"

	"fyne.io/fyne/v2/lang"

	"depositdesk/app"
)

// changeNotifier is a Desk that announces its data changes (*app.Desk is).
type changeNotifier interface {
	OnChange(fn func(app.Change)) (stop func())
}

var _ changeNotifier = (*app.Desk)(nil)

// dataWatcher is a screen that shows the desk's data: it reloads itself when
// the data changes, whoever changed it. No screen reloads another.
type dataWatcher interface{ dataChanged() }

// watch listens to the desk's changes (again, after the desk was replaced).
func (s *Shell) watch() {
	if s.watched == s.desk {
		return
	}
	if s.stopWatching != nil {
		s.stopWatching()
		s.stopWatching = nil
	}
	s.watched = s.desk
	n, ok := s.desk.(changeNotifier)
	if !ok {
		return
	}
	var pending atomic.Bool
	s.stopWatching = n.OnChange(func(app.Change) {
		// A batch of writes (a folder imported, the sample data) reloads once.
		if pending.Swap(true) {
			return
		}
		s.ui(func() {
			pending.Store(false)
			s.dataChanged()
		})
	})
}

// connectionState is a Desk on a shared database (*app.Desk is): nil while
// it is reachable, else the sentence to show.
type connectionState interface{ Connection() error }

// showConnection puts "connection lost, retrying…" in the window's title
// while a shared database cannot be reached, and takes it away after.
func (s *Shell) showConnection() {
	title := lang.L("Deposit Desk")
	if c, ok := s.desk.(connectionState); ok {
		if err := c.Connection(); err != nil {
			title += " — " + trError(err)
		}
	}
	s.win.SetTitle(title)
}

// dataChanged tells every built screen that the data changed.
func (s *Shell) dataChanged() {
	s.showConnection()
	for _, p := range s.pages {
		if _, built := s.views[p.id]; !built {
			continue // built afresh when shown
		}
		if w, ok := p.screen.(dataWatcher); ok {
			w.dataChanged()
		}
	}
}

// loads numbers a page's loads off the UI goroutine: only the newest one's
// answer is shown, and starting one cancels the one under way, so the store
// stops reading (2,000 shops for the overview) for an answer to be dropped.
type loads struct {
	n    int
	stop context.CancelFunc
}

// start begins a load: its number, and the context its reads take.
func (l *loads) start() (int, context.Context) {
	if l.stop != nil {
		l.stop()
	}
	var ctx context.Context
	ctx, l.stop = context.WithCancel(context.Background())
	l.n++
	return l.n, ctx
}

// latest says whether load n is the newest one.
func (l *loads) latest(n int) bool { return n == l.n }
