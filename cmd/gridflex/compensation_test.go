package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gridflex/compensation"
	"gridflex/scenario"
)

// End-to-end tests of compensation, compensation office, curve and unlock
// (issue 3), run in process through runCLI.

// compNear compares a printed figure with the study's within tol: the
// study and the JSON both round.
func compNear(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

type compTestMeasure struct {
	ID            string           `json:"id"`
	Sector        string           `json:"sector"`
	EURPerMWhLow  *float64         `json:"eur_per_mwh_low"`
	EURPerMWhHigh *float64         `json:"eur_per_mwh_high"`
	HoursPerYear  *float64         `json:"hours_per_year"`
	Basis         string           `json:"basis"`
	Breakdown     *json.RawMessage `json:"breakdown"`
}

type compTestOutput struct {
	Measures   []compTestMeasure `json:"measures"`
	References []struct {
		ID           string  `json:"id"`
		EURPerMWh    float64 `json:"eur_per_mwh"`
		HoursPerYear float64 `json:"hours_per_year"`
		Breakdown    struct {
			Capex  float64 `json:"capex_eur_per_mwh"`
			Opex   float64 `json:"opex_eur_per_mwh"`
			Margin float64 `json:"margin_eur_per_mwh"`
		} `json:"breakdown"`
	} `json:"references"`
}

// compJSONRun runs args (which must ask for --format json) and decodes the
// output strictly enough that a renamed field shows.
func compJSONRun(t *testing.T, args ...string) compTestOutput {
	t.Helper()
	out, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("gridflex %s: %v", strings.Join(args, " "), err)
	}
	var got compTestOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("gridflex %s: output is not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	return got
}

func (o compTestOutput) measure(t *testing.T, id string) compTestMeasure {
	t.Helper()
	for _, m := range o.Measures {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no measure %q in the output", id)
	return compTestMeasure{}
}

// TestCompensationJSONShape checks the JSON of issue 3: every measure has
// id, eur_per_mwh_low/high, hours_per_year, basis and breakdown (keys
// present, null where the study gives no figure), and the references carry
// the battery.
func TestCompensationJSONShape(t *testing.T) {
	out, _, err := runCLI(t, "compensation", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Measures   []map[string]json.RawMessage `json:"measures"`
		References []map[string]json.RawMessage `json:"references"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("compensation --format json: %v\n%s", err, out)
	}
	if len(raw.Measures) == 0 {
		t.Fatal("compensation --format json: no measures")
	}
	for _, m := range raw.Measures {
		for _, k := range []string{"id", "eur_per_mwh_low", "eur_per_mwh_high", "hours_per_year", "basis", "breakdown"} {
			if _, ok := m[k]; !ok {
				t.Errorf("measure %s: missing key %q", m["id"], k)
			}
		}
		if string(m["eur_per_mwh_low"]) != "null" {
			var bd struct {
				Low, High map[string]json.RawMessage
			}
			if err := json.Unmarshal(m["breakdown"], &bd); err != nil || bd.Low == nil || bd.High == nil {
				t.Errorf("measure %s: breakdown %s: want {low, high}", m["id"], m["breakdown"])
			}
			for _, k := range []string{"capex_eur_per_mwh", "opex_eur_per_mwh", "margin_eur_per_mwh"} {
				if _, ok := bd.Low[k]; !ok {
					t.Errorf("measure %s: breakdown.low has no %q", m["id"], k)
				}
			}
		}
	}
	var battery map[string]json.RawMessage
	for _, r := range raw.References {
		if string(r["id"]) == `"battery"` {
			battery = r
		}
	}
	if battery == nil {
		t.Fatalf("references %v: no battery", raw.References)
	}
	for _, k := range []string{"eur_per_mwh", "hours_per_year", "basis", "breakdown"} {
		if _, ok := battery[k]; !ok {
			t.Errorf("battery reference: missing key %q", k)
		}
	}
}

// TestCompensationGolden checks the study's €/MWh figures as the command
// prints them (the package's golden tests check the model itself).
func TestCompensationGolden(t *testing.T) {
	got := compJSONRun(t, "compensation", "--format", "json")
	for _, tc := range []struct {
		name      string
		id        string
		low, high float64
		tol       float64
		hours     float64 // 0: no annual hours basis (JSON null)
	}{
		{"§1.6 office heating owner-user/landlord 17/116", "offices.heating", 17, 116, 0.5, 585},
		{"§1.6 office cooling 36/240", "offices.cooling", 36, 240, 0.5, 182},
		{"§1.6 office charging 0/71", "offices.charging", 0, 71, 0.6, 750},
		{"§2.3 batch shifting CAPEX €70, with operating cost", "chemistry.batch", 70, 300, 0.5, 1040},
		{"§2.3 CHP overhaul 62 + fuel 55, aFRR opportunity 324 (reported)", "chemistry.chp", 117, 324, 0.5, 1040},
		{"§2.3 utilities ≈ 488", "chemistry.utilities", 488, 488, 0.5, 1040},
		{"§2.3 continuous 2,940/4,600 (reported inputs)", "chemistry.continuous", 2940, 4600, 0, 250},
		{"§3 logistics charging 111", "logistics.charging", 111, 111, 0.5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := got.measure(t, tc.id)
			if m.EURPerMWhLow == nil || m.EURPerMWhHigh == nil {
				t.Fatalf("%s: no euro figure", tc.id)
			}
			if !compNear(*m.EURPerMWhLow, tc.low, tc.tol) || !compNear(*m.EURPerMWhHigh, tc.high, tc.tol) {
				t.Errorf("%s = %v/%v €/MWh, want %v/%v", tc.id, *m.EURPerMWhLow, *m.EURPerMWhHigh, tc.low, tc.high)
			}
			switch {
			case tc.hours == 0 && m.HoursPerYear != nil:
				t.Errorf("%s hours_per_year = %v, want null (no annual hours basis)", tc.id, *m.HoursPerYear)
			case tc.hours > 0 && (m.HoursPerYear == nil || *m.HoursPerYear != tc.hours):
				t.Errorf("%s hours_per_year = %v, want %v", tc.id, m.HoursPerYear, tc.hours)
			}
			if m.Basis == "" || m.Breakdown == nil {
				t.Errorf("%s: empty basis or breakdown", tc.id)
			}
		})
	}
	t.Run("§4 datacenters: no euro figure invented", func(t *testing.T) {
		m := got.measure(t, "datacenters.cooling")
		if m.EURPerMWhLow != nil || m.EURPerMWhHigh != nil || m.Breakdown != nil {
			t.Errorf("datacenters.cooling = %v/%v, want null", m.EURPerMWhLow, m.EURPerMWhHigh)
		}
	})
	t.Run("§2.3 battery 35 + 105 = 140 at 1,040 h/yr", func(t *testing.T) {
		for _, r := range got.References {
			if r.ID == "battery" {
				if !compNear(r.EURPerMWh, 140, 1) || r.HoursPerYear != 1040 {
					t.Errorf("battery = €%v/MWh at %v h/yr, want ≈ 140 at 1,040", r.EURPerMWh, r.HoursPerYear)
				}
				return
			}
		}
		t.Fatal("no battery reference")
	})
	t.Run("§2.3 battery at 250 h/yr: CAPEX part × 1,040/250, losses per MWh unchanged", func(t *testing.T) {
		battery := func(o compTestOutput) (eur, capex, opex, margin float64) {
			for _, r := range o.References {
				if r.ID == "battery" {
					return r.EURPerMWh, r.Breakdown.Capex, r.Breakdown.Opex, r.Breakdown.Margin
				}
			}
			t.Fatal("no battery reference")
			return
		}
		_, capex, opex, margin := battery(got)
		eur, _, _, _ := battery(compJSONRun(t, "compensation", "--hours", "incidental", "--format", "json"))
		want := (capex*1040/250 + opex) * (1 + margin/(capex+opex))
		if !compNear(eur, want, 0.5) {
			t.Errorf("battery at 250 h/yr = €%v/MWh, want ≈ €%.1f", eur, want)
		}
	})
}

// TestCompensationSetMovesResults: every figure is data; doubling the
// electricity price doubles the office rule (§1.6), the CAPEX of batch
// shifting moves batch shifting, and nothing else that does not depend on
// them moves.
func TestCompensationSetMovesResults(t *testing.T) {
	base := compJSONRun(t, "compensation", "--format", "json")
	moved := compJSONRun(t, "compensation", "--format", "json", "--set", "grid.electricity_price=370")
	for _, id := range []string{"offices.heating", "offices.cooling"} {
		b, m := base.measure(t, id), moved.measure(t, id)
		if !compNear(*m.EURPerMWhHigh, 2**b.EURPerMWhHigh, 0.2) || !compNear(*m.EURPerMWhLow, 2**b.EURPerMWhLow, 0.2) {
			t.Errorf("%s at €370 = %v/%v, want twice %v/%v", id, *m.EURPerMWhLow, *m.EURPerMWhHigh, *b.EURPerMWhLow, *b.EURPerMWhHigh)
		}
	}
	for _, id := range []string{"chemistry.continuous", "offices.charging"} {
		if b, m := base.measure(t, id), moved.measure(t, id); *b.EURPerMWhHigh != *m.EURPerMWhHigh {
			t.Errorf("%s moved with the electricity price: %v → %v", id, *b.EURPerMWhHigh, *m.EURPerMWhHigh)
		}
	}
	inc := compJSONRun(t, "compensation", "--format", "json", "--hours", "incidental")
	if b, m := base.measure(t, "chemistry.batch"), inc.measure(t, "chemistry.batch"); !(*m.EURPerMWhLow > *b.EURPerMWhLow) {
		t.Errorf("batch shifting CAPEX part at 250 h = %v, want more than at 1,040 h (%v)", *m.EURPerMWhLow, *b.EURPerMWhLow)
	}
}

// compOfficeGolden is Table 4.4 of the study (§1.6) for the reference
// office of 10,000 m² at €185/MWh, as the command prints it.
const compOfficeGolden = `Reference office (study Table 4.4, §1.6), scenario nl-2026: 10,000 m², electricity €185.00/MWh

measure              kW  flex h/yr  MWh/yr  energy cost €/yr  owner-user €/yr  owner-user €/MWh  landlord €/yr  landlord €/MWh
──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
offices.heating   150.0        585   87.75           101,750            1,526              17.4         10,175           116.0
offices.cooling   144.0        182   26.21            62,900              944              36.0          6,290           240.0
offices.charging   54.8        750   41.07                 –                0               0.0          2,897            70.5
`

func TestCompensationOfficeTable44(t *testing.T) {
	out, _, err := runCLI(t, "compensation", "office", "--floor-area", "10000")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, compOfficeGolden) {
		t.Errorf("compensation office --floor-area 10000 =\n%s\nwant it to start with (Table 4.4, §1.6)\n%s", out, compOfficeGolden)
	}
}

type compOfficeRow struct {
	ID                  string  `json:"id"`
	KW                  float64 `json:"kw"`
	FlexHoursPerYear    float64 `json:"flex_hours_per_year"`
	MWhPerYear          float64 `json:"mwh_per_year"`
	OwnerUserEURPerYear float64 `json:"owner_user_eur_per_year"`
	OwnerUserEURPerMWh  float64 `json:"owner_user_eur_per_mwh"`
	LandlordEURPerYear  float64 `json:"landlord_eur_per_year"`
	LandlordEURPerMWh   float64 `json:"landlord_eur_per_mwh"`
}

func compOffice(t *testing.T, args ...string) []compOfficeRow {
	t.Helper()
	out, _, err := runCLI(t, append([]string{"compensation", "office", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Measures []compOfficeRow `json:"measures"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("compensation office --format json: %v\n%s", err, out)
	}
	return got.Measures
}

// TestCompensationOfficeScales: twice the floor area gives twice the kW,
// MWh and € per year and the same €/MWh; --price moves the thermal
// measures' €/MWh in proportion.
func TestCompensationOfficeScales(t *testing.T) {
	one := compOffice(t, "--floor-area", "10000")
	two := compOffice(t, "--floor-area", "20000")
	dear := compOffice(t, "--floor-area", "10000", "--price", "370")
	if len(one) != 3 || len(two) != 3 || len(dear) != 3 {
		t.Fatalf("office rows: %d, %d, %d, want 3 each", len(one), len(two), len(dear))
	}
	rel := func(got, want float64) bool { return compNear(got, want, 1e-9*math.Max(1, math.Abs(want))) }
	for i := range one {
		a, b := one[i], two[i]
		t.Run(a.ID, func(t *testing.T) {
			for _, f := range []struct {
				name     string
				got, one float64
			}{
				{"kw", b.KW, a.KW}, {"mwh_per_year", b.MWhPerYear, a.MWhPerYear},
				{"owner_user_eur_per_year", b.OwnerUserEURPerYear, a.OwnerUserEURPerYear},
				{"landlord_eur_per_year", b.LandlordEURPerYear, a.LandlordEURPerYear},
			} {
				if !rel(f.got, 2*f.one) {
					t.Errorf("%s at 20,000 m² = %v, want 2 × %v", f.name, f.got, f.one)
				}
			}
			if !rel(b.FlexHoursPerYear, a.FlexHoursPerYear) || !rel(b.LandlordEURPerMWh, a.LandlordEURPerMWh) || !rel(b.OwnerUserEURPerMWh, a.OwnerUserEURPerMWh) {
				t.Errorf("hours or €/MWh moved with floor area: %+v vs %+v", b, a)
			}
			if a.ID != "offices.charging" && !rel(dear[i].LandlordEURPerMWh, 2*a.LandlordEURPerMWh) {
				t.Errorf("landlord €/MWh at --price 370 = %v, want 2 × %v", dear[i].LandlordEURPerMWh, a.LandlordEURPerMWh)
			}
		})
	}
}

// compSVGText returns the character data of an SVG document, failing if
// it does not parse.
func compSVGText(t *testing.T, data []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte('\n')
		}
	}
}

