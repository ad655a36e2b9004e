package usecase

import (
	"fmt"
	"math"
	"strings"

	"gridflex/contract"
	"gridflex/plant"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
	"gridflex/table"
)

// chemistryDocument assembles the chemical-plant report (§2): the study recommends
// bespoke contracts here.
func chemistryDocument(name string, r plant.Result, sub *subsidy.Result, ci contract.SiteTerms, s *scenario.Scenario) report.Document {
	d := report.Document{Title: "Flexibility scan — chemical plant", Sector: "chemistry", Site: name, Subsidy: sub}
	for _, m := range r.Measures {
		d.Measures = append(d.Measures, report.Measure{
			Name: m.Name + " (" + m.ID + ")", Kind: string(m.Kind), MorningMW: m.MorningMW, EveningMW: m.EveningMW,
			HoursPerYear: m.HoursPerYear, MWhPerYear: m.MWhPerYear, Priced: m.FlexMW() > 0,
			EURPerMWh: m.EURPerMWh, EURPerYear: m.EURPerYear, BatteryEURPerMWh: m.BatteryEURPerMWh,
			Note: joinNotes(lumpNote(m), m.Note),
		})
	}
	d.Summary = summarise(d.Measures)
	d.Summary.ExtraNightKW = r.ExtraNightKW
	d.Summary.Lines = append(d.Summary.Lines,
		"the battery column is the alternative for the same MW and hours, not an addition (§2.3)")
	if r.OverCapacityKW > 0 {
		d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("WARNING: today's load (%s kW) exceeds the contracted capacity (%s kW) by %s kW: the site already needs more capacity or a different contract before any flex is sold",
			table.Num(r.Site.CapacityKW+r.OverCapacityKW, 0), table.Num(r.Site.CapacityKW, 0), table.Num(r.OverCapacityKW, 0)))
		d.Notes = append(d.Notes, fmt.Sprintf("over contracted capacity: today's load peaks %s kW above capacity_kw; extra night capacity is measured against capacity_kw, not today's load", table.Num(r.OverCapacityKW, 0)))
	}
	if r.ExtraNightKW > 0 {
		d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("moving the batches out of the peaks needs %s kW above the contracted capacity outside the peaks: insufficient off-peak capacity is the barrier the study names", table.Num(r.ExtraNightKW, 0)))
	}
	if r.CatchUpExtraKW > 0 {
		d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("on a day with incidental curtailment, catching up needs %s kW extra after the evening peak", table.Num(r.CatchUpExtraKW, 0)))
	}
	d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("room left in the contracted capacity outside the peaks for charging a battery: %s kW", table.Num(r.BatteryRoomKW, 0)))

	for _, m := range r.Measures {
		if m.ID == "batch" && m.LumpSum && m.FlexMW() > 0 {
			d.Notes = append(d.Notes, fmt.Sprintf("batch shifting without a given investment is priced with the €%s lump sum (§0); the study's survey-weighted investment of €%s/MW would need about €70/MWh instead (§2.3): give capex_eur where shifting needs equipment",
				table.Num(s.Value("cost.lump_sum_eur"), 0), table.Num(s.Value("chemistry.compensation.batch.capex_eur_per_mw"), 0)))
			break
		}
	}
	plan := report.Table{Title: "Batch schedule (today → grid-aware)", Header: []string{"batch", "kW", "today", "grid-aware"}}
	for bi, b := range r.Site.Batches {
		plan.Rows = append(plan.Rows, []string{b.Name, table.Num(b.KW, 0), runsText(r.Plan.Before, bi), runsText(r.Plan.After, bi)})
	}
	if len(r.Plan.Stuck) > 0 {
		var names []string
		for _, bi := range r.Plan.Stuck {
			names = append(names, r.Site.Batches[bi].Name)
		}
		plan.Note = "still (partly) in a peak: " + strings.Join(names, "; ") + " (window, parallel or capacity limits)"
	}
	if len(plan.Rows) > 0 {
		d.Tables = append(d.Tables, plan)
	}
	before, after := r.BeforeKW, r.AfterKW
	d.Charts = append(d.Charts, loadChart("Site load of a working day: today and with the structural measures", before[:], after[:], s))
	var steps []report.Step
	for _, m := range r.Curve() {
		steps = append(steps, report.Step{Name: m.Name, MW: m.FlexMW(), EURPerMWh: m.EURPerMWh})
	}
	if len(steps) > 0 {
		d.Charts = append(d.Charts, report.Chart{Title: "The site's own supply-cost curve", Steps: steps})
	}
	d.Contract = chemistryContract(d, r, ci, s)
	return d
}

