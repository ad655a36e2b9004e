package outfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteDirRefusesOldFiles: a directory holding an earlier export is
// refused (its files would mix with the new ones or be left behind), and
// nothing is written; a new or empty directory gets exactly the files.
func TestWriteDirRefusesOldFiles(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "ocpp")
	files := []DirFile{{"a.json", []byte("1")}, {"b.json", []byte("2")}}
	if err := WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	err := WriteDir(dir, []DirFile{{"a.json", []byte("3")}})
	if err == nil || !strings.Contains(err.Error(), "a.json, b.json") {
		t.Fatalf("WriteDir(into an earlier export) = %v, want a refusal naming its files", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.json")); string(b) != "1" {
		t.Errorf("refused WriteDir changed a.json to %q", b)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("%d entries next to the export, want no temporary left: %v", len(entries), entries)
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteDir(empty, files); err != nil {
		t.Fatalf("WriteDir(empty dir) = %v", err)
	}
	if got, _ := os.ReadDir(empty); len(got) != 2 {
		t.Errorf("empty dir got %d files, want 2", len(got))
	}
	if err := WriteDir(filepath.Join(root, "x"), []DirFile{{"A.json", nil}, {"a.json", nil}}); err == nil {
		t.Error("WriteDir(names equal but for case) = nil error, want one")
	}
}
