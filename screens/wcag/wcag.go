// Package wcag computes WCAG 2 contrast: the theme's test checks every text
// colour with it, and .ci/contrast.go measures screenshots with it.
package wcag

import (
	"image/color"
	"math"
)

// Luminance is the relative luminance of an opaque colour (0 black, 1 white).
func Luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is the contrast ratio of two opaque colours, 1 to 21; AA asks
// 4.5 for text and 3 for large text.
func Contrast(a, b color.Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
