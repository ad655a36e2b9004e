package sitefile

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type site struct {
	Name string  `yaml:"name"`
	KW   float64 `yaml:"kw"`
	Runs []struct {
		N int `yaml:"n"`
	} `yaml:"runs"`
}

func decode(data string) error {
	var s site
	dec := yaml.NewDecoder(bytes.NewReader([]byte(data)))
	dec.KnownFields(true)
	return dec.Decode(&s)
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, data string
		partial    bool
		want       []string
	}{
		{"unknown key", "name: a\ncolour: red\n", true, []string{"f.yaml:2: colour: unknown key"}},
		{"wrong type and nested unknown key", "name: a\nkw: lots\nruns:\n  - n: 1\n    m: 2\n", true,
			[]string{`f.yaml:2: kw: want a number, got str "lots"`, "f.yaml:5: m: unknown key"}},
		{"whole number", "runs: [{n: many}]\n", true, []string{`f.yaml:1: n: want a whole number, got str "many"`}},
		{"syntax", "name: a\n  kw: [1\n", false, []string{"f.yaml:"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, partial := DecodeErrors("f.yaml", []byte(tc.data), decode(tc.data))
			if partial != tc.partial || len(msgs) != len(tc.want) {
				t.Fatalf("DecodeErrors(%q) = %q, %v, want %d messages, partial %v", tc.data, msgs, partial, len(tc.want), tc.partial)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(msgs[i], w) {
					t.Errorf("DecodeErrors(%q)[%d] = %q, want prefix %q", tc.data, i, msgs[i], w)
				}
			}
		})
	}
}

func TestMerge(t *testing.T) {
	err := Merge([]string{"f.yaml:4: want a number, got str \"x\""},
		[]string{"f.yaml:7: runs: want …", "f.yaml:4: kw: want > 0, got 0", "f.yaml:2: name: want a name\nf.yaml:9: other: bad"})
	want := "f.yaml:2: name: want a name\nf.yaml:4: want a number, got str \"x\"\nf.yaml:7: runs: want …\nf.yaml:9: other: bad"
	if err == nil || err.Error() != want {
		t.Errorf("Merge = %v, want\n%s", err, want)
	}
	if err := Merge(nil, nil); err != nil {
		t.Errorf("Merge(nil, nil) = %v, want nil", err)
	}
}

// Any input gives one message per problem, each naming the file.
func FuzzDecodeErrors(f *testing.F) {
	for _, s := range []string{"name: a\ncolour: red\n", "kw: x\n", "runs: [{n: q}]", "a: [", ":::", "name: C:\\x:3:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		err := decode(data)
		if err == nil {
			return
		}
		msgs, _ := DecodeErrors("f.yaml", []byte(data), err)
		if len(msgs) == 0 {
			t.Fatalf("DecodeErrors(%q) = no message for %v", data, err)
		}
		for _, m := range msgs {
			if !strings.HasPrefix(m, "f.yaml:") {
				t.Errorf("DecodeErrors(%q) = %q, want the file name first", data, m)
			}
		}
		_ = Merge(msgs, []string{m0(msgs)})
	})
}

func m0(msgs []string) string { return msgs[0] }
