package usecase

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/plant"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/series"
	"gridflex/subsidy"
)

// contractStartDay is the first day of the contracts these tests build.
var contractStartDay = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

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

func recommendedContract(t *testing.T, d report.Document) *contract.Contract {
	t.Helper()
	if d.Contract == nil || d.Contract.File == "" {
		t.Fatalf("no contract file: %+v", d.Contract)
	}
	c, err := contract.Parse("recommended.yaml", []byte(d.Contract.File), nil)
	if err != nil {
		t.Fatalf("contract.Parse: %v\n%s", err, d.Contract.File)
	}
	return c
}

// plantYear replays a day profile (96 ISPs, kW) over every local day of
// the contract's first year by wall-clock time.
func plantYear(c *contract.Contract, day []float64, noise func(kw float64) float64) series.Series {
	first := c.Term.Start.Start()
	end := c.Term.Start.AddYears(1).Start()
	s := series.New(first, int(end.Sub(first)/series.ISP))
	for i := range s.KW {
		l := first.Add(time.Duration(i) * series.ISP).In(series.Amsterdam)
		kw := day[(l.Hour()*60+l.Minute())/15]
		if noise != nil {
			kw = noise(kw)
		}
		s.KW[i] = float32(math.Max(0, kw))
	}
	return s
}

// The chemistry report renders and its contract parses; §6 fixed fee: the
// recommended contract pays, per contract year, the scan's € per year
// (€848k at 1,040 h in the study's example), no variable fee, and its
// time blocks hold on working days like the scan's hours.
func TestChemistryContractPaysScanEUR(t *testing.T) {
	s := scenario.Default()
	ps := plantSite(t, "")
	sub := subsidy.Compute(ps.CapacityKW, *ps.Subsidy, s)
	d := chemistryDocument(ps.Name, plant.Scan(ps, s), &sub, contract.SiteTerms{Connection: "871687120000000999", BaseKW: ps.CapacityKW, Start: contractStartDay, Years: 5}, s)
	for _, format := range []string{"md", "html", "json"} {
		if err := report.Render(new(bytes.Buffer), d, format); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
	}
	c := recommendedContract(t, d)
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

// Issue 9 items 1 and 2: a meter that follows the plant's own plan – as
// planned and with a real meter's noise (±2 % or ±5 kW) – gets no
// violation of the contract the same scan recommends, and a contract year
// that follows the plan pays the scan's € per year. Outside working days
// the plant runs its plan without the time blocks.
func TestChemistryContractHoldsForPlan(t *testing.T) {
	s := scenario.Default()
	for name, src := range map[string]string{"plant.yaml": "", "compressed air": compressedAir} {
		t.Run(name, func(t *testing.T) {
			ps := plantSite(t, src)
			r := plant.Scan(ps, s)
			d := chemistryDocument(ps.Name, r, nil, contract.SiteTerms{Connection: "871687120000000999", Name: ps.Name, BaseKW: ps.CapacityKW, Start: contractStartDay, Years: 5}, s)
			c := recommendedContract(t, d)
			rng := rand.New(rand.NewPCG(9, 2))
			for label, noise := range map[string]func(float64) float64{
				"plan": nil,
				"plan with noise": func(kw float64) float64 {
					return kw + (2*rng.Float64()-1)*math.Max(5, 0.02*kw)
				},
			} {
				res, err := contract.Evaluate(c, contract.Input{Offtake: plantYear(c, r.AfterKW[:], noise)})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, v := range res.Violations {
					if v.Sanction != "none" {
						n++
					}
				}
				if n > 0 {
					t.Errorf("%s: %d violations of the recommended contract, want 0; first %+v\n%s", label, n, res.Violations[0], d.Contract.File)
				}
				if noise == nil && math.Abs(res.CompensationEUR-d.Summary.EURPerYear) > 0.01 {
					t.Errorf("contract pays €%.2f a year, the scan says €%.2f\n%s", res.CompensationEUR, d.Summary.EURPerYear, d.Contract.File)
				}
			}
		})
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
	clean := recommendedContract(t, chemistryDocument(ps.Name, r, nil, contract.SiteTerms{Name: ps.Name, BaseKW: ps.CapacityKW, Start: contractStartDay, Years: 5}, s))
	d := chemistryDocument(hostile, r, nil, contract.SiteTerms{Name: hostile, BaseKW: ps.CapacityKW, Start: contractStartDay, Years: 5}, s)
	c := recommendedContract(t, d)
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
