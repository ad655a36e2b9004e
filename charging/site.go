package charging

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/series"
	"gridflex/sitefile"
	"gridflex/subsidy"
)

// Site is a charging site file (FORMAT.md). It is a plain struct so that a
// larger site description (an office with heating and cooling) can embed it
// with `yaml:",inline"` and call Validate itself.
type Site struct {
	Sector     string  `yaml:"sector"` // logistics | offices
	Name       string  `yaml:"name"`
	EAN        string  `yaml:"ean,omitempty"` // the connection, for the exported contract
	CapacityKW float64 `yaml:"capacity_kw"`   // contracted offtake capacity
	// BlockPower is block power the site already holds: extra capacity in
	// fixed local time blocks.
	BlockPower []Block `yaml:"block_power,omitempty"`
	// PeakWindows replace the scenario's grid peaks (grid.peak.*) when set.
	PeakWindows []PeakWindow `yaml:"peak_windows,omitempty"`
	// ProposedBlocks are the time blocks of the stepped block-power
	// proposal; default the study's 21:00–24:00 and 00:00–06:00 (§3).
	ProposedBlocks []Block         `yaml:"proposed_blocks,omitempty"`
	Vehicles       []Vehicle       `yaml:"vehicles,omitempty"`
	Sessions       *SessionOptions `yaml:"sessions,omitempty"`
	Battery        *Battery        `yaml:"battery,omitempty"`
	PV             *PV             `yaml:"pv,omitempty"`
	// OtherLoadKW is a constant other load when no meter file is given.
	OtherLoadKW *float64 `yaml:"other_load_kw,omitempty"`
	// PriorityShare is the share of chargers kept for priority charging at
	// offices (default scan.offices.priority_share, §1.4).
	PriorityShare *float64 `yaml:"priority_share,omitempty"`
	// PriorityChargers names the priority chargers of a sessions file; by
	// default the scan picks them (FORMAT.md).
	PriorityChargers []string `yaml:"priority_chargers,omitempty"`
	// DaysPerYear is the default number of operating days of every vehicle.
	DaysPerYear *float64 `yaml:"days_per_year,omitempty"`
	// Today says how the site charges today: on_arrival (default: full
	// power from arrival, sharing the capacity) or flat (every vehicle its
	// need evenly over its stay, the study's depot at 72.5 kW, §3).
	Today string `yaml:"today,omitempty"`
	// Owner prices office charging by Table 4.4 (§1.6): landlord
	// (default, €71/MWh) or owner-user (€0/MWh).
	Owner string `yaml:"owner,omitempty"`
	// Subsidy is the optional `subsidy:` mapping every site report reads
	// (report/FORMAT.md, §7). It is decoded by ParseSite through siteFile,
	// not by the inline tag, so that a site embedding Site (building.Site)
	// keeps its own `subsidy:` key without a duplicate-key clash.
	Subsidy *subsidy.Input `yaml:"-" json:"subsidy,omitempty"`
}

// siteFile is what ParseSite decodes: the site plus its subsidy block.
type siteFile struct {
	Site    `yaml:",inline"`
	Subsidy *subsidy.Input `yaml:"subsidy,omitempty"`
}

// Block is a local time block [From, To) with an extra capacity. To may be
// "24:00"; a block with From > To wraps past midnight.
type Block struct {
	From    string  `yaml:"from"`
	To      string  `yaml:"to"`
	ExtraKW float64 `yaml:"extra_kw,omitempty"`
}

// PeakWindow is a local grid-peak window in which charging is limited to
// ChargingKW (zero by default).
type PeakWindow struct {
	From       string  `yaml:"from"`
	To         string  `yaml:"to"`
	ChargingKW float64 `yaml:"charging_kw,omitempty"`
}

