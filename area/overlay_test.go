package area

import (
	"io/fs"
	"testing/fstest"
)

// overlay serves some files from memory and the rest from a base FS.
type overlay struct {
	base  fs.FS
	files map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if b, ok := o.files[name]; ok {
		return fstest.MapFS{name: {Data: b}}.Open(name)
	}
	return o.base.Open(name)
}
