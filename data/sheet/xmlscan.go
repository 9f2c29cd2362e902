package sheet

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"
)

// xmlScanner walks the XML of a worksheet or of the shared-strings part tag
// by tag, straight over the decompressed bytes: no encoding/xml, no token
// allocations. It knows just enough XML for spreadsheet parts: elements with
// or without a prefix (<x:c>), attributes in either quote, comments,
// processing instructions, CDATA and the five entities plus character
// references. Text between tags is skipped unless text() is asked for it.
type xmlScanner struct {
	src      io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error // a read error of src (io.EOF is not kept)
}

// maxXMLElement bounds what one tag or one text run may take: Excel allows
// 32,767 characters in a cell, so anything near this is not a spreadsheet.
const maxXMLElement = 16 << 20

var errXMLElementTooLarge = errors.New("an XML element is too large")

func newXMLScanner(src io.Reader, size int) *xmlScanner {
	return &xmlScanner{src: src, buf: make([]byte, size)}
}

// fill reads more bytes after buf[pos:end], moving them to the front first.
// It returns false when nothing more can be read.
func (s *xmlScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxXMLElement {
			s.err = errXMLElementTooLarge
			return false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.src.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if err == io.EOF {
				s.eof = true
			} else {
				s.err = err
			}
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// tag is one markup item. Its slices point into the scanner's buffer and
// are valid until the next call that reads.
type tag struct {
	name  []byte // local name, without a prefix
	attrs []byte // the raw attribute text
	close bool   // </name>
	empty bool   // <name/>
}

// next finds the next element tag, skipping text, comments, processing
// instructions, CDATA and declarations. It returns false at the end of the
// input (or on a read error, kept in s.err).
func (s *xmlScanner) next(t *tag) bool {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			s.pos = s.end
			if !s.fill() {
				return false
			}
			continue
		}
		s.pos += i
		n, ok := s.markup(t)
		if !ok {
			return false
		}
		if n > 0 {
			return true
		}
	}
}

// markup reads the markup starting at buf[pos] == '<'. It returns 1 with t
// set for an element tag, 0 for anything else skipped, and false when the
// input ends inside it.
func (s *xmlScanner) markup(t *tag) (int, bool) {
	for {
		b := s.buf[s.pos:s.end]
		if len(b) >= 2 {
			switch b[1] {
			case '?':
				_, ok := s.skipPast("?>")
				return 0, ok
			case '!':
				switch {
				case bytes.HasPrefix(b, []byte("<!--")):
					_, ok := s.skipPast("-->")
					return 0, ok
				case bytes.HasPrefix(b, []byte("<![CDATA[")):
					_, ok := s.skipPast("]]>")
					return 0, ok
				case len(b) >= 9:
					return 0, s.skipDeclaration()
				}
			default:
				if e := tagEnd(b); e > 0 {
					parseTag(b[:e], t)
					s.pos += e
					return 1, true
				}
			}
		}
		if !s.fill() {
			return 0, false
		}
	}
}

// tagEnd is the length of the tag at the start of b (up to and including
// '>'), honouring quoted attribute values; 0 when b ends first.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return 0
}

func parseTag(b []byte, t *tag) {
	b = b[1 : len(b)-1] // drop < and >
	t.close, t.empty = false, false
	if len(b) > 0 && b[0] == '/' {
		t.close = true
		b = b[1:]
	}
	if len(b) > 0 && b[len(b)-1] == '/' {
		t.empty = true
		b = b[:len(b)-1]
	}
	n := 0
	for n < len(b) && !isSpace(b[n]) {
		n++
	}
	name := b[:n]
	if c := bytes.LastIndexByte(name, ':'); c >= 0 {
		name = name[c+1:]
	}
	t.name, t.attrs = name, b[n:]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipPast moves pos past the next occurrence of end. start is where the
// markup that pos was at begins now: reading more moves it to the front.
func (s *xmlScanner) skipPast(end string) (start int, ok bool) {
	from := s.pos + 2
	for {
		if i := bytes.Index(s.buf[from:s.end], []byte(end)); i >= 0 {
			start, s.pos = s.pos, from+i+len(end)
			return start, true
		}
		keep := s.end - len(end) + 1 // the end marker may straddle the refill
		keep = max(keep, s.pos+2)
		off := keep - s.pos
		if !s.fill() {
			return 0, false
		}
		from = s.pos + off
	}
}

// skipDeclaration skips <!DOCTYPE …> including an internal subset in [ ].
func (s *xmlScanner) skipDeclaration() bool {
	depth := 0
	i := s.pos + 2
	for {
		for ; i < s.end; i++ {
			switch s.buf[i] {
			case '[':
				depth++
			case ']':
				depth--
			case '>':
				if depth <= 0 {
					s.pos = i + 1
					return true
				}
			}
		}
		off := i - s.pos
		if !s.fill() {
			return false
		}
		i = s.pos + off
	}
}

// nextAttr splits the first attribute off attrs: its local name (without
// a prefix, except xmlns), its raw value, and what follows.
func nextAttr(attrs []byte) (key, val, rest []byte, ok bool) {
	i := 0
	for i < len(attrs) && isSpace(attrs[i]) {
		i++
	}
	start, colon := i, -1
	for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
		if attrs[i] == ':' {
			colon = i
		}
		i++
	}
	key = attrs[start:i]
	if colon >= 0 && string(attrs[start:colon]) != "xmlns" {
		key = attrs[colon+1 : i]
	}
	for i < len(attrs) && isSpace(attrs[i]) {
		i++
	}
	if i >= len(attrs) || attrs[i] != '=' {
		return nil, nil, nil, false
	}
	for i++; i < len(attrs) && isSpace(attrs[i]); i++ {
	}
	if i >= len(attrs) || attrs[i] != '"' && attrs[i] != '\'' {
		return nil, nil, nil, false
	}
	q := bytes.IndexByte(attrs[i+1:], attrs[i])
	if q < 0 {
		return nil, nil, nil, false
	}
	return key, attrs[i+1 : i+1+q], attrs[i+2+q:], true
}

