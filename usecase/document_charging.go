package usecase

import (
	"fmt"
	"strings"

	"gridflex/charging"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
	"gridflex/table"
)

// Charging builds the report of a logistics depot or an office charging
// plaza (§3, §1.4) from the charging scan, so that these sites get the same
// document as every other sector: summary, measures, load chart, the
// recommended contract as a contract file (charging.ContractYAML) and the
// Flex-e section (§7) from the site's `subsidy:` block. start is the first
// day of the contract (YYYY-MM-DD).
func chargingDocument(site charging.Site, r charging.Result, start string, s *scenario.Scenario) report.Document {
	title := "Flexibility scan — logistics depot"
	if r.Sector == charging.Offices {
		title = "Flexibility scan — office charging plaza"
	}
	d := report.Document{Title: title, Sector: r.Sector, Site: r.Site}
	d.Measures = chargingMeasures(r)
	d.Summary = summarise(d.Measures)
	// Windows of the same peak are not added: the site gives up the larger
	// (charging.Result's reductions are the per-peak maxima).
	d.Summary.MorningMW, d.Summary.EveningMW = r.MorningReductionKW/1e3, r.EveningReductionKW/1e3
	// The extra capacity outside the peaks is the block power the contract
	// asks for (§3), not the rounded recommendation.
	for _, b := range r.BlockPower {
		d.Summary.ExtraNightKW = max(d.Summary.ExtraNightKW, b.ExtraKW)
	}
	d.Summary.Lines = chargingLines(r)

	d.Tables = append(d.Tables, chargingPlan(r))
	if t, ok := vehicleTable(r); ok {
		d.Tables = append(d.Tables, t)
	}
	if t, ok := officeTable(r); ok {
		d.Tables = append(d.Tables, t)
	}
	d.Tables = append(d.Tables, unmetTable(r))
	if len(r.BeforeKW) > 0 && len(r.BeforeKW) == len(r.AfterKW) {
		d.Charts = append(d.Charts, chargingChart(r))
	}
	reason := r.Contract.Summary
	if len(r.Contract.Reasoning) > 0 {
		reason += ": " + strings.Join(r.Contract.Reasoning, "; ")
	}
	if file, err := charging.ContractYAML(r, site.EAN, start); err != nil {
		d.Notes = append(d.Notes, "no contract file: "+err.Error())
	} else {
		d.Contract = &report.Contract{Form: r.Contract.Form, Reason: reason, File: string(file)}
	}

	if site.Subsidy != nil {
		sub := subsidy.Compute(site.CapacityKW, *site.Subsidy, s)
		d.Subsidy = &sub
	} else {
		d.Tables = append(d.Tables, flexeInputsNeeded(site, s))
	}
	d.Notes = append(d.Notes, r.Notes...)
	return d
}

// chargingMeasures gives one measure per peak window the site gives up:
// charging moved out of the window. The moved MWh and the § 3 compensation
// are split over the windows by the energy each one moves per day.
func chargingMeasures(r charging.Result) []report.Measure {
	// Shares over the windows that get a measure, so the measures add up
	// to the scan's € per year (charging.Result.EURPerYear), which the
	// contract pays.
	var dayKWh float64
	for i, g := range r.GiveUp {
		if g.KW > 0 && i < len(r.PeakWindows) {
			dayKWh += g.KWhPerDay
		}
	}
	var ms []report.Measure
	for i, g := range r.GiveUp {
		if g.KW <= 0 || i >= len(r.PeakWindows) {
			continue
		}
		w := r.PeakWindows[i]
		share := 0.0
		if dayKWh > 0 {
			share = g.KWhPerDay / dayKWh
		}
		m := report.Measure{
			Name: fmt.Sprintf("grid-aware charging, %s peak %s–%s", w.Name, w.From, w.To), Kind: "structural",
			MWhPerYear: r.MovedMWhPerYear * share, Priced: true, EURPerMWh: r.CompensationEURPerMWh,
			Note: fmt.Sprintf("%s kW of charging moved out of the window (%s %% of the contracted capacity)", table.Num(g.KW, 0), table.Num(g.ShareOfCapacity*100, 0)),
		}
		m.EURPerYear = m.EURPerMWh * m.MWhPerYear
		if w.Name == "evening" { // as charging.Scan assigns its reductions
			m.EveningMW = g.KW / 1e3
		} else {
			m.MorningMW = g.KW / 1e3
		}
		// Equivalent full-load hours: the moved energy at the window's kW.
		if g.KW > 0 {
			m.HoursPerYear = m.MWhPerYear * 1e3 / g.KW
		}
		ms = append(ms, m)
	}
	return ms
}

