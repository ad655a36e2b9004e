package sitefile

import (
	"errors"
	"strings"
	"testing"
)

type numSite struct {
	Name  string  `yaml:"name"`
	KW    float64 `yaml:"kw"`
	Count int     `yaml:"count"`
	EAN   string  `yaml:"ean"`
	Runs  []struct {
		N     int `yaml:"n"`
		Inner `yaml:",inline"`
	} `yaml:"runs"`
	ByName map[string]float64 `yaml:"by_name"`
	Opt    *float64           `yaml:"opt"`
}

type Inner struct {
	Capex *float64 `yaml:"capex_eur"`
}

// The finite but absurd values, each refused with its field and
// line, where the YAML decoder took them (1e-400 as 0, 2.5 as 2, 1__5 as
// 15, a second document ignored).
func TestStrictNumbers(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"huge", "kw: 1e308\n", "f.yaml:1: kw: want a magnitude at most 1e+12, got \"1e308\""},
		{"underflow", "name: a\nkw: 1e-400\n", "f.yaml:2: kw: want 0 or a magnitude at least 1e-12, got \"1e-400\""},
		{"fraction for a count", "count: 2.5\n", "f.yaml:1: count: want a whole number, got \"2.5\""},
		{"underscores", "count: 1__5\n", "f.yaml:1: count: want a whole number written in decimal digits, got \"1__5\""},
		{"explicit str tag", "kw: !!str 210\n", "f.yaml:1: kw: want a number, got text \"210\""},
		{"quoted number names its own field", "runs: [{n: 1, capex_eur: \"2\"}]\n", "f.yaml:1: runs[0].capex_eur: want a number, got text \"2\""},
		{"inf", "by_name: {a: .inf}\n", "f.yaml:1: by_name.a: want a number written in decimal digits, got \".inf\""},
		{"nan", "opt: .nan\n", "f.yaml:1: opt: want a number written in decimal digits, got \".nan\""},
		{"hex", "kw: 0x10\n", "f.yaml:1: kw: want a number written in decimal digits, got \"0x10\""},
		{"second document", "kw: 1\n---\nkw: 2\n", "f.yaml:2: a second YAML document (---): want one site per file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var s numSite
			f, err := Decode("f.yaml", []byte(tc.data), &s)
			if err == nil {
				err = f.Err(nil)
			}
			if err == nil || err.Error() != tc.want {
				t.Errorf("Decode(%q) = %v, want %s", tc.data, err, tc.want)
			}
		})
	}
	// Plain decimals, an EAN of 18 digits in a text field and null pass.
	var s numSite
	f, err := Decode("f.yaml", []byte("kw: -1.5e3\ncount: 12\nean: 871687120000000001\nopt: null\nruns: [{n: 0, capex_eur: 0.0}]\n"), &s)
	if err != nil || f.Err(nil) != nil {
		t.Errorf("Decode(good) = %v, %v", err, f.Err(nil))
	}
}

func TestErrFieldsAndCap(t *testing.T) {
	var s numSite
	f, err := Decode("f.yaml", []byte("kw: 1e400\ncount: 1\n"), &s)
	if err != nil {
		t.Fatal(err)
	}
	var checks Checks
	for range 30 {
		checks.Add("count", "want > 1, got %d", s.Count)
	}
	err = f.Err(checks)
	var se *Error
	if !errors.As(err, &se) || len(se.Fields) != 31 || se.Fields[0].Path != "kw" {
		t.Fatalf("Err = %v, want *Error with 31 fields, the first kw", err)
	}
	if lines := se.Lines(); len(lines) != 21 || !strings.Contains(lines[20], "11 more not shown") {
		t.Errorf("Err lines = %d, last %q; want 20 and 11 more not shown", len(lines), lines[len(lines)-1])
	}
}
