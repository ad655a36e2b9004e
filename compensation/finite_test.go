package compensation

import (
	"math"
	"slices"
	"testing"

	"gridflex/scenario"
)

// domainExtremes are the smallest allowed and a large value of a
// parameter's domain: 0 for ≥ 0 and shares, a tiny number for > 0 (the
// domain excludes 0 because the model divides by it).
func domainExtremes(d scenario.Domain) []float64 {
	switch d {
	case scenario.Positive:
		return []float64{1e-9, 1e9}
	case scenario.Fraction:
		return []float64{0, 1}
	case scenario.HourOfDay:
		return []float64{0, 24}
	default:
		return []float64{0, 1e9}
	}
}

// TestDivisorsArePositive: every compensation parameter the model divides
// by has domain positive, so --set cannot make it 0.
func TestDivisorsArePositive(t *testing.T) {
	s := scenario.Default()
	for _, k := range []string{
		keyYears, keyHoursStructural, keyHoursIncidental,
		keyLogisticsFlexHours, keyLogisticsChargingHours,
		keyOfficeRefArea, keyOfficeOperatingHours,
		keyOfficeHeatingWPerM2, keyOfficeHeatingFlexHours,
		keyOfficeCoolingWPerM2, keyOfficeCoolingFlexHours,
		keyChargingWeeks, keyChargingDaysPerWeek, keyChargingFlexHours,
		keyHeatingFullLoadHours, keyCoolingFullLoadHours,
		keyUtilitiesMW, keyBatteryMW,
	} {
		if d := s.Param(k).Domain; d != scenario.Positive {
			t.Errorf("%s: domain %s, want positive (the model divides by it)", k, d)
		}
	}
}

// TestOutputsFiniteAtDomainExtremes is a property over every parameter the
// package reads (its own and the potential model's): set alone to either end
// of its domain, every €/MWh, hour and breakdown stays finite, and a
// measure that delivers no flex is marked NoFlex instead of priced at x/0.
func TestOutputsFiniteAtDomainExtremes(t *testing.T) {
	base := scenario.Default()
	for _, k := range Keys() {
		p := base.Param(k)
		for _, v := range domainExtremes(p.Domain) {
			s := base.With(k, v)
			for _, h := range []Hours{Structural, Incidental} {
				r := Evaluate(s, h)
				check := func(what string, x float64) {
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Errorf("%s=%g (domain %s), %s hours: %s = %v, want finite", k, v, p.Domain, h, what, x)
					}
				}
				for _, m := range r.Measures {
					check(m.ID+" hours", m.HoursPerYear)
					for _, b := range []Bound{Low, High} {
						e := m.At(b)
						check(m.ID+" "+string(b), e.EURPerMWh)
						check(m.ID+" "+string(b)+" hours", e.HoursPerYear)
						check(m.ID+" "+string(b)+" capex", e.Breakdown.CapexEURPerMWh)
						check(m.ID+" "+string(b)+" opex", e.Breakdown.OpexEURPerMWh)
						check(m.ID+" "+string(b)+" margin", e.Breakdown.MarginEURPerMWh)
					}
					if !m.Priced && m.Incentive == "" && m.NoFlex == "" {
						t.Errorf("%s=%g: %s unpriced without incentive or no-flex reason", k, v, m.ID)
					}
				}
				for _, ref := range r.References {
					check(ref.ID, ref.EURPerMWh)
					check(ref.ID+" capex", ref.Breakdown.CapexEURPerMWh)
					check(ref.ID+" opex", ref.Breakdown.OpexEURPerMWh)
					check(ref.ID+" margin", ref.Breakdown.MarginEURPerMWh)
				}
				pot := map[string]PotentialMW{}
				for _, m := range r.Measures {
					pot[m.ID] = PotentialMW{MinMW: 1, MaxMW: 2}
				}
				for _, st := range BuildCurve(r.Measures, pot, High, Max, nil).Steps {
					check("curve step "+st.ID, st.EURPerMWh)
				}
			}
			for _, row := range Office(s, s.Value(keyOfficeRefArea), s.Value(keyPrice)) {
				for _, x := range []float64{row.KW, row.FlexHoursPerYear, row.MWhPerYear, row.AnnualEnergyCostEUR,
					row.OwnerUserEURPerYear, row.OwnerUserEURPerMWh, row.LandlordEURPerYear, row.LandlordEURPerMWh} {
					if math.IsNaN(x) || math.IsInf(x, 0) {
						t.Errorf("%s=%g: Office row %s has %v, want finite", k, v, row.ID, x)
					}
				}
				if (row.MWhPerYear > 0) == (row.NoFlex != "") {
					t.Errorf("%s=%g: Office row %s: %v MWh/yr with no_flex %q", k, v, row.ID, row.MWhPerYear, row.NoFlex)
				}
			}
		}
	}
}

// TestNoFlexMeasure: with no steerable chargers (§1.4 potential inputs at
// 0) office charging delivers no flex: it gets no €/MWh, says why, unlocks
// nothing and stays off the supply curve.
func TestNoFlexMeasure(t *testing.T) {
	for _, tc := range []struct{ key string }{
		{keyChargers}, {keyChargingFlexibleShare}, {keyKWPerCharger}, {keySimultaneity},
	} {
		t.Run(tc.key, func(t *testing.T) {
			r := Evaluate(scenario.Default().With(tc.key, 0), Structural)
			m, ok := r.Measure("offices.charging")
			if !ok {
				t.Fatal("no offices.charging measure")
			}
			if m.Priced || m.NoFlex == "" {
				t.Errorf("offices.charging with %s=0: Priced=%v NoFlex=%q, want unpriced with a reason", tc.key, m.Priced, m.NoFlex)
			}
			pot := map[string]PotentialMW{"offices.charging": {MinMW: 0, MaxMW: 0}}
			u := Unlock(r.Measures, pot, 1e6, High)
			for _, um := range u.Measures {
				if um.ID == "offices.charging" && (um.Unlocked || um.NoFlex == "") {
					t.Errorf("Unlock: offices.charging unlocked=%v no_flex=%q, want not unlocked with reason", um.Unlocked, um.NoFlex)
				}
			}
			c := BuildCurve(r.Measures, pot, High, Max, nil)
			if !slices.Contains(c.Unpriced, "offices.charging") {
				t.Errorf("BuildCurve: Unpriced = %v, want offices.charging", c.Unpriced)
			}
		})
	}
}
