package compensation

import (
	"cmp"
	"slices"
)

// PotentialMW is the flexible capacity of one measure from the potential
// model (study-model.md §1–§5), MW.
type PotentialMW struct {
	MinMW, MaxMW float64
}

// At returns MinMW for "min" and MaxMW otherwise.
func (p PotentialMW) At(which Which) float64 {
	if which == Min {
		return p.MinMW
	}
	return p.MaxMW
}

// Which picks the low or high end of the potential.
type Which string

// Ends of the potential range.
const (
	Min Which = "min"
	Max Which = "max"
)

// Step is one measure on a supply-cost curve.
type Step struct {
	ID, Sector, Name string
	EURPerMWh        float64
	MW               float64
	// FromMW and ToMW are the step's extent on the cumulative-MW axis.
	FromMW, ToMW float64
	// Alternative marks a seasonal alternative (office heating next to
	// cooling, §1.5): it is drawn over the extent of the group member that
	// counts and its MW are not added to the cumulative total.
	Alternative bool
	// AlternativeTo is the id of the member that counts, for Alternative.
	AlternativeTo string
}

// Curve is a supply-cost curve: counted steps in order of compensation,
// each starting where the previous one ends, plus seasonal alternatives.
type Curve struct {
	Bound Bound
	Which Which
	Steps []Step
	// TotalMW is the cumulative MW at the end of the curve: the sum of the
	// counted steps.
	TotalMW float64
	// Unpriced lists measures with potential but no euro figure
	// (datacenters, or a measure that delivers no flex in the scenario);
	// they cannot be placed on the curve.
	Unpriced []string
	// NoPotential lists priced measures the potential gives no MW for.
	NoPotential []string
}

// BuildCurve orders the priced measures that pass keep by their
// compensation at bound b and stacks their potential (min or max MW). In a
// seasonal group only the member with the most MW is added; the others
// become alternatives drawn over its extent. Ties are broken by id so that
// the curve is the same on every run.
func BuildCurve(ms []Measure, pot map[string]PotentialMW, b Bound, which Which, keep func(Measure) bool) Curve {
	c := Curve{Bound: b, Which: which}
	var counted, alts []Step
	primary := map[string]Step{} // group → member with most MW
	for _, m := range ms {
		if keep != nil && !keep(m) {
			continue
		}
		p, ok := pot[m.ID]
		if !m.Priced {
			if ok {
				c.Unpriced = append(c.Unpriced, m.ID)
			}
			continue
		}
		if !ok {
			c.NoPotential = append(c.NoPotential, m.ID)
			continue
		}
		st := Step{ID: m.ID, Sector: m.Sector, Name: m.Name, EURPerMWh: m.At(b).EURPerMWh, MW: p.At(which)}
		if m.Group == "" {
			counted = append(counted, st)
			continue
		}
		if cur, ok := primary[m.Group]; !ok || st.MW > cur.MW || (st.MW == cur.MW && st.ID < cur.ID) {
			if ok {
				alts = append(alts, cur)
			}
			primary[m.Group] = st
		} else {
			alts = append(alts, st)
		}
	}
	groupOf := map[string]string{}
	for _, m := range ms {
		groupOf[m.ID] = m.Group
	}
	for _, st := range primary {
		counted = append(counted, st)
	}
	order := func(a, b Step) int {
		return cmp.Or(cmp.Compare(a.EURPerMWh, b.EURPerMWh), cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(counted, order)
	slices.SortFunc(alts, order)
	x := 0.0
	from := map[string]float64{}
	for i := range counted {
		counted[i].FromMW, counted[i].ToMW = x, x+counted[i].MW
		from[counted[i].ID] = x
		x += counted[i].MW
	}
	c.TotalMW = x
	for i := range alts {
		p := primary[groupOf[alts[i].ID]]
		alts[i].Alternative, alts[i].AlternativeTo = true, p.ID
		alts[i].FromMW = from[p.ID]
		alts[i].ToMW = alts[i].FromMW + alts[i].MW
	}
	c.Steps = append(counted, alts...)
	return c
}

// Counted returns the steps that add to the cumulative MW, in order.
func (c Curve) Counted() []Step {
	var out []Step
	for _, s := range c.Steps {
		if !s.Alternative {
			out = append(out, s)
		}
	}
	return out
}
