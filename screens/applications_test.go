package screens

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"depositdesk/app"
	"depositdesk/data"
)

// appsDay is the day the applications tests look from: Acme US is ready.
var appsDay = time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)

// appsShell is the window over a real desk holding the sample shops, its
// clock on appsDay, showing the applications page.
func appsShell(t *testing.T) (*Shell, *app.Desk) {
	t.Helper()
	d := openDesk(t)
	d.Now = func() time.Time { return appsDay }
	if _, err := d.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := newTestShell(t, &fakeDesk{})
	s.desk = d
	s.Rebuild()
	s.Show(PageApplications)
	return s, d
}

// texts is every text shown in the window, dialogs included; what is
// hidden, or inside something hidden, is not.
func texts(s *Shell) []string {
	var out []string
	see := func(o fyne.CanvasObject) {
		if x, ok := o.(*canvas.Text); ok && x.Text != "" {
			out = append(out, x.Text)
		}
	}
	walkShown(s.win.Canvas().Content(), see)
	for _, o := range s.win.Canvas().Overlays().List() {
		walkShown(o, see)
	}
	return out
}

// walkShown calls see with o and every object shown inside it.
func walkShown(o fyne.CanvasObject, see func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	see(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkShown(c, see)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkShown(c, see)
		}
	}
}

func showsText(s *Shell, want string) bool {
	for _, t := range texts(s) {
		if strings.Contains(t, want) {
			return true
		}
	}
	return false
}

// prepareAcme prepares the application of Acme US into a temp folder
// through the dialog, as a person would.
func prepareAcme(t *testing.T, s *Shell) string {
	t.Helper()
	a := s.applications
	dir := filepath.Join(t.TempDir(), "out")
	test.Tap(a.prepareBtn)
	p := a.prepare
	if p == nil {
		t.Fatal("Prepare applications… opens no dialog")
	}
	for _, r := range p.rows {
		p.setChecked(r.name, r.name == "Acme US")
	}
	p.folder.SetText(dir)
	test.Tap(p.run)
	if a.lastErr != nil {
		t.Fatalf("export: %v", a.lastErr)
	}
	return dir
}

func TestApplicationsPageExplainsHowToPrepareWhenThereAreNone(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	if !a.emptyView.Visible() || a.listView.Visible() {
		t.Fatal("with no application the page does not show its explanation")
	}
	if !showsText(s, "No application yet") {
		t.Error("the empty state has no heading")
	}
	test.Tap(a.emptyBtn)
	p := a.prepare
	if p == nil {
		t.Fatal("the empty state's button opens no dialog")
	}
	if got := p.selected(); len(got) != 1 || got[0] != "Acme US" {
		t.Errorf("the dialog checks %v, want the one ready shop, Acme US", got)
	}
	if p.warn.Visible() {
		t.Error("a warning about shops that are not ready shows with only ready shops checked")
	}
	p.showOthers.SetChecked(true)
	p.setChecked("Panda UK", true)
	if !p.warn.Visible() {
		t.Error("checking a blocked shop shows no warning")
	}
	p.folder.SetText("")
	if !p.run.Disabled() {
		t.Error("Prepare is possible without a folder")
	}
	p.dlg.Hide()
}

func TestPreparingAcmeUSWritesAWorkbookAndListsADraft(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	dir := prepareAcme(t, s)
	res := a.lastExport
	if res == nil || len(res.Applications) != 1 || res.Applications[0].Shop != "Acme US" {
		t.Fatalf("export result %+v", res)
	}
	if _, err := os.Stat(res.Applications[0].File); err != nil {
		t.Errorf("the workbook: %v", err)
	}
	if filepath.Dir(res.Applications[0].File) != dir || res.Summary == "" {
		t.Errorf("workbook %s, summary %q; want both in %s", res.Applications[0].File, res.Summary, dir)
	}
	if got := s.app.Preferences().String(prefApplicationsFolder); got != dir {
		t.Errorf("the folder is not remembered: %q", got)
	}
	if !a.listView.Visible() || len(a.apps) != 1 || a.apps[0].Status != data.AppDraft {
		t.Fatalf("after preparing, the list holds %+v", a.apps)
	}
	if !showsText(s, "Draft") || !showsText(s, "Acme US") || !showsText(s, filepath.Base(res.Applications[0].File)) {
		t.Errorf("the table does not show the draft of Acme US: %q", texts(s))
	}
	if a.selected() == nil || a.openBtn == nil || a.statusBtns[data.AppSubmitted] == nil {
		t.Error("the new application is not selected with its actions")
	}
}

