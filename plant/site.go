package plant

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/sitefile"
	"gridflex/subsidy"
)

// Site is a chemical-plant site file (report/FORMAT.md). Costs a company
// does not give fall back on the study's figures; a measure with no
// investment gets the §0 lump sum.
type Site struct {
	Sector     string  `yaml:"sector"` // chemistry
	Name       string  `yaml:"name"`
	CapacityKW float64 `yaml:"capacity_kw"` // contracted offtake capacity
	// BaseLoadKW is the rest of the site's load, constant over the day.
	BaseLoadKW float64        `yaml:"base_load_kw,omitempty"`
	Batches    []Batch        `yaml:"batches,omitempty"`
	Continuous []Continuous   `yaml:"continuous,omitempty"`
	Utilities  []Utility      `yaml:"utilities,omitempty"`
	CHP        []CHP          `yaml:"chp,omitempty"`
	Battery    *Battery       `yaml:"battery,omitempty"`
	Subsidy    *subsidy.Input `yaml:"subsidy,omitempty"`
	Contract   *ContractInfo  `yaml:"contract,omitempty"`
}

// ContractInfo names the connection for the recommended contract.
type ContractInfo struct {
	Connection string `yaml:"connection,omitempty"` // EAN
	Start      string `yaml:"start,omitempty"`      // YYYY-MM-DD
}

// Costs a company reports for a measure; absent fields fall back on the
// study (investment: the §0 lump sum).
type Costs struct {
	CapexEUR       *float64 `yaml:"capex_eur,omitempty"`
	OpexEURPerYear float64  `yaml:"opex_eur_per_year,omitempty"`
	// Staff: the measure needs an operator (cost.staff_* per day, §0).
	Staff bool `yaml:"staff,omitempty"`
}

// Batch is a batch process (§2.2 batch shifting).
type Batch struct {
	Name       string  `yaml:"name"`
	KW         float64 `yaml:"kw"`
	DurationH  float64 `yaml:"duration_h"`
	RunsPerDay int     `yaml:"runs_per_day"`
	// Starts are today's local start times, one per run ("HH:MM"); by
	// default the runs follow each other from Earliest.
	Starts    []string `yaml:"starts,omitempty"`
	Earliest  string   `yaml:"earliest,omitempty"`   // default 00:00
	LatestEnd string   `yaml:"latest_end,omitempty"` // default 24:00
	NoticeH   float64  `yaml:"notice_h,omitempty"`   // notice the process needs, h (§2.2: ≥ 24 h)
	// Parallel is how many runs may overlap (the catch-up capacity of the
	// equipment); default 1.
	Parallel int `yaml:"parallel,omitempty"`
	Costs    `yaml:",inline"`
}

// Continuous is a continuous production line (§2.2 incidental curtailment).
type Continuous struct {
	Name             string  `yaml:"name"`
	KW               float64 `yaml:"kw"`
	CurtailableShare float64 `yaml:"curtailable_share"`
	// CatchUpKW is the extra power the line can run after a curtailment to
	// make up the lost production; 0 means the production is lost.
	CatchUpKW     float64 `yaml:"catch_up_kw,omitempty"`
	EURPerHour    float64 `yaml:"eur_per_hour"` // cost per hour curtailed
	ReactionMin   float64 `yaml:"reaction_min,omitempty"`
	HoursPerEvent float64 `yaml:"hours_per_event,omitempty"` // default the evening peak
	Costs         `yaml:",inline"`
}

// Utility is a utility with a buffer: nitrogen compressor, aerator,
// pre-heating or pre-cooling (§2.2 smart utilities).
type Utility struct {
	Name                string   `yaml:"name"`
	KW                  float64  `yaml:"kw"`
	BufferH             float64  `yaml:"buffer_h"`
	SubstituteEURPerMWh *float64 `yaml:"substitute_eur_per_mwh,omitempty"` // default the study's €300/MWh
	Costs               `yaml:",inline"`
}

// CHP is own generation run in the consumption peaks (§2.2, §2.3).
type CHP struct {
	Name             string   `yaml:"name"`
	MW               float64  `yaml:"mw"`
	AvailableShare   *float64 `yaml:"available_share,omitempty"`     // default 1
	FuelEURPerMWh    *float64 `yaml:"fuel_eur_per_mwh,omitempty"`    // extra fuel, before margin
	OverhaulEURPerMW *float64 `yaml:"overhaul_eur_per_mw,omitempty"` // default €280,000/MW
}

// Battery is the battery alternative (§2.3), by default the study's
// reference battery scaled to each measure.
type Battery struct {
	CapexEURPerMW *float64 `yaml:"capex_eur_per_mw,omitempty"`
	OpexEURPerMWh *float64 `yaml:"opex_eur_per_mwh,omitempty"` // before margin
}

