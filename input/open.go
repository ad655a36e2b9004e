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
func Stat(path string) (fs.FileInfo, error) { return StatFS(osFS{}, path) }

// StatFS is Stat in fsys.
func StatFS(fsys fs.FS, name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %s, want a regular file", name, modeName(fi.Mode()))
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

// osFS opens paths as typed, relative or absolute, like the command line.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error)     { return os.Open(name) }
func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(name) }

// Open opens a regular file of at most l.Bytes. A name ending in .gz is
// decompressed, and its content is held to l.Bytes as well; with l.Line
// set, so is every line. Reading past a limit fails with a *TooLargeError
// (checked while reading, so a file that grows after Open is caught too).
func Open(path string, l Limit) (io.ReadCloser, error) { return OpenFS(osFS{}, path, l) }

// OpenFS is Open in fsys. The file is checked to be regular before it is
// opened (opening a FIFO would block) and again after.
func OpenFS(fsys fs.FS, name string, l Limit) (io.ReadCloser, error) {
	fi, err := StatFS(fsys, name)
	if err != nil {
		return nil, err
	}
	if fi.Size() > l.Bytes {
		return nil, &TooLargeError{Name: name, What: l.What, Limit: l.Bytes}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	if fi2, err := f.Stat(); err != nil || !fi2.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: changed while being opened, want a regular file", name)
	}
	r := Bound(f, name, l)
	var c io.Closer = f
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		gz, err := gzip.NewReader(r)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: not a gzip file: %w", name, err)
		}
		u := Bound(gz, name, l).(*bounded)
		u.unpacked = true
		r, c = u, multiCloser{gz, f}
	}
	if l.Line > 0 {
		r = Lines(r, name, l.Line)
	}
	return readCloser{r, c}, nil
}

// ReadFile reads a whole regular file of at most l.Bytes (see Open).
func ReadFile(path string, l Limit) ([]byte, error) { return ReadFileFS(osFS{}, path, l) }

// ReadFileFS is ReadFile in fsys.
func ReadFileFS(fsys fs.FS, name string, l Limit) ([]byte, error) {
	rc, err := OpenFS(fsys, name, l)
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
