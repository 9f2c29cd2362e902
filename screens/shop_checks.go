package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// checkRow is one line of the checklist, kept for tests.
type checkRow struct {
	check    app.Check
	mark     *widget.Icon
	evidence *widget.Label
	copyIDs  *widget.Button
}

// checklistView lists every check of the verdict, ✓ or ✗, with its date,
// what it found and the IDs behind it, like the platform's closure page.
func (s *shopScreen) checklistView() fyne.CanvasObject {
	s.checkRows = map[string]*checkRow{}
	box := container.NewVBox()
	for i, c := range s.verdict.Checks {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(s.checkView(c))
	}
	return container.NewVScroll(box)
}

func (s *shopScreen) checkView(c app.Check) fyne.CanvasObject {
	row := &checkRow{check: c}
	s.checkRows[c.ID] = row
	var icon fyne.Resource
	switch {
	case c.OK:
		icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case c.Kind == app.KindTime && c.Due != data.NoDate:
		icon = theme.NewWarningThemedResource(theme.CancelIcon())
	default:
		icon = theme.NewErrorThemedResource(theme.CancelIcon())
	}
	state := checkState(c)
	row.mark = widget.NewIcon(icon)
	title := widget.NewLabelWithStyle(checkLabel(c.ID), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	when := widget.NewLabel(state)
	when.Importance = widget.LowImportance
	detail := widget.NewLabel(tr(c.Msg))
	detail.Wrapping = fyne.TextWrapWord
	detail.Selectable = true
	lines := container.NewVBox(container.NewHBox(title, when), detail)
	if c.Msg.Text == app.MsgNoOrders || c.Msg.Text == app.MsgNoCases {
		// The evidence missing is an export: the way to it is the import page.
		lines.Add(container.NewHBox(widget.NewButtonWithIcon(lang.L("Import exports…"), theme.UploadIcon(), func() { s.shell.Show(PageImport) })))
	}

	if ids := s.evidenceIDs(c); len(ids) > 0 && !c.OK {
		shown := ids
		if len(shown) > 20 {
			shown = shown[:20]
		}
		text := strings.Join(shown, "   ")
		if len(ids) > len(shown) {
			text += "   " + lang.L("… and {{.Count}} more", map[string]any{"Count": len(ids) - len(shown)})
		}
		row.evidence = widget.NewLabel(text)
		row.evidence.Selectable = true
		row.evidence.Wrapping = fyne.TextWrapWord
		row.evidence.TextStyle.Monospace = true
		row.copyIDs = widget.NewButtonWithIcon(lang.L("Copy IDs ({{.Count}})", map[string]any{"Count": len(ids)}), theme.ContentCopyIcon(),
			func() { s.copyText(strings.Join(ids, "\n"), len(ids)) })
		buttons := container.NewHBox(row.copyIDs)
		if c.ID == app.CheckOrdersSettled || c.ID == app.CheckAfterSalesWindow || c.ID == app.CheckReturnsClosed {
			buttons.Add(widget.NewButtonWithIcon(lang.L("List them"), theme.ListIcon(), func() { s.tabs.SelectIndex(1) }))
		}
		lines.Add(row.evidence)
		lines.Add(buttons)
	}
	return container.NewBorder(nil, nil, container.NewVBox(row.mark), nil, lines)
}

// evidenceIDs are all the IDs behind a failing check: every blocking order or
// open case the shop has (the verdict itself names a sample), else the
// verdict's own evidence.
func (s *shopScreen) evidenceIDs(c app.Check) []string {
	var ids []string
	switch c.ID {
	case app.CheckOrdersSettled:
		for _, o := range s.orders {
			if o.Class.Unsettled() {
				ids = append(ids, o.ID)
			}
		}
	case app.CheckAfterSalesWindow:
		// The undated detail counts only orders without a Delivered Time.
		undatedOnly := c.Msg.Text == app.MsgDeliveredUndated
		for _, o := range s.orders {
			if o.Class == data.Delivered && (!undatedOnly || o.Delivered == 0) {
				ids = append(ids, o.ID)
			}
		}
	case app.CheckReturnsClosed:
		for _, rc := range s.cases {
			ids = append(ids, rc.ID)
		}
	case app.CheckViolationsCleared:
		for _, v := range s.violations {
			if v.Open() {
				ids = append(ids, v.Kind+" ("+v.Date.String()+")")
			}
		}
	}
	if len(ids) == 0 {
		ids = c.Evidence
	}
	return ids
}

// evidenceView lists the orders and cases that keep the shop from closing.
func (s *shopScreen) evidenceView() fyne.CanvasObject {
	orders := s.orders
	oc := []tableColumn{
		{title: msgKey("Order ID"), width: 190, less: func(a, b int) bool { return orders[a].ID < orders[b].ID }},
		{title: msgKey("Status class"), width: 110, less: func(a, b int) bool { return orders[a].Class < orders[b].Class }},
		{title: msgKey("Status in the export"), width: 190, less: func(a, b int) bool {
			return orders[a].Status+orders[a].Substatus < orders[b].Status+orders[b].Substatus
		}},
		{title: msgKey("Created"), width: 150, less: func(a, b int) bool { return orders[a].Created < orders[b].Created }},
		{title: msgKey("Delivered"), width: 150, less: func(a, b int) bool { return orders[a].Delivered < orders[b].Delivered }},
		{title: msgKey("Amount"), width: 100, less: func(a, b int) bool { return orders[a].Amount < orders[b].Amount }},
	}
	s.orderTable = newSortTable(oc, func(row, col int) tableCell {
		o := orders[row]
		switch col {
		case 0:
			return tableCell{text: o.ID, mono: true}
		case 1:
			return tableCell{text: classLabel(o.Class)}
		case 2:
			st := o.Status
			if o.Substatus != "" {
				st += " / " + o.Substatus
			}
			return tableCell{text: st}
		case 3:
			return tableCell{text: o.Created.String()}
		case 4:
			return tableCell{text: o.Delivered.String()}
		case 5:
			return tableCell{text: formatAmount(o.Amount), align: fyne.TextAlignTrailing}
		}
		return tableCell{}
	})
	s.orderTable.flex = 2
	s.orderTable.SetRows(seq(len(orders)))
	s.orderTable.OnActivate = func(row int) { s.copyText(orders[row].ID, 1) }

	cases := s.cases
	cc := []tableColumn{
		{title: msgKey("Return ID"), width: 190, less: func(a, b int) bool { return cases[a].ID < cases[b].ID }},
		{title: msgKey("Order ID"), width: 190, less: func(a, b int) bool { return cases[a].OrderID < cases[b].OrderID }},
		{title: msgKey("Type"), width: 150, less: func(a, b int) bool { return cases[a].Type < cases[b].Type }},
		{title: msgKey("Status in the export"), width: 190, less: func(a, b int) bool { return cases[a].Status < cases[b].Status }},
		{title: msgKey("Requested"), width: 150, less: func(a, b int) bool { return cases[a].Requested < cases[b].Requested }},
	}
	s.caseTable = newSortTable(cc, func(row, col int) tableCell {
		c := cases[row]
		switch col {
		case 0:
			return tableCell{text: c.ID, mono: true}
		case 1:
			return tableCell{text: c.OrderID, mono: true}
		case 2:
			return tableCell{text: c.Type}
		case 3:
			st := c.Status
			if c.Substatus != "" {
				st += " / " + c.Substatus
			}
			return tableCell{text: st}
		case 4:
			return tableCell{text: c.Requested.String()}
		}
		return tableCell{}
	})
	s.caseTable.flex = 3
	s.caseTable.SetRows(seq(len(cases)))
	s.caseTable.OnActivate = func(row int) { s.copyText(cases[row].ID, 1) }

	copyOrders := widget.NewButtonWithIcon(lang.L("Copy all order IDs"), theme.ContentCopyIcon(), func() {
		ids := make([]string, len(orders))
		for i, o := range orders {
			ids[i] = o.ID
		}
		s.copyText(strings.Join(ids, "\n"), len(ids))
	})
	copyCases := widget.NewButtonWithIcon(lang.L("Copy all return IDs"), theme.ContentCopyIcon(), func() {
		ids := make([]string, len(cases))
		for i, c := range cases {
			ids[i] = c.ID
		}
		s.copyText(strings.Join(ids, "\n"), len(ids))
	})
	if len(orders) == 0 {
		copyOrders.Disable()
	}
	if len(cases) == 0 {
		copyCases.Disable()
	}
	hint := widget.NewLabel(lang.L("Double-click a row to copy its ID."))
	hint.Importance = widget.LowImportance
	ordersHead := container.NewBorder(nil, nil, widget.NewLabelWithStyle(
		lang.L("Blocking orders: unsettled, or delivered and still in the return window ({{.Count}})", map[string]any{"Count": len(orders)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), copyOrders)
	casesHead := container.NewBorder(nil, nil, widget.NewLabelWithStyle(
		lang.L("Open after-sales cases ({{.Count}})", map[string]any{"Count": len(cases)}),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), copyCases)
	split := container.NewVSplit(
		container.NewBorder(ordersHead, nil, nil, nil, s.orderTable),
		container.NewBorder(casesHead, hint, nil, nil, s.caseTable))
	split.Offset = 0.62
	return split
}

// seq is 0, 1, …, n-1: every data row in the caller's order.
func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
