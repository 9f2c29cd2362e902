package workbook

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// row finds the first row of sheet whose column A is label and returns its cells.
func row(t *testing.T, f *excelize.File, sheet, label string) (int, []string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == label {
			return i + 1, r
		}
	}
	t.Fatalf("sheet %q has no row labelled %q", sheet, label)
	return 0, nil
}

func get(t *testing.T, f *excelize.File, sheet, c string, raw bool) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, c, excelize.Options{RawCellValue: raw})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func writeApp(t *testing.T, a Application, l Labels) (*excelize.File, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "app.xlsx")
	if err := WriteApplication(path, a, l); err != nil {
		t.Fatal(err)
	}
	return open(t, path), path
}

func TestApplicationSheetShowsTheShopAmountsAndFullAccount(t *testing.T) {
	a := readyShop()
	f, _ := writeApp(t, a, EnglishLabels())

	if got := f.GetSheetList(); strings.Join(got, "|") != "Application|Checklist|Orders" {
		t.Fatalf("sheets = %v", got)
	}
	const s = "Application"
	if v := get(t, f, s, "A1", false); v != "Security deposit refund application" {
		t.Errorf("title = %q", v)
	}
	want := map[string]string{
		"Shop": "Acme US", "Platform": "TikTok Shop", "Site": "US", "Shop code": "USLCABC123",
		"Client": "Northwind Agency", "Rule set": "tiktok-cb@2025-12-15", "Status": "Ready",
		"Ready on": "2026-11-20", "Prepared on": "2026-11-24", "Data as of": "2026-11-20",
		"Latest order closure": "2026-08-21",
		"Account holder":       "Acme Trading LLC", "Bank": "Bank of America, N.A.",
		"Account number": "004512345678", "SWIFT / branch": "BOFAUS3N", "Currency": "USD",
	}
	for label, v := range want {
		if _, r := row(t, f, s, label); len(r) < 2 || r[1] != v {
			t.Errorf("%s = %q, want %q", label, r, v)
		}
	}

	// Amounts are numbers shown with two decimals, their currency beside them.
	for label, raw := range map[string]string{"Deposit": "1500", "Deductions": "50", "Refundable amount": "1450"} {
		n, r := row(t, f, s, label)
		b := "B" + itoa(n)
		if got := get(t, f, s, b, true); got != raw {
			t.Errorf("%s raw = %q, want %q", label, got, raw)
		}
		if typ, _ := f.GetCellType(s, b); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s is stored as %v, want a number", label, typ)
		}
		if len(r) < 3 || r[2] != "USD" {
			t.Errorf("%s row = %q, want the currency beside it", label, r)
		}
	}
	if n, _ := row(t, f, s, "Deposit"); get(t, f, s, "B"+itoa(n), false) != "1,500.00" {
		t.Errorf("deposit shown as %q", get(t, f, s, "B"+itoa(n), false))
	}

	// The account number is text, leading zeros kept.
	n, _ := row(t, f, s, "Account number")
	if typ, _ := f.GetCellType(s, "B"+itoa(n)); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("account number stored as %v, want text", typ)
	}

	// Dates are real dates shown as yyyy-mm-dd.
	n, _ = row(t, f, s, "Prepared on")
	if raw := get(t, f, s, "B"+itoa(n), true); raw != "46350" {
		t.Errorf("prepared date serial = %q, want 46350 (2026-11-24)", raw)
	}

	// Deductions table names the violation.
	n, _ = row(t, f, s, "Date")
	r, _ := f.GetRows(s)
	ded := r[n] // the row after the header
	if strings.Join(ded, "|") != "2026-03-02|Off-platform transaction|50.00|USD|2026-03-20" {
		t.Errorf("deduction row = %q", ded)
	}

	// The reason is ready to paste.
	n, _ = row(t, f, s, "Reason (ready to paste into the platform form)")
	reason := get(t, f, s, "A"+itoa(n+1), false)
	if reason != ReasonText(a, "en") {
		t.Errorf("reason = %q", reason)
	}
	for _, part := range []string{"Acme US (US, code USLCABC123)", "by 2026-08-21", "1,450.00 USD", "less 50.00 USD"} {
		if !strings.Contains(reason, part) {
			t.Errorf("reason %q lacks %q", reason, part)
		}
	}
}

