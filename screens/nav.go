package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Page ids: what the navigation and Shell.Show know the screens by.
const (
	PageOverview     = "overview"
	PageImport       = "import"
	PageApplications = "applications"
	PageSettings     = "settings"
	PageShop         = "shop" // opened from the overview, not listed
)

// screen is one screen of the window. buildUI makes its widgets from the
// screen's fields; it runs again after a language change, so a screen keeps
// its work (selections, typed text, results) in fields, not only in widgets.
type screen interface {
	buildUI() fyne.CanvasObject
}

// page is one entry of the registry that drives the navigation.
type page struct {
	id     string
	title  string // English; shown through lang.L
	icon   fyne.Resource
	listed bool // shown in the navigation list
	screen screen
}

// registry lists the pages in navigation order.
func (s *Shell) registry() []*page {
	return []*page{
		{id: PageOverview, title: msgKey("Overview"), icon: theme.HomeIcon(), listed: true, screen: s.overview},
		{id: PageImport, title: msgKey("Import"), icon: theme.UploadIcon(), listed: true, screen: s.imports},
		{id: PageApplications, title: msgKey("Applications"), icon: theme.DocumentIcon(), listed: true, screen: s.applications},
		{id: PageSettings, title: msgKey("Settings"), icon: theme.SettingsIcon(), listed: true, screen: s.settings},
		{id: PageShop, title: msgKey("Shop"), icon: theme.StorageIcon(), screen: s.shop},
	}
}

// listedPages are the pages the navigation list shows.
func (s *Shell) listedPages() []*page {
	var out []*page
	for _, p := range s.pages {
		if p.listed {
			out = append(out, p)
		}
	}
	return out
}

func (s *Shell) page(id string) *page {
	for _, p := range s.pages {
		if p.id == id {
			return p
		}
	}
	return nil
}
