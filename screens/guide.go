package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// guideView is an empty page that explains itself: a heading, a sentence,
// numbered steps and what to do next, kept at a readable width on a wide
// window. The overview's first run and the empty applications list use it.
func guideView(size fyne.ThemeSizeName, heading, intro string, steps []fyne.CanvasObject, after ...fyne.CanvasObject) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = size
	text := widget.NewLabel(intro)
	text.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(title, text, container.NewVBox(steps...))
	for _, o := range after {
		body.Add(o)
	}
	return container.NewVScroll(container.NewPadded(container.NewHBox(
		layout.NewSpacer(), container.NewGridWrap(fyne.NewSize(720, body.MinSize().Height), body), layout.NewSpacer())))
}

// stepCard is one numbered step of a guide.
func stepCard(n int, icon fyne.Resource, title, text string) fyne.CanvasObject {
	num := widget.NewLabelWithStyle(fmt.Sprint(n), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	num.SizeName = theme.SizeNameHeadingText
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(text)
	body.Wrapping = fyne.TextWrapWord
	left := container.NewHBox(num, container.NewCenter(widget.NewIcon(icon)))
	return widget.NewCard("", "", container.NewBorder(nil, nil, left, nil, container.NewVBox(heading, body)))
}
