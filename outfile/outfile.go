package outfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Mode is the permission of every file gridflex writes: an output is as
// readable as one the shell would create.
const Mode os.FileMode = 0o644

// Write runs fn on a temporary file next to path and renames it to path
// when fn and the close succeed; on any error the temporary file is removed
// and path is untouched. inputs are the command's input paths: writing over
// one of them (by any name: a link, a relative path) is refused before
// anything is written.
func Write(path string, inputs []string, fn func(io.Writer) error) (err error) {
	if err := CheckNotInput(path, inputs); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("-o %s: is not a regular file (%s): refusing to replace it", path, fi.Mode().Type())
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	tmp := f.Name()
	track(tmp)
	defer untrack(tmp)
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// CreateTemp makes the file private (0600).
	if err := f.Chmod(Mode); err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	if err := fn(f); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	return nil
}

// WriteBytes writes data to path as Write does.
func WriteBytes(path string, inputs []string, data []byte) error {
	return Write(path, inputs, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// CheckNotInput refuses an output path that names one of the inputs. Files
// are compared by identity (device and inode), so "./a.csv", a symlink to
// it and a hard link all count as the same file; an input that does not
// exist (stdin, "-") cannot be overwritten and is skipped.
func CheckNotInput(path string, inputs []string) error {
	out, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-o %s: %w", path, err)
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		fi, err := os.Stat(in)
		if err != nil {
			continue
		}
		if os.SameFile(out, fi) {
			return fmt.Errorf("-o %s: is the input file %s: refusing to overwrite an input (choose another output name)", path, in)
		}
		if fi.IsDir() {
			// An output inside an input directory (bulk contract checks
			// read a whole directory) would be read back on the next run.
			if rel, err := filepath.Rel(in, path); err == nil && filepath.IsLocal(rel) && filepath.Dir(rel) == "." {
				return fmt.Errorf("-o %s: is inside the input directory %s: refusing to overwrite an input", path, in)
			}
		}
	}
	return nil
}
