package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// applicationsScreen is 申请: prepared refund applications and their status.
type applicationsScreen struct {
	shell *Shell
}

func (a *applicationsScreen) buildUI() fyne.CanvasObject {
	return comingView(lang.L("Applications"),
		lang.L("Prepare the refund application of every ready shop, export it, and track it until the money is back."))
}
