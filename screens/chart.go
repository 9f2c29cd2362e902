package screens

import (
	"image/color"
	"math"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"depositdesk/app"
	"depositdesk/data"
)

// chartBucket is one group of bars: refunds expected in one period, per currency.
type chartBucket struct {
	label   string // e.g. "Now", "Dec"
	sub     string // a second line under the label (the year), may be empty
	amounts moneyByCurrency
}

// chartMonths is how many months ahead the refund chart looks.
const chartMonths = 12

// refundBuckets groups the refundable amounts by when they can be had: a
// "Now" bucket for ready shops, one per month for the next 12 months by
// ready-on date, and "Later" when some shop is ready beyond them. Blocked
// shops have no date and are left out.
func refundBuckets(vs []app.Verdict, asOf data.Date) []chartBucket {
	start := asOf.Time()
	first := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	buckets := make([]chartBucket, 0, chartMonths+2)
	buckets = append(buckets, chartBucket{label: lang.L("Now"), amounts: moneyByCurrency{}})
	for i := 0; i < chartMonths; i++ {
		m := first.AddDate(0, i, 0)
		b := chartBucket{label: lang.L(monthNames[m.Month()-1]), amounts: moneyByCurrency{}}
		if i == 0 || m.Month() == time.January {
			b.sub = strconv.Itoa(m.Year())
		}
		buckets = append(buckets, b)
	}
	later := chartBucket{label: lang.L("Later"), amounts: moneyByCurrency{}}
	for _, v := range vs {
		switch v.Status {
		case app.Ready:
			buckets[0].amounts.add(v.Currency, v.Refundable)
		case app.Waiting:
			if v.ReadyOn == data.NoDate {
				continue
			}
			t := v.ReadyOn.Time()
			i := (t.Year()-first.Year())*12 + int(t.Month()) - int(first.Month())
			switch {
			case i < 0:
				buckets[0].amounts.add(v.Currency, v.Refundable)
			case i < chartMonths:
				buckets[1+i].amounts.add(v.Currency, v.Refundable)
			default:
				later.amounts.add(v.Currency, v.Refundable)
			}
		}
	}
	if len(later.amounts) > 0 {
		buckets = append(buckets, later)
	}
	return buckets
}

// monthNames are the short month names, translation keys.
var monthNames = [12]string{
	msgKey("Jan"), msgKey("Feb"), msgKey("Mar"), msgKey("Apr"), msgKey("May"), msgKey("Jun"),
	msgKey("Jul"), msgKey("Aug"), msgKey("Sep"), msgKey("Oct"), msgKey("Nov"), msgKey("Dec"),
}

// chartPalette colours the currencies, in the order the legend lists them;
// each reads on the light and the dark background.
var chartPalette = []color.Color{
	color.NRGBA{0x1e, 0x88, 0xe5, 0xff}, // blue
	color.NRGBA{0xfb, 0x8c, 0x00, 0xff}, // orange
	color.NRGBA{0x00, 0x96, 0x88, 0xff}, // teal
	color.NRGBA{0x8e, 0x24, 0xaa, 0xff}, // purple
	color.NRGBA{0xc0, 0xca, 0x33, 0xff}, // lime
	color.NRGBA{0x6d, 0x4c, 0x41, 0xff}, // brown
}

// refundChart draws expected refunds over time as grouped bars, one bar per
// currency in each period, with a value axis and a legend. Amounts of
// different currencies share the axis but are never added.
type refundChart struct {
	widget.BaseWidget
	buckets    []chartBucket
	currencies []string
	loading    bool // no data yet: says so instead of "no refunds"
}

func newRefundChart() *refundChart {
	c := &refundChart{loading: true}
	c.ExtendBaseWidget(c)
	return c
}

// SetBuckets shows new data.
func (c *refundChart) SetBuckets(b []chartBucket) {
	c.buckets, c.loading = b, false
	all := moneyByCurrency{}
	for _, bk := range b {
		for cur, m := range bk.amounts {
			all.add(cur, m)
		}
	}
	c.currencies = all.currencies()
	c.Refresh()
}

// maxAmount is the largest single bar.
func (c *refundChart) maxAmount() float64 {
	var m float64
	for _, b := range c.buckets {
		for _, a := range b.amounts {
			m = math.Max(m, a.Float())
		}
	}
	return m
}

func (c *refundChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.rebuild()
	return r
}

