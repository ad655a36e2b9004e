package wire

import "gridflex/potential"

// Potential is `potential --format json`: Table 0.1 (§5).
type Potential struct {
	Scenario string             `json:"scenario"`
	Measures []PotentialMeasure `json:"measures"`
	Sectors  []PotentialSector  `json:"sectors"`
	Total    PotentialTotal     `json:"total"`
	Notes    []string           `json:"notes,omitempty"`
}

// PotentialMeasure is one row of Table 0.1.
type PotentialMeasure struct {
	ID      string  `json:"id"`
	Sector  string  `json:"sector"`
	Name    string  `json:"name"`
	MinMW   float64 `json:"min_mw"`
	MaxMW   float64 `json:"max_mw"`
	PointMW float64 `json:"point_mw"`
	Peaks   string  `json:"peaks"`
	Season  string  `json:"season"`
	Growth  string  `json:"growth"`
	Cost    string  `json:"cost"`
	InTotal bool    `json:"in_total"`
	Study   string  `json:"study"`
}

// PotentialSector is a sector total.
type PotentialSector struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Rule    string  `json:"rule"`
	MinMW   float64 `json:"min_mw"`
	MaxMW   float64 `json:"max_mw"`
	PointMW float64 `json:"point_mw"`
	InTotal bool    `json:"in_total"`
	Study   string  `json:"study"`
}

// PotentialTotal is the national total.
type PotentialTotal struct {
	MinMW           float64 `json:"min_mw"`
	MaxMW           float64 `json:"max_mw"`
	PointMW         float64 `json:"point_mw"`
	WithDatacenters bool    `json:"with_datacenters"`
	Study           string  `json:"study"`
}

// FromPotential is the document of r.
func FromPotential(r potential.Result) Potential {
	out := Potential{Scenario: r.Scenario, Notes: r.Notes,
		Total: PotentialTotal{r.Total.MinMW, r.Total.MaxMW, r.Total.PointMW, r.Total.WithDatacenters, r.Total.Study}}
	for _, m := range r.Measures {
		out.Measures = append(out.Measures, PotentialMeasure{m.ID, m.Sector, m.Name, m.MinMW, m.MaxMW, m.PointMW,
			m.Peaks, m.Season, m.Growth, m.Cost, m.InTotal, m.Study})
	}
	for _, s := range r.Sectors {
		out.Sectors = append(out.Sectors, PotentialSector{s.ID, s.Name, s.Rule, s.MinMW, s.MaxMW, s.PointMW, s.InTotal, s.Study})
	}
	return out
}

// MonteCarlo is `potential --monte-carlo N --format json`: P10/P50/P90 per
// measure, sector and the total.
type MonteCarlo struct {
	Scenario        string      `json:"scenario"`
	N               int         `json:"n"`
	Seed            uint64      `json:"seed"`
	WithDatacenters bool        `json:"with_datacenters"`
	Measures        []Quantiles `json:"measures"`
	Sectors         []Quantiles `json:"sectors"`
	Total           Quantiles   `json:"total"`
	Sampled         []string    `json:"sampled"`
}

// Quantiles are the percentiles of one output.
type Quantiles struct {
	ID    string  `json:"id"`
	P10MW float64 `json:"p10_mw"`
	P50MW float64 `json:"p50_mw"`
	P90MW float64 `json:"p90_mw"`
}

// FromMonteCarlo is the document of mc.
func FromMonteCarlo(mc potential.MonteCarloResult) MonteCarlo {
	q := func(qs []potential.Quantiles) []Quantiles {
		if qs == nil {
			return nil
		}
		out := make([]Quantiles, len(qs))
		for i, x := range qs {
			out[i] = Quantiles(x)
		}
		return out
	}
	return MonteCarlo{mc.Scenario, mc.N, mc.Seed, mc.WithDatacenters, q(mc.Measures), q(mc.Sectors), Quantiles(mc.Total), mc.Sampled}
}

// Explanation is `explain ID --format json` of a measure, sector or the
// total: inputs, steps at the min and max corners, result and notes.
type Explanation struct {
	Scenario string             `json:"scenario"`
	ID       string             `json:"id"`
	Kind     string             `json:"kind"`
	Name     string             `json:"name"`
	Formula  string             `json:"formula"`
	Inputs   []ExplanationInput `json:"inputs"`
	Steps    []ExplanationStep  `json:"steps"`
	MinMW    float64            `json:"min_mw"`
	MaxMW    float64            `json:"max_mw"`
	PointMW  float64            `json:"point_mw"`
	Study    string             `json:"study"`
	Notes    []string           `json:"notes,omitempty"`
}

// ExplanationInput is one input of a derivation.
type ExplanationInput struct {
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

// ExplanationStep is one intermediate of a derivation.
type ExplanationStep struct {
	Name    string  `json:"name"`
	Formula string  `json:"formula"`
	Unit    string  `json:"unit"`
	MinCase float64 `json:"min_case"`
	MaxCase float64 `json:"max_case"`
	Study   string  `json:"study,omitempty"`
}

// FromExplanation is the document of e.
func FromExplanation(e potential.Explanation) Explanation {
	out := Explanation{Scenario: e.Scenario, ID: e.ID, Kind: e.Kind, Name: e.Name, Formula: e.Formula,
		MinMW: e.MinMW, MaxMW: e.MaxMW, PointMW: e.PointMW, Study: e.Study, Notes: e.Notes}
	if e.Inputs != nil {
		out.Inputs = make([]ExplanationInput, len(e.Inputs))
		for i, in := range e.Inputs {
			out.Inputs[i] = ExplanationInput(in)
		}
	}
	if e.Steps != nil {
		out.Steps = make([]ExplanationStep, len(e.Steps))
		for i, st := range e.Steps {
			out.Steps[i] = ExplanationStep(st)
		}
	}
	return out
}

// Sensitivity is `sensitivity --format json`: the ranged inputs by their
// swing of the national total (tornado data).
type Sensitivity struct {
	Scenario        string  `json:"scenario"`
	WithDatacenters bool    `json:"with_datacenters"`
	BaseMW          float64 `json:"base_mw"`
	Inputs          []Swing `json:"inputs"`
}

// Swing is one input moved across its range.
type Swing struct {
	Key         string  `json:"key"`
	Unit        string  `json:"unit"`
	Low         float64 `json:"low"`
	High        float64 `json:"high"`
	TotalLowMW  float64 `json:"total_at_low_mw"`
	TotalHighMW float64 `json:"total_at_high_mw"`
	SwingMW     float64 `json:"swing_mw"`
}

// FromSensitivity is the document of s.
func FromSensitivity(s potential.Sensitivity) Sensitivity {
	out := Sensitivity{Scenario: s.Scenario, WithDatacenters: s.WithDatacenters, BaseMW: s.BaseMW}
	if s.Inputs != nil {
		out.Inputs = make([]Swing, len(s.Inputs))
		for i, x := range s.Inputs {
			out.Inputs[i] = Swing(x)
		}
	}
	return out
}
