package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// importScreen is 导入: files in, preview, commit, result.
type importScreen struct {
	shell *Shell
}

func (i *importScreen) buildUI() fyne.CanvasObject {
	return comingView(lang.L("Import"),
		lang.L("Drag order and after-sales exports onto the window or pick them, choose the shop, check the preview, then import. Errors and warnings name the row."))
}
