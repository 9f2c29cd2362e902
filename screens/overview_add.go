package screens

import (
	"context"
	"errors"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"depositdesk/data"
)

// onAddShop asks for a new shop's details in a form dialog. The dialog stays
// open on an error, which it shows in the user's language.
func (o *overviewScreen) onAddShop() {
	desk := o.desk()
	if desk == nil {
		return
	}
	ruleSets, err := desk.RuleSets(context.Background())
	if err != nil {
		dialog.ShowError(errorInLanguage(err), o.shell.win)
		return
	}
	base := data.Shop{Platform: "tiktok", Site: "US", Currency: "USD", RuleSet: "tiktok-cb"}
	form := newShopForm(base, ruleSets, o.clientNames())
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	problem.Hide()

	f := widget.NewForm(form.items()...)
	f.SubmitText = lang.L("Add shop")
	f.CancelText = lang.L("Cancel")
	var d *dialog.CustomDialog
	f.OnCancel = func() { d.Hide() }
	f.OnSubmit = func() {
		sh, err := form.shop(base)
		if err == nil {
			_, err = desk.AddShop(context.Background(), sh)
		}
		if err != nil {
			problem.SetText(trError(err))
			problem.Show()
			return
		}
		d.Hide() // the desk's change signal shows the new shop
	}
	d = dialog.NewCustomWithoutButtons(lang.L("Add a shop"), container.NewVBox(f, problem), o.shell.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	o.addDialog = d
	o.addForm = form
	d.Show()
}

// clientNames are the clients of the shops there are, for the client field.
func (o *overviewScreen) clientNames() []string {
	set := map[string]bool{}
	for _, sh := range o.shops {
		if sh.Client != "" {
			set[sh.Client] = true
		}
	}
	var out []string
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// errorInLanguage is err as an error whose text is in the UI language, for dialog.ShowError.
func errorInLanguage(err error) error { return errors.New(trError(err)) }
