package potential

import (
	"math"
	"testing"

	"gridflex/scenario"
)

// domainExtremes are the smallest allowed and a largest sensible value of a
// parameter's domain: 0 for ≥ 0 and shares, a tiny number for > 0 (the
// domain excludes 0 because the model divides by it), 1 for shares and a
// value far above any real input otherwise.
func domainExtremes(d scenario.Domain) []float64 {
	switch d {
	case scenario.Positive:
		return []float64{1e-9, 1e9}
	case scenario.Fraction:
		return []float64{0, 1}
	case scenario.HourOfDay:
		return []float64{0, 24}
	default:
		return []float64{0, 1e9}
	}
}

// TestOutputsFiniteAtDomainExtremes is a property over every potential
// parameter: set alone to either end of its domain, every output of the
// model, of the bounds and of every explain step stays finite (a divisor
// with a domain that admits 0 would give +Inf or NaN, which JSON refuses).
func TestOutputsFiniteAtDomainExtremes(t *testing.T) {
	base := scenario.Default()
	for _, p := range base.Params() {
		if p.Model != "potential" {
			continue
		}
		for _, v := range domainExtremes(p.Domain) {
			s := base.With(p.Key, v)
			for _, opts := range []Options{{}, {WithDatacenters: true}} {
				r := EvaluateWith(s, opts)
				check := func(what string, x float64) {
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Errorf("%s=%g (domain %s): %s = %v, want finite", p.Key, v, p.Domain, what, x)
					}
				}
				for _, m := range r.Measures {
					check(m.ID+" min", m.MinMW)
					check(m.ID+" max", m.MaxMW)
					check(m.ID+" point", m.PointMW)
				}
				for _, sc := range r.Sectors {
					check(sc.ID+" min", sc.MinMW)
					check(sc.ID+" max", sc.MaxMW)
				}
				check("total min", r.Total.MinMW)
				check("total max", r.Total.MaxMW)
				for _, id := range ExplainIDs() {
					e, err := Explain(s, id, opts)
					if err != nil {
						t.Fatalf("Explain(%q) error: %v", id, err)
					}
					check("explain "+id+" point", e.PointMW)
					for _, st := range e.Steps {
						check("explain "+id+" step "+st.Name+" min case", st.MinCase)
						check("explain "+id+" step "+st.Name+" max case", st.MaxCase)
					}
				}
			}
		}
	}
}