func lumpNote(m plant.Measure) string {
	if m.LumpSum && m.FlexMW() > 0 {
		return "no investment given: €" + table.Num(m.CapexEUR, 0) + " lump sum (§0)"
	}
	return ""
}

func runsText(runs []plant.Run, batch int) string {
	out := ""
	for _, r := range runs {
		if r.Batch != batch {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += clockOf(r.StartISP*15) + "–" + clockOf(min((r.StartISP+r.ISPs)*15, 1440))
	}
	return out
}

// chemistryContract recommends the bespoke contract of §2/§6: a time
// block per peak the structural measures cut, at the plan's highest load
// there (the "with measures" load, AfterKW) plus headroom, but never
// below the capacity less the structural cut, an on-call
// clause for the incidental curtailment, block power where the moved
// batches need it; a fixed fee paying the scan's € per year.
func chemistryContract(d report.Document, r plant.Result, ci contract.SiteTerms, s *scenario.Scenario) *report.Contract {
	var mStruct, eStruct, incidental float64
	for _, m := range r.Measures {
		if m.Kind == plant.Structural {
			mStruct += m.MorningMW * 1e3
			eStruct += m.EveningMW * 1e3
		} else {
			incidental += max(m.MorningMW, m.EveningMW) * 1e3
		}
	}
	h := headroomOf(s)
	c := contract.Recommended(ci)
	w := r.Windows
	freed := 0.0
	for i, x := range []struct {
		name string
		cut  float64
	}{{"morning peak", mStruct}, {"evening peak", eStruct}} {
		if x.cut <= 0 {
			continue
		}
		var in [96]bool
		for t := range in {
			in[t] = t*15 >= w[i][0] && t*15 < w[i][1]
		}
		// The limit covers the plan plus headroom, and gives up no more
		// than the measures cut (capacity the site leaves unused today is
		// not sold with them).
		limit, _ := h.LimitKW(r.AfterKW.Max(&in), ci.BaseKW)
		limit = math.Max(limit, math.Ceil(ci.BaseKW-x.cut-1e-9))
		if limit >= ci.BaseKW {
			continue // the plan plus headroom does not fit below the base: nothing to contract
		}
		freed = math.Max(freed, ci.BaseKW-limit)
		c.Clauses = append(c.Clauses, contract.TimeBlockClause(x.name, w[i][0], w[i][1], limit, ""))
	}
	if incidental > 0 {
		c.Clauses = append(c.Clauses, contract.OnCallClause("incidental curtailment", math.Floor(incidental)))
	}
	if r.ExtraNightKW > 0 {
		limit, _ := h.LimitKW(ci.BaseKW+r.ExtraNightKW, math.Inf(1))
		extra := limit - ci.BaseKW
		c.Clauses = append(c.Clauses, contract.Clause{Form: contract.BlockPower, Name: "extra night capacity",
			Days: contract.DaySet{Kind: "all", Spec: "all"}, Months: contract.SeasonMonths(""), FeedinMaxKW: math.NaN(),
			Blocks: []contract.Block{{Window: contract.Window{From: w[1][1] % 1440, To: 0}, ExtraKW: extra},
				{Window: contract.Window{From: 0, To: w[0][0]}, ExtraKW: extra}}})
	}
	if len(c.Clauses) == 0 {
		return nil
	}
	c.PayPerYear(d.Summary.EURPerYear, freed+math.Floor(incidental))
	out := &report.Contract{
		Form:   "bespoke: CSC time block" + map[bool]string{true: " + CSC on call", false: ""}[incidental > 0] + map[bool]string{true: " + block power", false: ""}[r.ExtraNightKW > 0],
		Reason: "the study recommends bespoke contracts for chemistry (§2, §6): structural measures in fixed windows at the load the plan keeps there plus headroom, incidental curtailment on call, and extra night capacity where moved batches need it",
	}
	file, err := contract.ExportText(c)
	if err != nil {
		out.Reason += "; no contract file: " + err.Error()
	}
	out.File = file
	return out
}

// clockOf formats minutes after midnight as "HH:MM".
func clockOf(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// headroomOf is the margin of every recommended time-block limit above
// the planned load (scenario contract.headroom_*).
func headroomOf(s *scenario.Scenario) contract.Headroom {
	return contract.Headroom{Share: s.Value("contract.headroom_share"), MinKW: s.Value("contract.headroom_min_kw")}
}
