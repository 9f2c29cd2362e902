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

	"depositdesk/screens/wcag"
)

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
		lb := wcag.Luminance(bg)
		var fg color.RGBA
		best := -1.0
		for c := range counts {
			if d := math.Abs(wcag.Luminance(c) - lb); d > best {
				fg, best = c, d
			}
		}
		ratio := wcag.Contrast(fg, bg)
		fmt.Printf("%-28s text #%02x%02x%02x on #%02x%02x%02x: %.2f:1\n", name, fg.R, fg.G, fg.B, bg.R, bg.G, bg.B, ratio)
	}
}
