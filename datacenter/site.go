package datacenter

import (
	"fmt"
	"slices"
	"strings"

	"gridflex/scenario"
	"gridflex/sitefile"
	"gridflex/subsidy"
)

// Site is a datacenter site file (report/FORMAT.md).
type Site struct {
	Sector     string  `yaml:"sector" json:"sector"` // datacenters
	Name       string  `yaml:"name" json:"name"`
	CapacityKW float64 `yaml:"capacity_kw" json:"capacity_kw"` // contracted offtake capacity
	Type       string  `yaml:"type" json:"type"`               // colocation | enterprise | hyperscale | ai
	ITMW       float64 `yaml:"it_mw" json:"it_mw"`
	// CoolingShare is cooling power relative to IT power (§4: 20–30 %); or
	// PUE, from which cooling is taken as (PUE − 1) × IT (an upper bound:
	// it includes other overheads).
	CoolingShare      *float64       `yaml:"cooling_share,omitempty" json:"cooling_share,omitempty"`
	PUE               *float64       `yaml:"pue,omitempty" json:"pue,omitempty"`
	MinutesToCritical *float64       `yaml:"minutes_to_critical,omitempty" json:"minutes_to_critical,omitempty"` // default datacenters.ride_through_min
	FlexMinutes       *float64       `yaml:"flex_minutes,omitempty" json:"flex_minutes,omitempty"`               // default datacenters.flex_duration_min
	BandC             []float64      `yaml:"band_c,omitempty" json:"band_c,omitempty"`                           // [low, high]; default ASHRAE 18–27
	HybridCooling     *Hybrid        `yaml:"hybrid_cooling,omitempty" json:"hybrid_cooling,omitempty"`
	Shiftable         *Shift         `yaml:"shiftable,omitempty" json:"shiftable,omitempty"`
	Subsidy           *subsidy.Input `yaml:"subsidy,omitempty" json:"subsidy,omitempty"`
	Contract          *ContractInfo  `yaml:"contract,omitempty" json:"contract,omitempty"`
}

// ContractInfo names the connection for the recommended contract.
type ContractInfo struct {
	Connection string `yaml:"connection,omitempty" json:"connection,omitempty"` // EAN
	Start      string `yaml:"start,omitempty" json:"start,omitempty"`           // YYYY-MM-DD
}

// Hybrid is cooling with two modes; the first is the normal mode, the second
// the efficient one (free cooling, adiabatic, …).
type Hybrid struct {
	Modes []Mode `yaml:"modes" json:"modes"`
	// AvailableShare is the share of peak hours in which the efficient mode
	// can run (weather); default 1.
	AvailableShare *float64 `yaml:"available_share,omitempty" json:"available_share,omitempty"`
	Hours          *float64 `yaml:"hours,omitempty" json:"hours,omitempty"` // per peak; default the whole peak (3 h)
}

// Mode is one cooling mode.
type Mode struct {
	Name string  `yaml:"name" json:"name"`
	COP  float64 `yaml:"cop" json:"cop"` // cooling delivered ÷ electricity, > 0
}

func (h *Hybrid) available() float64 {
	if h.AvailableShare == nil {
		return 1
	}
	return *h.AvailableShare
}

func (h *Hybrid) hours() float64 {
	if h.Hours == nil {
		return 3
	}
	return *h.Hours
}

// Shift is the workload that can move.
type Shift struct {
	Share    float64 `yaml:"share" json:"share"`                           // of IT power, 0…1
	Hours    float64 `yaml:"hours" json:"hours"`                           // how long, h
	Location bool    `yaml:"location,omitempty" json:"location,omitempty"` // also to another site
}

// CoolingMW is the site's cooling power.
func (s Site) CoolingMW() float64 {
	if s.CoolingShare != nil {
		return s.ITMW * *s.CoolingShare
	}
	if s.PUE != nil {
		return s.ITMW * (*s.PUE - 1)
	}
	return 0
}

func (s Site) band(sc *scenario.Scenario) (lo, hi float64) {
	if len(s.BandC) == 2 {
		return s.BandC[0], s.BandC[1]
	}
	return sc.Value("scan.datacenters.band_low_c"), sc.Value("scan.datacenters.band_high_c")
}

