package usecase

import (
	"fmt"
	"math"
	"sort"

	"gridflex/building"
	"gridflex/charging"
	"gridflex/contract"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
	"gridflex/table"
)

// officeInput is everything the office report is built from.
type officeInput struct {
	Site     string
	Result   building.Result
	Charging *charging.Result // nil when the site has no chargers
	Subsidy  *subsidy.Result
	Contract contract.SiteTerms
	// WeatherFile names the weather the days come from ("" for the
	// scenario's design days); WeatherYears is the span of its record.
	// With about a year or more, MWh/yr are the energy cut on the days
	// planned (per year); else the Table 4.4 full-load-hour rule.
	WeatherFile  string
	WeatherYears float64
}

// officeDocument assembles the office report: heating and cooling by the thermal
// model (one seasonal group: not added, §1.5) plus charging.
func officeDocument(in officeInput, s *scenario.Scenario) report.Document {
	r := in.Result
	o := r.Office
	d := report.Document{Title: "Flexibility scan — office", Sector: "offices", Site: in.Site, Subsidy: in.Subsidy}
	landlord := o.Owner == "landlord"
	for _, se := range []building.Season{r.Heating, r.Cooling} {
		if se.Days == 0 {
			continue
		}
		t := se.Table44
		cutKW := max(se.MorningKW, se.EveningKW)
		m := report.Measure{
			Name: "grid-aware " + string(se.Mode), Kind: "seasonal: " + string(se.Mode),
			MorningMW: se.MorningKW / 1e3, EveningMW: se.EveningKW / 1e3,
			HoursPerYear: t.FlexHoursPerYear, MWhPerYear: cutKW * t.FlexHoursPerYear / 1e3,
			Priced: true, Group: "hvac",
		}
		if in.WeatherFile != "" && in.WeatherYears >= 0.98 {
			// A weather year: the energy actually cut on the days planned.
			var kwh float64
			for _, day := range r.Days {
				if day.Mode == se.Mode {
					kwh += max(day.Morning.KWh, 0) + max(day.Evening.KWh, 0)
				}
			}
			m.MWhPerYear = kwh / 1e3 / in.WeatherYears
			m.HoursPerYear = 0
			if cutKW > 0 {
				m.HoursPerYear = kwh / in.WeatherYears / cutKW
			}
		}
		// Table 4.4's € per year and MWh per year are both for the rated
		// plant; its €/MWh is their ratio. Dividing its € per year by the
		// model's (smaller) MWh would mix two bases, so the rate is kept and
		// applied to the model's MWh (§1.6).
		m.EURPerMWh = t.OwnerUserEURPerMWh
		if landlord {
			m.EURPerMWh = t.LandlordEURPerMWh
		}
		m.EURPerYear = m.EURPerMWh * m.MWhPerYear
		m.Note = fmt.Sprintf("%s rule (§1.6): Table 4.4's €/MWh × the model's MWh; plant %s kW, model cuts %s / %s kW", o.Owner, table.Num(t.KW, 0), table.Num(se.MorningKW, 0), table.Num(se.EveningKW, 0))
		d.Measures = append(d.Measures, m)
	}
	if c := in.Charging; c != nil {
		m := report.Measure{
			Name: "grid-aware EV charging", Kind: "structural",
			MorningMW: c.MorningReductionKW / 1e3, EveningMW: c.EveningReductionKW / 1e3,
			MWhPerYear: c.MovedMWhPerYear, Priced: true,
		}
		if peak := max(c.MorningReductionKW, c.EveningReductionKW); peak > 0 {
			m.HoursPerYear = c.MovedMWhPerYear * 1e3 / peak
		}
		if landlord {
			m.EURPerYear = s.Value("offices.compensation.charging.landlord_eur_per_m2_year") * o.FloorAreaM2
		} else {
			m.EURPerYear = s.Value("offices.compensation.charging.owner_user_eur_per_m2_year") * o.FloorAreaM2
		}
		if m.MWhPerYear > 0 {
			m.EURPerMWh = m.EURPerYear / m.MWhPerYear
		}
		m.Note = "charging scan (§1.4): " + c.Contract.Summary
		d.Measures = append(d.Measures, m)
	}
	d.Summary = summarise(d.Measures)
	why := extraEnergyNote(o, r, s)
	cites := "the study cites ~1.5 %, §1.6"
	if why != "" {
		cites += "; the notes say why they differ"
	}
	d.Summary.Lines = append(d.Summary.Lines,
		"heating and cooling happen in different seasons and are not added (§1.5): each peak counts the larger of the two plus charging",
		fmt.Sprintf("extra energy of pre-heating %s, of pre-cooling %s on the days planned (%s)",
			pct(r.Heating.ExtraEnergy, r.Heating.Days), pct(r.Cooling.ExtraEnergy, r.Cooling.Days), cites),
		"the table \"Model vs study\" sets the model's cuts and extra energy next to the study's 80–100 % for 3 h + 2 h (heating) and 2 h + 2 h (cooling), and says why they differ")
	if len(r.Infeasible) > 0 {
		d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("%d day(s) the plant cannot keep the band even without grid awareness (see notes)", len(r.Infeasible)))
	}

	d.Tables = append(d.Tables, officeInputs(o, in.WeatherFile), dayTable(r), officeStudy(r, s, why), officeCompensation(r))
	d.Charts = officeCharts(r, s)
	if c := in.Charging; c != nil && len(c.BeforeKW) == 96 {
		d.Charts = append(d.Charts, loadChart("EV charging: site load today and grid-aware", c.BeforeKW, c.AfterKW, s))
	}
	if steps := curveSteps(d.Measures); len(steps) > 0 {
		d.Charts = append(d.Charts, report.Chart{Title: "The site's own supply-cost curve (heating and cooling are seasonal alternatives)", Steps: steps})
	}
	d.Contract = officeContract(d, r, in, s)
	for _, e := range r.Infeasible {
		d.Notes = append(d.Notes, "infeasible: "+e)
	}
	if in.WeatherFile != "" && in.WeatherYears < 0.98 {
		d.Notes = append(d.Notes, fmt.Sprintf("the weather file covers %.0f days, less than a year: MWh/yr follow the Table 4.4 full-load-hour rule with the model's kW", in.WeatherYears*365.25))
	}
	if why != "" {
		d.Notes = append(d.Notes, why)
	}
	d.Notes = append(d.Notes, "defaults used: "+join(o.Defaults))
	if in.Charging != nil {
		d.Notes = append(d.Notes, in.Charging.Notes...)
	}
	return d
}

