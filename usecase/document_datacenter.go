package usecase

import (
	"fmt"
	"math"

	"gridflex/contract"
	"gridflex/datacenter"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
	"gridflex/table"
)

// datacenterDocument assembles the datacenter report (§4): the study
// recommends exploration; it gives no euro figures, so measures carry the
// incentive class of its table instead.
func datacenterDocument(name string, r datacenter.Result, sub *subsidy.Result, ci contract.SiteTerms, s *scenario.Scenario) report.Document {
	d := report.Document{Title: "Flexibility scan — datacenter", Sector: "datacenters", Site: name, Subsidy: sub}
	var flexKW float64
	for _, m := range r.Measures {
		note := m.Rationale
		blocked := ""
		if m.Blocker != "" {
			note = joinNotes("BLOCKED: "+m.Blocker, note)
			blocked = fmt.Sprintf("PH1 %g °C set-point rule", s.Value("scan.datacenters.setpoint_rule_c"))
		}
		// On call, like the study's incidental measures: cost.hours_incidental.
		hours := s.Value("cost.hours_incidental")
		d.Measures = append(d.Measures, report.Measure{
			Name: m.Name, Kind: "explorative, on call", MorningMW: m.MorningMW, EveningMW: m.EveningMW,
			HoursPerYear: hours, MWhPerYear: max(m.MorningMW, m.EveningMW) * hours, Incentive: fmt.Sprintf("option %d: %s", m.Option.Number, m.Option.Incentive), Note: note,
			Blocked: blocked,
		})
		if blocked == "" { // a blocked measure cannot be contracted today
			flexKW += max(m.MorningMW, m.EveningMW) * 1e3
		}
	}
	d.Summary = summarise(d.Measures)
	if b := max(d.Summary.BlockedMorningMW, d.Summary.BlockedEveningMW); b > 0 {
		d.Summary.Lines = append(d.Summary.Lines, fmt.Sprintf("%s MW more available once the rule changes (blocked measures, not in the MW above nor in the contract)", report.MW(b)))
	}
	d.Summary.Lines = append(d.Summary.Lines,
		fmt.Sprintf("cooling %s MW; inertia rule cuts %s %% of it (§4: minutes to critical ÷ minutes of flex)", report.MW(r.CoolingMW), table.Num(r.CutShare*100, 1)),
		"the study prices no datacenter measure; access to extra grid capacity matters most (§4)")
	opts := report.Table{Title: "Datacenter options of the study (§4)", Header: []string{"#", "when", "option", "incentive needed"}}
	for _, m := range r.Measures {
		o := m.Option
		opts.Rows = append(opts.Rows, []string{fmt.Sprint(o.Number), o.When, o.Option, o.Incentive})
	}
	d.Tables = append(d.Tables, opts)
	before, after := datacenterDay(r, s)
	d.Charts = append(d.Charts, loadChart("Site load: IT and cooling today and with the measures (flat load assumed)", before, after, s))
	if flexKW > 0 {
		d.Contract = &report.Contract{
			Form:   "CSC on call (exploration)",
			Reason: "the study recommends exploration for datacenters (§4, §6): an on-call contract lets the site test its cooling and workload flex without a daily commitment",
		}
		c := contract.Recommended(ci)
		c.Clauses = []contract.Clause{contract.OnCallClause("datacenter flex", math.Floor(flexKW))}
		c.PayPerYear(d.Summary.EURPerYear, math.Floor(flexKW)) // the study prices none: a zero fee until one is agreed
		file, err := contract.ExportText(c)
		if err != nil {
			d.Contract.Reason += "; no contract file: " + err.Error()
		}
		d.Contract.File = file
	}
	return d
}

// datacenterDay is a flat IT and cooling load today (96 ISPs, kW) and the
// same day with the measures: each peak drops by the measures' MW for as
// long as each holds.
func datacenterDay(r datacenter.Result, s *scenario.Scenario) (before, after []float64) {
	before, after = make([]float64, 96), make([]float64, 96)
	mf, mt := s.Value("grid.peak.morning.from")*4, s.Value("grid.peak.morning.to")*4
	ef, et := s.Value("grid.peak.evening.from")*4, s.Value("grid.peak.evening.to")*4
	for i := range before {
		before[i] = (r.Site.ITMW + r.CoolingMW) * 1e3
		after[i] = before[i]
		q := float64(i)
		for _, m := range r.Measures {
			if q >= mf && q < mt && q < mf+m.Hours*4 {
				after[i] -= m.MorningMW * 1e3
			}
			if q >= ef && q < et && q < ef+m.Hours*4 {
				after[i] -= m.EveningMW * 1e3
			}
		}
	}
	return before, after
}
