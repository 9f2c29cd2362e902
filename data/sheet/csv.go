package sheet

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"depositdesk/data"
)

// sniffSize is how much of a csv is looked at to decide its encoding.
const sniffSize = 1 << 20

func openCSV(src io.Reader, name string) (*Reader, error) {
	// The first MiB decides the encoding; reading it (rather than a fixed
	// buffer) keeps opening a small file cheap.
	head, err := io.ReadAll(io.LimitReader(src, sniffSize))
	if err != nil {
		return nil, &data.Message{File: name, Text: "The file could not be read: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
	}
	full := len(head) < sniffSize // the whole file is in head

	var dec *encoding.Decoder
	enc := "UTF-8"
	skip := 0
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		skip, enc = 3, "UTF-8 (BOM)"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		dec, enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16LE"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		dec, enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder(), "UTF-16BE"
	default:
		if e := utf16NoBOM(head); e != "" {
			enc = e
			order := unicode.LittleEndian
			if e == "UTF-16BE" {
				order = unicode.BigEndian
			}
			dec = unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder()
			break
		}
		if bytes.IndexByte(head, 0) >= 0 {
			return nil, noEncoding(name)
		}
		sample := head
		if !full {
			sample = sample[:lastLine(sample)]
		}
		if utf8.Valid(sample) {
			break
		}
		if !plausibleGB18030(sample) {
			return nil, noEncoding(name)
		}
		dec, enc = simplifiedchinese.GB18030.NewDecoder(), "GB18030"
	}
	var text io.Reader = bytes.NewReader(head[skip:])
	if !full {
		text = io.MultiReader(text, src)
	}
	if dec != nil {
		text = transform.NewReader(text, dec)
	}
	size := 1 << 16
	if full {
		size = max(len(head)+16, 4096) // small files get small buffers
	}
	tb := bufio.NewReaderSize(text, size)
	first, _ := tb.Peek(size)
	if i := bytes.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	cr := csv.NewReader(tb)
	cr.Comma = delimiter(first)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	r := &Reader{name: name, format: "csv", encoding: enc}
	endLine := 0 // the line the previous record ended on
	r.next = func(r *Reader) bool {
		rec, err := cr.Read()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				r.err = &data.Message{File: name, Row: r.rowNum + 1, Text: "The file could not be read as CSV past this row: {{.Err}}", Args: map[string]any{"Err": err.Error()}}
			}
			return false
		}
		// Excel shows every line as a row, blank lines included; encoding/csv skips them.
		start, _ := cr.FieldPos(0)
		step := start - endLine
		if step < 1 {
			step = 1
		}
		r.rowNum += step
		last := len(rec) - 1
		line, _ := cr.FieldPos(last)
		endLine = line + countNewlines(rec[last])
		r.row = rec
		return true
	}
	return r, nil
}

func countNewlines(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n
}

// lastLine is the length of b up to and including its last newline, so that a
// sample cut mid-character is not mistaken for an invalid encoding.
func lastLine(b []byte) int {
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		return i + 1
	}
	// One enormous line: drop a possibly cut final character.
	n := len(b) - utf8.UTFMax
	if n < 0 {
		n = 0
	}
	return n
}

// delimiter picks comma, tab or semicolon: whichever the header line has most of
// outside quotes (comma when it has none).
func delimiter(line []byte) rune {
	var comma, tab, semi int
	quoted := false
	for _, c := range line {
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				comma++
			}
		case '\t':
			if !quoted {
				tab++
			}
		case ';':
			if !quoted {
				semi++
			}
		}
	}
	switch {
	case tab > comma && tab >= semi:
		return '\t'
	case semi > comma && semi > tab:
		return ';'
	}
	return ','
}

// utf16NoBOM recognises UTF-16 written without a byte-order mark by its zero
// bytes: ASCII text in UTF-16 has a zero in every other byte.
func utf16NoBOM(b []byte) string {
	if len(b) > 4096 {
		b = b[:4096]
	}
	if len(b) < 4 {
		return ""
	}
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	pairs := len(b) / 2
	switch {
	case odd*10 >= pairs*4 && even*10 < pairs:
		return "UTF-16LE"
	case even*10 >= pairs*4 && odd*10 < pairs:
		return "UTF-16BE"
	}
	return ""
}

// plausibleGB18030 accepts b as GB18030 when it decodes cleanly and its
// non-ASCII characters are nearly all Chinese text and punctuation, which a
// file in some other encoding decoded as GB18030 is not.
func plausibleGB18030(b []byte) bool {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return false
	}
	var other, common int
	for _, r := range string(out) {
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			return false
		case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, // ideographs
			r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, // CJK and full-width punctuation
			r >= 0x2000 && r <= 0x206F, r == 0xB7, r == 0xD7: // general punctuation, ·, ×
			common++
		default:
			other++
		}
	}
	return common > 0 && other*10 <= common
}

func noEncoding(name string) *data.Message {
	return &data.Message{File: name, Text: "The file is in no text encoding we know (UTF-8, UTF-16 or GB18030); open it in Excel and use Save As → \"CSV UTF-8 (Comma delimited)\", then import that file"}
}
