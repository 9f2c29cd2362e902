package screens

import (
	"fyne.io/fyne/v2/lang"

	"depositdesk/app"
	"depositdesk/data"
)

// The display names of the words the core uses as ids: verdict statuses,
// check ids, order status classes, import kinds. The ids stay English in the
// data and the JSON; a person reads these, in the UI language.

var statusLabels = map[string]string{
	app.Ready:   msgKey("Ready"),
	app.Waiting: msgKey("Waiting"),
	app.Blocked: msgKey("Blocked"),
}

// statusLabel names a verdict status (app.Ready, app.Waiting, app.Blocked).
func statusLabel(status string) string { return label(statusLabels, status) }

var checkLabels = map[string]string{
	app.CheckOperatingPeriod:    msgKey("Operating period"),
	app.CheckOrdersSettled:      msgKey("Orders settled"),
	app.CheckAfterSalesWindow:   msgKey("After-sales window"),
	app.CheckReturnsClosed:      msgKey("After-sales cases closed"),
	app.CheckQuietPeriod:        msgKey("Quiet period"),
	app.CheckClosureNotice:      msgKey("Closure notice"),
	app.CheckMarketingStopped:   msgKey("Marketing stopped"),
	app.CheckCreatorsUnbound:    msgKey("Creators unbound"),
	app.CheckCommissionsSettled: msgKey("Commissions settled"),
	app.CheckDuesSettled:        msgKey("Dues settled"),
	app.CheckViolationsCleared:  msgKey("Violations cleared"),
	app.CheckRefundAccount:      msgKey("Refund account"),
}

// checkLabel names a check by its id (app.CheckOperatingPeriod …); the closure
// step ids of a rule set (data.StepMarketingStopped …) are check ids too.
func checkLabel(id string) string { return label(checkLabels, id) }

var classLabels = map[data.StatusClass]string{
	data.Unpaid:    msgKey("Unpaid"),
	data.OnHold:    msgKey("On hold"),
	data.ToShip:    msgKey("To ship"),
	data.InTransit: msgKey("In transit"),
	data.Delivered: msgKey("Delivered"),
	data.Completed: msgKey("Completed"),
	data.Cancelled: msgKey("Cancelled"),
	data.Unknown:   msgKey("Unknown status"),
}

// classLabel names an order status class.
func classLabel(c data.StatusClass) string { return label(classLabels, c) }

var kindLabels = map[data.FileKind]string{
	data.KindOrders:  msgKey("Orders export"),
	data.KindReturns: msgKey("After-sales (returns) export"),
}

// kindLabel names the kind of an imported file.
func kindLabel(k data.FileKind) string { return label(kindLabels, k) }

// label is the translated name of id, or id itself when it has none (a newer
// core may know ids this window does not).
func label[K ~string](names map[K]string, id K) string {
	if key, ok := names[id]; ok {
		return lang.L(key)
	}
	return string(id)
}
