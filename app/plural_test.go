package app

import (
	"strings"
	"testing"

	"depositdesk/data"
)

func TestANoticeOfOneDaySaysDay(t *testing.T) {
	asOf, _ := data.ParseDate("2026-11-24")
	posted, _ := data.ParseDate("2026-11-20")
	cases := []struct {
		posted data.Date
		days   int
		want   string
	}{
		{data.NoDate, 1, "for 1 day"},
		{data.NoDate, 30, "for 30 days"},
		{posted, 1, "its 1 day ended on 2026-11-21"},
		{posted, 10, "its 10 days end on 2026-11-30"},
	}
	for _, c := range cases {
		ch := closureNotice(c.posted, c.days, asOf)
		if !strings.Contains(ch.Detail, c.want) || !strings.Contains(ch.Msg.Message(), c.want) {
			t.Errorf("%d days: %q / %q, want %q", c.days, ch.Detail, ch.Msg.Message(), c.want)
		}
	}
	var s data.Shop
	if d := operatingPeriod(s, 1, asOf).Detail; !strings.HasSuffix(d, "requires 1 day of operation") {
		t.Errorf("operating period: %q", d)
	}
}