func TestCurveFiles(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, file string
		args       []string
		check      func(t *testing.T, data []byte)
	}{
		{"svg all", "all.svg", nil, func(t *testing.T, data []byte) {
			txt := compSVGText(t, data)
			for _, want := range []string{"cumulative flexible capacity (MW)", "required compensation (€/MWh)",
				"depot night charging €111", "batch shifting €300", "battery", "office heating (pre-heat) €116 (alternative)"} {
				if !strings.Contains(txt, want) {
					t.Errorf("all.svg has no text %q", want)
				}
			}
		}},
		{"svg offices, log axis", "offices.svg", []string{"--sector", "offices", "--log-y"}, func(t *testing.T, data []byte) {
			txt := compSVGText(t, data)
			if !strings.Contains(txt, "office cooling (pre-cool)") || strings.Contains(txt, "depot night charging") {
				t.Errorf("offices.svg: want the office steps only")
			}
			if !strings.Contains(txt, "(€/MWh, log scale)") {
				t.Errorf("offices.svg: --log-y axis title does not say log scale")
			}
		}},
		{"png", "all.png", nil, func(t *testing.T, data []byte) {
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("all.png: %v", err)
			}
			if w := img.Bounds().Dx(); w != 800 {
				t.Errorf("all.png is %d px wide, want 800", w)
			}
		}},
		{"csv", "chem.csv", []string{"--sector", "chemistry", "--hours", "incidental"}, func(t *testing.T, data []byte) {
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("chem.csv: %v", err)
			}
			if len(rows) != 5 || rows[0][1] != "id" {
				t.Fatalf("chem.csv = %v, want header and four chemistry steps", rows)
			}
			for _, r := range rows[1:] {
				if r[2] != "chemistry" {
					t.Errorf("chem.csv row %v: sector %q, want chemistry", r, r[2])
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			_, stderr, err := runCLI(t, append([]string{"curve", "-o", path}, tc.args...)...)
			if err != nil {
				t.Fatalf("curve -o %s: %v", tc.file, err)
			}
			if !strings.Contains(stderr, "wrote "+path) {
				t.Errorf("curve stderr = %q, want it to name the file", stderr)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, data)
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestCurveErrorsLeaveNoFile: a refused command writes nothing, not even
// a temporary file.
func TestCurveErrorsLeaveNoFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown extension", []string{"-o", filepath.Join(dir, "curve.pdf")}, []string{".svg, .png or .csv"}},
		{"all problems at once", []string{"-o", filepath.Join(dir, "c.svg"), "--sector", "hospitals", "--hours", "weekly", "--bound", "mid", "--potential", "avg"},
			[]string{`--sector "hospitals": want one of offices, chemistry, logistics, all`, `--hours: hours "weekly": want structural or incidental`,
				`--bound: bound "mid": want low or high`, `--potential "avg": want min or max`}},
		{"bad --set", []string{"-o", filepath.Join(dir, "c.svg"), "--set", "grid.electricity_price=abc"}, []string{"grid.electricity_price"}},
		{"missing directory", []string{"-o", filepath.Join(dir, "no", "such", "c.svg")}, []string{"-o " + filepath.Join(dir, "no", "such", "c.svg"), "no such file or directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := runCLI(t, append([]string{"curve"}, tc.args...)...)
			if err == nil {
				t.Fatalf("curve %v succeeded", tc.args)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("curve %v: error %q does not contain %q", tc.args, err, w)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("curve %v left %d files in the output directory", tc.args, len(entries))
			}
		})
	}
}

type compUnlockRow struct {
	ID             string   `json:"id"`
	Sector         string   `json:"sector"`
	EURPerMWh      *float64 `json:"eur_per_mwh"`
	Unlocked       bool     `json:"unlocked"`
	PotentialMinMW float64  `json:"potential_min_mw"`
	PotentialMaxMW float64  `json:"potential_max_mw"`
	MinMW          float64  `json:"min_mw"`
	MaxMW          float64  `json:"max_mw"`
}

type compUnlockOutput struct {
	OfferEURPerMWh float64         `json:"offer_eur_per_mwh"`
	Measures       []compUnlockRow `json:"measures"`
	Sectors        []compUnlockRow `json:"sectors"`
	Total          compUnlockRow   `json:"total"`
}

func compUnlock(t *testing.T, args ...string) compUnlockOutput {
	t.Helper()
	out, _, err := runCLI(t, append([]string{"unlock", "--format", "json"}, args...)...)
	if err != nil {
		t.Fatalf("unlock %v: %v", args, err)
	}
	var u compUnlockOutput
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		t.Fatalf("unlock %v: %v\n%s", args, err, out)
	}
	return u
}

