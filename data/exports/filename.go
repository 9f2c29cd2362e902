package exports

import (
	"path/filepath"
	"regexp"
	"strconv"

	"depositdesk/data"
)

// exportTime matches the time TikTok writes into an export's name, in any
// UI language: "All order-2026-10-07-10_33.xlsx", "全部 订单-2025-07-08-21_50.xlsx",
// "ทั้งหมด คำสั่งซื้อ-2026-10-07-10_33.xlsx", "…(1).csv", and an export
// history label's colon ("…-16:36.xlsx"), also as saved where a colon is not
// allowed in a name ("16_36", "16-36", "16：36", "16꞉36").
var exportTime = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})[-_ T](\d{1,2})(?:[-_:.]|：|꞉)(\d{2})(?:(?:[-_:.]|：|꞉)(\d{2}))?`)

// buddhistEra is how far the Thai solar calendar's years run ahead (2569 = 2026).
const buddhistEra = 543

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
	if n[0] >= 2000+buddhistEra && n[0] < 2200+buddhistEra {
		n[0] -= buddhistEra // a Thai UI may count years from the Buddha
	}
	if !validDay(n[0], n[1], n[2]) || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return 0, false
	}
	return civil(n[0], n[1], n[2], n[3], n[4], n[5]), true
}
