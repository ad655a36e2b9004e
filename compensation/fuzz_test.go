package compensation

import (
	"math"
	"testing"
)

// FuzzRequired: for every input Validate accepts, the formula gives a
// finite, non-negative figure whose breakdown adds up to it.
func FuzzRequired(f *testing.F) {
	f.Add(640000.0, 0.0, 5.0, 1040.0, 0.15, 4.0)
	f.Add(50000.0, 210750.0, 5.0, 1040.0, 0.15, 0.5)
	f.Add(0.0, 0.0, 1.0, 1.0, 0.0, 1e-9)
	f.Fuzz(func(t *testing.T, capex, opex, years, hours, margin, mw float64) {
		c := Costs{capex, opex, years, hours, margin, mw}
		if c.Validate() != nil {
			return
		}
		v, b := Required(c)
		if math.IsNaN(v) || v < 0 {
			t.Fatalf("Required(%+v) = %g, want ≥ 0", c, v)
		}
		if !math.IsInf(v, 0) && math.Abs(b.Total()-v) > 1e-9*math.Max(1, v) {
			t.Fatalf("Required(%+v): breakdown %g, want %g", c, b.Total(), v)
		}
	})
}

// FuzzParse: the flag parsers accept exactly their names.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"structural", "incidental", "low", "high", "", "High"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if h, err := ParseHours(s); (err == nil) != (s == "structural" || s == "incidental") || (err == nil && string(h) != s) {
			t.Fatalf("ParseHours(%q) = %q, %v", s, h, err)
		}
		if b, err := ParseBound(s); (err == nil) != (s == "low" || s == "high") || (err == nil && string(b) != s) {
			t.Fatalf("ParseBound(%q) = %q, %v", s, b, err)
		}
	})
}
