package exports

import (
	"path/filepath"
	"regexp"
	"strconv"

	"depositdesk/data"
)

// exportTime matches the time TikTok writes into an export's name:
// "All order-2026-10-07-10_33.xlsx", "…-2026-10-07-17:01", "…(1).csv".
var exportTime = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})[-_ T](\d{1,2})[_:.](\d{2})(?:[_:.](\d{2}))?`)

// TimeFromFileName returns the export time in a TikTok export's file name.
func TimeFromFileName(name string) (data.Stamp, bool) {
	m := exportTime.FindStringSubmatch(filepath.Base(name))
	if m == nil {
		return 0, false
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1]) // "" (no seconds) is 0
	}
	if !validDay(n[0], n[1], n[2]) || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return 0, false
	}
	return civil(n[0], n[1], n[2], n[3], n[4], n[5]), true
}
