package screens

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// openShopPage shows the shop page of one sample shop.
func openShopPage(t *testing.T, name string) (*Shell, *app.Desk) {
	t.Helper()
	d := demoDesk(t)
	s := newDeskShell(t, d)
	s.OpenShop(name)
	if s.shop.verdict == nil {
		t.Fatalf("the shop page of %s has no verdict (error %v)", name, s.shop.loadErr)
	}
	return s, d
}

func TestShopPageListsEveryCheckWithItsEvidence(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	vs, _ := d.Readiness(context.Background(), d.Today(), "Panda UK")
	if len(s.shop.checkRows) != len(vs[0].Checks) {
		t.Fatalf("checklist has %d rows, verdict %d checks", len(s.shop.checkRows), len(vs[0].Checks))
	}
	row := s.shop.checkRows[app.CheckOrdersSettled]
	if row == nil || row.copyIDs == nil || row.check.OK {
		t.Fatal("the failing orders_settled check offers no IDs to copy")
	}
	test.Tap(row.copyIDs)
	orders, _ := d.BlockingOrders(context.Background(), "Panda UK", evidenceLimit)
	want := 0
	for _, o := range orders {
		if o.Class.Unsettled() {
			want++
			if !strings.Contains(s.app.Clipboard().Content(), o.ID) {
				t.Errorf("order %s is not on the clipboard", o.ID)
			}
		}
	}
	if got := len(strings.Split(s.app.Clipboard().Content(), "\n")); got != want {
		t.Errorf("copied %d IDs, want %d", got, want)
	}
	if !row.evidence.Selectable {
		t.Error("the evidence IDs cannot be selected")
	}
	if len(s.shop.orderTable.Rows()) != len(orders) {
		t.Errorf("orders table lists %d of %d blocking orders", len(s.shop.orderTable.Rows()), len(orders))
	}
	cases, _ := d.OpenCases(context.Background(), "Panda UK", evidenceLimit)
	if len(cases) == 0 || len(s.shop.caseTable.Rows()) != len(cases) {
		t.Errorf("cases table lists %d of %d open cases", len(s.shop.caseTable.Rows()), len(cases))
	}
}

func TestTheAccountNumberShowsOnlyOnRequest(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	sh, _ := d.Shop(context.Background(), "Panda UK")
	a := s.shop.account
	if a.masked.Text != sh.Account.MaskedNumber() || strings.Contains(a.masked.Text, sh.Account.Number) {
		t.Errorf("the account shows %q before it is asked for", a.masked.Text)
	}
	if strings.Contains(test.RenderObjectToMarkup(s.shop.tabs), sh.Account.Number) {
		t.Error("the full account number is on screen before Show")
	}
	test.Tap(a.reveal)
	if a.numberBox.Objects[0] != a.number || a.number.Text != sh.Account.Number {
		t.Error("Show does not reveal the number for editing")
	}
	// Another shop starts masked again.
	s.OpenShop("Acme US")
	if s.shop.revealed {
		t.Error("the next shop opens revealed")
	}
}

func TestShopDetailsAreSavedAndTheVerdictFollows(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	s.shop.account.holder.SetText("")
	test.Tap(s.shop.saveDetails)
	if !s.shop.detailsErr.Hidden {
		t.Fatalf("saving shows %q", s.shop.detailsErr.Text)
	}
	sh, _ := d.Shop(context.Background(), "Panda UK")
	if sh.Account.Holder != "" || sh.Account.Number == "" {
		t.Errorf("saved account %+v", sh.Account)
	}
	if s.shop.checkRows[app.CheckRefundAccount].check.OK {
		t.Error("the checklist still passes the refund account")
	}
	s.shop.details.deposit.SetText("-5")
	test.Tap(s.shop.saveDetails)
	if s.shop.detailsErr.Hidden {
		t.Error("a negative deposit is saved without a word")
	}
}

