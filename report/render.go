package report

import (
	"encoding/json"
	"fmt"
	"gridflex/mdtext"
	"html/template"
	"io"
	"strings"

	"gridflex/table"
)

// Formats a report renders to.
var Formats = []string{"md", "html", "json"}

// Render writes the document in format (md, html or json).
func Render(w io.Writer, d Document, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "md":
		return Markdown(w, d)
	case "html":
		return HTML(w, d)
	}
	return fmt.Errorf("report format %q: want one of %s", format, strings.Join(Formats, ", "))
}

func num(v float64, dec int) string { return table.Num(v, dec) }

// EUR formats a euro amount; €/MWh below 10 keep a decimal.
func EUR(v float64) string {
	if v != 0 && v < 10 && v > -10 {
		return "€" + num(v, 1)
	}
	return "€" + num(v, 0)
}

// MW formats megawatts: three decimals below 1 MW, two above.
func MW(v float64) string {
	if v != 0 && v < 1 {
		return num(v, 3)
	}
	return num(v, 2)
}

// summaryRows are the executive summary as label/value pairs.
func summaryRows(d Document) [][2]string {
	s := d.Summary
	rows := [][2]string{
		{"flexible capacity, morning peak", MW(s.MorningMW) + " MW"},
		{"flexible capacity, evening peak", MW(s.EveningMW) + " MW"},
		{"flexible energy", num(s.MWhPerYear, 1) + " MWh/yr"},
		{"compensation needed", EUR(s.EURPerYear) + "/yr"},
		{"compensation needed per MWh", EUR(s.EURPerMWh) + "/MWh"},
	}
	if b := max(s.BlockedMorningMW, s.BlockedEveningMW); b > 0 {
		rows = append(rows, [2]string{"available once the rule changes", MW(b) + " MW (blocked, not counted above)"})
	}
	return rows
}

// measureTable is the measures table as text cells.
func measureTable(d Document) Table {
	t := Table{Title: "Measures", Header: []string{"measure", "kind", "morning MW", "evening MW", "h/yr", "MWh/yr", "€/MWh", "€/yr", "battery €/MWh", "note"}}
	for _, m := range d.Measures {
		price, perYear := m.Incentive, ""
		if m.Priced {
			price, perYear = EUR(m.EURPerMWh), EUR(m.EURPerYear)
		}
		if m.Blocked != "" {
			price = "BLOCKED (" + m.Blocked + "); " + price
		}
		bat := ""
		if m.BatteryEURPerMWh > 0 {
			bat = EUR(m.BatteryEURPerMWh)
		}
		t.Rows = append(t.Rows, []string{m.Name, m.Kind, MW(m.MorningMW), MW(m.EveningMW), num(m.HoursPerYear, 0),
			num(m.MWhPerYear, 1), price, perYear, bat, m.Note})
	}
	return t
}

func subsidyTable(d Document) (Table, bool) {
	if d.Subsidy == nil {
		return Table{}, false
	}
	s := d.Subsidy
	t := Table{Title: "Flex-e subsidy (§7)", Header: []string{"part", "cost", "share", "subsidy", "note"}}
	for _, p := range s.Parts {
		t.Rows = append(t.Rows, []string{p.Name, EUR(p.CostEUR), num(p.Share*100, 0) + " %", EUR(p.SubsidyEUR), p.Note})
	}
	t.Rows = append(t.Rows, []string{"total", "", "", EUR(s.TotalEUR), ""})
	if !s.Eligible {
		t.Note = "not eligible: " + strings.Join(s.Reasons, "; ")
	} else {
		t.Note = "eligible: contracted capacity, voltage and congestion area meet the scheme's rules"
	}
	return t, true
}

