package potential

import (
	"fmt"
	"math"
	"math/bits"
	"strings"

	"gridflex/scenario"
)

// Measure is one row of Table 0.1 (§5).
type Measure struct {
	ID     string `json:"id"`
	Sector string `json:"sector"`
	Name   string `json:"name"`
	// MinMW and MaxMW are the extremes of the model over the ranges of its
	// inputs: the study's published bounds by default.
	MinMW float64 `json:"min_mw"`
	MaxMW float64 `json:"max_mw"`
	// PointMW is the model at every input's point value.
	PointMW float64 `json:"point_mw"`
	Peaks   string  `json:"peaks"`
	Season  string  `json:"season"`
	Growth  string  `json:"growth"`
	Cost    string  `json:"cost"`
	// InTotal says whether the measure counts in the national total.
	InTotal bool `json:"in_total"`
	// Study is the range the study publishes, for comparison.
	Study string `json:"study"`
	// Brief is for narrow tables only; scripts read the full text above.
	Brief Brief `json:"-"`
}

// Sector is a sector total.
type Sector struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Rule    string  `json:"rule"`
	MinMW   float64 `json:"min_mw"`
	MaxMW   float64 `json:"max_mw"`
	PointMW float64 `json:"point_mw"`
	InTotal bool    `json:"in_total"`
	Study   string  `json:"study"`
}

// Total is the national total.
type Total struct {
	MinMW           float64 `json:"min_mw"`
	MaxMW           float64 `json:"max_mw"`
	PointMW         float64 `json:"point_mw"`
	WithDatacenters bool    `json:"with_datacenters"`
	Study           string  `json:"study"`
}

// Result is Table 0.1 computed from a scenario.
type Result struct {
	Scenario string    `json:"scenario"`
	Measures []Measure `json:"measures"`
	Sectors  []Sector  `json:"sectors"`
	Total    Total     `json:"total"`
	// Notes are caveats that hold for this result (computed, not fixed text).
	Notes []string `json:"notes,omitempty"`
}

// Options change what Evaluate reports.
type Options struct {
	// WithDatacenters adds datacenter cooling (§4) to the national total; the
	// study leaves it out (default false).
	WithDatacenters bool
}

// Evaluate computes Table 0.1 for s: the study's national total without
// datacenters.
func Evaluate(s *scenario.Scenario) Result { return EvaluateWith(s, Options{}) }

// EvaluateWith computes Table 0.1 for s with options.
func EvaluateWith(s *scenario.Scenario, opts Options) Result {
	b := bound(s)
	r := Result{Scenario: s.Name}
	for _, m := range measures {
		in := m.sector != "datacenters" || opts.WithDatacenters
		r.Measures = append(r.Measures, Measure{
			ID: m.id, Sector: m.sector, Name: m.name,
			MinMW: b.min[m.out], MaxMW: b.max[m.out], PointMW: b.point[m.out],
			Peaks: m.peaks, Season: m.season, Growth: m.growth, Cost: m.cost, InTotal: in, Study: m.study,
			Brief: m.brief,
		})
	}
	for _, sc := range sectors {
		r.Sectors = append(r.Sectors, Sector{
			ID: sc.id, Name: sc.name, Rule: sc.rule,
			MinMW: b.min[sc.out], MaxMW: b.max[sc.out], PointMW: b.point[sc.out],
			InTotal: sc.inTotal || opts.WithDatacenters, Study: sc.study,
		})
	}
	tot := outTotal
	if opts.WithDatacenters {
		tot = outTotalWithDatacenters
	}
	r.Total = Total{MinMW: b.min[tot], MaxMW: b.max[tot], PointMW: b.point[tot], WithDatacenters: opts.WithDatacenters,
		Study: "640–931"}
	if opts.WithDatacenters {
		// The study has no total with datacenters (§4).
		r.Total.Study = "none (§4)"
	}
	if n := truncationNote(b.max[outOfficesCooling], b.max[outOffices], b.max[outTotal]); n != "" {
		r.Notes = append(r.Notes, n)
	}
	return r
}

// Table 0.1's maxima as printed (§5): cooling 256, offices 388, national 931.
const (
	studyCoolingMaxMW = 256
	studyOfficesMaxMW = 388
	studyTotalMaxMW   = 931
)

// truncationNote describes how Table 0.1 truncates the cooling maximum and
// carries it into the offices and national maxima (§5), but only for the
// figures where this result's unrounded value truncates to the printed one
// while rounding to another; it is "" when the caveat does not apply (e.g.
// under a --set that moves cooling).
func truncationNote(coolMW, officesMW, totalMW float64) string {
	truncated := func(v float64, printed int) bool {
		return math.Floor(v) == float64(printed) && math.Round(v) != float64(printed)
	}
	if !truncated(coolMW, studyCoolingMaxMW) {
		return ""
	}
	n := fmt.Sprintf("Table 0.1 truncates cooling's %.1f MW to %d", coolMW, studyCoolingMaxMW)
	var carried []string
	if truncated(officesMW, studyOfficesMaxMW) {
		carried = append(carried, fmt.Sprintf("offices %d (%.1f)", studyOfficesMaxMW, officesMW))
	}
	if truncated(totalMW, studyTotalMaxMW) {
		carried = append(carried, fmt.Sprintf("national %d (%.1f)", studyTotalMaxMW, totalMW))
	}
	if len(carried) > 0 {
		n += " and sums its " + strings.Join(carried, " and ") + " from that"
	}
	return n + "."
}

