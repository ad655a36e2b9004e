package scenario

import (
	"fmt"
	"math"
	"strconv"
)

// Domain names the set of values a parameter may take. Validation, the
// `params` listing and error messages all derive from it.
type Domain string

// The domains a parameter can declare. An empty domain means Any.
const (
	Any         Domain = "any"         // any finite number
	NonNegative Domain = "nonnegative" // ≥ 0 (capacities, counts, costs)
	Positive    Domain = "positive"    // > 0 (divisors: SPF, hours, areas)
	Fraction    Domain = "fraction"    // 0 … 1 (shares, efficiencies, margins)
	HourOfDay   Domain = "hour"        // 0 … 24 (local clock time in hours)
)

var domains = map[Domain]string{
	Any:         "a finite number",
	NonNegative: "a number ≥ 0",
	Positive:    "a number > 0",
	Fraction:    "a share between 0 and 1",
	HourOfDay:   "an hour of the day between 0 and 24",
}

// Expect describes the domain for an error message.
func (d Domain) Expect() string {
	if s, ok := domains[d]; ok {
		return s
	}
	return domains[Any]
}

// Contains reports whether v lies in the domain.
func (d Domain) Contains(v float64) bool {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return false
	}
	switch d {
	case NonNegative:
		return v >= 0
	case Positive:
		return v > 0
	case Fraction:
		return v >= 0 && v <= 1
	case HourOfDay:
		return v >= 0 && v <= 24
	}
	return true
}

// Dist is the distribution sampled for a parameter with a range.
type Dist string

// Distributions. Uniform samples [Low, High]; Triangular has its mode at the
// parameter's Value; Normal has its mean at Value and treats Low and High as
// the 5th and 95th percentiles (σ = (High−Low)/(2·1.645)), truncated to the
// parameter's domain.
const (
	Uniform    Dist = "uniform"
	Triangular Dist = "triangular"
	Normal     Dist = "normal"
)

// Range is the uncertainty of a parameter: the interval the study gives (or
// the user assumes) and how to sample it.
type Range struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	Dist Dist    `json:"dist"`
}

// Param is one named assumption.
type Param struct {
	Key         string  `json:"key"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Source      string  `json:"source"`
	Description string  `json:"description"`
	// Domain restricts Value and the range bounds.
	Domain Domain `json:"domain,omitempty"`
	// Calibrated marks a value the study does not print but that was chosen
	// to reproduce a published result (study-model.md §2.2).
	Calibrated bool `json:"calibrated,omitempty"`
	// Range is nil for a parameter without uncertainty.
	Range *Range `json:"range,omitempty"`
	// Model names the defaults file the parameter comes from (potential,
	// compensation, …); it groups the listing.
	Model string `json:"model,omitempty"`
}

// Low returns the low end of the range, or Value without a range.
func (p Param) Low() float64 {
	if p.Range == nil {
		return p.Value
	}
	return p.Range.Low
}

// High returns the high end of the range, or Value without a range.
func (p Param) High() float64 {
	if p.Range == nil {
		return p.Value
	}
	return p.Range.High
}

// check returns the problems with p's values, each phrased "want …, got …".
func (p Param) check() []string {
	var out []string
	d := p.Domain
	if !d.Contains(p.Value) {
		out = append(out, fmt.Sprintf("value: want %s, got %s", d.Expect(), fmtNum(p.Value)))
	}
	if r := p.Range; r != nil {
		if !d.Contains(r.Low) {
			out = append(out, fmt.Sprintf("low: want %s, got %s", d.Expect(), fmtNum(r.Low)))
		}
		if !d.Contains(r.High) {
			out = append(out, fmt.Sprintf("high: want %s, got %s", d.Expect(), fmtNum(r.High)))
		}
		if r.Low > r.High {
			out = append(out, fmt.Sprintf("range: want low ≤ high, got %s > %s", fmtNum(r.Low), fmtNum(r.High)))
		} else if p.Value < r.Low || p.Value > r.High {
			out = append(out, fmt.Sprintf("value: want within the range %s..%s, got %s", fmtNum(r.Low), fmtNum(r.High), fmtNum(p.Value)))
		}
		switch r.Dist {
		case Uniform, Triangular, Normal:
		default:
			out = append(out, fmt.Sprintf("dist: want uniform, triangular or normal, got %q", r.Dist))
		}
	}
	return out
}

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