func TestUnlock(t *testing.T) {
	t.Run("€500 unlocks a large part of chemistry (§2.3)", func(t *testing.T) {
		u := compUnlock(t, "--offer", "500")
		if u.OfferEURPerMWh != 500 {
			t.Errorf("offer_eur_per_mwh = %v, want 500", u.OfferEURPerMWh)
		}
		for _, m := range u.Measures {
			want := m.EURPerMWh != nil && *m.EURPerMWh <= 500
			if m.Unlocked != want {
				t.Errorf("%s at €%v: unlocked = %v, want %v", m.ID, m.EURPerMWh, m.Unlocked, want)
			}
			if m.Unlocked && (m.MinMW != m.PotentialMinMW || m.MaxMW != m.PotentialMaxMW) {
				t.Errorf("%s unlocked %v–%v MW of %v–%v", m.ID, m.MinMW, m.MaxMW, m.PotentialMinMW, m.PotentialMaxMW)
			}
			if !m.Unlocked && (m.MinMW != 0 || m.MaxMW != 0) {
				t.Errorf("%s not unlocked but %v–%v MW", m.ID, m.MinMW, m.MaxMW)
			}
		}
		var chem *compUnlockRow
		for i, s := range u.Sectors {
			if s.ID == "chemistry" {
				chem = &u.Sectors[i]
			}
		}
		if chem == nil || !(chem.MaxMW >= 0.5*chem.PotentialMaxMW) || chem.MaxMW == chem.PotentialMaxMW {
			t.Errorf("chemistry at €500 = %+v, want most but not all of its potential (curtailment costs €2,940+)", chem)
		}
		var sum float64
		for _, s := range u.Sectors {
			sum += s.MaxMW
		}
		if !compNear(u.Total.MaxMW, sum, 0.01) {
			t.Errorf("total max %v MW, want the sum of the sectors %v", u.Total.MaxMW, sum)
		}
	})
	t.Run("€0 unlocks nothing at the high bound", func(t *testing.T) {
		u := compUnlock(t, "--offer", "0")
		if u.Total.MinMW != 0 || u.Total.MaxMW != 0 {
			t.Errorf("total at €0 = %v–%v MW, want 0", u.Total.MinMW, u.Total.MaxMW)
		}
	})
	t.Run("€0 unlocks owner-users' charging at the low bound (§1.6)", func(t *testing.T) {
		u := compUnlock(t, "--offer", "0", "--bound", "low")
		for _, m := range u.Measures {
			if want := m.ID == "offices.charging"; m.Unlocked != want {
				t.Errorf("%s at €0, low bound: unlocked = %v, want %v", m.ID, m.Unlocked, want)
			}
		}
	})
	t.Run("--set moves what a price unlocks", func(t *testing.T) {
		// Office cooling needs €240 from landlords; doubling the
		// electricity price puts it out of reach of €300.
		at := func(u compUnlockOutput, id string) bool {
			for _, m := range u.Measures {
				if m.ID == id {
					return m.Unlocked
				}
			}
			t.Fatalf("no %s", id)
			return false
		}
		if !at(compUnlock(t, "--offer", "300"), "offices.cooling") || at(compUnlock(t, "--offer", "300", "--set", "grid.electricity_price=370"), "offices.cooling") {
			t.Error("office cooling at €300: want unlocked at €185/MWh electricity, not at €370")
		}
	})
}

func TestCompensationBadFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"negative offer", []string{"unlock", "--offer", "-5"}, []string{"--offer: want a compensation in €/MWh ≥ 0, got -5"}},
		{"NaN offer", []string{"unlock", "--offer", "NaN"}, []string{"--offer"}},
		{"price is the electricity price", []string{"unlock", "--offer", "1", "--price", "150"}, []string{"--price 150: the compensation offered is --offer"}},
		{"missing offer", []string{"unlock"}, []string{"offer"}},
		{"unlock unknown hours and format", []string{"unlock", "--offer", "1", "--hours", "weekly", "--format", "xml"},
			[]string{`--hours: hours "weekly": want structural or incidental`, `--format "xml"`}},
		{"compensation unknown hours", []string{"compensation", "--hours", "daily"}, []string{`--hours: hours "daily": want structural or incidental`}},
		{"compensation unknown format", []string{"compensation", "--format", "yaml"}, []string{`--format "yaml": want one of table, json, csv`}},
		{"curve unknown sector", []string{"curve", "-o", "x.svg", "--sector", "hospitals"}, []string{`--sector "hospitals"`}},
		{"office floor area and price", []string{"compensation", "office", "--floor-area", "-3", "--price", "-1"},
			[]string{"--floor-area: want a floor area in m² > 0, got -3", "--price: want an electricity price in €/MWh ≥ 0, got -1"}},
		{"office without floor area", []string{"compensation", "office"}, []string{"floor-area"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, err := runCLI(t, tc.args...)
			if err == nil {
				t.Fatalf("gridflex %v succeeded:\n%s", tc.args, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("gridflex %v: error %q does not contain %q", tc.args, err, w)
				}
			}
		})
	}
}

