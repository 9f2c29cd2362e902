package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// picker chooses one of many (shops, clients) by typing: a button showing
// the choice that opens a filter box over the list of options. With 2,000
// shops a dropdown is a scroll through all of them; here a few letters do.
type picker struct {
	widget.Button

	Options     []string
	Selected    string
	PlaceHolder string
	// Extra is listed last whatever is typed (e.g. "New shop…"); "" for none.
	Extra string
	// OnChanged gets the new choice (also Extra, which is not kept as Selected
	// unless the handler sets it).
	OnChanged func(string)

	win fyne.Window

	// The open list, for tests and the keyboard.
	popup  *dialog.CustomDialog
	filter *widget.Entry
	list   *widget.List
	shown  []string
}

// newPicker is a picker over options in win.
func newPicker(win fyne.Window, options []string, onChanged func(string)) *picker {
	p := &picker{Options: options, OnChanged: onChanged, win: win}
	p.ExtendBaseWidget(p)
	p.Icon = theme.MenuDropDownIcon()
	p.IconPlacement = widget.ButtonIconTrailingText
	p.Alignment = widget.ButtonAlignLeading
	p.OnTapped = p.open
	p.showSelected()
	return p
}

func (p *picker) showSelected() {
	if p.Selected == "" {
		p.SetText(p.PlaceHolder)
		return
	}
	p.SetText(p.Selected)
}

// SetOptions replaces the options; a choice no longer offered is cleared.
func (p *picker) SetOptions(options []string) {
	p.Options = options
	if p.Selected != "" && indexOf(options, p.Selected) < 0 {
		p.Selected = ""
	}
	p.showSelected()
}

// SetSelected chooses an option (or Extra) as a person would, telling OnChanged.
func (p *picker) SetSelected(s string) {
	if s == p.Selected {
		return
	}
	if s != p.Extra {
		p.Selected = s
		p.showSelected()
	}
	if p.OnChanged != nil {
		p.OnChanged(s)
	}
}

// ClearSelected empties the choice without telling OnChanged.
func (p *picker) ClearSelected() {
	p.Selected = ""
	p.showSelected()
}

// SelectedIndex is the index of the choice in Options, -1 for none.
func (p *picker) SelectedIndex() int { return indexOf(p.Options, p.Selected) }

// SetSelectedIndex chooses Options[i].
func (p *picker) SetSelectedIndex(i int) {
	if i >= 0 && i < len(p.Options) {
		p.SetSelected(p.Options[i])
	}
}

// open shows the options under a filter box that has the focus.
func (p *picker) open() {
	p.filter = widget.NewEntry()
	p.filter.SetPlaceHolder(lang.L("Type to filter"))
	p.filter.OnChanged = p.setFilter
	p.filter.OnSubmitted = p.onSubmitted
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.SetText(p.shown[i])
			l.TextStyle.Bold = p.shown[i] == p.Selected
			l.Refresh()
		})
	p.list.OnSelected = func(i widget.ListItemID) { p.choose(p.shown[i]) }
	p.setFilter("")
	title := p.PlaceHolder
	if title == "" {
		title = lang.L("Choose")
	}
	content := container.NewBorder(container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, p.filter), nil, nil, nil, p.list)
	p.popup = dialog.NewCustom(title, lang.L("Cancel"), content, p.win)
	p.popup.Resize(fyne.NewSize(440, 520))
	p.popup.Show()
	p.win.Canvas().Focus(p.filter)
}

// setFilter lists the options containing q (any case), then Extra.
func (p *picker) setFilter(q string) {
	p.shown = append([]string(nil), matching(p.Options, q)...)
	if p.Extra != "" {
		p.shown = append(p.shown, p.Extra)
	}
	if p.list != nil {
		p.list.UnselectAll()
		p.list.Refresh()
		p.list.ScrollToTop()
	}
}

// onSubmitted (Enter in the filter box) takes the first match.
func (p *picker) onSubmitted(string) {
	if len(p.shown) > 0 && (p.shown[0] != p.Extra || len(p.shown) == 1) {
		p.choose(p.shown[0])
	}
}

func (p *picker) choose(s string) {
	if p.popup != nil {
		p.popup.Hide()
	}
	p.SetSelected(s)
}