// Vehicle is one vehicle type: Count identical vehicles, each with its own
// charger.
type Vehicle struct {
	Name  string `yaml:"name"`
	Count int    `yaml:"count,omitempty"` // default 1
	// The daily need: EnergyKWhPerDay, or KmPerDay × KWhPerKm, and at least
	// (MinSoC − ArrivalSoC) × BatteryKWh when both are given.
	BatteryKWh      float64  `yaml:"battery_kwh,omitempty"`
	EnergyKWhPerDay float64  `yaml:"energy_kwh_per_day,omitempty"`
	KmPerDay        float64  `yaml:"km_per_day,omitempty"`
	KWhPerKm        float64  `yaml:"kwh_per_km,omitempty"`
	MinSoC          *float64 `yaml:"min_soc,omitempty"`
	ArrivalSoC      *float64 `yaml:"arrival_soc,omitempty"`
	// Arrival and Departure are local "HH:MM"; a departure at or before the
	// arrival is on the next day.
	Arrival   string  `yaml:"arrival"`
	Departure string  `yaml:"departure"`
	ChargerKW float64 `yaml:"charger_kw"`
	// Current limits per phase; MaxCurrentA lowers the charger power,
	// MinCurrentA is the lowest rate at which the vehicle charges.
	MinCurrentA float64 `yaml:"min_current_a,omitempty"`
	MaxCurrentA float64 `yaml:"max_current_a,omitempty"`
	Phases      int     `yaml:"phases,omitempty"`    // default 3
	VoltageV    float64 `yaml:"voltage_v,omitempty"` // default 230
	// Days are the weekdays of operation ([mon, …, sun]): days_per_year is
	// then 365 × len(Days) ÷ 7. DaysPerYear sets it directly.
	Days        []string `yaml:"days,omitempty"`
	DaysPerYear *float64 `yaml:"days_per_year,omitempty"`
	// Priority vehicles charge on arrival, also in the peaks (visitors).
	Priority bool `yaml:"priority,omitempty"`
}

// SessionOptions describe a sessions CSV given with --sessions.
type SessionOptions struct {
	// ChargerKW is the charger power when the CSV has no power column
	// (default scan.offices.charger_kw).
	ChargerKW float64 `yaml:"charger_kw,omitempty"`
}

// Battery is a stationary battery behind the connection.
type Battery struct {
	KWh float64 `yaml:"kwh"`
	KW  float64 `yaml:"kw"`
	// Efficiency is the round-trip efficiency (0…1].
	Efficiency float64 `yaml:"efficiency"`
}

// PV is the site's PV: a half-sine between sunrise and sunset with peak
// PeakKW, or an explicit profile of 96 quarter-hour values in kW.
type PV struct {
	PeakKW    float64   `yaml:"peak_kw,omitempty"`
	Sunrise   string    `yaml:"sunrise,omitempty"` // default 07:00
	Sunset    string    `yaml:"sunset,omitempty"`  // default 19:00
	ProfileKW []float64 `yaml:"profile_kw,omitempty"`
}

// Sectors a charging site may declare.
const (
	Logistics = "logistics"
	Offices   = "offices"
)

// Values of Site.Today and Site.Owner.
const (
	TodayOnArrival = "on_arrival"
	TodayFlat      = "flat"
	OwnerLandlord  = "landlord"
	OwnerUser      = "owner-user"
)

// ErrSite marks a site file with problems; the error lists all of them.
var ErrSite = errors.New("invalid site file")

// ParseSite decodes a site file strictly (unknown keys are errors) and
// validates it. name is used in error messages. Decode errors (unknown
// keys, wrong types) come out as FILE:LINE: messages (sitefile)
// together with the checks, all at once.
func ParseSite(name string, data []byte) (Site, error) {
	return parseSite(name, data, false)
}

// ParseSessionsSite is ParseSite for a scan with --sessions: the sessions
// file supplies the chargers, so the site may list no vehicles and needs
// no sessions: block (FORMAT.md: both optional with --sessions).
func ParseSessionsSite(name string, data []byte) (Site, error) {
	return parseSite(name, data, true)
}

