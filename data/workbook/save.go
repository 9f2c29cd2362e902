package workbook

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"depositdesk/data"
	"depositdesk/data/filename"
)

// saveNew writes f to path without ever replacing a file there: the workbook
// goes to a temporary file in the same folder, then is linked to path, which
// fails if path exists. A reader never sees a half-written workbook.
func saveNew(f *excelize.File, path string) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".depositdesk-*.tmp")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName) // after a link or a copy, the temporary name goes
	if err := f.Write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	err = os.Link(tmpName, path)
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	// File systems without hard links (FAT and exFAT drives, some network
	// shares): claim the name with O_EXCL, then copy.
	return copyNew(tmpName, path)
}

func copyNew(from, to string) (err error) {
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(to) // ours, created above: never leave a broken workbook
		}
	}()
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err = io.Copy(out, in); err != nil {
		return err
	}
	return out.Sync()
}

// shopNameBytes keeps room after the shop's name for the rest of the file name.
const shopNameBytes = 120

// ApplicationBase is the file name, without extension, of a's workbook:
// the shop's name, the document, the prepared date ("Acme US_deposit refund
// application_2026-11-24"), safe on every OS.
func ApplicationBase(a Application, l Labels) string {
	return joinBase(filename.Safe(a.Shop, shopNameBytes), l.T("file.application"), a.Prepared)
}

// SummaryBase is the file name, without extension, of the summary workbook.
func SummaryBase(prepared data.Date, l Labels) string {
	return joinBase("", l.T("file.summary"), prepared)
}

func joinBase(shop, doc string, d data.Date) string {
	parts := []string{}
	for _, p := range []string{shop, doc, d.String()} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return filename.Safe(strings.Join(parts, "_"), 0)
}

// maxRaces bounds retries when another writer takes a name between our choice and our write.
const maxRaces = 20

// ExportApplication writes a's workbook into dir under a new name (shop's
// name first; _2, _3, … when taken) and returns its path.
func ExportApplication(dir string, a Application, l Labels) (string, error) {
	f, err := buildApplication(a, l)
	if err != nil {
		return "", fmt.Errorf("%s: %w", a.Shop, err)
	}
	defer f.Close()
	return saveUnique(f, dir, ApplicationBase(a, l))
}

// ExportSummary writes the summary workbook into dir under a new name and
// returns its path; files[i] is the workbook of apps[i].
func ExportSummary(dir string, apps []Application, files []string, l Labels) (string, error) {
	f, err := buildSummary(apps, files, l)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var prepared data.Date
	for _, a := range apps {
		prepared = data.MaxDate(prepared, a.Prepared)
	}
	return saveUnique(f, dir, SummaryBase(prepared, l))
}

func saveUnique(f *excelize.File, dir, base string) (string, error) {
	for range maxRaces {
		path, err := filename.Unique(dir, base, "xlsx")
		if err != nil {
			return "", err
		}
		err = saveNew(f, path)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s: every name for %q was taken while writing", dir, base)
}