func chargingLines(r charging.Result) []string {
	lines := []string{
		fmt.Sprintf("exact minimum capacity outside the peaks: %s kW (recommended %s kW; contracted %s kW)",
			table.Num(r.MinNightCapacityKW, 1), table.Num(r.RecommendedCapacityKW, 0), table.Num(r.CapacityKW, 0)),
		fmt.Sprintf("peak today (charging on arrival): %s kW", table.Num(r.TodayPeakKW, 0)),
		fmt.Sprintf("compensation by the §3 rule: %s/MWh with the site's own hours (%s of %s charging hours flexed), %s/MWh with the scenario's",
			report.EUR(r.CompensationEURPerMWh), table.Num(r.FlexHours, 2), table.Num(r.ChargingHours, 2), report.EUR(r.CompensationRuleEURPerMWh)),
	}
	if r.Sector == charging.Offices { // office charging plazas: Table 4.4 (§1.6)
		lines[2] = fmt.Sprintf("compensation by %s: %s/MWh", r.CompensationRule, report.EUR(r.CompensationEURPerMWh))
	}
	if dc := r.Daily; dc != nil {
		lines = append(lines, fmt.Sprintf("day by day (%d days): median %s kW, 95th percentile %s kW, max %s kW on %s",
			dc.Days, table.Num(dc.MedianKW, 1), table.Num(dc.P95KW, 1), table.Num(dc.MaxKW, 1), dc.MaxDate))
	}
	if n := len(r.Unmet); n > 0 {
		lines = append(lines, fmt.Sprintf("%d unmet needs in the cases evaluated: see the table below", n))
	}
	return lines
}

// chargingPlan lists the peak windows and the block-power proposal.
func chargingPlan(r charging.Result) report.Table {
	t := report.Table{Title: "Peaks given up and block power", Header: []string{"what", "window", "kW", "kWh/day"}}
	for _, g := range r.GiveUp {
		t.Rows = append(t.Rows, []string{"give up (time block)", g.Window, table.Num(g.KW, 0), table.Num(g.KWhPerDay, 1)})
	}
	for _, b := range r.BlockPower {
		t.Rows = append(t.Rows, []string{"block power (extra)", b.Start + "–" + b.End, table.Num(b.ExtraKW, 0), ""})
	}
	if len(r.BlockPower) == 0 {
		t.Note = "the contracted capacity suffices outside the peaks: no block power needed"
	}
	return t
}

func vehicleTable(r charging.Result) (report.Table, bool) {
	if len(r.Vehicles) == 0 {
		return report.Table{}, false
	}
	t := report.Table{Title: "Vehicles", Header: []string{"vehicle", "count", "need kWh", "today kWh", "grid-aware kWh", "moved kWh/day", "met"}}
	for _, v := range r.Vehicles {
		met := "yes"
		if !v.Met {
			met = "NO"
		}
		t.Rows = append(t.Rows, []string{v.Name, fmt.Sprint(v.Count), table.Num(v.NeedKWh, 1), table.Num(v.TodayKWh, 1),
			table.Num(v.GridAwareKWh, 1), table.Num(v.MovedKWhPerDay, 1), met})
	}
	return t, true
}

func officeTable(r charging.Result) (report.Table, bool) {
	o := r.Office
	if o == nil {
		return report.Table{}, false
	}
	return report.Table{Title: "Office charging (§1.4)", Header: []string{"", ""}, Rows: [][]string{
		{"flex in the morning peak (mean / max)", table.Num(o.MorningFlexKW, 1) + " / " + table.Num(o.MorningFlexMax, 1) + " kW"},
		{"flex in the evening peak (mean / max)", table.Num(o.EveningFlexKW, 1) + " / " + table.Num(o.EveningFlexMax, 1) + " kW"},
		{"charging window", o.Window},
		{"sessions fully served in the window", fmt.Sprintf("%d of %d (%s %%; %s %% without priority chargers)", o.FullyServed, o.Sessions, table.Num(o.ServedShare*100, 1), table.Num(o.ServedShareNoPri*100, 1))},
		{"priority chargers", fmt.Sprintf("%s (%s %% of %d)", strings.Join(o.PriorityChargers, ", "), table.Num(o.PriorityShare*100, 0), o.Chargers)},
	}}, true
}

