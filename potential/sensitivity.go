package potential

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"gridflex/scenario"
)

// Swing is one bar of the tornado: the national total with one input at the
// low and at the high end of its range, all other inputs at their range
// midpoints.
type Swing struct {
	Key        string  `json:"key"`
	Unit       string  `json:"unit"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	TotalLowMW float64 `json:"total_at_low_mw"`
	// TotalHighMW is the total with the input at its high end.
	TotalHighMW float64 `json:"total_at_high_mw"`
	// SwingMW is |TotalHighMW − TotalLowMW|, the ranking key.
	SwingMW float64 `json:"swing_mw"`
}

// Sensitivity is the tornado data of the national total.
type Sensitivity struct {
	Scenario        string `json:"scenario"`
	WithDatacenters bool   `json:"with_datacenters"`
	// BaseMW is the total with every ranged input at its midpoint.
	BaseMW float64 `json:"base_mw"`
	// Inputs are ranked by SwingMW, largest first (ties by key).
	Inputs []Swing `json:"inputs"`
}

// Sensitivities moves each ranged input of s across its range, the others
// at their midpoints, and ranks the inputs by the swing of the national
// total. A cancelled or expired ctx stops it between inputs.
func Sensitivities(ctx context.Context, s *scenario.Scenario, opts Options) (Sensitivity, error) {
	m := newModel(s)
	ps := s.Params()
	v := s.Values()
	var ranged []int
	for i, p := range ps {
		if p.Low() < p.High() {
			v[i] = (p.Low() + p.High()) / 2
			ranged = append(ranged, i)
		}
	}
	tot := outTotal
	if opts.WithDatacenters {
		tot = outTotalWithDatacenters
	}
	var t trace
	m.eval(v, &t)
	res := Sensitivity{Scenario: s.Name, WithDatacenters: opts.WithDatacenters, BaseMW: t.Out[tot]}
	for _, i := range ranged {
		if err := ctx.Err(); err != nil {
			return Sensitivity{}, fmt.Errorf("sensitivity: %w", err)
		}
		p, mid := ps[i], v[i]
		sw := Swing{Key: p.Key, Unit: p.Unit, Low: p.Low(), High: p.High()}
		v[i] = p.Low()
		m.eval(v, &t)
		sw.TotalLowMW = t.Out[tot]
		v[i] = p.High()
		m.eval(v, &t)
		sw.TotalHighMW = t.Out[tot]
		v[i] = mid
		sw.SwingMW = math.Abs(sw.TotalHighMW - sw.TotalLowMW)
		res.Inputs = append(res.Inputs, sw)
	}
	slices.SortStableFunc(res.Inputs, func(a, b Swing) int {
		if c := cmp.Compare(b.SwingMW, a.SwingMW); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return res, nil
}
