package usecase

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/building"
	"gridflex/contract"
	"gridflex/report"
	"gridflex/scenario"
)

var start = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)

func documents(t testing.TB) map[string]report.Document {
	t.Helper()
	s := scenario.Default()
	out := map[string]report.Document{}

	o, err := building.Resolve(building.Input{FloorAreaM2: 10000}, s)
	if err != nil {
		t.Fatal(err)
	}
	br, err := building.Scan(context.Background(), o, s, building.DesignDays(s))
	if err != nil {
		t.Fatal(err)
	}
	out["offices"] = officeDocument(officeInput{Site: "reference office", Result: br, Contract: contract.SiteTerms{BaseKW: 400, Start: start, Years: 5}}, s)
	return out
}

// The recommended contract of every sector is a valid contract file.
func TestContractsParse(t *testing.T) {
	for sector, d := range documents(t) {
		t.Run(sector, func(t *testing.T) {
			if d.Contract == nil {
				t.Fatal("no contract recommended")
			}
			if _, err := contract.Parse(sector+".yaml", []byte(d.Contract.File), nil); err != nil {
				t.Errorf("contract.Parse: %v\n%s", err, d.Contract.File)
			}
		})
	}
}

func TestRenderFormats(t *testing.T) {
	for sector, d := range documents(t) {
		t.Run(sector, func(t *testing.T) {
			var md, html, js bytes.Buffer
			if err := report.Render(&md, d, "md"); err != nil {
				t.Fatal(err)
			}
			if err := report.Render(&html, d, "html"); err != nil {
				t.Fatal(err)
			}
			if err := report.Render(&js, d, "json"); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"## Summary", "## Measures", "evening peak"} {
				if !strings.Contains(md.String(), want) {
					t.Errorf("markdown lacks %q", want)
				}
			}
			h := html.String()
			if !strings.Contains(h, "<svg") || !strings.HasPrefix(h, "<!DOCTYPE html>") {
				t.Errorf("html: want a page with inline SVG charts")
			}
			// self-contained: nothing loaded from elsewhere
			for _, ext := range []string{"src=\"http", "href=\"http", "<link", "<script src"} {
				if strings.Contains(h, ext) {
					t.Errorf("html loads an external resource (%q)", ext)
				}
			}
			var back report.Document
			if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Summary.EURPerYear != d.Summary.EURPerYear || back.Summary.MorningMW != d.Summary.MorningMW {
				t.Errorf("json round trip: %v, summary %+v, want %+v", err, back.Summary, d.Summary)
			}
		})
	}
	if err := report.Render(new(bytes.Buffer), report.Document{}, "pdf"); err == nil {
		t.Error("Render pdf: want an error")
	}
}