// chartRenderer keeps the drawn objects by role, so Layout can place them.
type chartRenderer struct {
	c       *refundChart
	objects []fyne.CanvasObject

	grid    []*canvas.Line
	yLabels []*canvas.Text
	axis    *canvas.Line
	bars    [][]*canvas.Rectangle // bucket × currency
	values  [][]*canvas.Text      // the amount over each bar
	xLabels []*canvas.Text
	xSubs   []*canvas.Text
	legend  []fyne.CanvasObject // swatch, text, swatch, text, …
	empty   *canvas.Text
	ticks   []float64
}

// chartTicks are the axis values: 0 up to the first tick at or above max,
// in at most five steps of 1, 2 or 5 times a power of ten, so every tick is a round
// number (0, 500, 1k, 1.5k, 2k — never 625 or 1.875k).
func chartTicks(max float64) []float64 {
	if max <= 0 {
		max = 1
	}
	p := math.Pow(10, math.Floor(math.Log10(max/5)))
	f := 10.0
	for _, x := range []float64{1, 2, 5} {
		if max/(x*p) <= 5+1e-9 { // at most five steps
			f = x
			break
		}
	}
	// i·f·p, computed so that 0.6 is 0.6 and not 0.6000000000000001.
	at := func(i float64) float64 { return i * f * p }
	if p < 1 {
		inv := math.Round(1 / p)
		at = func(i float64) float64 { return i * f / inv }
	}
	n := math.Ceil(max/(f*p) - 1e-9)
	ticks := make([]float64, 0, int(n)+1)
	for i := 0.0; i <= n; i++ {
		ticks = append(ticks, at(i))
	}
	return ticks
}