// curveSteps orders the priced measures with flex by €/MWh. In a seasonal
// group only the member with the most MW counts; the others are
// alternatives to it (§1.5), as in compensation.BuildCurve.
func curveSteps(ms []report.Measure) []report.Step {
	var steps []report.Step
	primary := map[string]int{} // group → index in steps of the member that counts
	for _, m := range ms {
		f := max(m.MorningMW, m.EveningMW)
		if !m.Priced || f <= 0 {
			continue
		}
		steps = append(steps, report.Step{Name: m.Name, MW: f, EURPerMWh: m.EURPerMWh})
		if m.Group == "" {
			continue
		}
		if p, ok := primary[m.Group]; !ok || f > steps[p].MW {
			primary[m.Group] = len(steps) - 1
		}
	}
	groupOf := map[string]string{}
	for _, m := range ms {
		groupOf[m.Name] = m.Group
	}
	for i := range steps {
		if g := groupOf[steps[i].Name]; g != "" && primary[g] != i {
			steps[i].AlternativeTo = steps[primary[g]].Name
		}
	}
	sort.SliceStable(steps, func(a, b int) bool { return steps[a].EURPerMWh < steps[b].EURPerMWh })
	return steps
}

func pct(v float64, days int) string {
	if days == 0 {
		return "n/a"
	}
	return table.Num(v*100, 1) + " %"
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}

