package area

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/scenario"
)

// Every bad-*.yaml in testdata/study names the errors it must give in
// "# want:" lines (file, line, field, what was found and what is valid).
func TestBadFiles(t *testing.T) {
	files, err := filepath.Glob("testdata/study/bad-*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	for _, fn := range files {
		t.Run(filepath.Base(fn), func(t *testing.T) {
			data, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse(context.Background(), os.DirFS("testdata/study"), filepath.Base(fn), scenario.Default())
			if err == nil {
				t.Fatal("Parse succeeded, want an error")
			}
			for _, l := range strings.Split(string(data), "\n") {
				if want, ok := strings.CutPrefix(l, "# want: "); ok && !strings.Contains(err.Error(), want) {
					t.Errorf("Parse error\n%v\nwant it to contain %q", err, want)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("testdata/study/area.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("name: x\nsince: 2020-01-01\n"))
	fsys := os.DirFS("testdata/study")
	sc := scenario.Default()
	f.Fuzz(func(t *testing.T, b []byte) {
		mem := overlay{fsys, map[string][]byte{"fuzz.yaml": b}}
		a, err := Parse(context.Background(), mem, "fuzz.yaml", sc)
		if err != nil {
			return
		}
		fr := Free(a, sc)
		o, err := NewReleaseOptions(a, sc)
		if err != nil {
			return
		}
		Reissue(a, fr.FreedKW, fr.MeanFreedKW(), o)
	})
}
