package sample

import (
	"archive/zip"
	"bytes"
	"io"
	"maps"
	"os"
	"slices"
)

// EditXLSX rewrites the workbook at path, passing every part through edit,
// then adding the parts add returns (add may be nil): how tests give a
// workbook the defects other writers produce (a wrong <dimension>, every
// cell inside one <row>, rows out of order) or another shape of the same
// cells (shared strings).
func EditXLSX(path string, edit func(part string, b []byte) []byte, add func() map[string][]byte) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return err
		}
		if _, err := w.Write(edit(f.Name, b)); err != nil {
			return err
		}
	}
	if add != nil {
		parts := add()
		for _, name := range slices.Sorted(maps.Keys(parts)) {
			w, err := zw.Create(name)
			if err != nil {
				return err
			}
			if _, err := w.Write(parts[name]); err != nil {
				return err
			}
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