func TestClosureStepDatesAreValidatedAndSaved(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	e := s.shop.steps[data.StepCreatorsUnbound]
	e.SetText("2026-02-30")
	test.Tap(s.shop.saveSteps)
	if s.shop.stepsErr.Hidden || !strings.Contains(s.shop.stepsErr.Text, "YYYY-MM-DD") {
		t.Errorf("an impossible date shows %q", s.shop.stepsErr.Text)
	}
	s.shop.steps[data.StepCreatorsUnbound].SetText("2026-11-20")
	test.Tap(s.shop.saveSteps)
	sh, _ := d.Shop(context.Background(), "Panda UK")
	if sh.Steps.CreatorsUnbound != data.MakeDate(2026, 11, 20) {
		t.Errorf("creators unbound saved as %v", sh.Steps.CreatorsUnbound)
	}
	if !s.shop.checkRows[app.CheckCreatorsUnbound].check.OK {
		t.Error("the checklist does not follow the new date")
	}
}

func TestAViolationIsResolvedInItsForm(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	var open data.Violation
	for _, v := range s.shop.violations {
		if v.Open() {
			open = v
		}
	}
	if open.ID == 0 {
		t.Fatal("the sample has no open violation")
	}
	s.shop.editViolation(open)
	f := lastViolationForm
	f.resolved.SetText("2026-11-01")
	f.form.OnSubmit()
	if f.problem.Hidden {
		t.Error("resolving before it was raised is accepted")
	}
	f.resolved.SetText("2026-11-20")
	f.form.OnSubmit()
	vs, _ := d.Violations(context.Background(), "Panda UK")
	for _, v := range vs {
		if v.ID == open.ID && v.Resolved != data.MakeDate(2026, 11, 20) {
			t.Errorf("violation resolved on %v", v.Resolved)
		}
	}
	if !s.shop.checkRows[app.CheckViolationsCleared].check.OK {
		t.Error("the checklist still shows an open violation")
	}
}

func TestUndoAnImportFromTheShopPage(t *testing.T) {
	s, d := openShopPage(t, "Panda UK")
	if len(s.shop.undoButtons) == 0 {
		t.Fatal("no import to undo")
	}
	var id int64
	for bid, b := range s.shop.undoButtons {
		id = bid
		test.Tap(b)
		break
	}
	if s.shop.undoDialog == nil {
		t.Fatal("undo does not ask first")
	}
	s.shop.undo(id)
	bs, _ := d.Imports(context.Background(), "Panda UK")
	for _, b := range bs {
		if b.ID == id && !b.Undone {
			t.Errorf("batch %d is not undone", id)
		}
	}
	if _, ok := s.shop.undoButtons[id]; ok {
		t.Error("an undone import still offers Undo")
	}
	s.shop.undo(id) // twice: the error is shown, nothing breaks
}

func TestShopPageInChinese(t *testing.T) {
	s, _ := openShopPage(t, "Panda UK")
	s.SetLanguage(LanguageChinese)
	if s.Current() != PageShop {
		t.Fatalf("the language switch left %q shown", s.Current())
	}
	if got := s.shop.tabs.Items[0].Text; got != "检查清单" {
		t.Errorf("first tab %q", got)
	}
	if got := s.shop.checkRows[app.CheckOrdersSettled].copyIDs.Text; !strings.HasPrefix(got, "复制") {
		t.Errorf("copy button %q", got)
	}
}

func TestShopPageRendersMarkup(t *testing.T) {
	s, _ := openShopPage(t, "Lotus MY")
	s.win.Resize(fyne.NewSize(1280, 800))
	test.AssertObjectRendersToMarkup(t, "shop.xml", shown(s))
}

// TestAMissingExportLeadsToTheImportPage: a shop whose returns export was
// undone fails returns_closed on missing evidence, and its row offers the way
// to import one.
func TestAMissingExportLeadsToTheImportPage(t *testing.T) {
	s, d := openShopPage(t, "Acme US")
	bs, _ := d.Imports(context.Background(), "Acme US")
	for _, b := range bs {
		if b.Kind == data.KindReturns {
			if _, err := d.Undo(context.Background(), b.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.OpenShop("Acme US")
	s.shop.reload()
	row := s.shop.checkRows[app.CheckReturnsClosed]
	if row.check.OK || row.check.Msg.Text != app.MsgNoCases {
		t.Fatalf("returns_closed without a returns export: %+v", row.check)
	}
	var button *widget.Button
	for _, b := range find[*widget.Button](s.shop.checkView(row.check)) {
		if b.Text == "Import exports…" {
			button = b
		}
	}
	if button == nil {
		t.Fatal("the failing check offers no way to import the export")
	}
	test.Tap(button)
	if s.Current() != PageImport {
		t.Errorf("the button shows %q, not the import page", s.Current())
	}
}
