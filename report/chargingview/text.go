// Package chargingview renders a charging scan (charging.Result) for the
// terminal: the aligned text report and the site's load chart (svg, png).
// The md, html and json documents of every sector, charging sites
// included, come from package report; the charging package computes only.
package chargingview

import (
	"bytes"
	"fmt"
	"io"

	"gridflex/charging"
	"gridflex/table"
)

// maxUnmetListed caps the unmet rows of the text, markdown and HTML
// reports; JSON always carries all, and the reports say how many more.
const maxUnmetListed = 25

// section is one titled table of a report.
type section struct {
	title string
	t     table.Table
	notes []string
}

// todayLabel says how the site charges today.
func todayLabel(r charging.Result) string {
	if r.Today == charging.TodayFlat {
		return "need spread evenly over each stay"
	}
	return "charging on arrival"
}

func pct(x float64) string { return table.Num(100*x, 0) + " %" }

func sections(r charging.Result) []section {
	var out []section
	kv := func(title string, rows ...[2]string) section {
		s := section{title: title, t: table.Table{Header: []string{"", "value"}, Align: []table.Align{table.Left, table.Right}}}
		for _, row := range rows {
			s.t.Add(row[0], row[1])
		}
		return s
	}
	src := r.Source
	rows := [][2]string{
		{"contracted capacity", table.Num(r.CapacityKW, 0) + " kW"},
		{"today: peak (" + todayLabel(r) + ")", table.Num(r.TodayPeakKW, 1) + " kW"},
		{"today: energy charged in the grid peaks", table.Num(r.TodayPeakOverlapKWh, 1) + " kWh/day"},
		{"grid-aware: minimum constant capacity outside the peaks", table.Num(r.MinNightCapacityKW, 2) + " kW"},
		{"  proven lower bound (cut certificate)", table.Num(r.LowerBoundKW, 2) + " kW"},
		{"  recommended (rounded up)", table.Num(r.RecommendedCapacityKW, 0) + " kW"},
		{"evening reduction", table.Num(r.EveningReductionKW, 1) + " kW"},
		{"morning reduction", table.Num(r.MorningReductionKW, 1) + " kW"},
		{"energy moved out of the peaks", table.Num(r.MovedMWhPerYear, 1) + " MWh/yr"},
		{"flex hours / charging hours per day", table.Num(r.FlexHours, 2) + " / " + table.Num(r.ChargingHours, 2) + " h"},
	}
	if r.Sector == charging.Offices {
		rows = append(rows, [2]string{"compensation, " + r.CompensationRule, table.Num(r.CompensationEURPerMWh, 0) + " €/MWh"})
	} else {
		rows = append(rows,
			[2]string{"compensation, §3 rule with the site's hours", table.Num(r.CompensationEURPerMWh, 0) + " €/MWh"},
			[2]string{"compensation, §3 rule with the scenario's hours", table.Num(r.CompensationRuleEURPerMWh, 0) + " €/MWh"})
	}
	out = append(out, kv(fmt.Sprintf("Site %s (%s, from %s)", r.Site, r.Sector, src), rows...))
	if dc := r.Daily; dc != nil {
		out = append(out, kv(fmt.Sprintf("Minimum capacity outside the peaks, day by day (%d days)", dc.Days),
			[2]string{"median day", table.Num(dc.MedianKW, 1) + " kW"},
			[2]string{"95th percentile", table.Num(dc.P95KW, 1) + " kW"},
			[2]string{"busiest day (" + dc.MaxDate + ")", table.Num(dc.MaxKW, 1) + " kW"},
		))
	}
	g := section{title: "What the site can give up per peak window", t: table.Table{
		Header: []string{"window", "kW", "of capacity", "kWh/day"}, Align: []table.Align{table.Left, table.Right, table.Right, table.Right}}}
	for _, x := range r.GiveUp {
		g.t.Add(x.Window, table.Num(x.KW, 1), pct(x.ShareOfCapacity), table.Num(x.KWhPerDay, 1))
	}
	out = append(out, g)
	b := section{title: "Stepped block-power proposal", t: table.Table{Header: []string{"block", "extra kW"}, Align: []table.Align{table.Left, table.Right}}}
	for _, x := range r.BlockPower {
		b.t.Add(x.Start+"–"+x.End, table.Num(x.ExtraKW, 1))
	}
	if len(r.BlockPower) == 0 {
		b.notes = append(b.notes, "none needed: the contracted capacity charges every vehicle outside the peaks")
	}
	out = append(out, b)
	c := section{title: "Recommended contract: " + r.Contract.Form, notes: append([]string{r.Contract.Summary}, r.Contract.Reasoning...)}
	out = append(out, c)
	if o := r.Office; o != nil {
		out = append(out, kv("Office charging (§1.4)",
			[2]string{"flex 08–10 today (mean / max)", table.Num(o.MorningFlexKW, 1) + " / " + table.Num(o.MorningFlexMax, 1) + " kW"},
			[2]string{"flex 16–18 today (mean / max)", table.Num(o.EveningFlexKW, 1) + " / " + table.Num(o.EveningFlexMax, 1) + " kW"},
			[2]string{"sessions (days)", fmt.Sprintf("%s (%d)", table.Num(float64(o.Sessions), 0), o.Days)},
			[2]string{"fully served charging only " + o.Window + ", priority kept", pct(o.ServedShare)},
			[2]string{"  without priority chargers", pct(o.ServedShareNoPri)},
			[2]string{"priority chargers", fmt.Sprintf("%d of %d (%s)", len(o.PriorityChargers), o.Chargers, pct(o.PriorityShare))},
		))
	}
	if len(r.Vehicles) > 0 {
		v := section{title: "Vehicles", t: table.Table{Header: []string{"vehicle", "count", "need kWh", "today kWh", "grid-aware kWh", "moved kWh/day", "met"},
			Align: []table.Align{table.Left, table.Right, table.Right, table.Right, table.Right, table.Right, table.Left}}}
		for _, x := range r.Vehicles {
			met := "yes"
			if !x.Met {
				met = "NO"
			}
			v.t.Add(x.Name, fmt.Sprint(x.Count), table.Num(x.NeedKWh, 1), table.Num(x.TodayKWh, 1), table.Num(x.GridAwareKWh, 1), table.Num(x.MovedKWhPerDay, 1), met)
		}
		out = append(out, v)
	}
	u := section{title: fmt.Sprintf("Needs not met (%d)", len(r.Unmet)), t: table.Table{Header: []string{"case", "vehicle / session", "need kWh", "short kWh", "why"},
		Align: []table.Align{table.Left, table.Left, table.Right, table.Right, table.Left}}}
	for i, x := range r.Unmet {
		if i == maxUnmetListed {
			u.notes = append(u.notes, fmt.Sprintf("… and %d more (all are in --format json)", len(r.Unmet)-maxUnmetListed))
			break
		}
		u.t.Add(x.Case, x.Vehicle, table.Num(x.NeedKWh, 1), table.Num(x.ShortKWh, 1), x.Reason)
	}
	if len(r.Unmet) == 0 {
		u.notes = append(u.notes, "every need is met in every case")
	}
	out = append(out, u)
	if len(r.Notes) > 0 {
		out = append(out, section{title: "Notes", notes: r.Notes})
	}
	return out
}

// WriteText writes the charging scan r as aligned text tables, the
// terminal view of gridflex scan on a depot or charging plaza.
func WriteText(w io.Writer, r charging.Result) error {
	var b bytes.Buffer
	for i, s := range sections(r) {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(s.title + "\n")
		if len(s.t.Rows) > 0 {
			if err := s.t.WriteText(&b); err != nil {
				return err
			}
		}
		for _, n := range s.notes {
			b.WriteString("  " + n + "\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
