package usecase

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"gridflex/input"
	"gridflex/meter"
	"gridflex/meter/xlsx"
)

// meterStream hands out the connections of meter files one at a time.
type meterStream struct {
	files fs.FS
	opts  meter.Options
	notes *[]string   // how a file was read, when not as asked
	read  func(n int) // bytes read, for progress; nil for none
}

// meterFiles lists a meter file, or the *.csv, *.txt and *.xlsx files of a
// directory in name order, with their total size for progress.
func meterFiles(fsys fs.FS, name string) ([]string, int64, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, 0, fmt.Errorf("meter data: %w", err)
	}
	files := []string{name}
	if info.IsDir() {
		if files, err = listDir(fsys, name, ".csv", ".CSV", ".xlsx", ".txt"); err != nil {
			return nil, 0, fmt.Errorf("meter data: %w", err)
		}
		if len(files) == 0 {
			return nil, 0, fmt.Errorf("meter data: %s: no *.csv, *.txt or *.xlsx files", name)
		}
	}
	var total int64
	for _, f := range files {
		if st, err := fs.Stat(fsys, f); err == nil {
			total += st.Size()
		}
	}
	return files, total, nil
}

// listDir lists the files of dir whose names end in one of exts (case as
// given), in name order.
func listDir(fsys fs.FS, dir string, exts ...string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if slices.ContainsFunc(exts, func(x string) bool { return strings.HasSuffix(e.Name(), x) }) {
			files = append(files, path.Join(dir, e.Name()))
		}
	}
	slices.Sort(files)
	return files, nil
}

// each calls fn per connection of file; CSV is streamed with bounded
// memory, XLSX read whole (a workbook is not streamable). ctx is checked
// before every connection.
//
// Streaming needs each connection's rows together. A file sorted by time
// (every EAN at 00:00, then every EAN at 00:15, …) is read whole instead,
// with a note: its first connection ends after a single reading, so that
// connection is held back until the next one shows whether the file is
// contiguous, and nothing has reached fn when streaming gives up.
func (ms meterStream) each(ctx context.Context, file string, fn func(meter.Connection) error) error {
	call := func(m meter.Connection) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fn(m)
	}
	fh, err := input.OpenFS(ms.files, file, input.MeterCSV)
	if err != nil {
		return fmt.Errorf("meter data: %w", err)
	}
	defer fh.Close()
	var r io.Reader = fh
	if ms.read != nil {
		r = progressReader{fh, ms.read}
	}
	br := bufio.NewReaderSize(r, 1<<20)
	if isXLSX(file, br) {
		conns, _, err := xlsx.Read(br, file, ms.opts)
		if err != nil {
			return err
		}
		return eachOf(conns, call)
	}
	var (
		first  *meter.Connection
		passed bool // first has gone to fn: no fallback any more
	)
	err = meter.Stream(br, file, ms.opts, func(m meter.Connection) error {
		if first == nil && !passed {
			first = &m
			return nil
		}
		if !passed {
			if first.Quality.Readings <= 1 {
				return errInterleaved
			}
			passed = true
			if err := call(*first); err != nil {
				return err
			}
			first = nil
		}
		return call(m)
	})
	if err == nil && first != nil && !passed {
		return call(*first)
	}
	if !passed && (errors.Is(err, errInterleaved) || errors.Is(err, meter.ErrNotContiguous)) {
		*ms.notes = append(*ms.notes, fmt.Sprintf("%s: the rows of each connection are not together (sorted by time?); reading the whole file into memory instead of streaming it", file))
		conns, _, err := readMeter(ms.files, file, ms.opts)
		if err != nil {
			return err
		}
		return eachOf(conns, call)
	}
	if errors.Is(err, meter.ErrNotContiguous) {
		return fmt.Errorf("%w (check one contract against this file, or sort it by EAN, to read it whole)", err)
	}
	return err
}

// errInterleaved stops a stream whose rows turn out to be sorted by time.
var errInterleaved = errors.New("rows of connections interleaved")

func eachOf(conns []meter.Connection, fn func(meter.Connection) error) error {
	for _, c := range conns {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

// progressReader reports the bytes read through it.
type progressReader struct {
	r    io.Reader
	read func(int)
}

func (p progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if n > 0 {
		p.read(n)
	}
	return n, err
}
