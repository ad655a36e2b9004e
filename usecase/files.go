package usecase

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"gridflex/meter"
)

// maxFileBytes bounds a file read whole (a site, contract, calls or
// scenario file, a decompressed sessions file): far above any real one,
// far below what would exhaust memory.
const maxFileBytes = 256 << 20

// readFile reads name from fsys whole, refusing one above maxFileBytes.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, name)
}

// readAll reads r whole, refusing more than maxFileBytes.
func readAll(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d MB: want a smaller file", name, maxFileBytes>>20)
	}
	return data, nil
}

// beside resolves a file named inside file (weather_file, holidays_file)
// relative to file's directory, unless it is absolute.
func beside(file, name string) string {
	if path.IsAbs(name) {
		return name
	}
	return path.Join(path.Dir(file), name)
}

// openDecompressed opens name and, for a .gz name, decompresses it.
func openDecompressed(fsys fs.FS, name string) (io.ReadCloser, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(strings.ToLower(name), ".gz") {
		return f, nil
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(gz, maxFileBytes), f}, nil
}

// readMeter imports a meter file whole: XLSX by extension or zip
// signature, otherwise CSV (meter/FORMAT.md).
func readMeter(fsys fs.FS, name string, opts meter.Options) ([]meter.Connection, meter.Report, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, meter.Report{}, fmt.Errorf("read meter data: %w", err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	if isXLSX(name, br) {
		return meter.ReadXLSX(br, name, opts)
	}
	return meter.Read(br, name, opts)
}

// isXLSX tells a workbook by its extension or zip signature.
func isXLSX(name string, br *bufio.Reader) bool {
	head, _ := br.Peek(4)
	return strings.EqualFold(path.Ext(name), ".xlsx") || bytes.Equal(head, []byte("PK\x03\x04"))
}
