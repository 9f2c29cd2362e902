// Package filename makes file names that are valid on Windows, macOS and Linux
// and picks names that never overwrite a file already there.
package filename

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Fallback is the name used when nothing usable is left of a name.
const Fallback = "shop"

// MaxName is the longest file name, in UTF-8 bytes, that every common file
// system takes (ext4 and APFS count 255 bytes, NTFS 255 UTF-16 units).
const MaxName = 255

// MaxPath is the longest full path, in UTF-16 units, that Windows opens
// without long-path support (MAX_PATH 260 includes the terminating NUL).
const MaxPath = 259

// maxTries bounds the search for a free _N name.
const maxTries = 10000

// Safe turns name into a file name (without directory) that is valid on
// Windows, macOS and Linux: the characters <>:"/\|?* and control characters
// become "_", leading and trailing spaces and dots go, Windows device names
// (CON, NUL, COM1, …, also as "con.txt") get a "_" after them, and the result
// is at most maxLen UTF-8 bytes (MaxName when maxLen <= 0) without cutting a
// character. Chinese and other Unicode letters are kept. It never returns "".
func Safe(name string, maxLen int) string {
	if maxLen <= 0 {
		maxLen = MaxName
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == utf8.RuneError, unicode.IsControl(r), strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ') // tabs, no-break and ideographic spaces print alike; keep one kind
		default:
			b.WriteRune(r)
		}
	}
	s := trim(b.String())
	if s == "" {
		s = Fallback
	}
	return fit(s, maxLen)
}

// fit shortens an already cleaned name to n bytes and keeps it clear of
// Windows device names; a name that cannot fit becomes the fallback or "_".
func fit(s string, n int) string {
	s = trim(truncate(s, n))
	if s == "" {
		s = trim(truncate(Fallback, n))
	}
	if Reserved(s) {
		s = unreserve(s)
		if len(s) > n {
			s = trim(truncate(s, n))
		}
	}
	if s == "" || Reserved(s) {
		return "_"
	}
	return s
}

// trim removes what Windows drops or hides: trailing dots and spaces, and
// leading ones (a leading dot hides a file on macOS and Linux).
func trim(s string) string {
	return strings.Trim(s, ". ")
}

// reserved are the Windows device names, invalid as a file name with any extension.
var reserved = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
}

func init() {
	for _, p := range []string{"COM", "LPT"} {
		for _, d := range []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³"} {
			reserved[p+d] = true
		}
	}
}

// Reserved reports whether Windows treats name as a device (CON, com1.txt, …).
func Reserved(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	return reserved[strings.ToUpper(strings.TrimRight(stem, " "))]
}

// unreserve appends "_" to the stem of a Windows device name: "con.txt" → "con_.txt".
func unreserve(s string) string {
	if !Reserved(s) {
		return s
	}
	stem, rest, dot := strings.Cut(s, ".")
	stem = strings.TrimRight(stem, " ") + "_"
	if dot {
		return stem + "." + rest
	}
	return stem
}

// truncate cuts s to at most n UTF-8 bytes at a character boundary, and drops
// combining marks and joiners left without the character they belong to.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := 0
	for i, r := range s {
		if i+utf8.RuneLen(r) > n {
			break
		}
		cut = i + utf8.RuneLen(r)
	}
	s = s[:cut]
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.Is(unicode.Mn, r) && r != '\u200d' {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// cleanExt makes ext a safe extension with its leading dot ("xlsx" → ".xlsx").
func cleanExt(ext string) string {
	ext = strings.TrimLeft(ext, ".")
	if ext == "" {
		return ""
	}
	return "." + Safe(ext, 16)
}

// ErrPathTooLong is returned when dir leaves no room for a file name within MaxPath.
var ErrPathTooLong = errors.New("folder path too long for a file name on Windows")

// pathUnits counts p in UTF-16 units, as Windows does for MAX_PATH.
func pathUnits(p string) int { return len(utf16.Encode([]rune(p))) }

// candidate is the n-th name for base: base.ext, base_2.ext, base_3.ext, …,
// with base shortened so the full path stays within MaxPath.
func candidate(absDir, base, ext string, n int) (string, error) {
	suffix := ""
	if n > 1 {
		suffix = "_" + strconv.Itoa(n)
	}
	b := Safe(base, MaxName-len(suffix)-len(ext))
	// What Windows counts: dir + separator + name.
	avail := MaxPath - pathUnits(filepath.Join(absDir, "x")) + 1 - pathUnits(suffix+ext)
	if pathUnits(b) <= avail {
		return b + suffix + ext, nil
	}
	r := []rune(b)
	for k := min(len(r), avail); k >= 1; k-- {
		if trim(string(r[:k])) == "" {
			break // nothing of the name is left
		}
		if c := Safe(string(r[:k]), MaxName); pathUnits(c) <= avail {
			return c + suffix + ext, nil
		}
	}
	return "", fmt.Errorf("%s: %w", absDir, ErrPathTooLong)
}

// Unique returns a path in dir for a file that does not exist yet:
// base.ext, then base_2.ext, base_3.ext, …. base is made Safe and shortened
// so the whole path stays within MaxPath. The file may appear before the
// caller creates it; Create closes that gap.
func Unique(dir, base, ext string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	ext = cleanExt(ext)
	for n := 1; n <= maxTries; n++ {
		name, err := candidate(absDir, base, ext, n)
		if err != nil {
			return "", err
		}
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		} else if err != nil {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: no free name for %q after %d tries", dir, base, maxTries)
}

// Create creates and opens a new file in dir named as Unique would name it.
// It uses O_EXCL, so a file that exists — even one that appeared a moment
// ago from another writer — is never opened or overwritten.
func Create(dir, base, ext string) (*os.File, string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, "", err
	}
	ext = cleanExt(ext)
	for n := 1; n <= maxTries; n++ {
		name, err := candidate(absDir, base, ext, n)
		if err != nil {
			return nil, "", err
		}
		p := filepath.Join(dir, name)
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			return f, p, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, "", err
		}
	}
	return nil, "", fmt.Errorf("%s: no free name for %q after %d tries", dir, base, maxTries)
}
