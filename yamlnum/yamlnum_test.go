package yamlnum

import (
	"bytes"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		value string
		whole bool
		want  string // substring of the problem; "" accepted
	}{
		{"210", true, ""},
		{"2.5", false, ""},
		{"-0.0", false, ""},
		{"1e3", false, ""},
		{"~", false, ""},
		{"2.5", true, "whole number"},
		{"1e308", false, "magnitude at most"},
		{"1e-400", false, "magnitude at least"},
		{"1e-13", false, "magnitude at least"},
		{"1__5", true, "decimal digits"},
		{"0x10", true, "decimal digits"},
		{".inf", false, "decimal digits"},
		{".nan", false, "decimal digits"},
		{"!!str 210", true, "got text"},
		{`"210"`, false, "got text"},
	} {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte("v: "+tc.value), &doc); err != nil {
			t.Fatal(err)
		}
		got := Check(doc.Content[0].Content[1], tc.whole)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Check(%s, whole=%v) = %q, want %q", tc.value, tc.whole, got, tc.want)
		}
	}
}

func TestSecondDocument(t *testing.T) {
	for in, want := range map[string]int{"a: 1\n": 0, "a: 1\n---\nb: 2\n": 2} {
		dec := yaml.NewDecoder(bytes.NewReader([]byte(in)))
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			t.Fatal(err)
		}
		if got, err := SecondDocument(dec); got != want || err != nil {
			t.Errorf("SecondDocument(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
}
