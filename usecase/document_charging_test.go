package usecase

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"gridflex/charging"
	"gridflex/contract"
	"gridflex/report"
	"gridflex/scenario"
)

// depotSite is the study's worked depot (§3) at a given contracted
// capacity, with an optional subsidy: block appended.
func depotSite(capacityKW string, sub string) string {
	return `sector: logistics
name: example depot
capacity_kw: ` + capacityKW + `
vehicles:
  - name: truck
    count: 3
    energy_kwh_per_day: 290
    arrival: "19:00"
    departure: "07:00"
    charger_kw: 50
` + sub
}

func chargingDoc(t *testing.T, text string, s *scenario.Scenario) report.Document {
	t.Helper()
	site, err := charging.ParseSite("depot.yaml", []byte(text))
	if err != nil {
		t.Fatalf("ParseSite: %v", err)
	}
	r, err := charging.Scan(context.Background(), site, s, charging.Options{})
	if err != nil {
		t.Fatalf("Scan: %v", err)
	}
	return chargingDocument(site, r, "2026-12-01", s)
}

// The depot report has the study's numbers (§3: 87 kW at night, €111/MWh),
// € per year = €/MWh × moved MWh, a contract file that parses, and a
// Flex-e section that says which inputs are missing.
func TestChargingDepotReport(t *testing.T) {
	s := scenario.Default()
	d := chargingDoc(t, depotSite("80", ""), s)
	if got := d.Summary.EURPerMWh; got < 110.5 || got >= 111.5 {
		t.Errorf("Summary.EURPerMWh = %v, want 111 (§3)", got)
	}
	if d.Summary.MWhPerYear <= 0 {
		t.Fatalf("Summary.MWhPerYear = %v, want > 0", d.Summary.MWhPerYear)
	}
	if got, want := d.Summary.EURPerYear, d.Summary.EURPerMWh*d.Summary.MWhPerYear; math.Abs(got-want) > 1e-6*want {
		t.Errorf("Summary.EURPerYear = %v, want €/MWh × MWh/yr = %v", got, want)
	}
	if d.Summary.EveningMW <= 0 {
		t.Errorf("Summary.EveningMW = %v, want > 0 (the depot gives up the evening peak)", d.Summary.EveningMW)
	}
	// §3: 80 kW contracted, 87 kW needed: block power of about 7–8 kW.
	if got := d.Summary.ExtraNightKW; got < 7 || got > 8 {
		t.Errorf("Summary.ExtraNightKW = %v, want the block power of 7–8 kW (§3)", got)
	}
	if d.Contract == nil {
		t.Fatal("no contract")
	}
	if _, err := contract.Parse("depot-contract.yaml", []byte(d.Contract.File), nil); err != nil {
		t.Errorf("contract.Parse: %v\n%s", err, d.Contract.File)
	}
	if d.Subsidy != nil {
		t.Errorf("Subsidy = %+v, want nil without a subsidy: block", d.Subsidy)
	}
	var md, html, js bytes.Buffer
	for _, f := range []struct {
		name string
		buf  *bytes.Buffer
	}{{"md", &md}, {"html", &html}, {"json", &js}} {
		if err := report.Render(f.buf, d, f.name); err != nil {
			t.Fatalf("Render(%s): %v", f.name, err)
		}
	}
	for _, want := range []string{"Flex-e", "inputs needed", "congestion_area", "base_capacity_kw: 80", "87", "## Unmet needs"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	h := html.String()
	if !strings.Contains(h, "<svg") || !strings.Contains(h, "Flex-e") || !strings.Contains(h, "base_capacity_kw: 80") {
		t.Errorf("html: want inline SVG, Flex-e and the contract file")
	}
	var back report.Document
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Errorf("json: %v", err)
	}
}

