package workbook

import (
	"os"
	"testing"
)

// TestWriteSamples writes sample workbooks to $WORKBOOK_SAMPLES for a look in
// Excel or LibreOffice; without it, the test does nothing.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("WORKBOOK_SAMPLES")
	if dir == "" {
		t.Skip("set WORKBOOK_SAMPLES to a folder to write sample workbooks")
	}
	apps := []Application{readyShop(), waitingShop()}
	for _, l := range []Labels{EnglishLabels(), ChineseLabels()} {
		var files []string
		for _, a := range apps {
			p, err := ExportApplication(dir, a, l)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, p)
		}
		p, err := ExportSummary(dir, apps, files, l)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(append(files, p))
	}
}