// unmetTable lists every unmet need; an empty list says so, never silently.
func unmetTable(r charging.Result) report.Table {
	t := report.Table{Title: "Unmet needs", Header: []string{"case", "vehicle", "need kWh", "short kWh", "reason"}}
	for _, u := range r.Unmet {
		t.Rows = append(t.Rows, []string{u.Case, u.Vehicle, table.Num(u.NeedKWh, 1), table.Num(u.ShortKWh, 1), u.Reason})
	}
	if len(r.Unmet) == 0 {
		t.Note = "none: every need is met in every case the scan evaluates"
	}
	return t
}

// chargingChart draws the site's grid profile today and grid-aware with the
// contract's offtake limit, the site's own peak windows shaded.
func chargingChart(r charging.Result) report.Chart {
	x := make([]float64, len(r.BeforeKW)+1)
	for i := range x {
		x[i] = float64(i) / 4
	}
	c := report.Chart{Title: "Site grid load: charging on arrival today and grid-aware (peaks shaded)", XLabel: "local time", YLabel: "kW",
		Lines: []report.Line{
			{Name: "today", X: x, Y: appendLast(r.BeforeKW), Step: true},
			{Name: "grid-aware", X: x, Y: appendLast(r.AfterKW), Step: true},
		}}
	if len(r.LimitKW) == len(r.BeforeKW) {
		c.Lines = append(c.Lines, report.Line{Name: "contract limit", X: x, Y: appendLast(r.LimitKW), Step: true, Dashed: true})
	}
	for _, w := range r.PeakWindows {
		from, okF := hourOf(w.From)
		to, okT := hourOf(w.To)
		if !okF || !okT {
			continue
		}
		if to <= from { // wraps past midnight
			c.Shades = append(c.Shades, report.Shade{From: from, To: 24, Label: w.Name + " peak"}, report.Shade{From: 0, To: to, Label: w.Name + " peak"})
			continue
		}
		c.Shades = append(c.Shades, report.Shade{From: from, To: to, Label: w.Name + " peak"})
	}
	return c
}

// hourOf reads "HH:MM" as hours after midnight.
func hourOf(hm string) (float64, bool) {
	var h, m int
	if n, err := fmt.Sscanf(hm, "%d:%d", &h, &m); err != nil || n != 2 || h < 0 || h > 24 || m < 0 || m > 59 {
		return 0, false
	}
	return float64(h) + float64(m)/60, true
}

// flexeInputsNeeded says what the site file must add for the Flex-e
// section (§7), with the capacity rule already checkable from capacity_kw.
func flexeInputsNeeded(site charging.Site, s *scenario.Scenario) report.Table {
	minKW, minKV := s.Value("flexe.min_capacity_kw"), s.Value("flexe.min_voltage_kv")
	capOK := "meets"
	if !subsidy.CapacityEligible(site.CapacityKW, s) {
		capOK = "does not meet"
	}
	return report.Table{
		Title:  "Flex-e subsidy (§7): inputs needed",
		Header: []string{"subsidy: key", "what", "rule"},
		Rows: [][]string{
			{"voltage_kv", "connection voltage", fmt.Sprintf("≥ %g kV", minKV)},
			{"congestion_area", "the connection is in an area declared congested for offtake", "must be true"},
			{"congestion_contract", "the site signs a congestion-management contract", "needed for realisation"},
			{"scan_eur", "cost of the flexibility scan", fmt.Sprintf("%s %% up to %s", table.Num(s.Value("flexe.scan.share")*100, 0), report.EUR(s.Value("flexe.scan.max_eur")))},
			{"feasibility_eur", "cost of the feasibility study", fmt.Sprintf("%s %%, %s–%s", table.Num(s.Value("flexe.feasibility.share")*100, 0), report.EUR(s.Value("flexe.feasibility.min_eur")), report.EUR(s.Value("flexe.feasibility.max_eur")))},
			{"realisation_eur", "cost of the realisation", fmt.Sprintf("%s %% up to %s", table.Num(s.Value("flexe.realisation.share")*100, 0), report.EUR(s.Value("flexe.realisation.max_eur")))},
		},
		Note: fmt.Sprintf("the site file has no subsidy: block (report/FORMAT.md); add it to compute the Flex-e subsidy. The contracted capacity of %s kW %s the scheme's rule of more than %s kW.",
			table.Num(site.CapacityKW, 0), capOK, table.Num(minKW, 0)),
	}
}
