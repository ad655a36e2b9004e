package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// DirFile is one file of a directory written by WriteDir.
type DirFile struct {
	Name string // a plain file name, no directory part
	Data []byte
}

// WriteDir writes files as a new directory dir, all or nothing: they are
// written into a temporary directory next to dir, which is then renamed to
// dir. dir must not exist or be empty: files of an earlier export would
// otherwise mix with the new ones or be left behind looking current.
func WriteDir(dir string, files []DirFile) (err error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return fmt.Errorf("-o %s: %w", dir, err)
	case !fi.IsDir():
		return fmt.Errorf("-o %s: want a directory, got a %s", dir, kind(fi))
	default:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("-o %s: %w", dir, err)
		}
		if len(entries) > 0 {
			var names []string
			for _, e := range entries[:min(3, len(entries))] {
				names = append(names, e.Name())
			}
			more := ""
			if len(entries) > 3 {
				more = fmt.Sprintf(", … %d in all", len(entries))
			}
			return fmt.Errorf("-o %s: want a new or empty directory, got one holding %s%s (old files would mix with the new ones or be left behind; remove them or choose another directory)",
				dir, strings.Join(names, ", "), more)
		}
	}
	seen := map[string]bool{}
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || f.Name == "." || f.Name == ".." || seen[strings.ToLower(f.Name)] {
			return fmt.Errorf("-o %s: file name %q: want a unique plain file name", dir, f.Name)
		}
		seen[strings.ToLower(f.Name)] = true
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("-o %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(filepath.Clean(dir))+".*.tmp")
	if err != nil {
		return fmt.Errorf("-o %s: %w", dir, err)
	}
	track(tmp)
	defer untrack(tmp)
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return fmt.Errorf("-o %s: %w", dir, err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, Mode); err != nil {
			return fmt.Errorf("-o %s: %w", dir, err)
		}
	}
	if fi != nil {
		if err := os.Remove(dir); err != nil { // empty, checked above
			return fmt.Errorf("-o %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("-o %s: %w", dir, err)
	}
	return nil
}

func kind(fi os.FileInfo) string {
	if fi.Mode().IsRegular() {
		return "regular file"
	}
	return fi.Mode().Type().String()
}