func parseSite(name string, data []byte, sessions bool) (Site, error) {
	var f siteFile
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		msgs, _ := sitefile.DecodeErrors(name, data, err)
		return Site{}, siteErr(msgs)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var decodeErrs []string
	err := dec.Decode(&f)
	s := f.Site
	s.Subsidy = f.Subsidy
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Site{}, fmt.Errorf("%s: %w: empty file", name, ErrSite)
		}
		msgs, partial := sitefile.DecodeErrors(name, data, err)
		if !partial {
			return Site{}, siteErr(msgs)
		}
		// The checks see what the decoder could fill; Merge drops those
		// on a line that already has a decode error.
		decodeErrs = msgs
	}
	if err := sitefile.SingleDocument(name, dec); err != nil {
		return Site{}, fmt.Errorf("%w: %v", ErrSite, err)
	}
	decodeErrs = sitefile.WithNumbers(name, &root, &f, decodeErrs)
	if err := sitefile.Merge(decodeErrs, s.checkRoot(name, &root, sessions)); err != nil {
		return s, siteErr(strings.Split(err.Error(), "\n"))
	}
	return s, nil
}

func siteErr(msgs []string) error {
	return fmt.Errorf("%w:\n  %s", ErrSite, strings.Join(msgs, "\n  "))
}

// Validate checks the site's values and reports every problem at once as
// FILE:LINE: FIELD: want …, got …. data is the file's text, used only for
// line numbers (it may be nil).
func (s *Site) Validate(name string, data []byte) error {
	if msgs := s.check(name, data, false); len(msgs) > 0 {
		return siteErr(msgs)
	}
	return nil
}

// check returns the problems of Validate; with sessions the vehicles may
// come from a sessions file.
func (s *Site) check(name string, data []byte, sessions bool) []string {
	var root yaml.Node
	if len(data) > 0 {
		_ = yaml.Unmarshal(data, &root) // a decode error was reported by the caller
	}
	return s.checkRoot(name, &root, sessions)
}

