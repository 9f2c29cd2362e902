package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// shopScreen is 店铺详情: one shop's checklist, details and import history.
type shopScreen struct {
	shell *Shell
	name  string // the shop shown
}

func (s *shopScreen) buildUI() fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("Overview"), theme.NavigateBackIcon(), s.onBack)
	top := container.NewHBox(back)
	if s.name == "" {
		return container.NewBorder(top, nil, nil, nil, widget.NewLabel(lang.L("Choose a shop in the overview.")))
	}
	var shop data.Shop
	var found bool
	shops, err := s.shell.desk.Shops()
	for _, sh := range shops {
		if sh.Name == s.name {
			shop, found = sh, true
		}
	}
	if err != nil || !found {
		return container.NewBorder(top, nil, nil, nil,
			widget.NewLabel(lang.L("There is no shop named {{.Name}}.", map[string]any{"Name": s.name})))
	}
	title := widget.NewLabelWithStyle(shop.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Site"), widget.NewLabel(shop.Site)),
		widget.NewFormItem(lang.L("Client"), widget.NewLabel(shop.Client)),
		widget.NewFormItem(lang.L("Deposit"), widget.NewLabel(shop.Deposit.String()+" "+shop.Currency)),
		widget.NewFormItem(lang.L("Refund account"), widget.NewLabel(shop.Account.MaskedNumber())),
	)
	return container.NewBorder(container.NewVBox(top, title), nil, nil, nil, container.NewVScroll(form))
}

func (s *shopScreen) onBack() { s.shell.Show(PageOverview) }
