package meter

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/input"
)

func TestCSVLineLimit(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"long data line", "datetime;x_kw\n2026-01-01 00:00;" + strings.Repeat("1", input.MaxLine) + "\n", "m.csv:2: a line larger than 64 KiB"},
		{"endless header", strings.Repeat("x", 4<<20), "m.csv:1: a line larger than 64 KiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Read(strings.NewReader(tc.data), "m.csv", Options{})
			if !errors.Is(err, input.ErrTooLarge) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Read = %v, want %s", err, tc.want)
			}
		})
	}
}

// /dev/zero given as a meter file once grew memory without bound.
func TestReadFileRefusesDevZero(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("/dev/zero absent")
	}
	_, _, err := readFile("/dev/zero", Options{})
	if err == nil || !strings.Contains(err.Error(), "a device, want a regular file") {
		t.Errorf("readFile(/dev/zero) = %v, want a device, want a regular file", err)
	}
}

// A small .csv.gz of zeros (the 1 MB file reached 12.7 GB) stops at
// the first line limit.
func TestGzipMeterFileBounded(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("datetime;x_kw\n"))
	zw.Write(make([]byte, 32<<20))
	zw.Close()
	p := filepath.Join(t.TempDir(), "m.csv.gz")
	os.WriteFile(p, buf.Bytes(), 0o644)
	_, _, err := readFile(p, Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "m.csv.gz:2: a line larger than 64 KiB") {
		t.Errorf("readFile(gzip of zeros) = %v, want m.csv.gz:2: a line larger than 64 KiB", err)
	}
	// and a good gzip file reads like its CSV
	buf.Reset()
	zw = gzip.NewWriter(&buf)
	zw.Write([]byte("datetime;871687120000000001_kw\n2026-01-01T00:00:00+01:00;1\n"))
	zw.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)
	if conns, _, err := readFile(p, Options{}); err != nil || len(conns) != 1 {
		t.Errorf("readFile(good .csv.gz) = %d connections, %v", len(conns), err)
	}
}

// A header of a thousand bad columns gives 20 messages and a count.
func TestHeaderErrorsStopAfter20(t *testing.T) {
	h := "datetime" + strings.Repeat(";load", 1000) + "\n"
	_, _, err := Read(strings.NewReader(h), "m.csv", Options{})
	if !errors.Is(err, ErrTooManyErrors) || strings.Count(err.Error(), "no unit in header") != input.MaxErrors ||
		!strings.Contains(err.Error(), "(1979 more not shown)") {
		t.Errorf("Read(1000 bad header cells) = …%s, want 20 and (1979 more not shown: 980 without unit, 999 repeated)", err.Error()[len(err.Error())-200:])
	}
}

// Two columns of the same role or connection are refused, never one
// silently preferred.
func TestDuplicateColumnRefused(t *testing.T) {
	for _, h := range []string{
		"ean;interval_start;offtake_kwh;offtake_kwh",
		"ean;interval_start;interval_start;offtake_kwh",
		"interval_start;871687120000000001 [kW];871687120000000001 [kW]",
	} {
		_, _, err := Read(strings.NewReader(h+"\n"), "m.csv", Options{})
		if err == nil || !strings.Contains(err.Error(), "m.csv:1: column") {
			t.Errorf("Read(%q) = %v, want a duplicate column error", h, err)
		}
	}
}
