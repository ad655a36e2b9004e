package input

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// ErrTooLarge is wrapped by every error of an input over its limit.
var ErrTooLarge = errors.New("input too large")

// TooLargeError says which input passed which limit.
type TooLargeError struct {
	Name  string // file name
	What  string // "YAML file", "line", "XLSX cell"
	Limit int64  // bytes
	// Unpacked is true when the limit was passed after decompression.
	Unpacked bool
}

func (e *TooLargeError) Error() string {
	after := ""
	if e.Unpacked {
		after = " after decompression"
	}
	msg := fmt.Sprintf("%s larger than %s%s (the limit for %s; see README \"Input limits\")",
		article(e.What), Size(e.Limit), after, article(e.What))
	if e.Name == "" {
		return msg
	}
	return e.Name + ": " + msg
}

func (e *TooLargeError) Unwrap() error { return ErrTooLarge }

func article(what string) string {
	if what != "" && strings.ContainsRune("aeiouAEIOUX", rune(what[0])) {
		return "an " + what
	}
	return "a " + what
}

// Stat returns the file info of path when it is a regular file (symbolic
// links followed) and an error naming what it is otherwise: a device such
// as /dev/zero, a FIFO or a directory has no size to check and could block
// or never end.
func Stat(path string) (fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, want a regular file", path, modeName(fi.Mode()))
	}
	return fi, nil
}

func modeName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// Open opens a regular file of at most l.Bytes. A name ending in .gz is
// decompressed, and its content is held to l.Bytes as well. Reading past
// the limit fails with a *TooLargeError (the limit is checked while
// reading, so a file that grows after Open is caught too).
func Open(path string, l Limit) (io.ReadCloser, error) {
	fi, err := Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > l.Bytes {
		return nil, &TooLargeError{Name: path, What: l.What, Limit: l.Bytes}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// The path may have been replaced between Stat and Open.
	if fi2, err := f.Stat(); err != nil || !os.SameFile(fi, fi2) {
		f.Close()
		return nil, fmt.Errorf("%s: changed while being opened", path)
	}
	r := Bound(f, path, l)
	if !strings.HasSuffix(strings.ToLower(path), ".gz") {
		return readCloser{r, f}, nil
	}
	gz, err := gzip.NewReader(r)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a gzip file: %w", path, err)
	}
	u := Bound(gz, path, l).(*bounded)
	u.unpacked = true
	return readCloser{u, multiCloser{gz, f}}, nil
}

// ReadFile reads a whole regular file of at most l.Bytes (see Open).
func ReadFile(path string, l Limit) ([]byte, error) {
	rc, err := Open(path, l)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

type readCloser struct {
	io.Reader
	io.Closer
}

type multiCloser []io.Closer

func (m multiCloser) Close() error {
	var errs []error
	for _, c := range m {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// Bound returns a reader of r that fails with a *TooLargeError once more
// than l.Bytes were read, instead of truncating silently.
func Bound(r io.Reader, name string, l Limit) io.Reader {
	return &bounded{r: r, left: l.Bytes, err: &TooLargeError{Name: name, What: l.What, Limit: l.Bytes}}
}

type bounded struct {
	r        io.Reader
	left     int64
	err      *TooLargeError
	unpacked bool
}

func (b *bounded) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.fail()
	}
	// One byte beyond the limit tells a file of exactly the limit from a
	// larger one.
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n + int(b.left), b.fail()
	}
	return n, err
}

func (b *bounded) fail() error {
	b.err.Unpacked = b.unpacked
	return b.err
}

// Lines returns a reader of r that fails with a *TooLargeError when a line
// is longer than max bytes, so a reader that buffers a line (encoding/csv,
// bufio.Scanner) holds at most max bytes of it.
func Lines(r io.Reader, name string, max int) io.Reader {
	return &lines{r: r, max: max, name: name}
}

type lines struct {
	r    io.Reader
	max  int
	run  int // bytes since the last newline
	name string
	line int // newlines seen
}

func (l *lines) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.line++
			l.run = 0
			continue
		}
		l.run++
		if l.run > l.max {
			return i, &TooLargeError{Name: fmt.Sprintf("%s:%d", l.name, l.line+1), What: "line", Limit: int64(l.max)}
		}
	}
	return n, err
}