// §7 Flex-e on a depot: eligibility needs ≥ 100 kW, ≥ 1 kV and a congestion
// area; scan 50 % up to €10,000; feasibility 50 % within €10,000–€125,000;
// realisation 35 % up to €300,000 and only with a congestion contract.
func TestChargingDepotFlexE(t *testing.T) {
	s := scenario.Default()
	for _, tc := range []struct {
		name, capacity, sub string
		eligible            bool
		parts               [3]float64 // scan, feasibility, realisation
	}{
		{"eligible, realisation capped §7", "250", `subsidy: {voltage_kv: 10, congestion_area: true, congestion_contract: true, scan_eur: 8000, feasibility_eur: 30000, realisation_eur: 1000000}`,
			true, [3]float64{4000, 15000, 300000}},
		{"scan capped, feasibility below minimum §7", "250", `subsidy: {voltage_kv: 10, congestion_area: true, congestion_contract: true, scan_eur: 30000, feasibility_eur: 15000, realisation_eur: 100000}`,
			true, [3]float64{10000, 0, 35000}},
		{"no congestion contract: no realisation §7", "250", `subsidy: {voltage_kv: 10, congestion_area: true, scan_eur: 8000, realisation_eur: 100000}`,
			true, [3]float64{4000, 0, 0}},
		{"80 kW depot below 100 kW §7", "80", `subsidy: {voltage_kv: 10, congestion_area: true, congestion_contract: true, scan_eur: 8000}`,
			false, [3]float64{0, 0, 0}},
		{"low voltage §7", "250", `subsidy: {voltage_kv: 0.4, congestion_area: true, scan_eur: 8000}`,
			false, [3]float64{0, 0, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := chargingDoc(t, depotSite(tc.capacity, tc.sub+"\n"), s)
			if d.Subsidy == nil {
				t.Fatal("Subsidy = nil, want the Flex-e result")
			}
			if d.Subsidy.Eligible != tc.eligible {
				t.Errorf("Eligible = %v (%v), want %v", d.Subsidy.Eligible, d.Subsidy.Reasons, tc.eligible)
			}
			var total float64
			for i, p := range d.Subsidy.Parts {
				if math.Abs(p.SubsidyEUR-tc.parts[i]) > 0.01 {
					t.Errorf("%s: SubsidyEUR = %v, want %v", p.Name, p.SubsidyEUR, tc.parts[i])
				}
				total += tc.parts[i]
			}
			if math.Abs(d.Subsidy.TotalEUR-total) > 0.01 {
				t.Errorf("TotalEUR = %v, want %v", d.Subsidy.TotalEUR, total)
			}
			var md bytes.Buffer
			if err := report.Markdown(&md, d); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), "## Flex-e subsidy (§7)") || strings.Contains(md.String(), "inputs needed") {
				t.Errorf("markdown: want the Flex-e table, not the inputs-needed table")
			}
		})
	}
}

// A bad subsidy: block is refused with file, line and field.
func TestChargingSubsidyRefused(t *testing.T) {
	_, err := charging.ParseSite("depot.yaml", []byte(depotSite("250", "subsidy:\n  voltage_kv: -1\n  colour: red\n")))
	if err == nil {
		t.Fatal("ParseSite accepted a negative voltage and an unknown key")
	}
	for _, want := range []string{"depot.yaml:12", "subsidy", "voltage_kv", "depot.yaml:13: colour"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSite error lacks %q:\n%v", want, err)
		}
	}
}

// Outputs move with inputs: a higher cost share (§3) raises the € per year.
func TestChargingReportMovesWithScenario(t *testing.T) {
	s := scenario.Default()
	const key = "logistics.compensation.cost_share"
	base := chargingDoc(t, depotSite("80", ""), s).Summary.EURPerYear
	if got := chargingDoc(t, depotSite("80", ""), s.With(key, s.Value(key)*2)).Summary.EURPerYear; !(got > base*1.5) {
		t.Errorf("EURPerYear with %s doubled = %v, want about 2 × %v", key, got, base)
	}
}

// FuzzChargingReport: every site file ParseSite accepts, the subsidy:
// block included, gives a report that renders and a contract that parses.
func FuzzChargingReport(f *testing.F) {
	f.Add(depotSite("80", ""))
	f.Add(depotSite("250", "subsidy: {voltage_kv: 10, congestion_area: true, congestion_contract: true, scan_eur: 8000, feasibility_eur: 30000, realisation_eur: 1000000}\n"))
	f.Add(depotSite("250", "subsidy: {voltage_kv: 0.4}\n"))
	s := scenario.Default()
	f.Fuzz(func(t *testing.T, text string) {
		site, err := charging.ParseSite("fuzz.yaml", []byte(text))
		if err != nil {
			return
		}
		r, err := charging.Scan(context.Background(), site, s, charging.Options{})
		if err != nil {
			return
		}
		d := chargingDocument(site, r, "2026-12-01", s)
		var md bytes.Buffer
		if err := report.Markdown(&md, d); err != nil {
			t.Fatalf("Markdown: %v", err)
		}
		if _, err := contract.Parse("fuzz-contract.yaml", []byte(d.Contract.File), nil); err != nil {
			t.Fatalf("contract.Parse: %v\n%s", err, d.Contract.File)
		}
	})
}