// ParseSite decodes a datacenter site file strictly and checks it; every
// problem is reported with file and line.
func ParseSite(name string, data []byte) (Site, error) {
	var s Site
	// Unknown keys and wrong types are reported with the checks below,
	// which see what the decoder could fill.
	f, err := sitefile.Decode(name, data, &s)
	if err != nil {
		return s, err
	}
	var checks sitefile.Checks
	var nested []string // a nested parser's FILE:LINE: messages
	bad := checks.Add
	if s.Sector != "datacenters" {
		bad("sector", "want datacenters, got %q", s.Sector)
	}
	if !(s.CapacityKW > 0) {
		bad("capacity_kw", "want the contracted capacity in kW > 0, got %g", s.CapacityKW)
	}
	if !slices.Contains(Types, s.Type) {
		bad("type", "want one of %s, got %q", strings.Join(Types, ", "), s.Type)
	}
	if !(s.ITMW > 0) || s.ITMW > 1e5 {
		bad("it_mw", "want the IT power in MW > 0, got %g", s.ITMW)
	}
	switch {
	case s.CoolingShare != nil && s.PUE != nil:
		bad("pue", "give cooling_share or pue, not both")
	case s.CoolingShare != nil:
		if !(*s.CoolingShare >= 0 && *s.CoolingShare <= 1) {
			bad("cooling_share", "want a share 0…1, got %g", *s.CoolingShare)
		}
	case s.PUE != nil:
		if !(*s.PUE >= 1 && *s.PUE < 10) {
			bad("pue", "want a PUE ≥ 1, got %g", *s.PUE)
		}
	default:
		bad("it_mw", "want cooling_share or pue next to it_mw")
	}
	if s.MinutesToCritical != nil && (!(*s.MinutesToCritical >= 0) || *s.MinutesToCritical > 1e6) {
		bad("minutes_to_critical", "want minutes ≥ 0, got %g", *s.MinutesToCritical)
	}
	if s.FlexMinutes != nil && !(*s.FlexMinutes > 0 && *s.FlexMinutes < 1e6) {
		bad("flex_minutes", "want minutes > 0, got %g", *s.FlexMinutes)
	}
	if s.BandC != nil && (len(s.BandC) != 2 || !(s.BandC[1] > s.BandC[0])) {
		bad("band_c", "want [low, high] in °C with high > low, got %v", s.BandC)
	}
	if h := s.HybridCooling; h != nil {
		if len(h.Modes) != 2 {
			bad("hybrid_cooling.modes", "want two modes (normal, efficient), got %d", len(h.Modes))
		}
		for i, m := range h.Modes {
			if !(m.COP > 0) || m.COP > 1e4 {
				bad(fmt.Sprintf("hybrid_cooling.modes[%d].cop", i), "want a COP > 0, got %g", m.COP)
			}
		}
		if len(h.Modes) == 2 && h.Modes[1].COP <= h.Modes[0].COP && h.Modes[0].COP > 0 {
			bad("hybrid_cooling.modes[1].cop", "want the efficient mode (second) to have the higher COP, got %g ≤ %g", h.Modes[1].COP, h.Modes[0].COP)
		}
		if a := h.AvailableShare; a != nil && !(*a >= 0 && *a <= 1) {
			bad("hybrid_cooling.available_share", "want a share 0…1, got %g", *a)
		}
		if x := h.Hours; x != nil && !(*x >= 0 && *x <= 24) {
			bad("hybrid_cooling.hours", "want hours 0…24, got %g", *x)
		}
	}
	if sh := s.Shiftable; sh != nil {
		if !(sh.Share >= 0 && sh.Share <= 1) {
			bad("shiftable.share", "want a share 0…1, got %g", sh.Share)
		}
		if !(sh.Hours >= 0 && sh.Hours <= 24) {
			bad("shiftable.hours", "want hours 0…24, got %g", sh.Hours)
		}
	}
	if s.Subsidy != nil {
		for _, e := range s.Subsidy.Validate() {
			bad("subsidy", "%s", e)
		}
	}
	if err := f.Err(checks, nested...); err != nil {
		return s, err
	}
	return s, nil
}