// ParseSite decodes a chemistry site file strictly and checks it; every
// problem is reported with file and line.
func ParseSite(name string, data []byte) (Site, error) {
	var s Site
	// Unknown keys and wrong types are reported with the checks below,
	// which see what the decoder could fill.
	f, err := sitefile.Decode(name, data, &s)
	if err != nil {
		return s, err
	}
	v := &validator{name: name, root: f.Root}
	if s.Sector != "chemistry" {
		v.add("sector", "want chemistry, got %q", s.Sector)
	}
	v.positive("capacity_kw", s.CapacityKW)
	v.nonNegative("base_load_kw", s.BaseLoadKW)
	if len(s.Batches)+len(s.Continuous)+len(s.Utilities)+len(s.CHP) == 0 {
		v.add("sector", "want at least one of batches, continuous, utilities, chp")
	}
	for i := range s.Batches {
		b := &s.Batches[i]
		p := fmt.Sprintf("batches[%d]", i)
		v.named(p, b.Name)
		v.positive(p+".kw", b.KW)
		if !(b.DurationH > 0 && b.DurationH <= 24) {
			v.add(p+".duration_h", "want hours in (0, 24], got %g", b.DurationH)
		}
		if b.RunsPerDay < 1 || b.RunsPerDay > 96 {
			v.add(p+".runs_per_day", "want 1…96, got %d", b.RunsPerDay)
		}
		if b.Parallel < 0 {
			v.add(p+".parallel", "want ≥ 1, got %d", b.Parallel)
		}
		from := v.clock(p+".earliest", b.Earliest, 0)
		to := v.clock(p+".latest_end", b.LatestEnd, 1440)
		if to-from < int(b.DurationH*60) && b.DurationH > 0 {
			v.add(p+".latest_end", "want room for a run of %g h after earliest %s, got %s", b.DurationH, b.Earliest, b.LatestEnd)
		}
		if b.Starts != nil && len(b.Starts) != b.RunsPerDay {
			v.add(p+".starts", "want one start per run (%d), got %d", b.RunsPerDay, len(b.Starts))
		}
		for j, st := range b.Starts {
			v.clock(fmt.Sprintf("%s.starts[%d]", p, j), st, 0)
		}
		v.nonNegative(p+".notice_h", b.NoticeH)
		v.costs(p, b.Costs)
	}
	for i, c := range s.Continuous {
		p := fmt.Sprintf("continuous[%d]", i)
		v.named(p, c.Name)
		v.positive(p+".kw", c.KW)
		if !(c.CurtailableShare > 0 && c.CurtailableShare <= 1) {
			v.add(p+".curtailable_share", "want a share in (0, 1], got %g", c.CurtailableShare)
		}
		v.nonNegative(p+".catch_up_kw", c.CatchUpKW)
		v.nonNegative(p+".eur_per_hour", c.EURPerHour)
		v.nonNegative(p+".reaction_min", c.ReactionMin)
		if !(c.HoursPerEvent >= 0 && c.HoursPerEvent <= 24) {
			v.add(p+".hours_per_event", "want hours 0…24, got %g", c.HoursPerEvent)
		}
		v.costs(p, c.Costs)
	}
	for i, u := range s.Utilities {
		p := fmt.Sprintf("utilities[%d]", i)
		v.named(p, u.Name)
		v.positive(p+".kw", u.KW)
		if !(u.BufferH > 0 && u.BufferH <= 1e4) {
			v.add(p+".buffer_h", "want hours > 0, got %g", u.BufferH)
		}
		if u.SubstituteEURPerMWh != nil {
			v.nonNegative(p+".substitute_eur_per_mwh", *u.SubstituteEURPerMWh)
		}
		v.costs(p, u.Costs)
	}
	for i, c := range s.CHP {
		p := fmt.Sprintf("chp[%d]", i)
		v.named(p, c.Name)
		v.positive(p+".mw", c.MW)
		if a := c.AvailableShare; a != nil && !(*a >= 0 && *a <= 1) {
			v.add(p+".available_share", "want a share 0…1, got %g", *a)
		}
		for _, f := range []struct {
			k string
			x *float64
		}{{"fuel_eur_per_mwh", c.FuelEURPerMWh}, {"overhaul_eur_per_mw", c.OverhaulEURPerMW}} {
			if f.x != nil {
				v.nonNegative(p+"."+f.k, *f.x)
			}
		}
	}
	if b := s.Battery; b != nil {
		for _, f := range []struct {
			k string
			x *float64
		}{{"capex_eur_per_mw", b.CapexEURPerMW}, {"opex_eur_per_mwh", b.OpexEURPerMWh}} {
			if f.x != nil {
				v.nonNegative("battery."+f.k, *f.x)
			}
		}
	}
	if s.Subsidy != nil {
		for _, e := range s.Subsidy.Validate() {
			v.add("subsidy", "%s", e)
		}
	}
	if err := f.Err(v.errs); err != nil {
		return s, err
	}
	return s, nil
}

type validator struct {
	name string
	root *yaml.Node
	errs sitefile.Checks
}

func (v *validator) add(path, format string, args ...any) { v.errs.Add(path, format, args...) }

func (v *validator) positive(path string, x float64) {
	if !(x > 0) || x > 1e9 {
		v.add(path, "want a number > 0, got %g", x)
	}
}

func (v *validator) nonNegative(path string, x float64) {
	if !(x >= 0) || x > 1e12 {
		v.add(path, "want a number ≥ 0, got %g", x)
	}
}

func (v *validator) named(path, name string) {
	if strings.TrimSpace(name) == "" {
		v.add(path, "want a name")
	}
}

func (v *validator) costs(path string, c Costs) {
	if c.CapexEUR != nil {
		v.nonNegative(path+".capex_eur", *c.CapexEUR)
	}
	v.nonNegative(path+".opex_eur_per_year", c.OpexEURPerYear)
}

// clock parses "HH:MM" (00:00…24:00) into minutes; "" gives def.
func (v *validator) clock(path, s string, def int) int {
	if s == "" {
		return def
	}
	m, err := parseClock(s)
	if err != nil {
		v.add(path, "%v", err)
		return def
	}
	return m
}

func parseClock(s string) (int, error) {
	var h, m int
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("want a local time HH:MM, got %q", s)
	}
	if _, err := fmt.Sscanf(s, "%02d:%02d", &h, &m); err != nil || h > 24 || m > 59 || (h == 24 && m != 0) || h < 0 || m < 0 {
		return 0, fmt.Errorf("want a local time 00:00…24:00, got %q", s)
	}
	return h*60 + m, nil
}
