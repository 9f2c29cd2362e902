package screens

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// overviewScreen is 总览: every shop's verdict at a glance. With no shops yet
// it explains the three steps and offers the sample data.
type overviewScreen struct {
	shell *Shell

	shops   []data.Shop
	loadErr error
	loading bool // sample data being loaded

	loadDemo *widget.Button
	activity *widget.Activity
}

func (o *overviewScreen) buildUI() fyne.CanvasObject {
	o.shops, o.loadErr = o.shell.desk.Shops()
	if o.loadErr != nil {
		return o.errorView()
	}
	if len(o.shops) == 0 {
		return o.firstRunView()
	}
	return o.shopsView()
}

func (o *overviewScreen) errorView() fyne.CanvasObject {
	text := widget.NewLabel(lang.L("The shops could not be read: {{.Error}}", map[string]any{"Error": trError(o.loadErr)}))
	text.Wrapping = fyne.TextWrapWord
	retry := widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), o.onRetry)
	return container.NewPadded(container.NewVBox(text, container.NewHBox(retry)))
}

func (o *overviewScreen) onRetry() { o.shell.Reload(PageOverview) }

// firstRunView is the empty state: what Deposit Desk does, in three steps.
func (o *overviewScreen) firstRunView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Welcome to Deposit Desk"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(lang.L("Deposit Desk tells you, shop by shop, whether its deposit can be refunded now, when it will be, and what still blocks it."))
	intro.Wrapping = fyne.TextWrapWord

	steps := container.NewVBox(
		stepCard(1, theme.StorageIcon(), lang.L("Add your shops"),
			lang.L("Name, site, deposit and refund account of every shop whose deposit you want back.")),
		stepCard(2, theme.UploadIcon(), lang.L("Import the exports"),
			lang.L("Drop the order and after-sales spreadsheets you download from the seller center. You see a preview before anything is saved.")),
		stepCard(3, theme.ConfirmIcon(), lang.L("Read the verdicts"),
			lang.L("Every shop shows ready, waiting until a date, or blocked — with the orders and cases that block it.")),
	)

	o.loadDemo = widget.NewButtonWithIcon(lang.L("Load sample data"), theme.DownloadIcon(), o.onLoadDemo)
	o.loadDemo.Importance = widget.HighImportance
	importFiles := widget.NewButtonWithIcon(lang.L("Import files"), theme.UploadIcon(), o.onImportFiles)
	o.activity = widget.NewActivity()
	if o.loading {
		o.loadDemo.Disable()
		o.activity.Start()
	} else {
		o.activity.Hide()
	}
	hint := widget.NewLabel(lang.L("The sample data adds a few demo shops with realistic exports, so you can see every kind of verdict."))
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle.Italic = true

	body := container.NewVBox(title, intro, steps, container.NewHBox(o.loadDemo, importFiles, o.activity), hint)
	// Keep the text at a readable width on a wide window.
	return container.NewVScroll(container.NewPadded(container.NewHBox(
		layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(720, body.MinSize().Height), body), layout.NewSpacer())))
}

// stepCard is one numbered step of the first-run explanation.
func stepCard(n int, icon fyne.Resource, title, text string) fyne.CanvasObject {
	num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	num.SizeName = theme.SizeNameHeadingText
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	left := container.NewHBox(num, container.NewCenter(widget.NewIcon(icon)))
	return widget.NewCard("", "", container.NewBorder(nil, nil, left, nil, container.NewVBox(heading, body)))
}

func (o *overviewScreen) onImportFiles() { o.shell.Show(PageImport) }

// onLoadDemo loads the sample data off the UI goroutine; the overview is
// rebuilt when it is done.
func (o *overviewScreen) onLoadDemo() {
	o.loading = true
	o.loadDemo.Disable()
	o.activity.Show()
	o.activity.Start()
	o.shell.background(func() {
		_, err := o.shell.desk.LoadDemo()
		fyne.Do(func() { o.demoLoaded(err) })
	})
}

func (o *overviewScreen) demoLoaded(err error) {
	o.loading = false
	if err != nil {
		dialog.ShowError(errors.New(lang.L("The sample data could not be loaded: {{.Error}}", map[string]any{"Error": trError(err)})), o.shell.win)
	}
	o.shell.Reload(PageOverview)
}

// shopsView lists the shops until the verdict table replaces it.
func (o *overviewScreen) shopsView() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("Shops: {{.Count}}", map[string]any{"Count": len(o.shops)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	list := widget.NewList(
		func() int { return len(o.shops) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, c fyne.CanvasObject) {
			sh := o.shops[i]
			c.(*widget.Label).SetText(lang.L("{{.Name}} · {{.Site}} · deposit {{.Deposit}} {{.Currency}}",
				map[string]any{"Name": sh.Name, "Site": sh.Site, "Deposit": sh.Deposit.String(), "Currency": sh.Currency}))
		})
	list.OnSelected = o.onShopSelected
	return container.NewBorder(container.NewPadded(title), nil, nil, nil, list)
}

func (o *overviewScreen) onShopSelected(i widget.ListItemID) { o.shell.OpenShop(o.shops[i].Name) }
