// Package datacenter scans a datacenter's flexibility (study-model.md §4):
// cooling by thermal inertia, switching hybrid cooling to its efficient mode,
// and shifting workload in time or location, with the incentive class of the
// study's table and the regulatory blocker of the 27 °C set-point rule.
package datacenter

import (
	"fmt"
	"math"

	"gridflex/compensation"
	"gridflex/scenario"
)

// Types of datacenter (§4).
var Types = []string{"colocation", "enterprise", "hyperscale", "ai"}

// Measure is one datacenter flexibility measure.
type Measure struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	MorningMW float64 `json:"morning_mw"`
	EveningMW float64 `json:"evening_mw"`
	// Hours is how long the measure holds in one peak, h.
	Hours float64 `json:"hours"`
	// Option is the row of §4's table whose incentive class applies.
	Option    compensation.DatacenterOption `json:"option"`
	Blocker   string                        `json:"blocker,omitempty"`
	Rationale string                        `json:"rationale"`
}

// Result is a datacenter scan.
type Result struct {
	Site      Site      `json:"site"`
	CoolingMW float64   `json:"cooling_mw"`
	CutShare  float64   `json:"cut_share"` // inertia rule: minutes to critical ÷ minutes of flex, ≤ 1
	Measures  []Measure `json:"measures"`
}

// CutShare is the study's inertia rule (§4): cooling can be cut by the
// minutes until the critical temperature over the minutes flex is needed,
// capped at 1 (6 ÷ 120 = 5 %). Zero minutes of flex means no call: 0.
func CutShare(minutesToCritical, flexMinutes float64) float64 {
	if !(flexMinutes > 0) {
		return 0
	}
	return math.Min(minutesToCritical/flexMinutes, 1)
}

// Scan evaluates a validated site.
func Scan(site Site, s *scenario.Scenario) Result {
	r := Result{Site: site}
	opts := compensation.DatacenterOptions()
	option := func(n int) compensation.DatacenterOption { return opts[n-1] }
	r.CoolingMW = site.CoolingMW()
	flexMin := s.Value("datacenters.flex_duration_min")
	if site.FlexMinutes != nil {
		flexMin = *site.FlexMinutes
	}
	// Without the site's own figure, the study's 6 minutes (§4).
	critMin := s.Value("datacenters.ride_through_min")
	if site.MinutesToCritical != nil {
		critMin = *site.MinutesToCritical
	}
	r.CutShare = CutShare(critMin, flexMin)
	lo, hi := site.band(s)

	inertia := Measure{
		ID: "datacenters.cooling", Name: "cooling by thermal inertia (pre-cool, then cut)",
		MorningMW: r.CoolingMW * r.CutShare, EveningMW: r.CoolingMW * r.CutShare, Hours: flexMin / 60,
		Option: option(5),
		Rationale: fmt.Sprintf("pre-cool to %g °C (band %g–%g °C); %g min to the critical temperature over %g min of flex → %.1f %% of %.2f MW cooling (§4)",
			lo, lo, hi, critMin, flexMin, r.CutShare*100, r.CoolingMW),
	}
	if rule := s.Value("scan.datacenters.setpoint_rule_c"); lo < rule {
		inertia.Blocker = fmt.Sprintf("pre-cooling to %g °C is below the %g °C set point the energy-saving obligation requires (measure PH1)", lo, rule)
	}
	r.Measures = append(r.Measures, inertia)

	if h := site.HybridCooling; h != nil {
		// The same cooling duty at the efficient mode's efficiency (§4
		// option 3): electric power falls by 1 − COP_normal ÷ COP_efficient.
		a, b := h.Modes[0], h.Modes[1]
		mw := r.CoolingMW * (1 - a.COP/b.COP) * h.available()
		r.Measures = append(r.Measures, Measure{
			ID: "datacenters.hybrid_cooling", Name: "hybrid cooling: efficient mode in the peaks",
			MorningMW: mw, EveningMW: mw, Hours: h.hours(),
			Option:    option(3),
			Rationale: fmt.Sprintf("%s (COP %g) instead of %s (COP %g), available %.0f %% of peak hours", b.Name, b.COP, a.Name, a.COP, h.available()*100),
		})
	}
	if sh := site.Shiftable; sh != nil && sh.Share > 0 {
		n := map[string]int{"enterprise": 1, "hyperscale": 2, "ai": 4, "colocation": 6}[site.Type]
		mw := site.ITMW * sh.Share
		where := "in time"
		if sh.Location {
			where = "in time or to another location"
		}
		r.Measures = append(r.Measures, Measure{
			ID: "datacenters.load_shifting", Name: "workload shifting " + where,
			MorningMW: mw, EveningMW: mw, Hours: sh.Hours,
			Option:    option(n),
			Rationale: fmt.Sprintf("%.0f %% of %.2f MW IT for %g h (§4: not quantified nationally, 'some tens of MW')", sh.Share*100, site.ITMW, sh.Hours),
		})
	}
	return r
}
