package meter

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/input"
)

// rezip copies a workbook, passing each part through edit; a part for
// which edit returns raw != nil is stored as that precompressed deflate
// stream with the declared uncompressed size, as a hostile file can.
func rezip(t *testing.T, wb []byte, edit func(name string, b []byte) (out []byte, raw []byte, declared uint64)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(wb), int64(len(wb)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		out, raw, declared := edit(f.Name, b)
		if raw != nil {
			w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Deflate,
				CompressedSize64: uint64(len(raw)), UncompressedSize64: declared})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(raw)
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(out)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflated is n zero bytes as a raw deflate stream (a few KiB per MiB).
func deflated(n int) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zero := make([]byte, 1<<20)
	for n > 0 {
		k := min(n, len(zero))
		fw.Write(zero[:k])
		n -= k
	}
	fw.Close()
	return buf.Bytes()
}

// noTempFiles points TMPDIR at an empty directory and checks after the
// test that nothing was left in it.
func noTempFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	t.Cleanup(func() {
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	})
}

const sheetPart = "xl/worksheets/sheet1.xml"

// A workbook whose sheet declares 2 GiB unzipped (the 2 MB file with
// one 2 GiB cell ran 181 s to 16.8 GB) is refused from its zip headers,
// before anything is unzipped, and leaves no temporary file.
func TestXLSXZipBombRefusedFromHeaders(t *testing.T) {
	noTempFiles(t)
	wb := workbook(t, [][]any{{"datetime", "x_kw"}, {"2026-01-01 00:00", 1.0}}).Bytes()
	bomb := rezip(t, wb, func(name string, b []byte) ([]byte, []byte, uint64) {
		if name == sheetPart {
			return nil, deflated(2 << 20), 2 << 30
		}
		return b, nil, 0
	})
	_, _, err := ReadXLSX(bytes.NewReader(bomb), "bomb.xlsx", Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "bomb.xlsx: an XLSX workbook larger than 256 MiB after decompression") {
		t.Errorf("ReadXLSX(zip bomb) = %v, want an XLSX workbook larger than 256 MiB after decompression", err)
	}
}

// A part that unzips to more than its header declares is cut off by
// archive/zip at the declared size, so it cannot get past the header check.
func TestXLSXPartLargerThanDeclared(t *testing.T) {
	noTempFiles(t)
	wb := workbook(t, [][]any{{"datetime", "x_kw"}, {"2026-01-01 00:00", 1.0}}).Bytes()
	liar := rezip(t, wb, func(name string, b []byte) ([]byte, []byte, uint64) {
		if name == sheetPart {
			return nil, deflated(64 << 20), 1000
		}
		return b, nil, 0
	})
	_, _, err := ReadXLSX(bytes.NewReader(liar), "liar.xlsx", Options{})
	if err == nil || !strings.Contains(err.Error(), "liar.xlsx: not a readable XLSX workbook") {
		t.Errorf("ReadXLSX(part larger than declared) = %v, want not a readable XLSX workbook", err)
	}
}

func TestXLSXCellLimit(t *testing.T) {
	noTempFiles(t)
	wb := workbook(t, [][]any{{"datetime", "x_kw"}, {"2026-01-01 00:00", "CELL"}}).Bytes()
	big := rezip(t, wb, func(name string, b []byte) ([]byte, []byte, uint64) {
		if name == "xl/sharedStrings.xml" {
			b = bytes.Replace(b, []byte("CELL"), bytes.Repeat([]byte("9"), input.MaxLine+1), 1)
		}
		return b, nil, 0
	})
	_, _, err := ReadXLSX(bytes.NewReader(big), "cell.xlsx", Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "cell.xlsx[Sheet1]:2: column B: an XLSX cell larger than 64 KiB") {
		t.Errorf("ReadXLSX(70 KiB cell) = %v, want cell.xlsx[Sheet1]:2: column B: an XLSX cell larger than 64 KiB", err)
	}
}

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
	_, _, err := ReadFile("/dev/zero", Options{})
	if err == nil || !strings.Contains(err.Error(), "a device, want a regular file") {
		t.Errorf("ReadFile(/dev/zero) = %v, want a device, want a regular file", err)
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
	_, _, err := ReadFile(p, Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "m.csv.gz:2: a line larger than 64 KiB") {
		t.Errorf("ReadFile(gzip of zeros) = %v, want m.csv.gz:2: a line larger than 64 KiB", err)
	}
	// and a good gzip file reads like its CSV
	buf.Reset()
	zw = gzip.NewWriter(&buf)
	zw.Write([]byte("datetime;871687120000000001_kw\n2026-01-01T00:00:00+01:00;1\n"))
	zw.Close()
	os.WriteFile(p, buf.Bytes(), 0o644)
	if conns, _, err := ReadFile(p, Options{}); err != nil || len(conns) != 1 {
		t.Errorf("ReadFile(good .csv.gz) = %d connections, %v", len(conns), err)
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