// OfficeFloorAreaM2 is the floor area of all large offices (§1.1, Table 4.1,
// including those without a label): 19,530,303 m² by default.
func OfficeFloorAreaM2(s *scenario.Scenario) float64 {
	var a float64
	for _, l := range labels {
		a += s.Value("offices.universe." + l + ".floor_area_m2")
	}
	return a
}

// bounds are the model's outputs at the point values and their extremes
// over the box of input ranges, with the input vectors (corners) that give
// each extreme.
type bounds struct {
	point, min, max      [nOut]float64
	minCorner, maxCorner [nOut][]float64
	pointTrace           trace
	minTrace, maxTrace   [nOut]trace
	values               []float64
	ranged               []int // positions of the parameters with low < high
}

// maxExhaustive is the most ranged inputs whose 2^k corners bound visits
// one by one (65,536 evaluations, a few ms); beyond it bound searches one
// input at a time.
const maxExhaustive = 16

// bound finds, for every output, the corner of the range box that minimises
// and the one that maximises it. Every output is monotone in each input
// when the others are held fixed (products, quotients, blends, max and sums
// of non-negative terms), so its extremes over the box lie at corners. Up to
// maxExhaustive ranged inputs every corner is evaluated, which is exact even
// where the direction of one input depends on another (a blend between a
// low and a high estimate that cross). With more, the extreme corner is
// found one input at a time from its direction at the point values, which
// is exact when directions do not flip (TestMonotone checks the defaults).
func bound(s *scenario.Scenario) *bounds {
	m := newModel(s)
	ps := s.Params()
	b := &bounds{values: s.Values()}
	m.eval(b.values, &b.pointTrace)
	b.point = b.pointTrace.Out
	for i, p := range ps {
		if p.Low() < p.High() {
			b.ranged = append(b.ranged, i)
		}
	}
	for o := range nOut {
		b.minCorner[o] = append([]float64(nil), b.values...)
		b.maxCorner[o] = append([]float64(nil), b.values...)
	}
	if len(b.ranged) <= maxExhaustive {
		b.corners(m, ps)
	} else {
		b.oneAtATime(m, ps)
	}
	for o := range nOut {
		m.eval(b.minCorner[o], &b.minTrace[o])
		m.eval(b.maxCorner[o], &b.maxTrace[o])
		b.min[o], b.max[o] = b.minTrace[o].Out[o], b.maxTrace[o].Out[o]
	}
	return b
}

// corners evaluates every corner of the range box in Gray-code order (one
// input changes per step) and keeps, per output, the first corner that
// gives its minimum and its maximum.
func (b *bounds) corners(m *model, ps []scenario.Param) {
	v := append([]float64(nil), b.values...)
	for _, i := range b.ranged {
		v[i] = ps[i].Low()
	}
	var t trace
	m.eval(v, &t)
	lo, hi := t.Out, t.Out
	var loMask, hiMask [nOut]uint32
	gray := uint32(0)
	for step := uint32(1); step < 1<<len(b.ranged); step++ {
		bit := bits.TrailingZeros32(step)
		gray ^= 1 << bit
		i := b.ranged[bit]
		if gray&(1<<bit) != 0 {
			v[i] = ps[i].High()
		} else {
			v[i] = ps[i].Low()
		}
		m.eval(v, &t)
		for o := range nOut {
			if t.Out[o] < lo[o] {
				lo[o], loMask[o] = t.Out[o], gray
			}
			if t.Out[o] > hi[o] {
				hi[o], hiMask[o] = t.Out[o], gray
			}
		}
	}
	for o := range nOut {
		for j, i := range b.ranged {
			b.minCorner[o][i], b.maxCorner[o][i] = ps[i].Low(), ps[i].Low()
			if loMask[o]&(1<<j) != 0 {
				b.minCorner[o][i] = ps[i].High()
			}
			if hiMask[o]&(1<<j) != 0 {
				b.maxCorner[o][i] = ps[i].High()
			}
		}
	}
}

// oneAtATime moves each ranged input to its low and its high end with the
// others at their point values and keeps the end that lowers (raises) each
// output.
func (b *bounds) oneAtATime(m *model, ps []scenario.Param) {
	v := append([]float64(nil), b.values...)
	var lo, hi trace
	for _, i := range b.ranged {
		v[i] = ps[i].Low()
		m.eval(v, &lo)
		v[i] = ps[i].High()
		m.eval(v, &hi)
		v[i] = b.values[i]
		for o := range nOut {
			if lo.Out[o] <= hi.Out[o] {
				b.minCorner[o][i], b.maxCorner[o][i] = ps[i].Low(), ps[i].High()
			} else {
				b.minCorner[o][i], b.maxCorner[o][i] = ps[i].High(), ps[i].Low()
			}
		}
	}
}
