package main

import (
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// nonFinite matches Inf or NaN as a value in a table, CSV or JSON output.
var nonFinite = regexp.MustCompile(`(?i)(^|[^a-z])[+-]?(inf|infinity|nan)($|[^a-z])`)

// TestNoInfOrNaNInOutputs: every parameter pushed to extremes (×1e6, 0,
// negative) through the national model's table, CSV and JSON writers gives either
// a clean refusal or output without Inf and NaN (issue 9 item 11).
func TestNoInfOrNaNInOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the model some thousand times")
	}
	out, _, err := runCLI(t, "params", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"1,+Inf,2", `{"mw": NaN}`, "-inf", "Infinity"} {
		if !nonFinite.MatchString(s) {
			t.Fatalf("nonFinite misses %q", s)
		}
	}
	for _, s := range []string{"information", "financial", "nano", "Nancy"} {
		if nonFinite.MatchString(s) {
			t.Fatalf("nonFinite matches the word %q", s)
		}
	}
	commands := [][]string{
		{"potential", "--format", "json"},
		{"compensation", "--format", "csv"},
		{"unlock", "--price", "50", "--format", "table"},
	}
	for _, r := range recs[1:] {
		key := r[0]
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			continue // a text parameter
		}
		for _, x := range []float64{v * 1e6, 0, -v} {
			set := key + "=" + strconv.FormatFloat(x, 'g', -1, 64)
			for _, c := range commands {
				args := append(append([]string{}, c...), "--set", set)
				out, _, err := runCLI(t, args...)
				if err != nil {
					continue // refused with an error: fine
				}
				if m := nonFinite.FindString(out); m != "" {
					t.Errorf("gridflex %s: output has %q", strings.Join(args, " "), m)
				}
			}
		}
	}
}