// Office heating and cooling are not added (§1.5): each peak counts the
// larger season.
func TestOfficeSeasonsNotAdded(t *testing.T) {
	d := documents(t)["offices"]
	var heat, cool report.Measure
	for _, m := range d.Measures {
		switch m.Name {
		case "grid-aware heating":
			heat = m
		case "grid-aware cooling":
			cool = m
		}
	}
	if want := max(heat.MorningMW, cool.MorningMW); d.Summary.MorningMW != want {
		t.Errorf("morning MW = %v, want max(heating %v, cooling %v)", d.Summary.MorningMW, heat.MorningMW, cool.MorningMW)
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	d := documents(b)["offices"]
	b.ReportAllocs()
	for b.Loop() {
		if err := report.HTML(new(bytes.Buffer), d); err != nil {
			b.Fatal(err)
		}
	}
}

// With a weather year the office's MWh/yr are the energy cut on the days
// planned, not the Table 4.4 full-load-hour rule.
func TestOfficeWeatherEnergy(t *testing.T) {
	s := scenario.Default()
	w := building.Weather{Start: time.Date(2019, 1, 5, 0, 0, 0, 0, time.UTC)} // a Saturday
	for h := range 24 * 9 {
		w.TempC = append(w.TempC, 2+3*float64(h%24)/24)
	}
	o, err := building.Resolve(building.Input{FloorAreaM2: 10000}, s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := building.Scan(context.Background(), o, s, w.Horizons(0))
	if err != nil {
		t.Fatal(err)
	}
	d := officeDocument(officeInput{Site: "x", Result: r, WeatherFile: "w.csv", WeatherYears: 1, Contract: contract.SiteTerms{BaseKW: 400, Start: start, Years: 5}}, s)
	var kwh float64
	for _, day := range r.Days {
		kwh += day.Morning.KWh + day.Evening.KWh
	}
	if len(r.Days) < 5 || kwh <= 0 || !near(d.Measures[0].MWhPerYear, kwh/1e3) {
		t.Errorf("%d days, heating MWh/yr = %v, want the %v kWh cut", len(r.Days), d.Measures[0].MWhPerYear, kwh)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// The reference office's extra energy of pre-heating (8–10 %) is far above
// the study's ~1.5 % (§1.6); the report says why, with the model's own
// numbers, and says nothing when the two agree (a heavy office with a heat
// pump that has headroom, like the §1.7 campus).
func TestOfficeExtraEnergyExplained(t *testing.T) {
	d := documents(t)["offices"]
	var why string
	for _, n := range d.Notes {
		if strings.HasPrefix(n, "why the extra energy") {
			why = n
		}
	}
	for _, w := range []string{"energy-minimal thermostat", "cold day", "150 kW", "τ = C/UA = 40 h", "UA 13.1 kW/K"} {
		if !strings.Contains(why, w) {
			t.Errorf("extra-energy note lacks %q: %q", w, why)
		}
	}
	if !strings.Contains(strings.Join(d.Summary.Lines, "\n"), "the notes say why") {
		t.Errorf("summary lines %q: want a pointer to the note", d.Summary.Lines)
	}

	s := scenario.Default()
	hp := 1000.0
	o, err := building.Resolve(building.Input{FloorAreaM2: 60000, Label: "a4p", ThermalMass: "heavy", HeatPumpKW: &hp, ChillerKW: &hp}, s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := building.Scan(context.Background(), o, s, building.DesignDays(s))
	if err != nil {
		t.Fatal(err)
	}
	if r.Heating.ExtraEnergy > 0.03 {
		t.Fatalf("campus extra energy %v, want ≈ 1.4 %%", r.Heating.ExtraEnergy)
	}
	for _, n := range officeDocument(officeInput{Site: "campus", Result: r}, s).Notes {
		if strings.HasPrefix(n, "why the extra energy") {
			t.Errorf("campus (extra %.1f %%): unexpected note %q", r.Heating.ExtraEnergy*100, n)
		}
	}
}

// §1.6 Table 4.4: the reference office's €/MWh are those of the study's
// table (heating 17 owner-user / 116 landlord, cooling 36 / 240), not its €
// per year divided by the model's MWh.
func TestOfficeEURPerMWhTable44(t *testing.T) {
	s := scenario.Default()
	for _, tc := range []struct {
		name, owner string
		heat, cool  float64
	}{
		{"owner-user", "owner-user", 17, 36},
		{"landlord", "landlord", 116, 240},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := building.Resolve(building.Input{FloorAreaM2: 10000, Owner: tc.owner}, s)
			if err != nil {
				t.Fatal(err)
			}
			r, err := building.Scan(context.Background(), o, s, building.DesignDays(s))
			if err != nil {
				t.Fatal(err)
			}
			d := officeDocument(officeInput{Site: "reference office", Result: r, Contract: contract.SiteTerms{BaseKW: 400, Start: start, Years: 5}}, s)
			got := map[string]float64{}
			for _, m := range d.Measures {
				got[m.Name] = m.EURPerMWh
				if m.MWhPerYear > 0 && !near(m.EURPerYear/m.MWhPerYear, m.EURPerMWh) {
					t.Errorf("%s: €/yr ÷ MWh/yr = %v, want the row's €/MWh %v", m.Name, m.EURPerYear/m.MWhPerYear, m.EURPerMWh)
				}
			}
			for name, want := range map[string]float64{"grid-aware heating": tc.heat, "grid-aware cooling": tc.cool} {
				if v := got[name]; math.Round(v) != want {
					t.Errorf("%s €/MWh = %v, want %v (Table 4.4)", name, v, want)
				}
			}
		})
	}
}

// §1.5: heating and cooling are not added on the office's own supply-cost
// curve either; the smaller is an alternative and the curve ends where the
// summary's larger peak does (no charging here).
func TestOfficeCurveSeasonsNotAdded(t *testing.T) {
	d := documents(t)["offices"]
	var c *report.Chart
	for i := range d.Charts {
		if len(d.Charts[i].Steps) > 0 {
			c = &d.Charts[i]
		}
	}
	if c == nil {
		t.Fatal("no supply-cost curve")
	}
	total, alts := 0.0, 0
	for _, st := range c.Steps {
		if st.AlternativeTo == "" {
			total += st.MW
		} else {
			alts++
		}
	}
	if want := max(d.Summary.MorningMW, d.Summary.EveningMW); math.Abs(total-want) > 1e-9 || alts != 1 {
		t.Errorf("curve ends at %v MW with %d alternative(s), want %v MW (summary) with 1", total, alts, want)
	}
	if _, err := c.Plot("offices"); err != nil {
		t.Errorf("Plot: %v", err)
	}
}

// §6 fixed fee: the recommended contract pays, per contract year, the
// scan's € per year (chemistry €848k at 1,040 h in the study's example,
// not €176.57/MWh on every freed kW and every day), and its time blocks
// hold on working days like the scan's hours.
func TestContractPaysScanEUR(t *testing.T) {
	for _, sector := range []string{"offices"} { // chemistry: usecase TestChemistryContractPaysScanEUR
		t.Run(sector, func(t *testing.T) {
			d := documents(t)[sector]
			c, err := contract.Parse(sector+".yaml", []byte(d.Contract.File), nil)
			if err != nil {
				t.Fatal(err)
			}
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
		})
	}
}

// TestOfficeModelVsStudySideBySide guards issue 9 item 21: the reference
// office (§1.6) cannot deliver the study's 80–100 % cut for 3 h in the
// morning and 2 h in the evening with its defaults; the report sets the
// study's figures and the model's side by side and says why, computed for
// the site, instead of presenting the model's cuts as the study's.
func TestOfficeModelVsStudySideBySide(t *testing.T) {
	d := documents(t)["offices"]
	var tb *report.Table
	for i := range d.Tables {
		if strings.HasPrefix(d.Tables[i].Title, "Model vs study") {
			tb = &d.Tables[i]
		}
	}
	if tb == nil {
		t.Fatal("office report has no \"Model vs study\" table")
	}
	rows := map[string][]string{}
	for _, r := range tb.Rows {
		rows[r[0]] = r
	}
	for _, c := range []struct{ figure, study, model, why string }{
		{"heating, morning peak 07:00–10:00", "120–150 kW (80–100 % of the heat pump) for 3.0 h", "for 1.9 full-load h, cold day", "less to cut than the study's 3.0 h at ≥ 80 %; in steady state with the gains on, the heat pump runs at ≥ 80 % only below -13.1 °C outdoors"},
		{"heating, evening peak 16:00–18:00", "for 2.0 h", "55 kW (37 %)", "internal gains"},
		{"cooling, morning peak 07:00–10:00", "115–144 kW (80–100 % of the chiller) for 2.0 h", "0 kW (0 %)", "the night has cooled the office"},
		{"heating, extra energy", "~1.5 % (§1.6)", "8.6 % on the days planned", "energy-minimal thermostat"},
		{"cooling, extra energy", "~1.5 % (§1.6)", "1.3 % on the days planned", "agrees"},
	} {
		r, ok := rows[c.figure]
		if !ok {
			t.Errorf("no row %q in %v", c.figure, tb.Rows)
			continue
		}
		for i, want := range []string{c.study, c.model, c.why} {
			if !strings.Contains(r[i+1], want) {
				t.Errorf("%s, column %s = %q, want it to contain %q", c.figure, tb.Header[i+1], r[i+1], want)
			}
		}
	}

	// The study's hours are parameters: 1 h in the morning leaves 4 of the
	// 5 heating flex hours for the evening.
	s := scenario.Default().With("scan.offices.study.heating_morning_h", 1)
	o, err := building.Resolve(building.Input{FloorAreaM2: 10000}, s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := building.Scan(context.Background(), o, s, building.DesignDays(s))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range officeStudy(r, s, "").Rows {
		if (row[0] == "heating, morning peak 07:00–10:00" && !strings.HasSuffix(row[1], "for 1.0 h")) ||
			(row[0] == "heating, evening peak 16:00–18:00" && !strings.HasSuffix(row[1], "for 4.0 h")) {
			t.Errorf("heating_morning_h = 1: row %q", row)
		}
	}
}
