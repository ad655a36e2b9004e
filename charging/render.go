package charging

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"

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
func todayLabel(r Result) string {
	if r.Today == TodayFlat {
		return "need spread evenly over each stay"
	}
	return "charging on arrival"
}

func pct(x float64) string { return table.Num(100*x, 0) + " %" }

func (r Result) sections() []section {
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
	if r.Sector == Offices {
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

// WriteText writes the report as aligned text tables.
func (r Result) WriteText(w io.Writer) error {
	var b bytes.Buffer
	for i, s := range r.sections() {
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

func mdCell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// WriteMarkdown writes the report as Markdown.
func (r Result) WriteMarkdown(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Charging scan: %s\n", r.Site)
	for _, s := range r.sections() {
		fmt.Fprintf(&b, "\n## %s\n\n", s.title)
		if len(s.t.Rows) > 0 {
			b.WriteString("|")
			for _, h := range s.t.Header {
				b.WriteString(" " + mdCell(h) + " |")
			}
			b.WriteString("\n|")
			for i := range s.t.Header {
				if i < len(s.t.Align) && s.t.Align[i] == table.Right {
					b.WriteString("---:|")
				} else {
					b.WriteString("---|")
				}
			}
			b.WriteString("\n")
			for _, row := range s.t.Rows {
				b.WriteString("|")
				for _, c := range row {
					b.WriteString(" " + mdCell(c) + " |")
				}
				b.WriteString("\n")
			}
			if len(s.notes) > 0 {
				b.WriteString("\n")
			}
		}
		for _, n := range s.notes {
			b.WriteString("- " + n + "\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteHTML writes a self-contained HTML page: the chart as inline SVG and
// the report's tables.
func (r Result) WriteHTML(w io.Writer) error {
	var svg bytes.Buffer
	if err := Chart(&svg, r, "svg"); err != nil {
		return err
	}
	chart := svg.String()
	if i := strings.Index(chart, "<svg"); i > 0 {
		chart = chart[i:] // drop the XML prolog inside HTML
	}
	var b bytes.Buffer
	esc := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Charging scan: %s</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd}
td.r{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left}svg{max-width:100%%;height:auto}</style>
</head><body>
<h1>Charging scan: %s</h1>
<figure>%s<figcaption>Site load over a typical day: today (charging on arrival) and grid-aware (optimal schedule), contracted capacity, grid-aware limit, grid peak windows shaded.</figcaption></figure>
`, esc(r.Site), esc(r.Site), chart)
	for _, s := range r.sections() {
		fmt.Fprintf(&b, "<h2>%s</h2>\n", esc(s.title))
		if len(s.t.Rows) > 0 {
			b.WriteString("<table><tr>")
			for _, h := range s.t.Header {
				fmt.Fprintf(&b, "<th>%s</th>", esc(h))
			}
			b.WriteString("</tr>\n")
			for _, row := range s.t.Rows {
				b.WriteString("<tr>")
				for i, c := range row {
					cls := ""
					if i < len(s.t.Align) && s.t.Align[i] == table.Right {
						cls = ` class="r"`
					}
					fmt.Fprintf(&b, "<td%s>%s</td>", cls, esc(c))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		}
		if len(s.notes) > 0 {
			b.WriteString("<ul>")
			for _, n := range s.notes {
				fmt.Fprintf(&b, "<li>%s</li>", esc(n))
			}
			b.WriteString("</ul>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := w.Write(b.Bytes())
	return err
}
