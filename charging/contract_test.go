package charging

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"gridflex/contract"
	"gridflex/scenario"
	"gridflex/series"
)

func recommended(t *testing.T, r Result) *contract.Contract {
	t.Helper()
	y, err := ContractYAML(r, "", "2026-01-01")
	if err != nil {
		t.Fatalf("ContractYAML: %v", err)
	}
	c, err := contract.Parse("recommended.yaml", y, nil)
	if err != nil {
		t.Fatalf("ContractYAML does not parse: %v\n%s", err, y)
	}
	return c
}

// The recommended contract is a valid contract file (contract/FORMAT.md).
func TestContractYAMLParses(t *testing.T) {
	for _, tc := range []struct{ name, site string }{
		{"study block power", "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:" + trucks},
		{"time block only", "sector: logistics\nname: d\ncapacity_kw: 120\nvehicles:" + trucks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			c := recommended(t, r)
			if len(c.Clauses) == 0 || c.Clauses[0].Form != contract.TimeBlock {
				t.Errorf("clauses %+v, want a time-block clause first", c.Clauses)
			}
		})
	}
}

// yearOf replays a 96-slot day profile over every local day of 2026 by
// wall-clock time (the 100-ISP day repeats 02:xx, the 92-ISP day skips it).
func yearOf(day func(slot int) float64) series.Series {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam)
	end := time.Date(2027, 1, 1, 0, 0, 0, 0, series.Amsterdam)
	s := series.New(start, int(end.Sub(start)/series.ISP))
	for i := range s.KW {
		l := start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam)
		s.KW[i] = float32(math.Max(0, day((l.Hour()*60+l.Minute())/15)))
	}
	return s
}

// chargingSites are a depot and an office plaza of every kind the scan
// treats differently: block power, time block only, held block power,
// PV with a battery, the depot (40 kW other load, 100 kWp PV).
var chargingSites = []struct{ name, site string }{
	{"study §3 block power", "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:" + trucks},
	{"time block only", "sector: logistics\nname: d\ncapacity_kw: 120\nvehicles:" + trucks},
	{"held block power overlaps the proposal", "sector: logistics\nname: d\ncapacity_kw: 70\nblock_power: [{from: \"22:00\", to: \"02:00\", extra_kw: 5}]\nvehicles:" + trucks},
	{"pv and battery", "sector: logistics\nname: d\ncapacity_kw: 80\npv: {peak_kw: 60}\nbattery: {kwh: 100, kw: 30, efficiency: 0.9}\nvehicles:" + trucks},
	{"issue 9: 40 kW other load, 100 kWp PV", "sector: logistics\nname: d\ncapacity_kw: 200\nother_load_kw: 40\npv: {peak_kw: 100}\nvehicles:" + trucks},
	{"office plaza", "sector: offices\nname: o\ncapacity_kw: 150\nother_load_kw: 30\npv: {peak_kw: 40}\nvehicles:\n  - {name: car, count: 12, energy_kwh_per_day: 20, arrival: \"08:00\", departure: \"17:30\", charger_kw: 11}\n"},
}

// Issue 9 item 1: a meter that follows the scan's own plan complies with
// the contract the same scan recommends — as planned, with a real day's
// noise (±5 kW or ±2 %, whichever is larger), and on cloudy days (no PV
// all year). Before, the limit was the plan's load with typical PV and no
// headroom: the depot had 1,706 violations a year with ±5 kW noise.
func TestRecommendedContractHoldsForPlan(t *testing.T) {
	bareViolations := 0
	defer func() {
		if !t.Failed() && bareViolations == 0 {
			t.Error("without headroom every noisy plan complies: the test does not measure the headroom")
		}
	}()
	for _, tc := range chargingSites {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			c := recommended(t, r)
			pv := func(slot int) float64 {
				if r.pvKW == nil {
					return 0
				}
				return r.pvKW[slot]
			}
			rng := rand.New(rand.NewPCG(9, 1))
			cases := map[string]func(int) float64{
				"plan": func(slot int) float64 { return r.AfterKW[slot] },
				"plan with noise": func(slot int) float64 {
					kw := r.AfterKW[slot]
					a := math.Max(5, 0.02*math.Abs(kw))
					return kw + (2*rng.Float64()-1)*a
				},
				"cloudy": func(slot int) float64 { return r.AfterKW[slot] + pv(slot) },
			}
			for name, day := range cases {
				res, err := contract.Evaluate(c, contract.Input{Offtake: yearOf(day)})
				if err != nil {
					t.Fatal(err)
				}
				var sanctioned int
				for _, v := range res.Violations {
					if v.Sanction != "none" {
						sanctioned++
					}
				}
				if sanctioned != 0 {
					t.Errorf("%s: %d violations of the contract, want 0; first %+v", name, sanctioned, res.Violations[0])
				}
			}
			// With no headroom, the noise alone breaks a limit set at the
			// plan's load; a site whose limits sit above its plan (nothing
			// given up, or the evening capped at 75 %, §3) cannot show it,
			// so the check is over all sites together.
			s := scenario.Default().With("contract.headroom_share", 0).With("contract.headroom_min_kw", 0)
			bare := recommended(t, scanYAML(t, s, tc.site, Options{}))
			res, _ := contract.Evaluate(bare, contract.Input{Offtake: yearOf(cases["plan with noise"])})
			t.Logf("without headroom: %d violations a year with noise; with it: 0", len(res.Violations))
			bareViolations += len(res.Violations)
		})
	}
}

