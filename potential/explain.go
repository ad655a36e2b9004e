package potential

import (
	"errors"
	"fmt"
	"strings"

	"gridflex/scenario"
)

// Input is one parameter a derivation reads, as the scenario holds it.
type Input struct {
	Key         string  `json:"key"`
	Value       float64 `json:"value"`
	Low         float64 `json:"low"`
	High        float64 `json:"high"`
	Dist        string  `json:"dist,omitempty"`
	Unit        string  `json:"unit"`
	Source      string  `json:"source"`
	Description string  `json:"description"`
	Calibrated  bool    `json:"calibrated,omitempty"`
}

// Step is one intermediate of a derivation, evaluated at the corner of the
// input ranges that gives the minimum of the explained output (MinCase) and
// at the one that gives its maximum (MaxCase).
type Step struct {
	Name    string  `json:"name"`
	Formula string  `json:"formula"`
	Unit    string  `json:"unit"`
	MinCase float64 `json:"min_case"`
	MaxCase float64 `json:"max_case"`
	// Study is the value the study prints for this step, if any.
	Study string `json:"study,omitempty"`
}

// Explanation is the derivation chain of one measure, sector or the total.
type Explanation struct {
	Scenario string  `json:"scenario"`
	ID       string  `json:"id"`
	Kind     string  `json:"kind"` // measure, sector or total
	Name     string  `json:"name"`
	Formula  string  `json:"formula"`
	Inputs   []Input `json:"inputs"`
	Steps    []Step  `json:"steps"`
	MinMW    float64 `json:"min_mw"`
	MaxMW    float64 `json:"max_mw"`
	PointMW  float64 `json:"point_mw"`
	// Study is the published result (Table 0.1 unless noted).
	Study string `json:"study"`
	// Notes are the study's inconsistencies and caveats that touch the
	// result.
	Notes []string `json:"notes,omitempty"`
}

// ErrUnknownID is returned by Explain for an id that is no measure, sector or "total".
var ErrUnknownID = errors.New("unknown id")

// ExplainIDs returns every id Explain accepts.
func ExplainIDs() []string {
	return append(append(MeasureIDs(), SectorIDs()...), "total")
}

// Explain returns the derivation chain of the measure, sector or "total"
// named id under s.
func Explain(s *scenario.Scenario, id string, opts Options) (Explanation, error) {
	sp, ok := explainSpecs(opts)[id]
	if !ok {
		hint := ""
		if c := closestID(id); c != "" {
			hint = fmt.Sprintf(" (did you mean %s?)", c)
		}
		return Explanation{}, fmt.Errorf("explain %q: %w%s: want one of %s", id, ErrUnknownID, hint, strings.Join(ExplainIDs(), ", "))
	}
	b := bound(s)
	e := Explanation{
		Scenario: s.Name, ID: id, Kind: sp.kind, Name: sp.name, Formula: sp.formula,
		MinMW: b.min[sp.out], MaxMW: b.max[sp.out], PointMW: b.point[sp.out],
		Study: sp.study, Notes: sp.notes,
	}
	for _, k := range sp.inputs(s) {
		p := s.Param(k)
		in := Input{Key: k, Value: p.Value, Low: p.Low(), High: p.High(), Unit: p.Unit, Source: p.Source,
			Description: p.Description, Calibrated: p.Calibrated}
		if p.Range != nil && p.Low() < p.High() {
			in.Dist = string(p.Range.Dist)
		}
		e.Inputs = append(e.Inputs, in)
	}
	for _, st := range sp.steps {
		step := Step{Name: st.name, Formula: st.formula, Unit: st.unit, Study: st.study}
		if st.f != nil {
			step.MinCase, step.MaxCase = st.f(&b.minTrace[sp.out]), st.f(&b.maxTrace[sp.out])
		} else {
			// A component of a sum: its own extremes, as Table 0.1 lists them.
			step.MinCase, step.MaxCase = b.min[st.out], b.max[st.out]
		}
		e.Steps = append(e.Steps, step)
	}
	if sp.dyn != nil {
		e.Notes = append(append([]string(nil), e.Notes...), sp.dyn(s, b)...)
	}
	return e, nil
}

// stepSpec computes one Step from a trace (f) or, for components of sector
// and national totals, takes the extremes of output out.
type stepSpec struct {
	name, formula, unit, study string
	f                          func(*trace) float64
	out                        int
}

type explainSpec struct {
	kind, name, formula, study string
	out                        int
	inputs                     func(*scenario.Scenario) []string
	steps                      []stepSpec
	notes                      []string
	// dyn adds notes computed from this scenario's results, so that a
	// caveat about a printed figure appears only where it still holds.
	dyn func(s *scenario.Scenario, b *bounds) []string
}

// keysOf lists fixed keys.
func keysOf(k ...string) func(*scenario.Scenario) []string {
	return func(*scenario.Scenario) []string { return k }
}

// universeKeys lists the per-label keys with the given suffixes, for the
// labels where pred holds.
func universeKeys(pred func(s *scenario.Scenario, label string) bool, suffixes ...string) func(*scenario.Scenario) []string {
	return func(s *scenario.Scenario) []string {
		var k []string
		for _, l := range labels {
			if pred != nil && !pred(s, l) {
				continue
			}
			for _, suf := range suffixes {
				if strings.HasPrefix(suf, "offices.") {
					k = append(k, suf+l)
				} else {
					k = append(k, "offices.universe."+l+"."+suf)
				}
			}
		}
		return k
	}
}

func concat(fs ...func(*scenario.Scenario) []string) func(*scenario.Scenario) []string {
	return func(s *scenario.Scenario) []string {
		var k []string
		for _, f := range fs {
			k = append(k, f(s)...)
		}
		return k
	}
}

func hasHeatPumps(s *scenario.Scenario, l string) bool {
	return s.Value("offices.heating.heat_pump_share."+l) > 0
}

func component(id string) stepSpec {
	for _, m := range measures {
		if m.id == id {
			return stepSpec{name: id, formula: m.name, unit: "MW", study: m.study, out: m.out}
		}
	}
	for _, sc := range sectors {
		if sc.id == id {
			return stepSpec{name: id, formula: sc.rule, unit: "MW", study: sc.study, out: sc.out}
		}
	}
	panic("potential: no output " + id)
}

// closestID is the explain id nearest to id by edit distance, or "" when
// none is within a third of its length (a typo, not another word).
func closestID(id string) string {
	best, bestD := "", len([]rune(id))/3+1
	for _, c := range ExplainIDs() {
		if d := editDistance(id, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
