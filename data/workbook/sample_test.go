package workbook

import (
	"fmt"
	"os"
)

// Writing the workbooks of two applications and their summary, in English
// and Chinese, into a new folder: open them in Excel or LibreOffice to look.
// (An example without output: compiled with the tests, never run by them.)
func Example_sampleWorkbooks() {
	dir, err := os.MkdirTemp("", "workbook-samples-")
	if err != nil {
		fmt.Println(err)
		return
	}
	apps := []Application{readyShop(), waitingShop()}
	for _, l := range []Labels{EnglishLabels(), ChineseLabels()} {
		var files []string
		for _, a := range apps {
			p, err := ExportApplication(dir, a, l)
			if err != nil {
				fmt.Println(err)
				return
			}
			files = append(files, p)
		}
		p, err := ExportSummary(dir, apps, files, l)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(append(files, p))
	}
}