// checkRoot is check with the file already parsed (root, for line
// numbers): a site file is parsed once for its lines, not again per check.
func (s *Site) checkRoot(name string, root *yaml.Node, sessions bool) []string {
	v := &validator{file: name, root: root}
	switch s.Sector {
	case Logistics, Offices:
	default:
		v.add(path{"sector"}, "want logistics or offices, got %q", s.Sector)
	}
	v.positive(path{"capacity_kw"}, s.CapacityKW)
	for i, b := range s.BlockPower {
		p := path{"block_power", i}
		v.block(p, b.From, b.To)
		v.positive(append(p, "extra_kw"), b.ExtraKW)
	}
	for i, w := range s.PeakWindows {
		p := path{"peak_windows", i}
		v.block(p, w.From, w.To)
		v.nonNegative(append(p, "charging_kw"), w.ChargingKW)
	}
	for i, b := range s.ProposedBlocks {
		p := path{"proposed_blocks", i}
		v.block(p, b.From, b.To)
		if b.ExtraKW != 0 {
			v.add(append(p, "extra_kw"), "want no value (the scan computes it), got %g", b.ExtraKW)
		}
	}
	if len(s.Vehicles) == 0 && !sessions {
		v.add(path{"vehicles"}, "want at least one vehicle, or --sessions FILE.csv")
	}
	total := 0
	for _, x := range s.Vehicles {
		if x.Count > 0 && x.Count <= maxCount {
			total += x.Count
		} else {
			total++
		}
	}
	if total > MaxVehicles {
		v.add(path{"vehicles"}, "want at most %d vehicles in all (one charger and one schedule each), got %d", MaxVehicles, total)
	}
	names := map[string]bool{}
	for i := range s.Vehicles {
		v.vehicle(path{"vehicles", i}, &s.Vehicles[i])
		if n := s.Vehicles[i].Name; n != "" && names[n] {
			v.add(path{"vehicles", i, "name"}, "want a unique name, got %q twice", n)
		} else {
			names[n] = true
		}
	}
	s.checkNumberedNames(v)
	if ss := s.Sessions; ss != nil {
		v.nonNegative(path{"sessions", "charger_kw"}, ss.ChargerKW)
	}
	if s.Subsidy != nil {
		for _, e := range s.Subsidy.Validate() {
			v.add(path{"subsidy"}, "%s", e)
		}
	}
	if b := s.Battery; b != nil {
		v.positive(path{"battery", "kwh"}, b.KWh)
		v.positive(path{"battery", "kw"}, b.KW)
		if !(b.Efficiency > 0 && b.Efficiency <= 1) {
			v.add(path{"battery", "efficiency"}, "want a round-trip efficiency in (0, 1], got %g", b.Efficiency)
		}
	}
	if pv := s.PV; pv != nil {
		switch {
		case len(pv.ProfileKW) > 0 && pv.PeakKW != 0:
			v.add(path{"pv"}, "want peak_kw or profile_kw, not both")
		case len(pv.ProfileKW) > 0:
			if len(pv.ProfileKW) != dayISPs {
				v.add(path{"pv", "profile_kw"}, "want %d quarter-hour values, got %d", dayISPs, len(pv.ProfileKW))
			}
			for i, x := range pv.ProfileKW {
				v.nonNegative(path{"pv", "profile_kw", i}, x)
			}
		default:
			v.positive(path{"pv", "peak_kw"}, pv.PeakKW)
			rise, set := v.clock(path{"pv", "sunrise"}, pv.Sunrise, "07:00"), v.clock(path{"pv", "sunset"}, pv.Sunset, "19:00")
			if rise >= 0 && set >= 0 && set <= rise {
				v.add(path{"pv", "sunset"}, "want after sunrise %s, got %s", pv.Sunrise, pv.Sunset)
			}
		}
	}
	if s.OtherLoadKW != nil {
		v.finite(path{"other_load_kw"}, *s.OtherLoadKW)
	}
	switch s.Today {
	case "", TodayOnArrival, TodayFlat:
	default:
		v.add(path{"today"}, "want %s or %s, got %q", TodayOnArrival, TodayFlat, s.Today)
	}
	switch {
	case s.Owner == "":
	case s.Sector != Offices:
		v.add(path{"owner"}, "want no owner for a %s site (it prices office charging, §1.6), got %q", s.Sector, s.Owner)
	case s.Owner != OwnerLandlord && s.Owner != OwnerUser:
		v.add(path{"owner"}, "want %s or %s, got %q", OwnerLandlord, OwnerUser, s.Owner)
	}
	if p := s.PriorityShare; p != nil && !(*p >= 0 && *p <= 1) {
		v.add(path{"priority_share"}, "want a share between 0 and 1, got %g", *p)
	}
	if d := s.DaysPerYear; d != nil && !(*d >= 0 && *d <= 366) {
		v.add(path{"days_per_year"}, "want 0…366 days, got %g", *d)
	}
	return v.errs
}