func TestChecklistListsEveryCheckWithResultDueDateAndEvidence(t *testing.T) {
	a := waitingShop()
	f, _ := writeApp(t, a, EnglishLabels())
	rows, err := f.GetRows("Checklist")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[3], "|") != "#|Check|Result|Kind|Due date|Detail|Evidence" {
		t.Fatalf("header = %q", rows[3])
	}
	body := rows[4:]
	if len(body) != len(a.Checks) {
		t.Fatalf("%d check rows, want %d", len(body), len(a.Checks))
	}
	pad := func(r []string) []string { return append(r, make([]string, 7-len(r))...) }
	first := pad(body[0])
	if first[1] != "Every order completed or closed" || first[2] != "Not yet" || first[3] != "Action needed" || first[4] != "" {
		t.Errorf("first check = %q", first)
	}
	if first[6] != "577098765432109876\n577098765432109877\n577098765432109878" {
		t.Errorf("evidence = %q", first[6])
	}
	if typ, _ := f.GetCellType("Checklist", "G5"); typ == excelize.CellTypeNumber {
		t.Error("order IDs stored as a number")
	}
	second := pad(body[1])
	if second[2] != "Not yet" || second[3] != "Wait" || second[4] != "2026-12-08" {
		t.Errorf("second check = %q", second)
	}
	if last := pad(body[4]); last[2] != "Passed" || last[3] != "" {
		t.Errorf("passing check = %q", last)
	}
	if !strings.Contains(rows[1][0], "2 / 5") {
		t.Errorf("subtitle %q does not count passed checks", rows[1][0])
	}

	panes, err := f.GetPanes("Checklist")
	if err != nil || !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("checklist panes = %+v, %v; want frozen below the header", panes, err)
	}
	layout, _ := f.GetPageLayout("Checklist")
	if layout.FitToWidth == nil || *layout.FitToWidth != 1 || *layout.Orientation != "landscape" {
		t.Errorf("page layout = %+v", layout)
	}
}

