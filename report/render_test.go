package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// hostile is a document whose every free text tries to break out of its
// place in the output: a Markdown heading or table row, an HTML element, a
// code fence around the contract file.
func hostile() Document {
	name := "depot\n# heading | cell <script>alert(1)</script> ```"
	return Document{
		Title:  "Scan of " + name,
		Sector: "logistics",
		Site:   name,
		Summary: Summary{
			MorningMW: 0.05, EveningMW: 0.087, MWhPerYear: 41.6, EURPerYear: 4617.6, EURPerMWh: 111,
			Lines: []string{"line with " + name},
		},
		Measures: []Measure{{Name: name, Kind: "structural", EveningMW: 0.087, HoursPerYear: 478, MWhPerYear: 41.6, Priced: true, EURPerMWh: 111, EURPerYear: 4617.6}},
		Tables:   []Table{{Title: "t " + name, Header: []string{"a|b", "c"}, Rows: [][]string{{name, "1"}}}},
		Charts: []Chart{{Title: "load", XLabel: "hour", YLabel: "kW",
			Lines:  []Line{{Name: name, X: []float64{0, 12, 24}, Y: []float64{10, 30, 10}}},
			Shades: []Shade{{From: 16, To: 21, Label: "evening"}}}},
		Contract: &Contract{Form: "time block", Reason: name, File: "name: \"x ``` y\"\n"},
		Notes:    []string{name},
	}
}

// TestRenderHostileNames: report renders what it is given and nothing a
// name holds escapes its place (issue 9 item 8: names are escaped in
// Markdown, html/template escapes HTML, JSON round-trips).
func TestRenderHostileNames(t *testing.T) {
	d := hostile()
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, d, format); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			switch format {
			case "md":
				for _, line := range strings.Split(out, "\n") {
					if strings.HasPrefix(line, "# heading") {
						t.Errorf("a name started a Markdown heading: %q", line)
					}
				}
				if strings.Contains(out, "<script>") {
					t.Error("Markdown holds a raw <script> element")
				}
			case "html":
				if strings.Contains(out, "<script>alert") {
					t.Error("HTML holds the name's <script> element unescaped")
				}
				if !strings.Contains(out, "&lt;script&gt;") {
					t.Error("HTML lost the name instead of escaping it")
				}
			case "json":
				var back Document
				if err := json.Unmarshal(b.Bytes(), &back); err != nil {
					t.Fatal(err)
				}
				if back.Site != d.Site || back.Contract.File != d.Contract.File {
					t.Errorf("JSON round trip changed the names: %q, %q", back.Site, back.Contract.File)
				}
			}
		})
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	err := Render(&bytes.Buffer{}, hostile(), "pdf")
	if err == nil || !strings.Contains(err.Error(), "md, html, json") {
		t.Fatalf("err = %v, want the formats listed", err)
	}
}
