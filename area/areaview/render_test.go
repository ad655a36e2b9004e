package areaview

import (
	"bytes"
	"strings"
	"testing"
)

// Every format renders the title, the main table and its notes; cells
// that would break Markdown or HTML are escaped.
func TestRender(t *testing.T) {
	r := Report{Title: "Area a|b", Summary: []string{"freed 1.00 MW"}, Sections: []Section{{
		Title: "Freed", Header: []string{"contract", "kW"}, Right: []bool{false, true},
		Rows: [][]string{{"<c1>", "150"}}, Notes: []string{"a note"},
	}}}
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"table", []string{"Area a|b", "<c1>", "150", "note: a note"}},
		{"csv", []string{"contract,kW", "<c1>,150"}},
		{"md", []string{`# Area a\|b`, "| --- | ---: |", `| \<c1\> | 150 |`, "> a note"}},
		{"html", []string{"&lt;c1&gt;", `<td class="r">150</td>`, "a note"}},
	} {
		var b bytes.Buffer
		if err := r.Render(&b, tc.format); err != nil {
			t.Fatalf("Render(%s): %v", tc.format, err)
		}
		for _, w := range tc.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("Render(%s) lacks %q:\n%s", tc.format, w, b.String())
			}
		}
	}
	if err := r.Render(&bytes.Buffer{}, "pdf"); err == nil || !strings.Contains(err.Error(), "table, csv, md, html") {
		t.Errorf("Render(pdf) = %v, want the formats named", err)
	}
}