// compactAmount writes axis values short: 950, 1.5k, 12k, 1.2M.
func compactAmount(v float64) string {
	switch {
	case v >= 1e6:
		return strconv.FormatFloat(v/1e6, 'f', -1, 64) + "M"
	case v >= 1e3:
		return strconv.FormatFloat(math.Round(v/100)/10, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (r *chartRenderer) rebuild() {
	th := r.c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, v)
	muted := th.Color(theme.ColorNamePlaceHolder, v)
	gridColor := th.Color(theme.ColorNameSeparator, v)
	small := th.Size(theme.SizeNameCaptionText)

	r.objects = nil
	r.grid, r.yLabels, r.bars, r.values, r.xLabels, r.xSubs, r.legend = nil, nil, nil, nil, nil, nil, nil

	r.ticks = chartTicks(r.c.maxAmount())
	for _, tv := range r.ticks {
		l := canvas.NewLine(gridColor)
		l.StrokeWidth = 1
		t := canvas.NewText(compactAmount(tv), muted)
		t.TextSize = small
		t.Alignment = fyne.TextAlignTrailing
		r.grid = append(r.grid, l)
		r.yLabels = append(r.yLabels, t)
		r.objects = append(r.objects, l, t)
	}
	r.axis = canvas.NewLine(muted)
	r.axis.StrokeWidth = 1
	r.objects = append(r.objects, r.axis)

	for i, b := range r.c.buckets {
		var row []*canvas.Rectangle
		var vals []*canvas.Text
		for ci, cur := range r.c.currencies {
			rect := canvas.NewRectangle(chartPalette[ci%len(chartPalette)])
			rect.CornerRadius = 2
			val := canvas.NewText(compactAmount(math.Round(b.amounts[cur].Float())), muted)
			val.TextSize = small * 0.9
			val.Alignment = fyne.TextAlignCenter
			if b.amounts[cur] == 0 {
				rect.Hide()
				val.Hide()
			}
			row = append(row, rect)
			vals = append(vals, val)
			r.objects = append(r.objects, rect, val)
		}
		r.bars = append(r.bars, row)
		r.values = append(r.values, vals)
		lbl := canvas.NewText(b.label, fg)
		lbl.TextSize = small
		lbl.Alignment = fyne.TextAlignCenter
		lbl.TextStyle.Bold = i == 0
		sub := canvas.NewText(b.sub, muted)
		sub.TextSize = small
		sub.Alignment = fyne.TextAlignCenter
		r.xLabels = append(r.xLabels, lbl)
		r.xSubs = append(r.xSubs, sub)
		r.objects = append(r.objects, lbl, sub)
	}
	for ci, cur := range r.c.currencies {
		sw := canvas.NewRectangle(chartPalette[ci%len(chartPalette)])
		sw.CornerRadius = 2
		t := canvas.NewText(cur, fg)
		t.TextSize = small
		r.legend = append(r.legend, sw, t)
		r.objects = append(r.objects, sw, t)
	}
	r.empty = canvas.NewText("", muted)
	r.empty.TextSize = small
	r.empty.Alignment = fyne.TextAlignCenter
	switch {
	case r.c.loading:
		r.empty.Text = lang.L("Loading…")
	case len(r.c.currencies) == 0:
		r.empty.Text = lang.L("No refunds expected in the next 12 months")
	}
	r.objects = append(r.objects, r.empty)
}

func (r *chartRenderer) textHeight() float32 {
	return fyne.MeasureText("0", r.c.Theme().Size(theme.SizeNameCaptionText), fyne.TextStyle{}).Height
}

func (r *chartRenderer) Layout(s fyne.Size) {
	pad := theme.Padding()
	th := r.textHeight()
	small := r.c.Theme().Size(theme.SizeNameCaptionText)

	// Legend along the top, from the right.
	x := s.Width
	for i := len(r.legend) - 2; i >= 0; i -= 2 {
		t := r.legend[i+1].(*canvas.Text)
		w := fyne.MeasureText(t.Text, small, t.TextStyle).Width
		x -= w
		t.Move(fyne.NewPos(x, 0))
		t.Resize(fyne.NewSize(w, th))
		x -= th*0.8 + pad
		r.legend[i].Move(fyne.NewPos(x, th*0.1))
		r.legend[i].Resize(fyne.NewSquareSize(th * 0.8))
		x -= 3 * pad
	}

	labelW := float32(0)
	for _, t := range r.yLabels {
		labelW = max(labelW, fyne.MeasureText(t.Text, small, t.TextStyle).Width)
	}
	left := labelW + 2*pad
	plotTop := th + 2*pad
	plotBottom := s.Height - 2*th - pad
	plotH := max(plotBottom-plotTop, 1)
	plotW := max(s.Width-left, 1)
	top := r.ticks[len(r.ticks)-1]

	yOf := func(v float64) float32 { return plotBottom - float32(v/top)*plotH }
	for i, tv := range r.ticks {
		y := yOf(tv)
		r.grid[i].Position1 = fyne.NewPos(left, y)
		r.grid[i].Position2 = fyne.NewPos(s.Width, y)
		r.yLabels[i].Move(fyne.NewPos(0, y-th/2))
		r.yLabels[i].Resize(fyne.NewSize(labelW, th))
	}
	r.axis.Position1 = fyne.NewPos(left, plotTop)
	r.axis.Position2 = fyne.NewPos(left, plotBottom)

	n := len(r.c.buckets)
	if n > 0 {
		slot := plotW / float32(n)
		group := slot * 0.72
		barW := group / float32(max(1, len(r.c.currencies)))
		for i, b := range r.c.buckets {
			gx := left + float32(i)*slot + (slot-group)/2
			for ci, cur := range r.c.currencies {
				h := float32(b.amounts[cur].Float()/top) * plotH
				rect := r.bars[i][ci]
				rect.Move(fyne.NewPos(gx+float32(ci)*barW, plotBottom-h))
				rect.Resize(fyne.NewSize(max(barW-1, 1), h))
				// The amount goes over its bar when there is room for it.
				val := r.values[i][ci]
				vw := fyne.MeasureText(val.Text, val.TextSize, val.TextStyle).Width
				val.Move(fyne.NewPos(gx+float32(ci)*barW+barW/2-vw/2-2, plotBottom-h-th))
				val.Resize(fyne.NewSize(vw+4, th))
				if b.amounts[cur] != 0 && vw <= barW+float32(4) {
					val.Show()
				} else {
					val.Hide()
				}
			}
			cx := left + float32(i)*slot
			r.xLabels[i].Move(fyne.NewPos(cx, plotBottom+pad/2))
			r.xLabels[i].Resize(fyne.NewSize(slot, th))
			r.xSubs[i].Move(fyne.NewPos(cx, plotBottom+pad/2+th))
			r.xSubs[i].Resize(fyne.NewSize(slot, th))
		}
	}
	r.empty.Move(fyne.NewPos(left, plotTop+plotH/2-th))
	r.empty.Resize(fyne.NewSize(plotW, th))
}

func (r *chartRenderer) MinSize() fyne.Size {
	th := r.textHeight()
	return fyne.NewSize(320, 8*th)
}

func (r *chartRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) Destroy() {}
