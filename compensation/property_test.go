package compensation

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gridflex/scenario"
)

func TestKeysExist(t *testing.T) {
	s := scenario.Default()
	for _, k := range Keys() {
		if !s.Has(k) {
			t.Errorf("scenario.Default() has no key %q read by compensation", k)
		}
	}
}

// randomCosts is a seeded table of valid inputs for property tests.
func randomCosts(n int) []Costs {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]Costs, n)
	for i := range out {
		out[i] = Costs{
			CapexEUR:       r.Float64() * 5e6,
			OpexEURPerYear: r.Float64() * 1e6,
			Years:          1 + r.Float64()*19,
			HoursPerYear:   10 + r.Float64()*3000,
			Margin:         r.Float64() * 0.5,
			FlexMW:         0.06 + r.Float64()*100,
		}
	}
	return out
}

func relNear(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestRequiredProperties: the §0 formula is linear in CAPEX and OPEX,
// inversely proportional to MW and hours, proportional to 1 + margin, and
// its breakdown adds up to the total.
func TestRequiredProperties(t *testing.T) {
	for i, c := range randomCosts(500) {
		v, b := Required(c)
		if err := c.Validate(); err != nil {
			t.Fatalf("case %d: Validate(%+v) = %v, want nil", i, c, err)
		}
		if !relNear(b.Total(), v) {
			t.Errorf("Required(%+v): breakdown sums to %g, want %g", c, b.Total(), v)
		}
		k := 0.5 + float64(i%7)
		props := []struct {
			name string
			c    Costs
			want float64
		}{
			{"CAPEX and OPEX scaled", Costs{c.CapexEUR * k, c.OpexEURPerYear * k, c.Years, c.HoursPerYear, c.Margin, c.FlexMW}, v * k},
			{"MW scaled", Costs{c.CapexEUR, c.OpexEURPerYear, c.Years, c.HoursPerYear, c.Margin, c.FlexMW * k}, v / k},
			{"hours scaled", Costs{c.CapexEUR, c.OpexEURPerYear, c.Years, c.HoursPerYear * k, c.Margin, c.FlexMW}, v / k},
			{"no margin", Costs{c.CapexEUR, c.OpexEURPerYear, c.Years, c.HoursPerYear, 0, c.FlexMW}, v / (1 + c.Margin)},
		}
		for _, p := range props {
			if got, _ := Required(p.c); !relNear(got, p.want) {
				t.Errorf("%s: Required(%+v) = %g, want %g", p.name, p.c, got, p.want)
			}
		}
		// Additive: CAPEX-only plus OPEX-only cases give the whole.
		capexOnly, _ := Required(Costs{c.CapexEUR, 0, c.Years, c.HoursPerYear, c.Margin, c.FlexMW})
		opexOnly, _ := Required(Costs{0, c.OpexEURPerYear, c.Years, c.HoursPerYear, c.Margin, c.FlexMW})
		if !relNear(capexOnly+opexOnly, v) {
			t.Errorf("Required(%+v): CAPEX part %g + OPEX part %g, want %g", c, capexOnly, opexOnly, v)
		}
	}
}

func TestValidateReportsAll(t *testing.T) {
	err := Costs{CapexEUR: -1, OpexEURPerYear: math.NaN(), Years: 0, HoursPerYear: -5, Margin: -0.1, FlexMW: 0}.Validate()
	if err == nil {
		t.Fatal("Validate(bad costs) = nil, want errors")
	}
	for _, field := range []string{"capex_eur", "opex_eur_per_year", "years", "hours_per_year", "margin", "flex_mw"} {
		if !containsString(err.Error(), field) {
			t.Errorf("Validate(bad costs) = %q, want it to name %s", err, field)
		}
	}
}

func containsString(s, sub string) bool { return strings.Contains(s, sub) }

// TestResultsMove: every priced figure responds to the inputs it depends on.
func TestResultsMove(t *testing.T) {
	base := Evaluate(scenario.Default(), Structural)
	get := func(r Result, id string, b Bound) float64 {
		m, ok := r.Measure(id)
		if !ok {
			t.Fatalf("no measure %q", id)
		}
		return m.At(b).EURPerMWh
	}
	tests := []struct {
		name  string
		key   string
		v     float64
		id    string
		bound Bound
		up    bool // result rises when the parameter rises
	}{
		{"price raises office owner-user", keyPrice, 250, "offices.heating", Low, true},
		{"price raises office landlord", keyPrice, 250, "offices.cooling", High, true},
		{"price raises logistics", keyPrice, 250, "logistics.charging", Low, true},
		{"margin raises utilities", keyMargin, 0.3, "chemistry.utilities", Low, true},
		{"margin raises CHP", keyMargin, 0.3, "chemistry.chp", Low, true},
		{"more structural hours lower batch", keyHoursStructural, 2000, "chemistry.batch", High, false},
		{"more years lower batch CAPEX", keyYears, 10, "chemistry.batch", Low, false},
		{"staff rate raises utilities", keyStaffEURPerHour, 300, "chemistry.utilities", Low, true},
		{"lump sum raises utilities", keyLumpSum, 100000, "chemistry.utilities", Low, true},
		{"full-load hours lower heating €/MWh", keyHeatingFullLoadHours, 1570, "offices.heating", High, false},
		{"landlord share raises cooling", keyOfficeLandlordShare, 0.2, "offices.cooling", High, true},
		{"flex hours lower logistics", keyLogisticsFlexHours, 3, "logistics.charging", High, false},
		{"charging landlord input raises charging", keyChargingLandlordEURPerM2, 0.5, "offices.charging", High, true},
		{"reported curtailment is passed through", keyContinuous, 3000, "chemistry.continuous", Low, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := get(base, tc.id, tc.bound)
			after := get(Evaluate(scenario.Default().With(tc.key, tc.v), Structural), tc.id, tc.bound)
			if tc.up && !(after > before) || !tc.up && !(after < before) {
				t.Errorf("Evaluate(%s=%g).%s = %g, was %g; want it to move %s", tc.key, tc.v, tc.id, after, before,
					map[bool]string{true: "up", false: "down"}[tc.up])
			}
		})
	}
	t.Run("incidental hours raise computed chemistry", func(t *testing.T) {
		inc := Evaluate(scenario.Default(), Incidental)
		for _, id := range []string{"chemistry.batch", "chemistry.chp", "chemistry.utilities"} {
			if a, b := get(inc, id, Low), get(base, id, Low); !(a > b) {
				t.Errorf("Evaluate(incidental).%s = %g, want > structural %g", id, a, b)
			}
		}
	})
}

