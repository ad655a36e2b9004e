// Package subsidy computes what the Flex-e scheme ("Flexibel
// elektriciteitsverbruik") pays a site for its flexibility scan, feasibility
// study and realisation (study-model.md §7), from the costs the site gives.
package subsidy

import (
	"fmt"

	"gridflex/scenario"
)

// Input is the `subsidy:` mapping of a site file: the connection and the
// costs the company expects. Costs are optional; an absent cost gives no
// subsidy for that part.
type Input struct {
	VoltageKV      float64 `yaml:"voltage_kv" json:"voltage_kv"`
	CongestionArea bool    `yaml:"congestion_area" json:"congestion_area"` // declared congested for offtake
	// CongestionContract: the company signs (or has) a
	// congestion-management contract; realisation needs one.
	CongestionContract bool    `yaml:"congestion_contract" json:"congestion_contract"`
	ScanEUR            float64 `yaml:"scan_eur,omitempty" json:"scan_eur"`
	FeasibilityEUR     float64 `yaml:"feasibility_eur,omitempty" json:"feasibility_eur"`
	RealisationEUR     float64 `yaml:"realisation_eur,omitempty" json:"realisation_eur"`
}

// Validate reports every negative or non-finite amount.
func (in Input) Validate() []string {
	var errs []string
	for _, f := range []struct {
		name string
		v    float64
	}{{"voltage_kv", in.VoltageKV}, {"scan_eur", in.ScanEUR}, {"feasibility_eur", in.FeasibilityEUR}, {"realisation_eur", in.RealisationEUR}} {
		if !(f.v >= 0) || f.v-f.v != 0 {
			errs = append(errs, fmt.Sprintf("%s: want ≥ 0, got %g", f.name, f.v))
		}
	}
	return errs
}

// Part is one of the three parts of the scheme.
type Part struct {
	Name       string  `json:"name"` // scan | feasibility | realisation
	CostEUR    float64 `json:"cost_eur"`
	Share      float64 `json:"share"`
	SubsidyEUR float64 `json:"subsidy_eur"`
	Note       string  `json:"note,omitempty"` // why it is capped or zero
}

// Result is the subsidy a site can claim.
type Result struct {
	Eligible bool     `json:"eligible"`
	Reasons  []string `json:"reasons,omitempty"` // why not eligible
	Parts    []Part   `json:"parts"`
	TotalEUR float64  `json:"total_eur"`
}

const keyMinCapacity = "flexe.min_capacity_kw"

// CapacityEligible reports whether a contracted offtake capacity qualifies:
// more than flexe.min_capacity_kw (study §7: "> 100 kW"; 100 kW itself
// does not).
func CapacityEligible(contractedKW float64, s *scenario.Scenario) bool {
	return contractedKW > s.Value(keyMinCapacity)
}

// Compute applies the scheme to a connection of contractedKW (offtake).
func Compute(contractedKW float64, in Input, s *scenario.Scenario) Result {
	var r Result
	if !CapacityEligible(contractedKW, s) {
		r.Reasons = append(r.Reasons, fmt.Sprintf("contracted capacity %g kW is not more than %g kW", contractedKW, s.Value(keyMinCapacity)))
	}
	if minKV := s.Value("flexe.min_voltage_kv"); in.VoltageKV < minKV {
		r.Reasons = append(r.Reasons, fmt.Sprintf("connection voltage %g kV is below %g kV", in.VoltageKV, minKV))
	}
	if !in.CongestionArea {
		r.Reasons = append(r.Reasons, "the connection is not in an area declared congested for offtake")
	}
	r.Eligible = len(r.Reasons) == 0

	scan := Part{Name: "scan", CostEUR: in.ScanEUR, Share: s.Value("flexe.scan.share")}
	scan.SubsidyEUR = capAt(&scan, s.Value("flexe.scan.max_eur"))

	feas := Part{Name: "feasibility", CostEUR: in.FeasibilityEUR, Share: s.Value("flexe.feasibility.share")}
	feas.SubsidyEUR = capAt(&feas, s.Value("flexe.feasibility.max_eur"))
	if lo := s.Value("flexe.feasibility.min_eur"); feas.CostEUR > 0 && feas.SubsidyEUR < lo {
		feas.Note = fmt.Sprintf("%.0f %% of the cost is below the minimum subsidy of €%.0f", feas.Share*100, lo)
		feas.SubsidyEUR = 0
	}

	realis := Part{Name: "realisation", CostEUR: in.RealisationEUR, Share: s.Value("flexe.realisation.share")}
	realis.SubsidyEUR = capAt(&realis, s.Value("flexe.realisation.max_eur"))
	if realis.CostEUR > 0 && !in.CongestionContract {
		realis.Note = "needs a congestion-management contract"
		realis.SubsidyEUR = 0
	}
	r.Parts = []Part{scan, feas, realis}
	for i := range r.Parts {
		if !r.Eligible {
			r.Parts[i].SubsidyEUR = 0
		}
		r.TotalEUR += r.Parts[i].SubsidyEUR
	}
	return r
}

func capAt(p *Part, maxEUR float64) float64 {
	v := p.Share * p.CostEUR
	if v > maxEUR {
		p.Note = fmt.Sprintf("capped at €%.0f", maxEUR)
		return maxEUR
	}
	return v
}
