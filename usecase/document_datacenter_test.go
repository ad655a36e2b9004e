package usecase

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/datacenter"
	"gridflex/report"
	"gridflex/scenario"
)

// colocation is the datacenter report of datacenter/testdata's
// colocation site on the default scenario, with its scan result.
func colocation(t *testing.T) (report.Document, datacenter.Result) {
	t.Helper()
	data, err := os.ReadFile("../datacenter/testdata/colocation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := datacenter.ParseSite("colocation.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s := scenario.Default()
	r := datacenter.Scan(ds, s)
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	return datacenterDocument(ds.Name, r, nil, contract.SiteTerms{BaseKW: ds.CapacityKW, Start: start, Years: 5}, s), r
}

// The datacenter report renders in every format and round-trips as JSON;
// its recommended contract is a valid contract file.
func TestDatacenterDocumentRenders(t *testing.T) {
	d, _ := colocation(t)
	if d.Contract == nil {
		t.Fatal("no contract recommended")
	}
	if _, err := contract.Parse("datacenters.yaml", []byte(d.Contract.File), nil); err != nil {
		t.Fatalf("contract.Parse: %v\n%s", err, d.Contract.File)
	}
	var md, html, js bytes.Buffer
	for format, w := range map[string]*bytes.Buffer{"md": &md, "html": &html, "json": &js} {
		if err := report.Render(w, d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	for _, want := range []string{"## Summary", "## Measures", "evening peak"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if h := html.String(); !strings.Contains(h, "<svg") || !strings.HasPrefix(h, "<!DOCTYPE html>") {
		t.Errorf("html: want a page with inline SVG charts")
	}
	var back report.Document
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Summary.MorningMW != d.Summary.MorningMW {
		t.Errorf("json round trip: %v, summary %+v, want %+v", err, back.Summary, d.Summary)
	}
}

// §4: pre-cooling below the PH1 27 °C set point is blocked today: the
// measure is shown, but neither its MW nor its kW count in the summary or
// the contract; the summary names it as available once the rule changes.
func TestDatacenterBlockedNotCounted(t *testing.T) {
	d, _ := colocation(t)
	var blocked, open report.Measure
	for _, m := range d.Measures {
		if m.Blocked != "" {
			blocked = m
		} else {
			open.MorningMW += m.MorningMW
			open.EveningMW += m.EveningMW
		}
	}
	if !strings.Contains(blocked.Blocked, "PH1 27 °C") {
		t.Fatalf("blocked = %q, want the PH1 27 °C set-point rule", blocked.Blocked)
	}
	if math.Abs(d.Summary.MorningMW-open.MorningMW) > 1e-9 || math.Abs(d.Summary.BlockedMorningMW-blocked.MorningMW) > 1e-9 {
		t.Errorf("summary morning %v MW, blocked %v MW; want %v and %v", d.Summary.MorningMW, d.Summary.BlockedMorningMW, open.MorningMW, blocked.MorningMW)
	}
	c, err := contract.Parse("dc.yaml", []byte(d.Contract.File), nil)
	if err != nil {
		t.Fatal(err)
	}
	var flexKW float64
	for _, l := range c.Clauses {
		flexKW += l.FlexKW
	}
	if want := math.Floor(max(open.MorningMW, open.EveningMW) * 1e3); flexKW > want+1 {
		t.Errorf("contract flex_kw = %v, want at most %v (without the blocked measure)", flexKW, want)
	}
	if !strings.Contains(strings.Join(d.Summary.Lines, "\n"), "once the rule changes") {
		t.Errorf("summary lines %q, want the blocked MW named", d.Summary.Lines)
	}
}
