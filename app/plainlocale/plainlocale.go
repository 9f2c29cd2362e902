// Package plainlocale keeps a "C.UTF-8" or "POSIX" locale (servers, CI,
// containers) from reaching Fyne's language lookup, which cannot parse it and
// logs an error on every command. Imported by main, it runs before Fyne's
// packages initialise: Go initialises ready packages in import-path order,
// and this one needs nothing but the standard library.
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	for _, env := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(env)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if (base == "C" || base == "POSIX") && v != base && os.Getenv("LANGUAGE") == "" {
			// gettext's LANGUAGE wins over LANG unless the locale is exactly
			// "C": English, which is what a C locale means.
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