// TestCompensationFormats: table and CSV outputs carry every measure.
func TestCompensationFormats(t *testing.T) {
	for _, args := range [][]string{
		{"compensation"}, {"compensation", "--format", "csv"}, {"unlock", "--offer", "150"}, {"unlock", "--offer", "150", "--format", "csv"},
	} {
		out, _, err := runCLI(t, args...)
		if err != nil {
			t.Fatalf("gridflex %v: %v", args, err)
		}
		for _, id := range []string{"offices.heating", "chemistry.continuous", "logistics.charging", "datacenters.cooling"} {
			if !strings.Contains(out, id) {
				t.Errorf("gridflex %v: no %s in\n%s", args, id, out)
			}
		}
		if strings.HasSuffix(strings.Join(args, " "), "csv") {
			if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil {
				t.Errorf("gridflex %v: not CSV: %v", args, err)
			}
		}
	}
}

// TestCompensationJSONAtDomainExtremes is a property over every parameter
// compensation reads: set alone to either end of its domain, compensation,
// compensation office and unlock still encode JSON (which refuses +Inf and
// NaN), and office charging without flex reports null with a reason.
func TestCompensationJSONAtDomainExtremes(t *testing.T) {
	base := scenario.Default()
	for _, k := range compensation.Keys() {
		p := base.Param(k)
		for _, v := range compDomainExtremes(p.Domain) {
			set := k + "=" + strconv.FormatFloat(v, 'g', -1, 64)
			for _, args := range [][]string{
				{"compensation", "--format", "json"},
				{"compensation", "--format", "json", "--hours", "incidental"},
				{"compensation", "office", "--floor-area", "10000", "--format", "json"},
				{"unlock", "--offer", "200", "--format", "json"},
			} {
				args = append(args, "--set", set)
				out, _, err := runCLI(t, args...)
				if err != nil {
					t.Errorf("gridflex %s: %v", strings.Join(args, " "), err)
					continue
				}
				if !json.Valid([]byte(out)) {
					t.Errorf("gridflex %s: output is not JSON", strings.Join(args, " "))
				}
			}
		}
	}
}

