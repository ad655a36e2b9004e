package usecase

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"gridflex/input"
	"gridflex/meter"
	"gridflex/meter/xlsx"
)

// readFile reads name from fsys whole within its limit (input.ForName: a
// YAML file 4 MiB, a CSV file 256 MiB), refusing anything but a regular
// file (README "Input limits").
func readFile(fsys fs.FS, name string) ([]byte, error) {
	return input.ReadFileFS(fsys, name, input.ForName(name))
}

// beside resolves a file named inside file (weather_file, holidays_file)
// relative to file's directory, unless it is absolute.
func beside(file, name string) string {
	if path.IsAbs(name) {
		return name
	}
	return path.Join(path.Dir(file), name)
}

// openDecompressed opens a CSV file read whole and, for a .gz name,
// decompresses it, within input.TableCSV (also after decompression).
func openDecompressed(fsys fs.FS, name string) (io.ReadCloser, error) {
	return input.OpenFS(fsys, name, input.TableCSV)
}

// readMeter imports a meter file whole: XLSX by extension or zip
// signature, otherwise CSV (meter/FORMAT.md).
func readMeter(fsys fs.FS, name string, opts meter.Options) ([]meter.Connection, meter.Report, error) {
	f, err := meter.OpenFS(fsys, name)
	if err != nil {
		return nil, meter.Report{}, fmt.Errorf("read meter data: %w", err)
	}
	defer f.Close()
	if f.XLSX {
		return xlsx.Read(f, name, opts)
	}
	return meter.Read(f, name, opts)
}

// isXLSX tells a workbook by its extension or zip signature.
func isXLSX(name string, br *bufio.Reader) bool {
	head, _ := br.Peek(4)
	return strings.EqualFold(path.Ext(name), ".xlsx") || bytes.Equal(head, []byte("PK\x03\x04"))
}
