package charging

import (
	"math"
	"strings"
	"testing"

	"gridflex/scenario"
)

const plaza = `sector: offices
name: plaza
capacity_kw: 300
vehicles:
  - {name: commuter, count: 40, energy_kwh_per_day: 10, arrival: "08:00", departure: "17:30", charger_kw: 3.7}
`

// TestOfficePlazaPricedByTable44: an office charging plaza is priced by
// the office rule (§1.6, Table 4.4: €0 owner-user, €70.5 ≈ €71 landlord),
// not the depot rule (it showed €83); the rate moves with the landlord's
// yearly amount.
func TestOfficePlazaPricedByTable44(t *testing.T) {
	for _, tc := range []struct {
		name, owner string
		set         float64 // landlord €/m²·yr, 0: default
		want        float64
	}{
		{"landlord (default)", "", 0, 2897.0 / 41.1},
		{"owner-user", "owner: owner-user\n", 0, 0},
		{"landlord, doubled amount", "owner: landlord\n", 2 * 0.2897, 2 * 2897.0 / 41.1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := scenario.Default()
			if tc.set > 0 {
				s = s.With("offices.compensation.charging.landlord_eur_per_m2_year", tc.set)
			}
			r := scanYAML(t, s, plaza+tc.owner, Options{})
			if math.Abs(r.CompensationEURPerMWh-tc.want) > 0.005*tc.want+1e-9 || r.CompensationRuleEURPerMWh != r.CompensationEURPerMWh {
				t.Errorf("compensation = %v / %v €/MWh, want %.1f (Table 4.4)", r.CompensationEURPerMWh, r.CompensationRuleEURPerMWh, tc.want)
			}
			if !strings.Contains(r.CompensationRule, "Table 4.4") {
				t.Errorf("CompensationRule = %q, want Table 4.4", r.CompensationRule)
			}
			if why := strings.Join(r.Contract.Reasoning, "; "); strings.Contains(why, "§3)") || (r.CompensationEURPerMWh > 0 && !strings.Contains(why, "Table 4.4")) {
				t.Errorf("contract reasoning %q: want the office rule (Table 4.4), not §3", why)
			}
		})
	}
	if _, err := ParseSite("d.yaml", []byte("sector: logistics\nname: d\ncapacity_kw: 80\nowner: landlord\nvehicles:\n  - {name: v, energy_kwh_per_day: 6, arrival: \"19:00\", departure: \"07:00\", charger_kw: 11}\n")); err == nil || !strings.Contains(err.Error(), "owner") {
		t.Errorf("ParseSite(depot with owner:) = %v, want an error naming owner", err)
	}
}

// TestStudyTodayFlat: with today: flat the study's depot charges 3 × 290
// kWh evenly over 12 h today, 72.5 kW (§3), instead of 80 kW on arrival.
func TestStudyTodayFlat(t *testing.T) {
	const depot = "sector: logistics\nname: depot\ncapacity_kw: 80\nvehicles:\n  - {name: truck, count: 3, energy_kwh_per_day: 290, arrival: \"19:00\", departure: \"07:00\", charger_kw: 50}\n"
	for _, tc := range []struct {
		today string
		want  float64
	}{{"", 80}, {"today: on_arrival\n", 80}, {"today: flat\n", 72.5}} {
		r := scanYAML(t, scenario.Default(), depot+tc.today, Options{})
		if math.Abs(r.TodayPeakKW-tc.want) > 1e-6 {
			t.Errorf("%q: TodayPeakKW = %v, want %v", tc.today, r.TodayPeakKW, tc.want)
		}
		if math.Abs(r.MinNightCapacityKW-87) > 1e-6 {
			t.Errorf("%q: night capacity = %v, want 87 (§3)", tc.today, r.MinNightCapacityKW)
		}
	}
	if _, err := ParseSite("d.yaml", []byte(depot+"today: evenly\n")); err == nil || !strings.Contains(err.Error(), "today: want on_arrival or flat") {
		t.Errorf("ParseSite(today: evenly) = %v, want an error", err)
	}
}

// TestEveningGiveUpShare: a depot gives up at most
// scan.charging.logistics.evening_give_up_share (75 %, §3) of today's
// evening load in its contract, whatever the schedule frees; the contract's
// time block and the evening reduction follow the parameter, while the
// operational grid limit keeps the schedule's 0 kW.
func TestEveningGiveUpShare(t *testing.T) {
	const depot = "sector: logistics\nname: depot\ncapacity_kw: 80\nvehicles:\n  - {name: truck, count: 3, energy_kwh_per_day: 290, arrival: \"19:00\", departure: \"07:00\", charger_kw: 50}\n"
	for _, share := range []float64{0.75, 0.5, 1} {
		s := scenario.Default().With(keyEveningGiveUp, share)
		r := scanYAML(t, s, depot, Options{})
		if want := share * 80; math.Abs(r.EveningReductionKW-want) > 1e-6 {
			t.Errorf("share %v: EveningReductionKW = %v, want %v", share, r.EveningReductionKW, want)
		}
		// The limit is what the site keeps plus the contract's headroom.
		want, _ := r.headroom.LimitKW(80-share*80, 80)
		if got, _ := timeBlockKW(r, r.PeakWindows[1]); got != want {
			t.Errorf("share %v: time block in %s = %v kW, want %v", share, r.PeakWindows[1].Name, got, want)
		}
		if r.LimitKW[19*4] != 0 {
			t.Errorf("share %v: operational limit at 19:00 = %v kW, want 0 (the schedule charges nothing in the peak)", share, r.LimitKW[19*4])
		}
	}
}