// Markdown writes the document as GitHub-flavoured Markdown.
func Markdown(w io.Writer, d Document) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", mdtext.Escape(d.Title))
	fmt.Fprintf(&b, "Site: **%s** · sector: %s\n\n", mdtext.Escape(d.Site), mdtext.Escape(d.Sector))
	b.WriteString("## Summary\n\n| | |\n|---|---:|\n")
	for _, r := range summaryRows(d) {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], r[1])
	}
	b.WriteString("\n")
	for _, l := range d.Summary.Lines {
		fmt.Fprintf(&b, "- %s\n", mdtext.Escape(l))
	}
	if len(d.Summary.Lines) > 0 {
		b.WriteString("\n")
	}
	tables := append([]Table{measureTable(d)}, d.Tables...)
	if st, ok := subsidyTable(d); ok {
		tables = append(tables, st)
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "## %s\n\n", mdtext.Escape(t.Title))
		b.WriteString("| " + strings.Join(escapeAll(t.Header), " | ") + " |\n|")
		b.WriteString(strings.Repeat("---|", len(t.Header)) + "\n")
		for _, r := range t.Rows {
			b.WriteString("| " + strings.Join(escapeAll(r), " | ") + " |\n")
		}
		if t.Note != "" {
			fmt.Fprintf(&b, "\n%s\n", mdtext.Escape(t.Note))
		}
		b.WriteString("\n")
	}
	if len(d.Charts) > 0 {
		b.WriteString("## Charts\n\nIn the HTML report (`--format html`):\n\n")
		for _, c := range d.Charts {
			fmt.Fprintf(&b, "- %s\n", mdtext.Escape(c.Title))
		}
		b.WriteString("\n")
	}
	if c := d.Contract; c != nil {
		f := mdtext.Fence(c.File)
		fmt.Fprintf(&b, "## Recommended contract: %s\n\n%s\n\n%syaml\n%s%s\n\n", mdtext.Escape(c.Form), mdtext.Escape(c.Reason), f, c.File, f)
	}
	if len(d.Notes) > 0 {
		b.WriteString("## Notes\n\n")
		for _, n := range d.Notes {
			fmt.Fprintf(&b, "- %s\n", mdtext.Escape(n))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = mdtext.Escape(s)
	}
	return out
}

// HTML writes the document as one self-contained, printable HTML page:
// styles inline, charts as inline SVG, no external resources.
func HTML(w io.Writer, d Document) error {
	var charts []template.HTML
	for _, c := range d.Charts {
		svg, err := c.SVG(d.Sector)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		charts = append(charts, template.HTML(svg)) // produced by gonum/plot from numbers and our own labels, escaped by its SVG writer
	}
	tables := append([]Table{measureTable(d)}, d.Tables...)
	if st, ok := subsidyTable(d); ok {
		tables = append(tables, st)
	}
	return page.Execute(w, struct {
		Doc     Document
		Summary [][2]string
		Tables  []Table
		Charts  []template.HTML
	}{d, summaryRows(d), tables, charts})
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Doc.Title}}</title>
<style>
body { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; max-width: 60em; margin: 2em auto; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; border-bottom: 2px solid #1f6fc0; padding-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; }
th { background: #eef3fa; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.summary td:first-child { font-weight: bold; }
.note { color: #555; font-size: .9em; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .6em; font-size: .85em; white-space: pre-wrap; }
figure { margin: 1em 0; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } table, pre { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>{{.Doc.Title}}</h1>
<p>Site: <strong>{{.Doc.Site}}</strong> · sector: {{.Doc.Sector}}</p>
<h2>Summary</h2>
<table class="summary">{{range .Summary}}<tr><td>{{index . 0}}</td><td class="n">{{index . 1}}</td></tr>{{end}}</table>
{{if .Doc.Summary.Lines}}<ul>{{range .Doc.Summary.Lines}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{range .Tables}}<h2>{{.Title}}</h2>
<table><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
{{end}}
{{if .Charts}}<h2>Charts</h2>{{range .Charts}}<figure>{{.}}</figure>{{end}}{{end}}
{{with .Doc.Contract}}<h2>Recommended contract: {{.Form}}</h2>
<p>{{.Reason}}</p>
<p class="note">Contract file (check it against meter data with <code>gridflex contract check</code>):</p>
<pre>{{.File}}</pre>{{end}}
{{if .Doc.Notes}}<h2>Notes</h2><ul>{{range .Doc.Notes}}<li>{{.}}</li>{{end}}</ul>{{end}}
</body>
</html>
`))