func TestAChineseWorkbookGetsChineseCheckDetails(t *testing.T) {
	tr := translator(LanguageChinese)
	got := tr(data.Message{Text: app.MsgNoViolations})
	if got == app.MsgNoViolations || got == "" {
		t.Errorf("a check detail for a Chinese workbook reads %q", got)
	}
	if en := translator(LanguageEnglish)(data.Message{Text: app.MsgOrdersSettled, Args: map[string]any{"Total": 3}}); en != "Every order is settled (3)" {
		t.Errorf("English detail %q", en)
	}
}

func TestMarkingSubmittedShowsSubmitted(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	test.Tap(a.statusBtns[data.AppSubmitted])
	st := a.status
	if st == nil || st.date.Text != "2026-11-24" {
		t.Fatalf("the status dialog does not offer today: %+v", st)
	}
	st.date.SetText("2026-11-31")
	if st.date.Validate() == nil {
		t.Error("2026-11-31 is accepted as a day")
	}
	st.date.SetText("2026-11-25")
	if st.date.Validate() == nil {
		t.Error("a day in the future is accepted")
	}
	st.date.SetText("2026-11-20")
	test.Type(st.note, "ticket 4471")
	st.dlg.Submit()
	if a.lastErr != nil {
		t.Fatalf("status change: %v", a.lastErr)
	}
	v := a.apps[0]
	if v.Status != data.AppSubmitted || v.Submitted != data.MakeDate(2026, 11, 20) || v.Note != "ticket 4471" {
		t.Fatalf("after marking submitted: %+v", v)
	}
	if !showsText(s, "Submitted") || !showsText(s, "On time") {
		t.Errorf("the table does not show it submitted and on time: %q", texts(s))
	}
	if a.statusBtns[data.AppApproved] == nil || a.statusBtns[data.AppRejected] == nil || a.statusBtns[data.AppSubmitted] != nil {
		t.Errorf("a submitted application offers %v", a.statusBtns)
	}
}

func TestARefusedStatusChangeIsExplained(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	a.setStatus("Acme US", 0, data.AppRefunded, data.MakeDate(2026, 11, 24), "")
	if a.lastErr == nil {
		t.Fatal("a draft became refunded")
	}
	if got := trAppError(a.lastErr); !strings.Contains(got, "is draft;") || !strings.Contains(got, "submitted") {
		t.Errorf("the refusal reads %q; want the statuses by their names", got)
	}
}

func TestASubmittedApplicationIsOverdueAfterTheReviewTime(t *testing.T) {
	s, d := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	if err := d.SetApplicationStatus(context.Background(), "Acme US", 0, data.AppSubmitted, data.MakeDate(2026, 11, 24), ""); err != nil {
		t.Fatal(err)
	}
	d.Now = func() time.Time { return appsDay.AddDate(0, 0, 7) }
	test.Tap(a.refreshBtn)
	if a.apps[0].Overdue || showsText(s, "Overdue:") {
		t.Fatal("overdue on the last day of the review time")
	}
	d.Now = func() time.Time { return appsDay.AddDate(0, 0, 8) }
	test.Tap(a.refreshBtn)
	if !a.apps[0].Overdue {
		t.Fatal("not overdue 8 days after submission")
	}
	if !showsText(s, "Overdue") || !strings.Contains(a.counts.Text, "overdue: 1") {
		t.Errorf("the overdue mark is not shown: %q; counts %q", texts(s), a.counts.Text)
	}
	if !showsText(s, "2026-12-01") {
		t.Error("the review due date is not shown")
	}
}