func officeInputs(o building.Office, weather string) report.Table {
	if weather == "" {
		weather = "design days (scan.offices.*_day)"
	}
	return report.Table{Title: "Building", Header: []string{"input", "value"}, Rows: [][]string{
		{"floor area", table.Num(o.FloorAreaM2, 0) + " m²"},
		{"heat need / cooling need", table.Num(o.HeatNeedKWhPerM2, 0) + " / " + table.Num(o.CoolingNeedKWhPerM2, 0) + " kWh/m²·yr"},
		{"heat pump / chiller (electric)", table.Num(o.HeatPumpKW, 0) + " / " + table.Num(o.ChillerKW, 0) + " kW"},
		{"COP / EER", table.Num(o.HeatPumpCOP, 1) + " / " + table.Num(o.ChillerEER, 1)},
		{"opening hours", clockOf(o.OpenMinute) + "–" + clockOf(o.CloseMinute)},
		{"comfort band heating / cooling", fmt.Sprintf("%s–%s / %s–%s °C", table.Num(o.HeatingLoC, 1), table.Num(o.HeatingHiC, 1), table.Num(o.CoolingLoC, 1), table.Num(o.CoolingHiC, 1))},
		{"RC model: UA, C, τ", fmt.Sprintf("%s kW/K, %s kWh/K, %s h", table.Num(o.Model.UAKWPerK, 2), table.Num(o.Model.CKWhPerK, 0), table.Num(o.Model.TauHours(), 0))},
		{"internal gains", table.Num(o.InternalGainsKW, 0) + " kW in opening hours"},
		{"weather", weather},
	}}
}

func dayTable(r building.Result) report.Table {
	t := report.Table{Title: "Days planned (energy-minimal vs grid-aware)",
		Header: []string{"day", "mode", "mean outdoor °C", "morning cut kW (h)", "evening cut kW (h)", "kWh before", "kWh after", "extra energy", "discomfort K"}}
	days := r.Days
	if len(days) > 12 { // a weather year: the days with the largest cuts
		days = topDays(days, 12)
		t.Note = fmt.Sprintf("the 12 days with the largest cuts of %d planned", len(r.Days))
	}
	for _, d := range days {
		t.Rows = append(t.Rows, []string{d.Name, string(d.Mode), table.Num(d.MeanOutC, 1),
			table.Num(d.Morning.KW, 0) + " (" + table.Num(d.Morning.Hours, 1) + ")", table.Num(d.Evening.KW, 0) + " (" + table.Num(d.Evening.Hours, 1) + ")",
			table.Num(d.BeforeKWh, 0), table.Num(d.AfterKWh, 0), table.Num(d.ExtraEnergy*100, 1) + " %", table.Num(d.Discomfort, 2)})
	}
	return t
}

func topDays(days []building.DayResult, n int) []building.DayResult {
	out := append([]building.DayResult(nil), days...)
	for i := range out { // partial selection sort: n is small
		for j := i + 1; j < len(out); j++ {
			if out[j].Morning.KW+out[j].Evening.KW > out[i].Morning.KW+out[i].Evening.KW {
				out[i], out[j] = out[j], out[i]
			}
		}
		if i == n-1 {
			break
		}
	}
	return out[:min(n, len(out))]
}

func officeCompensation(r building.Result) report.Table {
	t := report.Table{Title: "Compensation (§1.6, Table 4.4 rule)", Header: []string{"measure", "rated kW", "flex h/yr", "MWh/yr", "owner-user €/yr (1.5 %)", "owner-user €/MWh", "owner-user model €/yr", "landlord €/yr (10 %)", "landlord €/MWh"}}
	for _, se := range []building.Season{r.Heating, r.Cooling} {
		x := se.Table44
		t.Rows = append(t.Rows, []string{string(se.Mode), table.Num(x.KW, 0), table.Num(x.FlexHoursPerYear, 0), table.Num(x.MWhPerYear, 2),
			report.EUR(x.OwnerUserEURPerYear), report.EUR(x.OwnerUserEURPerMWh), report.EUR(se.OwnerUserModelEURPerYear), report.EUR(x.LandlordEURPerYear), report.EUR(x.LandlordEURPerMWh)})
	}
	t.Note = "owner-user model: the simulated extra energy instead of the study's 1.5 %, times the same annual energy cost"
	return t
}

func hoursOf(minutes []int) []float64 {
	x := make([]float64, len(minutes))
	for i, m := range minutes {
		x[i] = float64(m) / 60
	}
	return x
}

