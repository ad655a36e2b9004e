package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"gridflex/input"
	"gridflex/meter"
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
	_, _, err := Read(bytes.NewReader(bomb), "bomb.xlsx", meter.Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "bomb.xlsx: an XLSX workbook larger than 256 MiB after decompression") {
		t.Errorf("Read(zip bomb) = %v, want an XLSX workbook larger than 256 MiB after decompression", err)
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
	_, _, err := Read(bytes.NewReader(liar), "liar.xlsx", meter.Options{})
	if err == nil || !strings.Contains(err.Error(), "liar.xlsx: not a readable XLSX workbook") {
		t.Errorf("Read(part larger than declared) = %v, want not a readable XLSX workbook", err)
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
	_, _, err := Read(bytes.NewReader(big), "cell.xlsx", meter.Options{})
	if !errors.Is(err, input.ErrTooLarge) || !strings.Contains(err.Error(), "cell.xlsx[Sheet1]:2: column B: an XLSX cell larger than 64 KiB") {
		t.Errorf("Read(70 KiB cell) = %v, want cell.xlsx[Sheet1]:2: column B: an XLSX cell larger than 64 KiB", err)
	}
}