func (v *validator) vehicle(p path, x *Vehicle) {
	if x.Name == "" {
		v.add(append(p, "name"), "want a name")
	}
	if x.Count < 0 || x.Count > maxCount {
		v.add(append(p, "count"), "want 1…%d, got %d", maxCount, x.Count)
	}
	v.nonNegative(append(p, "battery_kwh"), x.BatteryKWh)
	v.nonNegative(append(p, "energy_kwh_per_day"), x.EnergyKWhPerDay)
	v.nonNegative(append(p, "km_per_day"), x.KmPerDay)
	v.nonNegative(append(p, "kwh_per_km"), x.KWhPerKm)
	if (x.KmPerDay == 0) != (x.KWhPerKm == 0) {
		v.add(append(p, "km_per_day"), "want km_per_day and kwh_per_km together")
	}
	if x.EnergyKWhPerDay > 0 && x.KmPerDay > 0 {
		v.add(append(p, "energy_kwh_per_day"), "want energy_kwh_per_day or km_per_day × kwh_per_km, not both")
	}
	soc := x.MinSoC != nil || x.ArrivalSoC != nil
	if soc && (x.MinSoC == nil || x.ArrivalSoC == nil || x.BatteryKWh == 0) {
		v.add(append(p, "min_soc"), "want min_soc, arrival_soc and battery_kwh together")
	}
	for _, f := range []struct {
		key string
		val *float64
	}{{"min_soc", x.MinSoC}, {"arrival_soc", x.ArrivalSoC}} {
		if f.val != nil && !(*f.val >= 0 && *f.val <= 1) {
			v.add(append(p, f.key), "want a state of charge between 0 and 1, got %g", *f.val)
		}
	}
	if x.EnergyKWhPerDay == 0 && x.KmPerDay == 0 && !soc {
		v.add(append(p, "energy_kwh_per_day"), "want the daily need: energy_kwh_per_day, km_per_day × kwh_per_km, or min_soc with arrival_soc")
	}
	if x.BatteryKWh > 0 && x.NeedKWh() > x.BatteryKWh {
		v.add(append(p, "battery_kwh"), "want at least the daily need %g kWh, got %g", x.NeedKWh(), x.BatteryKWh)
	}
	a := v.clock(append(p, "arrival"), x.Arrival, "")
	d := v.clock(append(p, "departure"), x.Departure, "")
	if a == 24*60 {
		v.add(append(p, "arrival"), "want 00:00…23:59, got %q", x.Arrival)
	}
	_ = d
	v.positive(append(p, "charger_kw"), x.ChargerKW)
	v.nonNegative(append(p, "min_current_a"), x.MinCurrentA)
	v.nonNegative(append(p, "max_current_a"), x.MaxCurrentA)
	if x.MaxCurrentA > 0 && x.MinCurrentA > x.MaxCurrentA {
		v.add(append(p, "min_current_a"), "want ≤ max_current_a %g, got %g", x.MaxCurrentA, x.MinCurrentA)
	}
	if x.Phases != 0 && x.Phases != 1 && x.Phases != 3 {
		v.add(append(p, "phases"), "want 1 or 3, got %d", x.Phases)
	}
	v.nonNegative(append(p, "voltage_v"), x.VoltageV)
	v.nonNegative(append(p, "need"), x.NeedKWh())
	if x.MinKW() > x.MaxKW() {
		v.add(append(p, "min_current_a"), "want a minimum power %g kW ≤ the charger power %g kW", x.MinKW(), x.MaxKW())
	}
	if dy := x.DaysPerYear; dy != nil && !(*dy >= 0 && *dy <= 366) {
		v.add(append(p, "days_per_year"), "want 0…366 days, got %g", *dy)
	}
	if len(x.Days) > 0 && x.DaysPerYear != nil {
		v.add(append(p, "days"), "want days or days_per_year, not both")
	}
	seen := map[string]bool{}
	for i, d := range x.Days {
		if !slices.Contains(weekdays, d) || seen[d] {
			v.add(append(p, "days", i), "want one of each of %s, got %q", strings.Join(weekdays, ", "), d)
		}
		seen[d] = true
	}
}

// checkNumberedNames refuses a vehicle named like a numbered vehicle of
// another type ("t #1" beside a type t with count 2): every vehicle has
// its own charger, named after it, and two chargers of one name would be
// one profile.
func (s *Site) checkNumberedNames(v *validator) {
	count := map[string]int{}
	for _, x := range s.Vehicles {
		if x.N() > 1 {
			count[x.Name] = x.N()
		}
	}
	for i, x := range s.Vehicles {
		base, num, ok := strings.Cut(x.Name, " #")
		if !ok {
			continue
		}
		k, err := strconv.Atoi(num)
		if n := count[base]; err == nil && k >= 1 && k <= n {
			v.add(path{"vehicles", i, "name"}, "want a name other than the numbered vehicles %s #1…%s #%d of type %q, got %q", base, base, n, base, x.Name)
		}
	}
}

var weekdays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// OperatingDays is the vehicle's operating days per year: DaysPerYear, or
// from Days, or def.
func (x Vehicle) OperatingDays(def float64) float64 {
	switch {
	case x.DaysPerYear != nil:
		return *x.DaysPerYear
	case len(x.Days) > 0:
		return 365 * float64(len(x.Days)) / 7
	}
	return def
}

// NeedKWh is the energy one vehicle needs per operating day.
func (x Vehicle) NeedKWh() float64 {
	need := x.EnergyKWhPerDay + x.KmPerDay*x.KWhPerKm
	if x.MinSoC != nil && x.ArrivalSoC != nil {
		need = max(need, (*x.MinSoC-*x.ArrivalSoC)*x.BatteryKWh)
	}
	return need
}

