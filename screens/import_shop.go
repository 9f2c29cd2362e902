package screens

import (
	"context"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// newShopChoice is the last entry of the shop list: it opens the add-shop form.
func newShopChoice() string { return lang.L("New shop…") }

// shopNames are the names of every shop.
func (s *importScreen) shopNames() []string {
	var names []string
	if shops, err := s.desk().Shops(context.Background()); err == nil {
		for _, sh := range shops {
			names = append(names, sh.Name)
		}
	} else {
		fyne.LogError("listing shops", err)
	}
	return names
}

// newShopPicker is a searchable shop picker showing chosen, with "New shop…" last.
func (s *importScreen) newShopPicker(chosen string, onChanged func(string)) *picker {
	p := newPicker(s.shell.win, s.shopNames(), nil)
	p.Extra = newShopChoice()
	p.PlaceHolder = lang.L("Choose the shop")
	p.Selected = chosen
	p.showSelected()
	p.OnChanged = onChanged
	return p
}

func (s *importScreen) onShopChanged(name string) {
	f := s.current()
	if f == nil || name == "" || name == f.shop {
		return
	}
	if name == newShopChoice() {
		// Keep the old choice until a shop is added.
		if f.shop != "" {
			s.shopSelect.SetSelected(f.shop)
		} else {
			s.shopSelect.ClearSelected()
		}
		s.newShop = showAddShop(s.shell.win, s.desk(), s.onShopAdded)
		return
	}
	s.chooseShop(f, name)
}

// chooseShop sets the file's shop, remembers it for the next files, and gives
// it to the queued files that have none yet.
func (s *importScreen) chooseShop(f *importFile, name string) {
	f.shop = name
	s.shell.app.Preferences().SetString(prefImportShop, name)
	for _, other := range s.files {
		if other.shop == "" && other.state == fileQueued {
			other.shop = name
		}
	}
	s.settingsChanged(f)
}

func (s *importScreen) onShopAdded(sh data.Shop) {
	f := s.current()
	if f == nil {
		return
	}
	s.shopSelect.SetOptions(s.shopNames())
	s.shopSelect.SetSelected(sh.Name) // chooses it through onShopChanged
	if f.shop != sh.Name {
		s.chooseShop(f, sh.Name)
	}
}

// shopAdder is what the add-shop form needs of the core.
type shopAdder interface {
	AddShop(context.Context, data.Shop) (data.Shop, error)
	RuleSets(ctx context.Context) ([]data.RuleSet, error)
}

// addShopDialog is "New shop…" on the import page: the first fields of the
// shop form (name, site, deposit, currency, rule set); the rest (account,
// dates) is edited on the shop page.
type addShopDialog struct {
	desk    shopAdder
	form    *shopForm
	dialog  *dialog.CustomDialog
	onAdded func(data.Shop)
	problem *widget.Label
}

// showAddShop opens the add-shop form; onAdded gets the shop once stored.
func showAddShop(win fyne.Window, desk shopAdder, onAdded func(data.Shop)) *addShopDialog {
	a := &addShopDialog{desk: desk, onAdded: onAdded}
	sets, err := desk.RuleSets(context.Background())
	if err != nil {
		fyne.LogError("listing rule sets", err)
	}
	a.form = newShopForm(data.Shop{Site: "US", Currency: "USD", RuleSet: app.RulesTikTokCB}, sets, nil)
	a.problem = widget.NewLabel("")
	a.problem.Importance = widget.DangerImportance
	a.problem.Wrapping = fyne.TextWrapWord
	a.problem.Hide()
	hint := widget.NewLabel(lang.L("The refund account, opening date and closure steps can be filled in on the shop's page later."))
	hint.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(widget.NewForm(a.form.items()[:5]...), hint, a.problem)

	a.dialog = dialog.NewCustomWithoutButtons(lang.L("New shop"), content, win)
	add := widget.NewButtonWithIcon(lang.L("Add the shop"), theme.ContentAddIcon(), a.onAdd)
	add.Importance = widget.HighImportance
	a.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), a.dialog.Hide), add})
	a.dialog.Resize(fyne.NewSize(560, 0))
	a.dialog.Show()
	win.Canvas().Focus(a.form.name)
	return a
}

func (a *addShopDialog) onAdd() {
	sh, err := a.form.shop(data.Shop{Platform: "tiktok"})
	if err != nil {
		a.showProblem(err.Error()) // the form speaks the UI language already
		return
	}
	if sh, err = a.desk.AddShop(context.Background(), sh); err != nil {
		a.showProblem(trError(err))
		return
	}
	a.dialog.Hide()
	if a.onAdded != nil {
		a.onAdded(sh)
	}
}

func (a *addShopDialog) showProblem(text string) {
	a.problem.SetText(text)
	a.problem.Show()
}

// dataChanged offers the shops as they are now (one added or renamed elsewhere).
func (s *importScreen) dataChanged() {
	if s.shopSelect != nil && s.desk() != nil {
		s.shopSelect.SetOptions(s.shopNames())
	}
}