func TestOrdersSummaryCountsOrdersByStatusClass(t *testing.T) {
	f, _ := writeApp(t, waitingShop(), EnglishLabels())
	rows, err := f.GetRows("Orders")
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, r := range rows[3:9] {
		got = append(got, strings.Join(r, "|"))
	}
	want := []string{
		"Order status|Orders|Latest closure date",
		"In transit|3",
		"Delivered|12|2026-12-08",
		"Completed|410|2026-11-02",
		"Cancelled|9|2026-10-15",
		"Total|434",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("orders summary:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, r := row(t, f, "Orders", "Data as of"); r[1] != "2026-11-20" {
		t.Errorf("data as of = %q", r)
	}
	if typ, _ := f.GetCellType("Orders", "B5"); typ == excelize.CellTypeSharedString {
		t.Error("order count stored as text")
	}
}

func TestChineseWorkbookIsInChineseThroughout(t *testing.T) {
	a := waitingShop()
	f, _ := writeApp(t, a, ChineseLabels())
	if got := f.GetSheetList(); strings.Join(got, "|") != "申请|检查清单|订单汇总" {
		t.Fatalf("sheets = %v", got)
	}
	if v := get(t, f, "申请", "A1", false); v != "保证金退还申请" {
		t.Errorf("title = %q", v)
	}
	for label, v := range map[string]string{
		"店铺": "店铺 导出 2026", "站点": "MY", "状态": "受阻", "银行账号": "6225880123456789", "可申请日期": "—", "币种": "MYR",
	} {
		if _, r := row(t, f, "申请", label); r[1] != v {
			t.Errorf("%s = %q, want %q", label, r, v)
		}
	}
	if _, r := row(t, f, "申请", "保证金"); r[1] != "400.00" || r[2] != "MYR" {
		t.Errorf("保证金 = %q", r)
	}
	n, _ := row(t, f, "申请", "申请理由（可直接粘贴到平台表单）")
	reason := get(t, f, "申请", "A"+itoa(n+1), false)
	if !strings.HasPrefix(reason, "店铺「店铺 导出 2026」（站点 MY，店铺代码 MYLC77）正在办理关店") || !strings.Contains(reason, "申请退还保证金 400.00 MYR") {
		t.Errorf("reason = %q", reason)
	}
	rows, _ := f.GetRows("检查清单")
	if strings.Join(rows[3], "|") != "序号|检查项|结果|类型|满足日期|说明|依据" {
		t.Errorf("checklist header = %q", rows[3])
	}
	if rows[4][1] != "所有订单已完成或关闭" || rows[4][2] != "未通过" || rows[4][3] != "需处理" {
		t.Errorf("first check = %q", rows[4])
	}
	if _, r := row(t, f, "订单汇总", "运输中"); r[1] != "3" {
		t.Errorf("运输中 = %q", r)
	}
	if _, r := row(t, f, "申请", "扣款（违规）"); len(r) != 1 {
		t.Errorf("section row = %q", r)
	}
	if _, r := row(t, f, "申请", "无扣款"); len(r) != 1 {
		t.Errorf("no-deductions note = %q", r)
	}
}

func TestCallerLabelsOverrideAndFallBackToEnglish(t *testing.T) {
	l := Labels{Lang: "en", Text: map[string]string{"sheet.application": "Antrag: [neu]*", "field.shop": "Laden"}}
	f, _ := writeApp(t, readyShop(), l)
	if got := f.GetSheetList(); got[0] != "Antrag   neu" || got[1] != "Checklist" {
		t.Errorf("sheets = %q", got)
	}
	if _, r := row(t, f, "Antrag   neu", "Laden"); r[1] != "Acme US" {
		t.Errorf("Laden = %q", r)
	}
}

func TestWriteApplicationNeverOverwritesAFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Acme US.xlsx")
	if err := os.WriteFile(path, []byte("the user's own file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteApplication(path, readyShop(), EnglishLabels())
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v, want fs.ErrExist", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the user's own file" {
		t.Errorf("file was changed to %d bytes", len(b))
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestExportNamesFilesAfterTheShopAndCountsUp(t *testing.T) {
	dir := t.TempDir()
	a := readyShop()
	a.Shop = `Acme: US/UK? "best"`
	var paths []string
	for range 3 {
		p, err := ExportApplication(dir, a, EnglishLabels())
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, filepath.Base(p))
	}
	want := []string{
		"Acme_ US_UK_ _best__deposit refund application_2026-11-24.xlsx",
		"Acme_ US_UK_ _best__deposit refund application_2026-11-24_2.xlsx",
		"Acme_ US_UK_ _best__deposit refund application_2026-11-24_3.xlsx",
	}
	if strings.Join(paths, "\n") != strings.Join(want, "\n") {
		t.Errorf("names:\n%s", strings.Join(paths, "\n"))
	}
	zh := waitingShop()
	p, err := ExportApplication(dir, zh, ChineseLabels())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "店铺 导出 2026_保证金退还申请_2026-11-24.xlsx" {
		t.Errorf("zh name = %q", filepath.Base(p))
	}
	open(t, p)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestExportKeepsTheShopNameOfAVeryLongName(t *testing.T) {
	dir := t.TempDir()
	a := readyShop()
	a.Shop = "CON"
	p, err := ExportApplication(dir, a, EnglishLabels())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(p), "CON_") {
		t.Errorf("name = %q", filepath.Base(p))
	}
	a.Shop = strings.Repeat("超长店铺名称", 40)
	p, err = ExportApplication(dir, a, ChineseLabels())
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(p)
	if len(name) > 255 || !strings.HasPrefix(name, "超长店铺名称") || !strings.HasSuffix(name, "_保证金退还申请_2026-11-24.xlsx") {
		t.Errorf("name = %q (%d bytes)", name, len(name))
	}
}

func TestSummaryHasOneRowPerApplicationWithMaskedAccounts(t *testing.T) {
	dir := t.TempDir()
	apps := []Application{readyShop(), waitingShop()}
	b := readyShop()
	b.Shop, b.Refundable = "Acme UK", 50000
	apps = append(apps, b)
	var files []string
	for _, a := range apps {
		p, err := ExportApplication(dir, a, EnglishLabels())
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	p, err := ExportSummary(dir, apps, files, EnglishLabels())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(p) != "deposit refund applications_2026-11-24.xlsx" {
		t.Errorf("summary name = %q", filepath.Base(p))
	}
	f := open(t, p)
	rows, err := f.GetRows("Applications")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[3], "|") != "#|Shop|Site|Shop code|Client|Status|Refundable amount|Currency|Ready on|Account|File" {
		t.Fatalf("header = %q", rows[3])
	}
	first := rows[4]
	if strings.Join(first[:10], "|") != "1|Acme US|US|USLCABC123|Northwind Agency|Ready|1,450.00|USD|2026-11-20|••••••••5678" {
		t.Errorf("row 1 = %q", first)
	}
	if first[10] != filepath.Base(files[0]) {
		t.Errorf("file = %q, want %q", first[10], filepath.Base(files[0]))
	}
	if rows[5][1] != "店铺 导出 2026" || rows[5][9] != "••••••••••••6789" || rows[5][8] != "" {
		t.Errorf("row 2 = %q", rows[5])
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "004512345678") || strings.Contains(c, "6225880123456789") {
				t.Errorf("full account number in the summary: %q", r)
			}
		}
	}
	if raw := get(t, f, "Applications", "G5", true); raw != "1450" {
		t.Errorf("refundable raw = %q", raw)
	}
	usd, myr := false, false
	for _, r := range rows[7:] {
		line := strings.Join(r, "|")
		usd = usd || strings.HasSuffix(line, "Total|1,950.00|USD")
		myr = myr || strings.HasSuffix(line, "Total|400.00|MYR")
	}
	if !usd || !myr {
		t.Errorf("totals by currency missing in %q", rows[7:])
	}
	// A second summary never replaces the first.
	p2, err := ExportSummary(dir, apps, files, EnglishLabels())
	if err != nil || filepath.Base(p2) != "deposit refund applications_2026-11-24_2.xlsx" {
		t.Errorf("second summary = %q, %v", p2, err)
	}
}

func TestChineseSummaryIsInChinese(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.xlsx")
	if err := WriteSummary(path, []Application{waitingShop()}, []string{"/x/a.xlsx"}, ChineseLabels()); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	rows, err := f.GetRows("申请汇总")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "保证金退还申请汇总" || rows[3][1] != "店铺" || rows[4][5] != "受阻" || rows[4][10] != "a.xlsx" {
		t.Errorf("rows = %q", rows[:5])
	}
}

func TestReasonTextReadsNaturallyInEachCase(t *testing.T) {
	a := readyShop()
	want := "The shop Acme US (US, code USLCABC123) has closed: all orders were completed or closed by 2026-08-21, " +
		"no after-sales case or violation is open, and every closure step is done. We request the refund of the " +
		"security deposit of 1,450.00 USD (deposit of 1,500.00 USD less 50.00 USD of penalties) to the account below."
	if got := ReasonText(a, "en"); got != want {
		t.Errorf("en:\n%s\nwant:\n%s", got, want)
	}
	wantZh := "店铺「Acme US」（站点 US，店铺代码 USLCABC123）已完成关店：截至 2026-08-21，所有订单均已完成或关闭，" +
		"无未结售后单，无未处理违规，关店各项步骤均已完成。现申请退还保证金 1,450.00 USD" +
		"（保证金 1,500.00 USD 扣除违规罚款 50.00 USD），请退至以下账户。"
	if got := ReasonText(a, "zh_Hans"); got != wantZh {
		t.Errorf("zh:\n%s\nwant:\n%s", got, wantZh)
	}

	none := readyShop()
	none.Shop, none.Site, none.ShopCode, none.Currency = "Quiet", "UK", "", "GBP"
	none.Deposit, none.Deductions, none.Refundable, none.DeductionList = 200000, 0, 200000, nil
	none.Orders, none.LatestClosure = nil, 0
	if got := ReasonText(none, "en"); got != "The shop Quiet (UK) has closed: it has no orders, no after-sales case or violation is open, "+
		"and every closure step is done. We request the refund of the security deposit of 2,000.00 GBP to the account below." {
		t.Errorf("no orders: %s", got)
	}
	if got := ReasonText(none, "zh"); !strings.Contains(got, "店铺无任何订单") || strings.Contains(got, "扣除") {
		t.Errorf("no orders zh: %s", got)
	}
}

func TestEveryLabelHasAChineseTranslation(t *testing.T) {
	for k := range english {
		if chinese[k] == "" {
			t.Errorf("no Chinese label for %q", k)
		}
	}
	for k := range chinese {
		if english[k] == "" {
			t.Errorf("Chinese label %q has no English one", k)
		}
	}
	if LabelsFor("zh-CN").Lang != "zh" || LabelsFor("en_GB").Lang != "en" || LabelsFor("").Lang != "en" {
		t.Error("LabelsFor picks the wrong language")
	}
	if len(LabelKeys()) != len(english) {
		t.Error("LabelKeys misses keys")
	}
}

func TestFormatMoneyGroupsThousands(t *testing.T) {
	for in, want := range map[int64]string{0: "0.00", 5: "0.05", 145000: "1,450.00", 123456789: "1,234,567.89", -5000: "-50.00", -100000: "-1,000.00"} {
		if got := formatMoney(moneyOf(in)); got != want {
			t.Errorf("formatMoney(%d) = %q, want %q", in, got, want)
		}
	}
}

// The estimate errs towards more lines: a little space below text is fine,
// clipped text is not.
func TestWrapLinesEstimatesWrappedText(t *testing.T) {
	tests := []struct {
		text     string
		width    float64
		min, max int
	}{
		{"", 20, 1, 1},
		{"short", 20, 1, 1},
		{"one\ntwo\nthree", 20, 3, 3},
		{strings.Repeat("word ", 20), 20, 5, 7},
		{strings.Repeat("汉", 20), 22, 2, 3},
		{strings.Repeat("x", 50), 20, 3, 3},
	}
	for _, tt := range tests {
		if got := wrapLines(tt.text, tt.width); got < tt.min || got > tt.max {
			t.Errorf("wrapLines(%q, %v) = %d, want %d to %d", tt.text, tt.width, got, tt.min, tt.max)
		}
	}
}
