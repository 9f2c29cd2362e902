package data

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"
)

// Message is a sentence for a person — about something they gave us (a file, a
// flag, a date) with its place, or a verdict's detail with none. Text is an
// English text/template that is also
// the translation key (fyne's lang.L takes the same template and Args), so the
// window shows it in the user's language and the command line in English.
type Message struct {
	File   string         // file name as the user knows it, "" when not about a file
	Row    int            // 1-based sheet row, 0 when not about one row
	Column string         // column header, "" when not about one column
	Text   string         // English template, e.g. "{{.Value}} is not a date"
	Args   map[string]any // values for Text
}

// Msg builds a Message about no particular place.
func Msg(text string, args map[string]any) *Message {
	return &Message{Text: text, Args: args}
}

// Place is where the problem is, in English: `file "x.csv", row 4, column "Order ID"`.
func (p *Message) Place() string {
	var b bytes.Buffer
	if p.File != "" {
		fmt.Fprintf(&b, "file %q", p.File)
	}
	if p.Row > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "row %d", p.Row)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %q", p.Column)
	}
	return b.String()
}

// Message renders Text with Args, without the place.
func (p *Message) Message() string { return Render(p.Text, p.Args) }

// Error is the English sentence with its place.
func (p *Message) Error() string {
	if place := p.Place(); place != "" {
		return place + ": " + p.Message()
	}
	return p.Message()
}

// Render fills an English text/template; a template that does not parse is
// returned as it is, so a message is never lost.
func Render(text string, args map[string]any) string {
	if args == nil {
		return text
	}
	args = ExpandParts(args, func(m Message) string { return m.Message() }, PartsSeparator)
	t, err := template.New("").Option("missingkey=zero").Parse(text)
	if err != nil {
		return text
	}
	var b bytes.Buffer
	if err := t.Execute(&b, args); err != nil {
		return text
	}
	return b.String()
}

// Parts are messages inside another message's Args, such as one line per
// order status in a verdict's detail: each part is translated on its own and
// the parts are joined, so no untranslated word ends up inside a sentence.
type Parts []Message

// Join renders each part with render and joins them with sep.
func (p Parts) Join(render func(Message) string, sep string) string {
	s := make([]string, len(p))
	for i, m := range p {
		s[i] = render(m)
	}
	return strings.Join(s, sep)
}

// String is the English rendering: the parts joined with "; ".
func (p Parts) String() string {
	return p.Join(func(m Message) string { return m.Message() }, PartsSeparator)
}

// PartsSeparator joins Parts in English (and is the translation key of the separator).
const PartsSeparator = "; "

// ExpandParts returns args with every Parts value rendered by render and
// joined with sep, and every string made Printable (values come from files:
// a message never carries their raw bytes); args needing neither are
// returned as they are. Every rendering of a Message goes through here.
func ExpandParts(args map[string]any, render func(Message) string, sep string) map[string]any {
	var out map[string]any
	set := func(k string, v any) {
		if out == nil {
			out = make(map[string]any, len(args))
			for k2, v2 := range args {
				out[k2] = v2
			}
		}
		out[k] = v
	}
	for k, v := range args {
		switch v := v.(type) {
		case Parts:
			set(k, v.Join(render, sep))
		case string:
			if p := Printable(v); p != v {
				set(k, p)
			}
		}
	}
	if out == nil {
		return args
	}
	return out
}

// Plural is one when n is 1, else many: the sentence (or phrase) that fits
// its number. Both are templates and translation keys; Chinese gives both
// the same text.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Printable is s when it is valid UTF-8 without control characters (tabs
// and line breaks allowed), else s quoted with Go escapes ("2026\xff-10",
// "\x1b[2J"), so that no byte of a damaged file reaches a terminal or a
// label as garbage.
func Printable(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return strconv.Quote(s)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r >= 0x80 && r < 0xa0 {
			return strconv.Quote(s)
		}
		i += n
	}
	return s
}