func TestEvaluateIDs(t *testing.T) {
	want := []string{"offices.heating", "offices.cooling", "offices.charging", "chemistry.batch", "chemistry.chp",
		"chemistry.utilities", "chemistry.continuous", "logistics.charging", "datacenters.cooling"}
	var got []string
	for _, m := range Evaluate(scenario.Default(), Structural).Measures {
		got = append(got, m.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Evaluate ids = %v, want %v", got, want)
	}
	if n := len(DatacenterOptions()); n != 6 {
		t.Errorf("DatacenterOptions() has %d options, want 6 (§4)", n)
	}
}

func TestOfficeScalesWithFloorArea(t *testing.T) {
	s := scenario.Default()
	a, b := Office(s, 10000, 185), Office(s, 25000, 185)
	for i := range a {
		if !relNear(b[i].KW, 2.5*a[i].KW) || !relNear(b[i].LandlordEURPerYear, 2.5*a[i].LandlordEURPerYear) {
			t.Errorf("Office(25000).%s kW %g €/yr %g, want 2.5 × (%g, %g)", a[i].ID, b[i].KW, b[i].LandlordEURPerYear, a[i].KW, a[i].LandlordEURPerYear)
		}
		if !relNear(b[i].LandlordEURPerMWh, a[i].LandlordEURPerMWh) {
			t.Errorf("Office(25000).%s = %g €/MWh, want the same as for 10,000 m² (%g)", a[i].ID, b[i].LandlordEURPerMWh, a[i].LandlordEURPerMWh)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	s := scenario.Default()
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(s, Structural)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "evaluations/s")
}

func BenchmarkRequired(b *testing.B) {
	cs := randomCosts(1024)
	var sink float64
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v, _ := Required(cs[i&1023])
		sink += v
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "formulas/s")
	_ = sink
}

func BenchmarkUnlock(b *testing.B) {
	ms := Evaluate(scenario.Default(), Structural).Measures
	pot := map[string]PotentialMW{
		"offices.heating": {26, 58}, "offices.cooling": {205, 256}, "offices.charging": {82, 132},
		"chemistry.batch": {5, 78}, "chemistry.chp": {153, 153}, "chemistry.utilities": {1.5, 87},
		"chemistry.continuous": {39, 71}, "logistics.charging": {154, 154}, "datacenters.cooling": {15, 23},
	}
	b.ReportAllocs()
	price := 0.0
	for b.Loop() {
		Unlock(ms, pot, price, High)
		price = math.Mod(price+37, 5000)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "prices/s")
}
