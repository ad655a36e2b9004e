package scenario

import (
	"math"
	"math/rand/v2"
)

// z95 is the standard normal quantile of 0.95: a normal range's low and high
// are its 5th and 95th percentiles, so σ = (high − low) / (2 · z95).
const z95 = 1.6448536269514722

// Sampler draws values of one parameter from its range by inverse transform:
// every draw consumes exactly one uniform number, so two runs with the same
// random stream see the same values (and sensitivity studies may use common
// random numbers). Build it once with Param.Sampler; it is a small value
// without pointers, cheap to copy and safe for concurrent use.
type Sampler struct {
	dist      Dist
	lo, hi    float64 // uniform and triangular support
	mode      float64 // triangular mode
	fMode     float64 // triangular CDF at the mode
	mu, sigma float64 // normal
	uLo, uHi  float64 // normal: CDF at the domain bounds (truncation)
	dLo, dHi  float64 // domain bounds, for a Positive domain's open end
	fixed     bool    // no range, or low = high: always Value
	value     float64
}

// Sampler returns the sampler of p's range: uniform on [Low, High];
// triangular on [Low, High] with its mode at Value; normal with mean Value
// and Low/High as the 5th/95th percentiles, truncated to p's domain. A
// parameter without a range (or with Low = High) always gives Value.
func (p Param) Sampler() Sampler {
	s := Sampler{value: p.Value, fixed: p.Range == nil || p.Range.Low >= p.Range.High}
	if s.fixed {
		return s
	}
	r := p.Range
	s.dist, s.lo, s.hi = r.Dist, r.Low, r.High
	s.dLo, s.dHi = domainBounds(p.Domain)
	switch r.Dist {
	case Triangular:
		s.mode = min(max(p.Value, r.Low), r.High)
		s.fMode = (s.mode - r.Low) / (r.High - r.Low)
	case Normal:
		s.mu = p.Value
		s.sigma = (r.High - r.Low) / (2 * z95)
		s.uLo, s.uHi = normCDF((s.dLo-s.mu)/s.sigma), normCDF((s.dHi-s.mu)/s.sigma)
	}
	return s
}

// Sample draws one value using r.
func (s Sampler) Sample(r *rand.Rand) float64 { return s.Quantile(r.Float64()) }

// Quantile is the inverse CDF of the distribution at u in [0, 1).
func (s Sampler) Quantile(u float64) float64 {
	if s.fixed {
		return s.value
	}
	switch s.dist {
	case Triangular:
		if u < s.fMode {
			return s.lo + math.Sqrt(u*(s.hi-s.lo)*(s.mode-s.lo))
		}
		return s.hi - math.Sqrt((1-u)*(s.hi-s.lo)*(s.hi-s.mode))
	case Normal:
		p := s.uLo + u*(s.uHi-s.uLo)
		x := s.mu + s.sigma*normQuantile(p)
		// Rounding at a truncation point could step just outside the
		// domain (or onto the excluded 0 of a Positive domain).
		if x <= s.dLo {
			x = math.Nextafter(s.dLo, math.Inf(1))
		}
		return min(x, s.dHi)
	}
	return s.lo + u*(s.hi-s.lo)
}

// domainBounds returns the interval of a domain; a Positive domain's lower
// end 0 itself is excluded by Quantile.
func domainBounds(d Domain) (lo, hi float64) {
	switch d {
	case NonNegative, Positive:
		return 0, math.Inf(1)
	case Fraction:
		return 0, 1
	case HourOfDay:
		return 0, 24
	}
	return math.Inf(-1), math.Inf(1)
}

func normCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

func normQuantile(p float64) float64 { return -math.Sqrt2 * math.Erfcinv(2*p) }