// attr returns the raw value of attribute name (local name, any prefix) in
// attrs, and whether it is there.
func attr(attrs []byte, name string) ([]byte, bool) {
	for {
		key, val, rest, ok := nextAttr(attrs)
		if !ok {
			return nil, false
		}
		if string(key) == name {
			return val, true
		}
		attrs = rest
	}
}

// text appends the character data from pos up to the next element tag to
// dst, decoding entities and CDATA sections, normalising line ends as XML
// does, and skipping comments. pos is left at the '<' of that tag.
func (s *xmlScanner) text(dst []byte) ([]byte, bool) {
	for {
		b := s.buf[s.pos:s.end]
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			// Keep an entity, or a CR whose LF may follow, cut by the
			// buffer's end for the next round.
			cut := bytes.LastIndexByte(b, '&')
			if cut < 0 || len(b)-cut > 12 || bytes.IndexByte(b[cut:], ';') >= 0 {
				cut = len(b)
			}
			if cut > 0 && b[cut-1] == '\r' {
				cut--
			}
			dst = appendDecoded(dst, b[:cut])
			s.pos += cut
			if !s.fill() {
				if s.pos < s.end { // a lone '&' at the very end
					dst = append(dst, s.buf[s.pos:s.end]...)
					s.pos = s.end
				}
				return dst, false
			}
			continue
		}
		dst = appendDecoded(dst, b[:i])
		s.pos += i
		for s.end-s.pos < 9 && !s.eof && s.err == nil {
			s.fill()
		}
		rest := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			start, ok := s.skipPast("]]>")
			if !ok {
				return dst, false
			}
			dst = appendLines(dst, s.buf[start+9:s.pos-3])
		case bytes.HasPrefix(rest, []byte("<!--")):
			if _, ok := s.skipPast("-->"); !ok {
				return dst, false
			}
		default:
			return dst, true
		}
	}
}

// appendDecoded appends XML character data with entities and character
// references decoded and CR LF (or a lone CR) read as LF.
func appendDecoded(dst, b []byte) []byte {
	for {
		i := escapeIndex(b)
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		if b[0] == '\r' {
			dst = append(dst, '\n')
			b = b[1:]
			if len(b) > 0 && b[0] == '\n' {
				b = b[1:]
			}
			continue
		}
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			b = b[1:]
			continue
		}
		if r, ok := entity(b[1:semi]); ok {
			dst = utf8.AppendRune(dst, r)
			b = b[semi+1:]
			continue
		}
		dst = append(dst, '&')
		b = b[1:]
	}
}

// escapeIndex finds the first '&' or CR: cell texts are short, and a
// plain loop beats bytes.IndexAny's set-up for them.
func escapeIndex(b []byte) int {
	for i, c := range b {
		if c == '&' || c == '\r' {
			return i
		}
	}
	return -1
}

// appendLines appends raw text (CDATA) with its line ends normalised.
func appendLines(dst, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(append(dst, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	base, digits := 10, name[1:]
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return 0, false
	}
	var r rune
	for _, c := range digits {
		d := hexDigit(c)
		if d < 0 || d >= base {
			return 0, false
		}
		r = r*rune(base) + rune(d)
		if r > utf8.MaxRune {
			return 0, false
		}
	}
	if !utf8.ValidRune(r) {
		return 0, false
	}
	return r, true
}

func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// unescapeX decodes the _xHHHH_ escapes of OOXML strings in place (the
// result is never longer): _x000D_ is a carriage return, _x005F_ a literal
// underscore, so _x005F_x000D_ stays the text "_x000D_". A code that is not a
// character (a lone surrogate) is dropped, as Excel and excelize do.
func unescapeX(b []byte) []byte {
	i := bytes.Index(b, []byte("_x"))
	if i < 0 {
		return b
	}
	out := b[:i]
	for i < len(b) {
		if b[i] == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			r, ok := rune(0), true
			for _, c := range b[i+2 : i+6] {
				d := hexDigit(c)
				if d < 0 {
					ok = false
					break
				}
				r = r<<4 | rune(d)
			}
			if ok {
				if utf8.ValidRune(r) {
					out = utf8.AppendRune(out, r)
				}
				i += 7
				continue
			}
		}
		out = append(out, b[i])
		i++
	}
	return out
}