// N is the number of vehicles of the type (Count, default 1).
func (x Vehicle) N() int { return max(x.Count, 1) }

func (x Vehicle) phasesVolts() (float64, float64) {
	ph, v := float64(x.Phases), x.VoltageV
	if ph == 0 {
		ph = 3
	}
	if v == 0 {
		v = 230
	}
	return ph, v
}

// MaxKW is the charging power: the charger's, lowered by MaxCurrentA.
func (x Vehicle) MaxKW() float64 {
	kw := x.ChargerKW
	if x.MaxCurrentA > 0 {
		ph, v := x.phasesVolts()
		kw = min(kw, ph*v*x.MaxCurrentA/1000)
	}
	return kw
}

// MinKW is the lowest non-zero charging power (MinCurrentA), 0 if unset.
func (x Vehicle) MinKW() float64 {
	ph, v := x.phasesVolts()
	return ph * v * x.MinCurrentA / 1000
}

// path addresses a node of the site file: keys and list indices.
type path []any

func (p path) String() string {
	var b strings.Builder
	for i, e := range p {
		switch e := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", e)
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, e)
		}
	}
	return b.String()
}

type validator struct {
	file string
	root *yaml.Node
	errs []string
}

func (v *validator) add(p path, format string, args ...any) {
	loc := v.file
	if l := line(v.root, p); l > 0 {
		loc = fmt.Sprintf("%s:%d", v.file, l)
	}
	v.errs = append(v.errs, fmt.Sprintf("%s: %s: %s", loc, p, fmt.Sprintf(format, args...)))
}

// maxValue bounds every number of a site file (kW, kWh, km): far above any
// site, low enough for the scheduler's exact integer arithmetic.
const maxValue = 1e7

// maxCount bounds the vehicles of one type.
const maxCount = 100_000

// MaxVehicles bounds the vehicles of a site in all: each has its own
// charger and schedule (96 values), and a scan of 100,000 takes about 0.4 s
// of CPU on the reference machine (BenchmarkVehicles100k).
const MaxVehicles = 100_000

func (v *validator) finite(p path, x float64) bool {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		v.add(p, "want a finite number, got %g", x)
		return false
	}
	if math.Abs(x) > maxValue {
		v.add(p, "want at most %g in magnitude, got %g", float64(maxValue), x)
		return false
	}
	return true
}

func (v *validator) positive(p path, x float64) {
	if v.finite(p, x) && x <= 0 {
		v.add(p, "want > 0, got %g", x)
	}
}

func (v *validator) nonNegative(p path, x float64) {
	if v.finite(p, x) && x < 0 {
		v.add(p, "want ≥ 0, got %g", x)
	}
}

// clock parses an "HH:MM" field; empty uses def (no default: required).
// It returns the minute of day, or -1 after reporting a problem.
func (v *validator) clock(p path, s, def string) int {
	if s == "" {
		if def == "" {
			v.add(p, "want a local time HH:MM")
			return -1
		}
		s = def
	}
	m, err := series.ParseClock(s)
	if err != nil {
		v.add(p, "%v", err)
		return -1
	}
	return m
}

func (v *validator) block(p path, from, to string) {
	a, b := v.clock(append(p, "from"), from, ""), v.clock(append(p, "to"), to, "")
	if a >= 0 && b >= 0 && a == b {
		v.add(append(p, "to"), "want a block of non-zero length, got %s–%s", from, to)
	}
}

// line returns the line of the node at p, or of its nearest existing
// ancestor; 0 when unknown.
func line(root *yaml.Node, p path) int {
	n := root
	if n == nil || n.Kind == 0 {
		return 0
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	best := n.Line
	for _, e := range p {
		var next *yaml.Node
		switch e := e.(type) {
		case int:
			if n.Kind == yaml.SequenceNode && e < len(n.Content) {
				next = n.Content[e]
			}
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == e {
						next = n.Content[i+1]
						break
					}
				}
			}
		}
		if next == nil {
			return best
		}
		n, best = next, next.Line
	}
	return best
}
