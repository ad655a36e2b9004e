package usecase

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"gridflex/contract"
	"gridflex/plant"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
)

// compressedAir is the plant: a compressed-air utility with a 2 h
// buffer can only be off for 2 of the 3 evening hours, so the load with
// the measures rises again inside the peak.
const compressedAir = `sector: chemistry
name: chemicals
capacity_kw: 2500
base_load_kw: 1700
utilities:
  - {name: compressed air, kw: 300, buffer_h: 2, substitute_eur_per_mwh: 200}
batches:
  - {name: reactor, kw: 400, duration_h: 2, runs_per_day: 1, starts: ["17:00"]}
`

func plantSite(t *testing.T, src string) plant.Site {
	t.Helper()
	data := []byte(src)
	if src == "" {
		var err error
		if data, err = os.ReadFile("../plant/testdata/plant.yaml"); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := plant.ParseSite("plant.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// The chemistry report renders and its contract parses; §6 fixed fee: the
// recommended contract pays, per contract year, the scan's € per year
// (€848k at 1,040 h in the study's example), no variable fee, and its
// time blocks hold on working days like the scan's hours.
func TestChemistryContractPaysScanEUR(t *testing.T) {
	s := scenario.Default()
	ps := plantSite(t, "")
	sub := subsidy.Compute(ps.CapacityKW, *ps.Subsidy, s)
	d := chemistryDocument(ps.Name, plant.Scan(ps, s), &sub, contract.SiteTerms{Connection: "871687120000000999", BaseKW: ps.CapacityKW, Start: start, Years: 5}, s)
	for _, format := range []string{"md", "html", "json"} {
		if err := report.Render(new(bytes.Buffer), d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	c := parsed(t, d)
	got := c.Compensation.FixedEURPerKWYear * c.ContractedKW()
	if want := d.Summary.EURPerYear; want <= 0 || math.Abs(got-want) > 0.001*want+1 {
		t.Errorf("contract pays €%.0f/yr, want the scan's €%.0f/yr\n%s", got, want, d.Contract.File)
	}
	if c.Compensation.VariableEURPerMWh != 0 {
		t.Errorf("variable fee %v €/MWh on top of the fixed fee, want 0", c.Compensation.VariableEURPerMWh)
	}
	for _, cl := range c.Clauses {
		if cl.Form == contract.TimeBlock && cl.Days.Kind != "working" {
			t.Errorf("%s: days %+v, want working days", cl.Name, cl.Days)
		}
	}
}

// Issue 9 items 3 and 8: every exported contract has a term of 2–5 years,
// and a hostile site name neither adds a key to the contract nor breaks
// out of the Markdown report.
func TestRecommendedContractTermAndName(t *testing.T) {
	const hostile = "depot\ncompensation: {fixed_eur_per_kw_year: 100000}\n#\n```\n# heading | cell <b>x</b> [l](u)"
	s := scenario.Default()
	ps := plantSite(t, "")
	r := plant.Scan(ps, s)
	clean := parsed(t, chemistryDocument(ps.Name, r, nil, contract.SiteTerms{Name: ps.Name, BaseKW: ps.CapacityKW, Start: start, Years: 5}, s))
	d := chemistryDocument(hostile, r, nil, contract.SiteTerms{Name: hostile, BaseKW: ps.CapacityKW, Start: start, Years: 5}, s)
	c := parsed(t, d)
	if c.Name != hostile || c.Compensation != clean.Compensation {
		t.Errorf("name %q, compensation %+v; want the name whole and the fee %+v", c.Name, c.Compensation, clean.Compensation)
	}
	if c.Term.Indefinite() || len(c.TermWarnings()) > 0 {
		t.Errorf("term %+v: want a fixed term of 2–5 years", c.Term)
	}
	var md bytes.Buffer
	if err := report.Markdown(&md, d); err != nil {
		t.Fatal(err)
	}
	fence := ""
	for _, line := range strings.Split(md.String(), "\n") {
		switch {
		case fence == "" && strings.HasPrefix(line, "```"):
			fence = strings.TrimRight(line, "yaml")
			continue
		case fence != "" && line == fence:
			fence = ""
			continue
		case fence != "":
			if line == "```" {
				t.Errorf("the name's ``` closes the contract's code fence %q", fence)
			}
			continue // the contract file, verbatim
		}
		if strings.HasPrefix(line, "# heading") || strings.Contains(line, "<b>") || strings.Contains(line, "[l](u)") ||
			strings.HasPrefix(line, "compensation:") {
			t.Errorf("markdown line %q comes from the site name", line)
		}
	}
	if fence != "" {
		t.Error("the contract's code fence is never closed")
	}
}
