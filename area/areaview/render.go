// Package areaview renders the congestion-area results of package area
// for people: the area, its freed capacity, the release to the waiting
// list and the overload risk as titled tables in aligned text, CSV (the
// main table), Markdown or HTML. Package area computes only.
package areaview

import (
	"encoding/csv"
	"fmt"
	"gridflex/mdtext"
	htmpl "html/template"
	"io"
	"strings"
	ttmpl "text/template"

	"gridflex/table"
)

// Section is one titled table of a report; the CLI renders sections as
// aligned text, CSV (the first section: the main table), Markdown or HTML.
type Section struct {
	Title  string
	Header []string
	Right  []bool // per column: right-aligned (numbers)
	Rows   [][]string
	Notes  []string
}

// Report is a titled list of sections.
type Report struct {
	Title    string
	Summary  []string // lines under the title
	Sections []Section
	// Charts are file names of charts written next to an HTML report.
	Charts []string
}

// Formats lists the text formats Render writes.
var Formats = []string{"table", "csv", "md", "html"}

// Render writes r in format (table, csv, md or html).
func (r Report) Render(w io.Writer, format string) error {
	switch format {
	case "table":
		return r.text(w)
	case "csv":
		if len(r.Sections) == 0 {
			return nil
		}
		cw := csv.NewWriter(w)
		s := r.Sections[0]
		if err := cw.Write(s.Header); err != nil {
			return err
		}
		if err := cw.WriteAll(s.Rows); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	case "md":
		return mdTemplate.Execute(w, r)
	case "html":
		return htmlTemplate.Execute(w, r)
	}
	return fmt.Errorf("format %q: want one of %s", format, strings.Join(Formats, ", "))
}

func (r Report) text(w io.Writer) error {
	if _, err := fmt.Fprintln(w, r.Title); err != nil {
		return err
	}
	for _, l := range r.Summary {
		fmt.Fprintln(w, "  "+l)
	}
	for _, s := range r.Sections {
		fmt.Fprintf(w, "\n%s\n\n", s.Title)
		t := table.Table{Header: s.Header, Rows: s.Rows}
		for _, right := range s.Right {
			a := table.Left
			if right {
				a = table.Right
			}
			t.Align = append(t.Align, a)
		}
		if err := t.WriteText(w); err != nil {
			return err
		}
		for _, n := range s.Notes {
			fmt.Fprintln(w, "  note: "+n)
		}
	}
	return nil
}

var mdTemplate = ttmpl.Must(ttmpl.New("md").Funcs(ttmpl.FuncMap{"cell": mdtext.Escape, "sep": func(right []bool, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "---"
		if i < len(right) && right[i] {
			out[i] = "---:"
		}
	}
	return out
}}).Parse(`# {{cell .Title}}
{{range .Summary}}
- {{cell .}}{{end}}
{{range .Sections}}
## {{cell .Title}}

|{{range .Header}} {{cell .}} |{{end}}
|{{range sep .Right (len .Header)}} {{.}} |{{end}}
{{range .Rows}}|{{range .}} {{cell .}} |{{end}}
{{end}}{{range .Notes}}
> {{cell .}}
{{end}}{{end}}{{range .Charts}}
![chart]({{.}})
{{end}}`))

var htmlTemplate = htmpl.Must(htmpl.New("html").Funcs(htmpl.FuncMap{"right": func(right []bool, i int) bool {
	return i < len(right) && right[i]
}}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.2em .5em}th{background:#eee}.r{text-align:right}.note{color:#555}</style></head>
<body><h1>{{.Title}}</h1>
<ul>{{range .Summary}}<li>{{.}}</li>{{end}}</ul>
{{range .Sections}}{{$s := .}}<h2>{{.Title}}</h2>
<table><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if right $s.Right $i}} class="r"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</table>
{{range .Notes}}<p class="note">{{.}}</p>{{end}}{{end}}
{{range .Charts}}<p><img src="{{.}}" alt="chart"></p>{{end}}
</body></html>
`))
