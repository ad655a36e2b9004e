package outfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "meter.csv")
	if err := os.WriteFile(in, []byte("input"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{in, link, filepath.Join(dir, ".", "meter.csv")} {
		err := WriteBytes(out, []string{in}, []byte("output"))
		if err == nil || !strings.Contains(err.Error(), "refusing to overwrite an input") {
			t.Errorf("Write(%s) over its input: err = %v", out, err)
		}
	}
	if b, _ := os.ReadFile(in); string(b) != "input" {
		t.Fatalf("input changed to %q", b)
	}
}

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(out, nil, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Fatalf("failed write left %q, want the old file", b)
	}
	if err := WriteBytes(out, nil, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != Mode {
		t.Errorf("mode %v, want %v", fi.Mode().Perm(), Mode)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only out.csv (temporary files left behind)", len(entries))
	}
}

func TestWriteRefusesNonRegular(t *testing.T) {
	if err := WriteBytes(t.TempDir(), nil, []byte("x")); err == nil {
		t.Fatal("writing over a directory was accepted")
	}
}
