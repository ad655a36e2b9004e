package plant

import (
	"fmt"
	"math"
	"sort"

	"gridflex/compensation"
	"gridflex/scenario"
)

// Kind says whether a measure is delivered every working day or on call.
type Kind string

// Kinds (study §0: 1,040 and 250 h/yr).
const (
	Structural Kind = "structural"
	Incidental Kind = "incidental"
)

// Measure is one flexibility measure of the plant.
type Measure struct {
	ID        string  `json:"id"` // batch, continuous, utility, chp
	Name      string  `json:"name"`
	MorningMW float64 `json:"morning_mw"`
	EveningMW float64 `json:"evening_mw"`
	Kind      Kind    `json:"kind"`
	// HoursPerYear is the §0 basis the costs are spread over.
	HoursPerYear float64 `json:"hours_per_year"`
	MWhPerYear   float64 `json:"mwh_per_year"`
	// EURPerMWh is the required compensation (§0 formula) and its parts.
	EURPerMWh      float64                `json:"eur_per_mwh"`
	Breakdown      compensation.Breakdown `json:"breakdown"`
	EURPerYear     float64                `json:"eur_per_year"`
	CapexEUR       float64                `json:"capex_eur"`
	LumpSum        bool                   `json:"lump_sum"` // CAPEX is the §0 lump sum: no investment given
	OpexEURPerYear float64                `json:"opex_eur_per_year"`
	// BatteryEURPerMWh is the battery alternative for the same MW and hours
	// (§2.3: not additional).
	BatteryEURPerMWh float64 `json:"battery_eur_per_mwh"`
	Note             string  `json:"note,omitempty"`
}

// FlexMW is the measure's capacity: the larger of its two peaks.
func (m Measure) FlexMW() float64 { return max(m.MorningMW, m.EveningMW) }

// Result is a chemistry scan.
type Result struct {
	Site     Site      `json:"-"`
	Measures []Measure `json:"measures"`
	// Load profiles of a working day, kW per ISP: today and with every
	// structural measure (batches moved, utilities on buffer, CHP in the
	// peaks).
	BeforeKW Day  `json:"before_kw"`
	AfterKW  Day  `json:"after_kw"`
	Plan     Plan `json:"plan"`
	// ExtraNightKW is the capacity above the contracted capacity the moved
	// batches need outside the peaks (0: they fit).
	ExtraNightKW float64 `json:"extra_night_kw"`
	// OverCapacityKW is how far today's load exceeds the contracted
	// capacity (0: it fits); such a site must be flagged.
	OverCapacityKW float64 `json:"over_capacity_kw"`
	// CatchUpExtraKW is the extra capacity on a day with an incidental
	// curtailment, when the lines catch up after the evening peak.
	CatchUpExtraKW float64 `json:"catch_up_extra_kw"`
	// BatteryRoomKW is the contracted capacity left outside the peaks for
	// charging a battery after the measures.
	BatteryRoomKW float64   `json:"battery_room_kw"`
	Windows       [2][2]int `json:"windows_minutes"` // morning, evening [from, to)
}

