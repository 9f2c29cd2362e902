package filename

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestSafeMakesNamesValidEverywhere(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain name is kept", "Acme US", 0, "Acme US"},
		{"Chinese name with spaces is kept", "店铺 导出 2026", 0, "店铺 导出 2026"},
		{"forbidden characters become underscores", `a<b>c:d"e/f\g|h?i*j`, 0, "a_b_c_d_e_f_g_h_i_j"},
		{"control characters become underscores", "a\x00b\x1fc\x7f", 0, "a_b_c_"},
		{"tabs and newlines become underscores", "a\tb\nc", 0, "a_b_c"},
		{"ideographic space becomes a plain space", "店铺\u3000一", 0, "店铺 一"},
		{"trailing dots and spaces go", "Shop. . ", 0, "Shop"},
		{"leading dots go", "..hidden", 0, "hidden"},
		{"dot only falls back", ".", 0, Fallback},
		{"dot dot falls back", "..", 0, Fallback},
		{"empty falls back", "", 0, Fallback},
		{"only forbidden characters are kept as underscores", "???", 0, "___"},
		{"CON is reserved", "CON", 0, "CON_"},
		{"reserved names ignore case", "nul", 0, "nul_"},
		{"reserved with an extension", "con.txt", 0, "con_.txt"},
		{"reserved with a space before the dot", "AUX .xlsx", 0, "AUX_.xlsx"},
		{"COM1 is reserved", "COM1", 0, "COM1_"},
		{"LPT9 is reserved", "lpt9.tar.gz", 0, "lpt9_.tar.gz"},
		{"COM superscript is reserved", "COM¹", 0, "COM¹_"},
		{"CONIN$ is reserved", "CONIN$", 0, "CONIN$_"},
		{"COM10 is not reserved", "COM10", 0, "COM10"},
		{"CONSOLE is not reserved", "CONSOLE", 0, "CONSOLE"},
		{"truncation to a reserved name is caught", "CONSOLE", 3, "_"},
		{"truncation to a reserved stem is caught", "CON.txt", 7, "CON_.tx"},
		{"truncation counts bytes, never cuts a rune", "店铺导出", 7, "店铺"},
		{"truncation exactly at a rune boundary", "店铺导出", 6, "店铺"},
		{"truncation then trailing space trim", "ab cd", 3, "ab"},
		{"truncation drops a lone combining mark", "cafe\u0301x", 5, "cafe"},
		{"invalid UTF-8 is replaced", "a\xffb", 0, "a_b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Safe(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Safe(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestSafeNamesAreAlwaysValid(t *testing.T) {
	inputs := []string{"", " ", ".", "CON", "con.txt", strings.Repeat("店", 200), strings.Repeat("a", 400),
		"x" + strings.Repeat(" ", 300) + "y", `"<>"`, "nul.", "COM1 . ", "a\u200d"}
	for _, in := range inputs {
		for _, max := range []int{0, 1, 2, 3, 4, 10, 100, 255} {
			got := Safe(in, max)
			limit := max
			if limit <= 0 {
				limit = MaxName
			}
			switch {
			case got == "":
				t.Errorf("Safe(%q, %d) is empty", in, max)
			case len(got) > limit:
				t.Errorf("Safe(%q, %d) = %q is %d bytes", in, max, got, len(got))
			case !utf8.ValidString(got):
				t.Errorf("Safe(%q, %d) = %q is not valid UTF-8", in, max, got)
			case Reserved(got):
				t.Errorf("Safe(%q, %d) = %q is a Windows device name", in, max, got)
			case strings.ContainsAny(got, `<>:"/\|?*`):
				t.Errorf("Safe(%q, %d) = %q has a forbidden character", in, max, got)
			case strings.HasSuffix(got, ".") || strings.HasSuffix(got, " "):
				t.Errorf("Safe(%q, %d) = %q ends in a dot or space", in, max, got)
			}
			if again := Safe(got, max); again != got {
				t.Errorf("Safe is not stable: %q → %q", got, again)
			}
		}
	}
}

func TestUniqueCountsUpPastExistingFiles(t *testing.T) {
	dir := t.TempDir()
	touch := func(name string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		existing []string
		base     string
		ext      string
		want     string
	}{
		{nil, "店铺 导出 2026", "xlsx", "店铺 导出 2026.xlsx"},
		{[]string{"Acme.xlsx"}, "Acme", ".xlsx", "Acme_2.xlsx"},
		{[]string{"Beta.xlsx", "Beta_2.xlsx", "Beta_3.xlsx"}, "Beta", "xlsx", "Beta_4.xlsx"},
		{[]string{"Gap.xlsx", "Gap_3.xlsx"}, "Gap", "xlsx", "Gap_2.xlsx"},
		{nil, "CON", "xlsx", "CON_.xlsx"},
		{nil, "a/b:c", "xlsx", "a_b_c.xlsx"},
		{nil, "noext", "", "noext"},
	}
	for _, tt := range tests {
		for _, e := range tt.existing {
			touch(e)
		}
		got, err := Unique(dir, tt.base, tt.ext)
		if err != nil {
			t.Fatalf("Unique(%q): %v", tt.base, err)
		}
		if want := filepath.Join(dir, tt.want); got != want {
			t.Errorf("Unique(%q, %q) = %q, want %q", tt.base, tt.ext, got, want)
		}
	}
}

func TestUniqueKeepsTheWholePathWithinTheWindowsLimit(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs(dir)
	for _, base := range []string{strings.Repeat("a", 400), strings.Repeat("店铺", 200), strings.Repeat("ab ", 100)} {
		p, err := Unique(dir, base, "xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if n := pathUnits(filepath.Join(abs, filepath.Base(p))); n > MaxPath {
			t.Errorf("path of %d UTF-16 units, want at most %d: %s", n, MaxPath, p)
		}
		name := filepath.Base(p)
		if len(name) > MaxName || !strings.HasSuffix(name, ".xlsx") {
			t.Errorf("bad name %q", name)
		}
		if strings.HasSuffix(strings.TrimSuffix(name, ".xlsx"), " ") {
			t.Errorf("name %q ends its stem in a space", name)
		}
		// The suffixed name must fit too.
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		p2, err := Unique(dir, base, "xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if p2 == p || pathUnits(filepath.Join(abs, filepath.Base(p2))) > MaxPath || !strings.HasSuffix(p2, "_2.xlsx") {
			t.Errorf("second name %q (first %q)", p2, p)
		}
	}
}

func TestUniqueRefusesAFolderTooDeepForAnyName(t *testing.T) {
	deep := filepath.Join(t.TempDir(), strings.Repeat("d", 255))
	_, err := Unique(deep, "Acme", "xlsx")
	if !errors.Is(err, ErrPathTooLong) {
		t.Fatalf("err = %v, want ErrPathTooLong", err)
	}
}

func TestCreateNeverOverwritesAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "Acme.xlsx")
	if err := os.WriteFile(first, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, p, err := Create(dir, "Acme", "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if p != filepath.Join(dir, "Acme_2.xlsx") {
		t.Errorf("Create = %q", p)
	}
	if b, _ := os.ReadFile(first); string(b) != "keep me" {
		t.Errorf("existing file changed: %q", b)
	}
}

func TestCreateGivesConcurrentWritersDistinctFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 20
	var wg sync.WaitGroup
	paths := make(chan string, n)
	for range n {
		wg.Go(func() {
			f, p, err := Create(dir, "店铺 导出 2026", "xlsx")
			if err != nil {
				t.Error(err)
				return
			}
			f.Close()
			paths <- p
		})
	}
	wg.Wait()
	close(paths)
	seen := map[string]bool{}
	for p := range paths {
		if seen[p] {
			t.Errorf("two writers got %q", p)
		}
		seen[p] = true
	}
	if len(seen) != n {
		t.Errorf("%d distinct files, want %d", len(seen), n)
	}
}
