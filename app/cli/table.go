package cli

import (
	"io"
	"strings"

	"golang.org/x/text/width"

	"depositdesk/data"
)

// table prints aligned columns by display width, so that Chinese shop names
// (two cells wide in a terminal) line up as well as Latin ones.
type table struct {
	rows [][]string
}

// row adds a row; its cells are made data.Printable (names and files may hold any bytes).
func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = data.Printable(c)
	}
	t.rows = append(t.rows, cells)
}

// cellWidth is how many terminal cells s takes.
func cellWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// clip shortens s to at most max cells, ending with "…".
func clip(s string, max int) string {
	if cellWidth(s) <= max {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := cellWidth(string(r))
		if n+w > max-1 {
			break
		}
		b.WriteRune(r)
		n += w
	}
	return b.String() + "…"
}

func (t *table) write(w io.Writer) error {
	widths := map[int]int{}
	for _, r := range t.rows {
		for i, c := range r {
			widths[i] = max(widths[i], cellWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range t.rows {
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-cellWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