func peakShades(s *scenario.Scenario) []report.Shade {
	return []report.Shade{
		{From: s.Value("grid.peak.morning.from"), To: s.Value("grid.peak.morning.to"), Label: "morning peak"},
		{From: s.Value("grid.peak.evening.from"), To: s.Value("grid.peak.evening.to"), Label: "evening peak"},
	}
}

func officeCharts(r building.Result, s *scenario.Scenario) []report.Chart {
	var out []report.Chart
	seen := map[building.Mode]bool{}
	for _, d := range topDays(r.Days, len(r.Days)) {
		if seen[d.Mode] || len(d.Minute) == 0 {
			continue
		}
		seen[d.Mode] = true
		x := hoursOf(d.Minute)
		x = append(x, 24) // one point after the last ISP closes the step line
		plant := "heat pump"
		band := &report.Shade{From: r.Office.HeatingLoC, To: r.Office.HeatingHiC, Label: "comfort band"}
		if d.Mode == building.Cooling {
			plant = "chiller"
			band = &report.Shade{From: r.Office.CoolingLoC, To: r.Office.CoolingHiC, Label: "comfort band"}
		}
		out = append(out, report.Chart{
			Title: fmt.Sprintf("%s, %s: %s power (peaks shaded)", d.Name, d.Mode, plant), XLabel: "local time", YLabel: "kW electric",
			Lines: []report.Line{
				{Name: "energy-minimal", X: x, Y: appendLast(d.BeforeKW), Step: true},
				{Name: "grid-aware", X: x, Y: appendLast(d.AfterKW), Step: true},
			},
			Shades: peakShades(s),
		}, report.Chart{
			Title: fmt.Sprintf("%s, %s: indoor temperature", d.Name, d.Mode), XLabel: "local time", YLabel: "°C",
			Lines: []report.Line{
				{Name: "energy-minimal", X: x[:len(x)-1], Y: d.BeforeC},
				{Name: "grid-aware", X: x[:len(x)-1], Y: d.AfterC},
				{Name: "outdoor", X: x[:len(x)-1], Y: d.OutC, Dashed: true},
			},
			Shades: peakShades(s), Band: band,
		})
	}
	return out
}

func appendLast(v []float64) []float64 {
	if len(v) == 0 {
		return v
	}
	return append(append([]float64(nil), v...), v[len(v)-1])
}

// loadChart draws a 96-ISP day before and after, with the peaks shaded.
func loadChart(title string, before, after []float64, s *scenario.Scenario) report.Chart {
	x := make([]float64, len(before)+1)
	for i := range x {
		x[i] = float64(i) / 4
	}
	return report.Chart{Title: title, XLabel: "local time", YLabel: "kW", Shades: peakShades(s),
		Lines: []report.Line{{Name: "today", X: x, Y: appendLast(before), Step: true}, {Name: "with the measures", X: x, Y: appendLast(after), Step: true}}}
}