// Scan evaluates a validated site under scenario s.
func Scan(site Site, s *scenario.Scenario) Result {
	r := Result{Site: site}
	m := func(k string) int { return int(math.Round(s.Value(k) * 60)) }
	r.Windows = [2][2]int{{m("grid.peak.morning.from"), m("grid.peak.morning.to")}, {m("grid.peak.evening.from"), m("grid.peak.evening.to")}}
	var morning, evening, peak [day]bool
	for i := range day {
		t := i * 15
		morning[i] = t >= r.Windows[0][0] && t < r.Windows[0][1]
		evening[i] = t >= r.Windows[1][0] && t < r.Windows[1][1]
		peak[i] = morning[i] || evening[i]
	}
	windowH := [2]float64{float64(r.Windows[0][1]-r.Windows[0][0]) / 60, float64(r.Windows[1][1]-r.Windows[1][0]) / 60}

	years, margin := s.Value("cost.years"), s.Value("cost.margin")
	hours := map[Kind]float64{Structural: s.Value("cost.hours_structural"), Incidental: s.Value("cost.hours_incidental")}
	staffEUR := compensation.StaffEURPerYear(s.Value("cost.staff_hours_per_day"), s.Value("cost.staff_eur_per_hour"), s.Value("cost.staff_days_per_year"))
	lump := s.Value("cost.lump_sum_eur")
	batCapexPerMW := s.Value("battery.reference.capex_eur") / s.Value("battery.reference.power_mw")
	batOpex := s.Value("battery.reference.opex_eur_per_mwh")
	if b := site.Battery; b != nil {
		if b.CapexEURPerMW != nil {
			batCapexPerMW = *b.CapexEURPerMW
		}
		if b.OpexEURPerMWh != nil {
			batOpex = *b.OpexEURPerMWh
		}
	}
	price := func(ms *Measure, capex *float64, opex float64) {
		ms.HoursPerYear = hours[ms.Kind]
		mw := ms.FlexMW()
		ms.MWhPerYear = mw * ms.HoursPerYear
		ms.OpexEURPerYear = opex
		if capex != nil {
			ms.CapexEUR = *capex
		} else {
			ms.CapexEUR, ms.LumpSum = lump, true
		}
		if mw <= 0 {
			ms.Note = "no flex in the peaks"
			return
		}
		c := compensation.Costs{CapexEUR: ms.CapexEUR, OpexEURPerYear: opex, Years: years, HoursPerYear: ms.HoursPerYear, Margin: margin, FlexMW: mw}
		ms.EURPerMWh, ms.Breakdown = compensation.Required(c)
		ms.EURPerYear = ms.EURPerMWh * ms.MWhPerYear
		ms.BatteryEURPerMWh, _ = compensation.Battery(batCapexPerMW*mw, mw, batOpex, c)
	}
	staff := func(c Costs) float64 {
		if c.Staff {
			return staffEUR
		}
		return 0
	}

	// Today's load and the load with the structural measures.
	var base Day
	for i := range day {
		base[i] = site.BaseLoadKW
		for _, c := range site.Continuous {
			base[i] += c.KW
		}
	}
	for i := range day {
		r.BeforeKW[i] = base[i]
		r.AfterKW[i] = base[i]
		for _, u := range site.Utilities {
			r.BeforeKW[i] += u.KW
			r.AfterKW[i] += u.KW
		}
	}
	for _, u := range site.Utilities {
		for w, mask := range []*[day]bool{&morning, &evening} {
			left := isps(min(u.BufferH, windowH[w]))
			for i := range day {
				if mask[i] && left > 0 {
					r.AfterKW[i] -= u.KW
					left--
				}
			}
		}
	}
	for _, c := range site.CHP {
		mw := c.MW * share(c.AvailableShare)
		for i := range day {
			if peak[i] {
				r.AfterKW[i] -= mw * 1e3
			}
		}
	}
	current := currentStarts(&site)
	for bi, b := range site.Batches {
		for _, st := range current[bi] {
			r.Plan.Before = append(r.Plan.Before, Run{Batch: bi, StartISP: st, ISPs: isps(b.DurationH)})
		}
	}
	addRuns(&r.BeforeKW, &site, r.Plan.Before)
	after := r.AfterKW
	r.Plan.After, r.Plan.Stuck = scheduleBatches(&site, &after, &peak, current)
	r.AfterKW = after

	var offPeak [day]bool
	for i := range day {
		offPeak[i] = !peak[i]
	}
	var all [day]bool
	for i := range all {
		all[i] = true
	}
	// A site that already draws more than it contracted is flagged, not
	// excused: extra night capacity is measured against the contract, not
	// against today's (over-contract) load (§2).
	r.OverCapacityKW = max(0, r.BeforeKW.Max(&all)-site.CapacityKW)
	r.ExtraNightKW = max(0, r.AfterKW.Max(&offPeak)-site.CapacityKW)
	r.BatteryRoomKW = max(0, site.CapacityKW-r.AfterKW.Max(&offPeak))

	// Measures.
	for bi, b := range site.Batches {
		var before, after Day
		addRuns(&before, &site, runsOf(r.Plan.Before, bi))
		addRuns(&after, &site, runsOf(r.Plan.After, bi))
		ms := Measure{ID: "batch", Name: b.Name, Kind: Structural,
			MorningMW: max(0, before.Max(&morning)-after.Max(&morning)) / 1e3,
			EveningMW: max(0, before.Max(&evening)-after.Max(&evening)) / 1e3,
		}
		if b.NoticeH > 24 {
			ms.Note = fmt.Sprintf("needs %g h notice: only for fixed time blocks, not day-ahead calls", b.NoticeH)
		}
		price(&ms, b.CapexEUR, b.OpexEURPerYear+staff(b.Costs))
		r.Measures = append(r.Measures, ms)
	}
	for _, u := range site.Utilities {
		mw := u.KW / 1e3
		sub := s.Value("chemistry.compensation.utilities.substitute_eur_per_mwh")
		if u.SubstituteEURPerMWh != nil {
			sub = *u.SubstituteEURPerMWh
		}
		ms := Measure{ID: "utility", Name: u.Name, Kind: Structural, MorningMW: mw, EveningMW: mw}
		if u.BufferH < max(windowH[0], windowH[1]) {
			ms.Note = fmt.Sprintf("the %g h buffer covers only part of a peak", u.BufferH)
		}
		price(&ms, u.CapexEUR, sub*mw*hours[Structural]+u.OpexEURPerYear+staff(u.Costs))
		r.Measures = append(r.Measures, ms)
	}
	for _, c := range site.CHP {
		mw := c.MW * share(c.AvailableShare)
		overhaul := s.Value("chemistry.compensation.chp.overhaul_eur_per_mw")
		if c.OverhaulEURPerMW != nil {
			overhaul = *c.OverhaulEURPerMW
		}
		fuel := s.Value("chemistry.compensation.chp.fuel_eur_per_mwh")
		if c.FuelEURPerMWh != nil {
			fuel = *c.FuelEURPerMWh
		}
		capex := overhaul * mw
		ms := Measure{ID: "chp", Name: c.Name, Kind: Structural, MorningMW: mw, EveningMW: mw}
		price(&ms, &capex, fuel*mw*hours[Structural])
		r.Measures = append(r.Measures, ms)
	}
	var catchUp float64
	for _, c := range site.Continuous {
		mw := c.KW * c.CurtailableShare / 1e3
		ms := Measure{ID: "continuous", Name: c.Name, Kind: Incidental, EveningMW: mw}
		ev := c.HoursPerEvent
		if ev == 0 {
			ev = windowH[1]
		}
		if c.ReactionMin > 0 {
			ms.Note = fmt.Sprintf("reaction time %g min", c.ReactionMin)
		}
		if c.CatchUpKW > 0 {
			catchUp += c.CatchUpKW
			ms.Note = joinNote(ms.Note, fmt.Sprintf("catches up %.0f kWh at %g kW in %.1f h after the peak", mw*1e3*ev, c.CatchUpKW, mw*1e3*ev/c.CatchUpKW))
		} else {
			ms.Note = joinNote(ms.Note, "production lost (no catch-up)")
		}
		events := hours[Incidental] / ev
		price(&ms, c.CapexEUR, c.EURPerHour*ev*events+c.OpexEURPerYear+staff(c.Costs))
		r.Measures = append(r.Measures, ms)
	}
	if catchUp > 0 {
		r.CatchUpExtraKW = max(0, r.AfterKW.Max(&offPeak)+catchUp-max(site.CapacityKW, r.BeforeKW.Max(&offPeak)))
	}
	return r
}

// Curve returns the measures with flex in order of required compensation:
// the site's own supply-cost curve (§2.3, Figure 5.7).
func (r Result) Curve() []Measure {
	var out []Measure
	for _, m := range r.Measures {
		if m.FlexMW() > 0 {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].EURPerMWh < out[b].EURPerMWh })
	return out
}

func runsOf(runs []Run, batch int) []Run {
	var out []Run
	for _, r := range runs {
		if r.Batch == batch {
			out = append(out, r)
		}
	}
	return out
}

func share(p *float64) float64 {
	if p == nil {
		return 1
	}
	return *p
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}
