//go:build ignore

// contrast measures text contrast in a screenshot: in each region, the
// background is the most common colour and the text colour the one farthest
// from it in luminance; it prints their WCAG contrast ratio.
//
//	go run .ci/contrast.go shot.png NAME:X,Y,W,H ...
package main

import (
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"math"
	"os"
	"strings"
)

func lum(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	img, _, err := image.Decode(f)
	if err != nil {
		panic(err)
	}
	for _, arg := range os.Args[2:] {
		name, rect, _ := strings.Cut(arg, ":")
		var x, y, w, h int
		fmt.Sscanf(rect, "%d,%d,%d,%d", &x, &y, &w, &h)
		counts := map[color.RGBA]int{}
		for i := x; i < x+w; i++ {
			for j := y; j < y+h; j++ {
				r, g, b, _ := img.At(i, j).RGBA()
				counts[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}]++
			}
		}
		var bg color.RGBA
		for c, n := range counts {
			if n > counts[bg] {
				bg = c
			}
		}
		lb := lum(bg)
		var fg color.RGBA
		best := -1.0
		for c := range counts {
			if d := math.Abs(lum(c) - lb); d > best {
				fg, best = c, d
			}
		}
		lf := lum(fg)
		ratio := (math.Max(lf, lb) + 0.05) / (math.Min(lf, lb) + 0.05)
		fmt.Printf("%-28s text #%02x%02x%02x on #%02x%02x%02x: %.2f:1\n", name, fg.R, fg.G, fg.B, bg.R, bg.G, bg.B, ratio)
	}
}