func compDomainExtremes(d scenario.Domain) []float64 {
	switch d {
	case scenario.Positive:
		return []float64{1e-9, 1e9}
	case scenario.Fraction:
		return []float64{0, 1}
	default:
		return []float64{0, 1e9}
	}
}

// TestCompensationNoFlex: with no office chargers the charging measure has
// no €/MWh; every output says so instead of dividing by zero.
func TestCompensationNoFlex(t *testing.T) {
	set := []string{"--set", "offices.charging.chargers=0"}
	got := compJSONRun(t, append([]string{"compensation", "--format", "json"}, set...)...)
	m := got.measure(t, "offices.charging")
	if m.EURPerMWhLow != nil || m.EURPerMWhHigh != nil || m.Breakdown != nil || !strings.Contains(m.Basis, "no flex") {
		t.Errorf("offices.charging = %v/%v basis %q, want null with a no-flex reason", m.EURPerMWhLow, m.EURPerMWhHigh, m.Basis)
	}
	out, _, err := runCLI(t, append([]string{"compensation", "office", "--floor-area", "10000", "--format", "json"}, set...)...)
	if err != nil {
		t.Fatal(err)
	}
	var office struct {
		Measures []struct {
			ID       string   `json:"id"`
			Landlord *float64 `json:"landlord_eur_per_mwh"`
			NoFlex   string   `json:"no_flex"`
		} `json:"measures"`
	}
	if err := json.Unmarshal([]byte(out), &office); err != nil {
		t.Fatal(err)
	}
	for _, r := range office.Measures {
		if r.ID == "offices.charging" && (r.Landlord != nil || r.NoFlex == "") {
			t.Errorf("office charging landlord €/MWh = %v, no_flex %q; want null with a reason", r.Landlord, r.NoFlex)
		}
	}
	u := compUnlock(t, append([]string{"--offer", "1000000"}, set...)...)
	for _, m := range u.Measures {
		if m.ID == "offices.charging" && (m.Unlocked || m.EURPerMWh != nil) {
			t.Errorf("unlock offices.charging = %v unlocked %v, want null, not unlocked", m.EURPerMWh, m.Unlocked)
		}
	}
}