// Issue 9 item 2: a contract year that follows the plan pays the scan's €
// per year (before, a depot's scan said €17,116 and its contract paid
// €43,689.65 as a variable fee on the freed time-block energy).
func TestRecommendedContractPaysScanEUR(t *testing.T) {
	for _, tc := range chargingSites {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			c := recommended(t, r)
			res, err := contract.Evaluate(c, contract.Input{Offtake: yearOf(func(slot int) float64 { return r.AfterKW[slot] })})
			if err != nil {
				t.Fatal(err)
			}
			if r.EURPerYear <= 0 {
				t.Fatalf("scan € per year = %g, want a priced site", r.EURPerYear)
			}
			if math.Abs(res.CompensationEUR-r.EURPerYear) > 0.01 {
				t.Errorf("contract pays €%.2f a year, scan says €%.2f", res.CompensationEUR, r.EURPerYear)
			}
			t.Logf("scan €%.2f/yr, contract €%.2f/yr", r.EURPerYear, res.CompensationEUR)
		})
	}
}

// Issue 9 item 3: the export has a fixed term of cost.years years (§6).
func TestRecommendedContractTerm(t *testing.T) {
	r := scanYAML(t, scenario.Default(), chargingSites[0].site, Options{})
	c := recommended(t, r)
	if c.Term.Indefinite() || c.Term.End != (contract.Date{Year: 2030, Month: 12, Day: 31}) {
		t.Errorf("term %+v, want 2026-01-01 – 2030-12-31 (cost.years = 5)", c.Term)
	}
	if w := c.TermWarnings(); len(w) > 0 {
		t.Errorf("term warnings %v", w)
	}
}

// Issue 9 item 8: a site name cannot add keys to the exported contract.
func TestContractYAMLNameInjection(t *testing.T) {
	r := scanYAML(t, scenario.Default(), chargingSites[0].site, Options{})
	fee := recommended(t, r).Compensation
	r.Site = "depot\ncompensation: {fixed_eur_per_kw_year: 100000}\n#"
	c := recommended(t, r)
	if c.Name != r.Site || c.Compensation != fee {
		t.Errorf("name %q, compensation %+v; want the name kept whole and the fee %+v", c.Name, c.Compensation, fee)
	}
}

// Issue 9 item 16: a peak in which nothing moves gives up 0 kW, not the
// solver's float noise (the 40 kW + 100 kWp depot reported
// morning_reduction_kw 9.17e-05, a phantom 0 MW row).
func TestNoRoundingNoiseInGiveUp(t *testing.T) {
	for _, tc := range chargingSites {
		r := scanYAML(t, scenario.Default(), tc.site, Options{})
		for _, g := range r.GiveUp {
			if g.KW != 0 && g.KW < minGiveUpKW {
				t.Errorf("%s: %s gives up %g kW: float noise, want 0", tc.name, g.Window, g.KW)
			}
		}
		for name, v := range map[string]float64{"evening": r.EveningReductionKW, "morning": r.MorningReductionKW} {
			if v != 0 && v < minGiveUpKW {
				t.Errorf("%s: %s reduction %g kW: float noise, want 0", tc.name, name, v)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if m := regexp.MustCompile(`"[a-z_]*reduction_kw":[0-9.]+e-`).Find(b); m != nil {
			t.Errorf("%s: JSON holds %s", tc.name, m)
		}
	}
}