func TestTheAccountNumberIsMaskedEverywhereOnThePage(t *testing.T) {
	s, d := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	sh, err := d.Shop(context.Background(), "Acme US")
	if err != nil {
		t.Fatal(err)
	}
	full := sh.Account.Number
	if len(full) <= 4 {
		t.Fatalf("the demo account number %q is too short to mask", full)
	}
	a.table.SelectRow(0)
	for _, txt := range texts(s) {
		if strings.Contains(txt, full) {
			t.Errorf("the full account number shows: %q", txt)
		}
	}
	if !showsText(s, full[len(full)-4:]) {
		t.Error("the last four digits are not shown")
	}
}

func TestAnApplicationNoLongerValidSaysWhy(t *testing.T) {
	s, d := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	if _, err := d.AddViolation(context.Background(), "Acme US", data.Violation{Date: data.MakeDate(2026, 11, 23), Kind: "Late shipment", Penalty: 2500}); err != nil {
		t.Fatal(err)
	}
	test.Tap(a.refreshBtn)
	v := a.selected()
	if v == nil || v.Valid {
		t.Fatalf("after a new violation the application is %+v", v)
	}
	if !showsText(s, "Out of date") || !showsText(s, "No longer valid:") || !showsText(s, "Violations cleared") {
		t.Errorf("the page does not say why: %q", texts(s))
	}
	if a.againBtn == nil {
		t.Error("an out-of-date draft offers no way to prepare it again")
	}
}

func TestTheAuditLogIsExported(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	prepareAcme(t, s)
	path := filepath.Join(t.TempDir(), "audit.csv")
	a.exportAuditTo(path)
	if a.lastErr != nil {
		t.Fatal(a.lastErr)
	}
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "export") {
		t.Errorf("audit log %q, %v", b, err)
	}
}

func TestApplicationsKeepTheSelectionAcrossALanguageSwitch(t *testing.T) {
	s, _ := appsShell(t)
	prepareAcme(t, s)
	s.SetLanguage(LanguageChinese)
	a := s.applications
	if a.selected() == nil || a.selected().Shop != "Acme US" {
		t.Fatal("the selection is lost when the language changes")
	}
	if !showsText(s, "草稿") {
		t.Errorf("the status is not in Chinese: %q", texts(s))
	}
	s.win.Resize(fyne.NewSize(1280, 800))
}

func TestComingBackToApplicationsShowsWhatChangedMeanwhile(t *testing.T) {
	s, d := appsShell(t)
	prepareAcme(t, s)
	s.Show(PageOverview)
	if _, err := d.AddViolation(context.Background(), "Acme US", data.Violation{Date: data.MakeDate(2026, 11, 23), Kind: "Late shipment", Penalty: 2500}); err != nil {
		t.Fatal(err)
	}
	s.Show(PageApplications) // no Refresh pressed
	if !showsText(s, "Out of date") {
		t.Errorf("the list did not reload when shown again: %q", texts(s))
	}
}

func TestThePrepareDialogSearchesSelectsEveryReadyShopAndCounts(t *testing.T) {
	s, _ := appsShell(t)
	a := s.applications
	test.Tap(a.prepareBtn)
	p := a.prepare
	total := len(p.rows)
	if total != 4 || p.count.Text != "1 of 4 shops chosen" {
		t.Fatalf("%d shops, count %q", total, p.count.Text)
	}
	test.Tap(p.clear)
	if len(p.selected()) != 0 || p.count.Text != "0 of 4 shops chosen" || !p.run.Disabled() {
		t.Errorf("after Clear: %v, %q", p.selected(), p.count.Text)
	}
	p.showOthers.SetChecked(true)
	if len(p.shown) != 4 {
		t.Fatalf("with the others listed, %d rows show", len(p.shown))
	}
	test.Type(p.search, "pan")
	if len(p.shown) != 1 || p.rows[p.shown[0]].name != "Panda UK" {
		t.Errorf("searching pan shows %v", p.shown)
	}
	p.search.SetText("")
	test.Tap(p.selectReady)
	if got := p.selected(); len(got) != 1 || got[0] != "Acme US" || p.count.Text != "1 of 4 shops chosen" {
		t.Errorf("Select all ready chose %v (%q)", got, p.count.Text)
	}
	p.dlg.Hide()
}
