package input

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOpenRefusesDevicesAndDirectories(t *testing.T) {
	cases := []struct{ name, path, want string }{
		{"dev zero", "/dev/zero", "a device, want a regular file"},
		{"directory", t.TempDir(), "a directory, want a regular file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat(tc.path); err != nil {
				t.Skipf("%s absent: %v", tc.path, err)
			}
			_, err := ReadFile(tc.path, YAML)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadFile(%s) = %v, want %q", tc.path, err, tc.want)
			}
		})
	}
}

func TestSizeLimitCheckedWhileReading(t *testing.T) {
	small := Limit{What: "YAML file", Bytes: 10}
	if got, err := ReadFile(write(t, "ok.yaml", []byte("0123456789")), small); err != nil || len(got) != 10 {
		t.Errorf("ReadFile(10 bytes, limit 10) = %d bytes, %v; want all of it", len(got), err)
	}
	_, err := ReadFile(write(t, "big.yaml", []byte("0123456789x")), small)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "a YAML file larger than 10 bytes") {
		t.Errorf("ReadFile(11 bytes, limit 10) = %v, want a YAML file larger than 10 bytes", err)
	}
	// A reader that grows past the limit (a file appended to after Open).
	n, err := io.Copy(io.Discard, Bound(strings.NewReader(strings.Repeat("x", 100)), "grow", small))
	if !errors.Is(err, ErrTooLarge) || n != 10 {
		t.Errorf("Bound(100 bytes, 10) read %d, %v; want 10 then ErrTooLarge", n, err)
	}
}

// A gzip file of a few kilobytes that unpacks to 64 MiB is stopped at the
// limit after decompression, not read whole.
func TestGzipBombStopsAtDecompressedLimit(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zero := make([]byte, 1<<20)
	for range 64 {
		zw.Write(zero)
	}
	zw.Close()
	if buf.Len() > 128<<10 {
		t.Fatalf("bomb is %d bytes compressed, want a small file", buf.Len())
	}
	p := write(t, "sessions.csv.gz", buf.Bytes())
	l := Limit{What: "CSV file", Bytes: 1 << 20}
	rc, err := Open(p, l)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, rc)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !tl.Unpacked || n != l.Bytes {
		t.Fatalf("read %d bytes, %v; want %d then a limit error after decompression", n, err, l.Bytes)
	}
	if !strings.Contains(err.Error(), "after decompression") {
		t.Errorf("error %q does not say the limit was passed after decompression", err)
	}
}

func TestLinesLimit(t *testing.T) {
	in := "a,b\n" + strings.Repeat("x", 20) + "\nc,d\n"
	_, err := io.ReadAll(Lines(strings.NewReader(in), "f.csv", 10))
	if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "f.csv:2: a line larger than 10 bytes") {
		t.Errorf("Lines(20-byte line, 10) = %v, want f.csv:2: a line larger than 10 bytes", err)
	}
	if got, err := io.ReadAll(Lines(strings.NewReader(in), "f.csv", 20)); err != nil || string(got) != in {
		t.Errorf("Lines(20-byte line, 20) = %q, %v; want the input", got, err)
	}
}

func TestExcerpt(t *testing.T) {
	cases := []struct{ in, want string }{
		{"short", `"short"`},
		{strings.Repeat("a", 60), `"` + strings.Repeat("a", 60) + `"`},
		{strings.Repeat("a", 59) + "é and more", `"` + strings.Repeat("a", 59) + `"…`},
		{"root:x:0:0\nbin:x:1:1\n" + strings.Repeat("user:x:1000\n", 100), `"root:x:0:0\nbin:x:1:1\nuser:x:1000\nuser:x:1000\nuser:x:1000\nuse"…`},
	}
	for _, tc := range cases {
		if got := Excerpt(tc.in); got != tc.want {
			t.Errorf("Excerpt(%.20q…) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestErrorsStopAfterMax(t *testing.T) {
	var l Errors
	stopped := 0
	for i := range 25 {
		if l.Add(fmt.Errorf("problem %d", i)) {
			stopped++
		}
	}
	err := l.Err()
	if !errors.Is(err, ErrTooManyErrors) || strings.Count(err.Error(), "problem") != MaxErrors {
		t.Fatalf("Err() = %v, want %d problems and ErrTooManyErrors", err, MaxErrors)
	}
	if !strings.HasSuffix(err.Error(), "(5 more not shown)") || l.Len() != 25 || stopped != 6 {
		t.Errorf("Err() = …%q, Len %d, stop %d times; want 5 more not shown, 25, 6", err.Error()[len(err.Error())-40:], l.Len(), stopped)
	}
	if got := Cap(make([]string, 30)); len(got) != MaxErrors+1 || !strings.Contains(got[MaxErrors], "10 more not shown") {
		t.Errorf("Cap(30) = %d lines ending %q, want %d and 10 more not shown", len(got), got[len(got)-1], MaxErrors+1)
	}
}

func FuzzBound(f *testing.F) {
	f.Add([]byte("abc\ndef"), int64(3))
	f.Fuzz(func(t *testing.T, data []byte, limit int64) {
		if limit < 0 || limit > 1<<20 {
			return
		}
		got, err := io.ReadAll(Bound(bytes.NewReader(data), "f", Limit{What: "file", Bytes: limit}))
		if int64(len(data)) <= limit {
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("Bound(%d bytes, %d) = %d, %v; want all", len(data), limit, len(got), err)
			}
		} else if !errors.Is(err, ErrTooLarge) || int64(len(got)) != limit {
			t.Fatalf("Bound(%d bytes, %d) = %d, %v; want %d then ErrTooLarge", len(data), limit, len(got), err, limit)
		}
	})
}