// officeContract recommends the standardised offer of the study for
// offices: a time block (CSC time block) on working days in both peaks,
// per season. The plan in a window is the connection at its contracted
// capacity less what pre-heating or pre-cooling and steered charging cut;
// the limit is that plus headroom (contract.headroom_*), and the fixed fee
// pays the scan's € per year on the capacity the blocks free.
func officeContract(d report.Document, r building.Result, in officeInput, s *scenario.Scenario) *report.Contract {
	base := in.Contract.BaseKW
	var chM, chE float64
	if c := in.Charging; c != nil {
		chM, chE = c.MorningReductionKW, c.EveningReductionKW
	}
	mf, mt := int(math.Round(s.Value("grid.peak.morning.from")*60)), int(math.Round(s.Value("grid.peak.morning.to")*60))
	ef, et := int(math.Round(s.Value("grid.peak.evening.from")*60)), int(math.Round(s.Value("grid.peak.evening.to")*60))
	h := headroomOf(s)
	c := contract.Recommended(in.Contract)
	freed := 0.0
	for _, x := range []struct {
		se     building.Season
		season string
	}{{r.Heating, "winter"}, {r.Cooling, "summer"}} {
		if x.se.Days == 0 && chM+chE == 0 {
			continue
		}
		for _, p := range []struct {
			name     string
			cut      float64
			from, to int
		}{{"morning peak, " + x.season, x.se.MorningKW + chM, mf, mt}, {"evening peak, " + x.season, x.se.EveningKW + chE, ef, et}} {
			if p.cut <= 0 {
				continue
			}
			limit, ok := h.LimitKW(base-p.cut, base)
			if !ok {
				continue // the cut is within the headroom: nothing to contract
			}
			freed = math.Max(freed, base-limit)
			c.Clauses = append(c.Clauses, contract.TimeBlockClause(p.name, p.from, p.to, limit, x.season))
		}
	}
	if len(c.Clauses) == 0 {
		return nil
	}
	c.PayPerYear(d.Summary.EURPerYear, freed)
	out := &report.Contract{
		Form:   "CSC time block (standardised office offer)",
		Reason: "the study recommends a standardised offer for offices (§1, §6): fixed windows on working days, the limit lowered per season by what pre-heating or pre-cooling and steered charging cut, less headroom",
	}
	file, err := contract.ExportText(c)
	if err != nil {
		out.Reason += "; no contract file: " + err.Error()
	}
	out.File = file
	return out
}

// extraEnergyNote explains, from the simulated heating day with the most
// extra energy, why the model's extra energy of pre-heating lies well above
// the study's ~1.5 % (building/model.md, "Extra energy"), or returns "" when
// it does not.
func extraEnergyNote(o building.Office, r building.Result, s *scenario.Scenario) string {
	study := s.Value("offices.compensation.owner_user_share")
	if !(r.Heating.ExtraEnergy > 2*study) {
		return ""
	}
	var worst *building.DayResult
	for i := range r.Days {
		if d := &r.Days[i]; d.Mode == building.Heating && len(d.AfterC) == len(d.BeforeC) && len(d.BeforeC) > 0 &&
			(worst == nil || d.AfterKWh-d.BeforeKWh > worst.AfterKWh-worst.BeforeKWh) {
			worst = d
		}
	}
	if worst == nil {
		return ""
	}
	// How hard the heat pump already works before the morning peak in the
	// energy-minimal schedule, and how much warmer the grid-aware one keeps
	// the office over the day.
	peak := int(math.Round(s.Value("grid.peak.morning.from") * 60))
	full, lift := 0.0, 0.0
	for i, m := range worst.Minute {
		if m < peak && worst.BeforeKW[i] >= 0.95*o.HeatPumpKW {
			full += 0.25
		}
		lift += worst.AfterC[i] - worst.BeforeC[i]
	}
	lift /= float64(len(worst.AfterC))
	tau := o.Model.CKWhPerK / o.Model.UAKWPerK
	return fmt.Sprintf("why the extra energy of pre-heating (%s) is above the study's ~%s: it is measured against an energy-minimal thermostat "+
		"(free-floating at night, warming up just in time), the least energy the office can use, and for the whole heat pump off "+
		"for the whole peak. On the %s the heat pump (%s kW, %s W/m²) already runs at ≥ 95 %% of its power for %s h of the %s h from midnight "+
		"to the morning peak: it has little headroom over the heat loss, so a cut can only be bought by keeping the office warmer "+
		"for hours beforehand, on average %s K over the day (%s kWh more, lost through UA %s kW/K). "+
		"The thermal mass is not the cause: τ = C/UA = %s h lies in the tens of hours of a medium office (ISO 13790's classes, building/model.md); "+
		"a heat pump with headroom (heat_pump_kw) or a night setback near the band (scan.offices.setback_low_c) costs less.",
		pct(r.Heating.ExtraEnergy, r.Heating.Days), table.Num(study*100, 1)+" %", worst.Name, table.Num(o.HeatPumpKW, 0), table.Num(o.HeatPumpKW/o.FloorAreaM2*1e3, 1),
		table.Num(full, 1), table.Num(float64(peak)/60, 0), table.Num(lift, 1), table.Num(worst.AfterKWh-worst.BeforeKWh, 0), table.Num(o.Model.UAKWPerK, 1), table.Num(tau, 0))
}