// TestCompensationJSONMatchesCSV: JSON and CSV carry the same unrounded
// values (only the text table rounds), and hours are null/empty for the
// same rules, in the measure and in its breakdown.
func TestCompensationJSONMatchesCSV(t *testing.T) {
	jout, _, err := runCLI(t, "compensation", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j struct {
		Measures []struct {
			ID           string   `json:"id"`
			Low          *float64 `json:"eur_per_mwh_low"`
			High         *float64 `json:"eur_per_mwh_high"`
			HoursPerYear *float64 `json:"hours_per_year"`
			Breakdown    *struct {
				Low, High struct {
					HoursPerYear *float64 `json:"hours_per_year"`
					Opex         float64  `json:"opex_eur_per_mwh"`
				}
			} `json:"breakdown"`
		} `json:"measures"`
	}
	if err := json.Unmarshal([]byte(jout), &j); err != nil {
		t.Fatal(err)
	}
	cout, _, err := runCLI(t, "compensation", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(cout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	csvRow := func(id, bound string) []string {
		for _, r := range rows[1:] {
			if r[col["id"]] == id && r[col["bound"]] == bound {
				return r
			}
		}
		t.Fatalf("CSV has no row %s %s", id, bound)
		return nil
	}
	for _, m := range j.Measures {
		if m.Low == nil {
			continue
		}
		for _, b := range []struct {
			bound string
			eur   float64
			hours *float64
		}{{"low", *m.Low, m.Breakdown.Low.HoursPerYear}, {"high", *m.High, m.Breakdown.High.HoursPerYear}} {
			r := csvRow(m.ID, b.bound)
			if got := r[col["eur_per_mwh"]]; got != strconv.FormatFloat(b.eur, 'f', -1, 64) {
				t.Errorf("%s %s: CSV eur_per_mwh %s, JSON %v", m.ID, b.bound, got, b.eur)
			}
			switch h := r[col["hours_per_year"]]; {
			case b.hours == nil && h != "":
				t.Errorf("%s %s: CSV hours %q, JSON breakdown null", m.ID, b.bound, h)
			case b.hours != nil && h != strconv.FormatFloat(*b.hours, 'f', -1, 64):
				t.Errorf("%s %s: CSV hours %q, JSON breakdown %v", m.ID, b.bound, h, *b.hours)
			}
		}
		if (m.HoursPerYear == nil) != (m.Breakdown.High.HoursPerYear == nil) {
			t.Errorf("%s: hours_per_year %v but breakdown hours %v", m.ID, m.HoursPerYear, m.Breakdown.High.HoursPerYear)
		}
		if m.ID == "offices.heating" && *m.High == math.Round(*m.High*10)/10 {
			t.Errorf("offices.heating landlord = %v, want unrounded (≈115.954, §1.6)", *m.High)
		}
	}
}

// TestUnlockSectorsKeyedByID: sector objects use "id", as the potential
// model's JSON does.
func TestUnlockSectorsKeyedByID(t *testing.T) {
	out, _, err := runCLI(t, "unlock", "--offer", "500", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var u struct {
		Sectors []map[string]any `json:"sectors"`
	}
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		t.Fatal(err)
	}
	if len(u.Sectors) == 0 {
		t.Fatal("unlock: no sectors")
	}
	for _, s := range u.Sectors {
		if _, ok := s["id"]; !ok {
			t.Errorf("unlock sector %v: no \"id\"", s)
		}
		if _, ok := s["sector"]; ok {
			t.Errorf("unlock sector %v: has \"sector\", want \"id\" only", s)
		}
	}
}

// TestModifiedRunNamesScenario guards issue 9 item 14: every output of a
// modified run names its scenario (scenario/FORMAT.md): compensation,
// compensation office, unlock and the curve in each format.
func TestModifiedRunNamesScenario(t *testing.T) {
	set := []string{"--set", "cost.margin=0.2"}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"compensation"}, {"compensation", "--format", "json"}, {"compensation", "--format", "csv"},
		{"compensation", "office", "--floor-area", "5000"}, {"compensation", "office", "--floor-area", "5000", "--format", "json"},
		{"compensation", "office", "--floor-area", "5000", "--format", "csv"},
		{"unlock", "--offer", "100"}, {"unlock", "--offer", "100", "--format", "json"}, {"unlock", "--offer", "100", "--format", "csv"},
		{"curve", "-o", filepath.Join(dir, "c.csv")}, {"curve", "-o", filepath.Join(dir, "c.svg")},
		{"explain", "battery"},
	} {
		out, _, err := runCLI(t, append(args, set...)...)
		if err != nil {
			t.Errorf("%v: %v", args, err)
			continue
		}
		if args[0] == "curve" {
			b, err := os.ReadFile(args[2])
			if err != nil {
				t.Fatal(err)
			}
			out = string(b)
		}
		if !strings.Contains(out, "nl-2026+set") {
			t.Errorf("gridflex %s --set cost.margin=0.2 does not name the scenario nl-2026+set:\n%.400s", strings.Join(args, " "), out)
		}
	}
}
