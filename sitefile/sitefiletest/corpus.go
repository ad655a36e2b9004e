// Package sitefiletest checks a site parser against a corpus of
// testdata/*.good.yaml and *.bad.yaml files, the convention of the contract
// corpus: a good file parses; each "# want: " line of a bad file is one
// whole line of the parser's error, so every problem is reported at once,
// at its line, with its field.
package sitefiletest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Corpus runs parse (name is the file's base name) on dir/*.good.yaml and
// the files more (examples named elsewhere, which must parse too), and on
// dir/*.bad.yaml.
func Corpus(t *testing.T, dir string, parse func(name string, data []byte) error, more ...string) {
	t.Helper()
	good, _ := filepath.Glob(filepath.Join(dir, "*.good.yaml"))
	good = append(good, more...)
	bad, _ := filepath.Glob(filepath.Join(dir, "*.bad.yaml"))
	if len(good) == 0 || len(bad) == 0 {
		t.Fatalf("%s: want *.good.yaml and *.bad.yaml files, got %d and %d", dir, len(good), len(bad))
	}
	for _, f := range good {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := parse(filepath.Base(f), data); err != nil {
				t.Errorf("parse(%s) = %v, want no error", f, err)
			}
		})
	}
	for _, f := range bad {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var ws []string
			sc := bufio.NewScanner(bytes.NewReader(data))
			for sc.Scan() {
				if w, ok := strings.CutPrefix(sc.Text(), "# want: "); ok {
					ws = append(ws, w)
				}
			}
			err = parse(filepath.Base(f), data)
			if len(ws) == 0 {
				t.Fatalf("%s has no # want: lines; its error is\n%v", f, err)
			}
			if err == nil {
				t.Fatalf("parse(%s) = nil error, want one", f)
			}
			lines := map[string]bool{}
			for _, l := range strings.Split(err.Error(), "\n") {
				lines[strings.TrimSpace(l)] = true
			}
			for _, w := range ws {
				if !lines[w] {
					t.Errorf("parse(%s) error\n%v\nhas no line\n%s", f, err, w)
				}
			}
		})
	}
}
