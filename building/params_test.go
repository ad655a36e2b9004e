package building

import (
	"strings"
	"testing"

	"gridflex/scenario"
)

// One source per number: no parameter of the site scans (sites.yaml) may
// hold a quantity another key already holds. Two keys with the same value
// and unit are a duplicate unless listed here as different quantities that
// happen to agree.
func TestSitesParamsOneSource(t *testing.T) {
	coincidences := map[[2]string]string{
		{"scan.offices.open_hour", "scan.charging.offices.flex.morning.from"}:               "the building opens vs. the cars' morning flex window starts (§1.2, §1.4)",
		{"scan.offices.close_hour", "scan.charging.offices.flex.evening.to"}:                "the building closes vs. the cars' evening flex window ends (§1.2, §1.4)",
		{"scan.offices.solar_gains_w_per_m2", "offices.compensation.heating.flex_w_per_m2"}: "solar heat gains vs. electric heat-pump power",
		{"scan.offices.cooling_high_c", "scan.offices.warm_day.max_c"}:                      "comfort bound vs. outdoor temperature of a design day",
		{"scan.datacenters.band_high_c", "scan.datacenters.setpoint_rule_c"}:                "ASHRAE's allowed inlet band vs. the set point the obligation requires (§4)",
		{"flexe.scan.max_eur", "flexe.feasibility.min_eur"}:                                 "two different caps of the scheme (§7 A, B)",
	}
	unit := func(u string) string {
		return strings.NewReplacer("²", "2", " ", "", `"`, "").Replace(u)
	}
	ps := scenario.Default().Params()
	for i, p := range ps {
		if p.Model != "sites" {
			continue
		}
		for j, q := range ps {
			if j == i || (q.Model == "sites" && j < i) || p.Value != q.Value || unit(p.Unit) != unit(q.Unit) {
				continue
			}
			if unit(p.Unit) == "share" && strings.HasPrefix(p.Key, "flexe.") {
				// The scheme's own shares (§7); a half is too common a
				// share for agreement to mean one quantity.
				continue
			}
			_, ok1 := coincidences[[2]string{p.Key, q.Key}]
			_, ok2 := coincidences[[2]string{q.Key, p.Key}]
			if !ok1 && !ok2 {
				t.Errorf("%s (%s, sites.yaml) = %s = %g %s: the same number twice; read %s instead, or list the pair as a coincidence with the reason",
					p.Key, p.Source, q.Key, p.Value, p.Unit, q.Key)
			}
		}
	}
}

// The default plant power is Table 4.4's W/m², read from the compensation
// model's keys: moving them moves the office (no second copy to forget).
func TestPlantPowerFromCompensationKeys(t *testing.T) {
	cases := []struct {
		name, key string
		value     float64
		heatKW    float64
		coolKW    float64
	}{
		{"defaults (§1.6 Table 4.4)", "offices.compensation.heating.flex_w_per_m2", 15, 150, 144},
		{"heating 20 W/m²", "offices.compensation.heating.flex_w_per_m2", 20, 200, 144},
		{"cooling 10 W/m²", "offices.compensation.cooling.flex_w_per_m2", 10, 150, 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := scenario.Default().With(tc.key, tc.value)
			o, err := Resolve(Input{FloorAreaM2: 10000}, s)
			if err != nil {
				t.Fatal(err)
			}
			if !near(o.HeatPumpKW, tc.heatKW, 1e-9) || !near(o.ChillerKW, tc.coolKW, 1e-9) {
				t.Errorf("Resolve(10,000 m², %s=%g) = %v kW heat pump, %v kW chiller, want %v, %v", tc.key, tc.value, o.HeatPumpKW, o.ChillerKW, tc.heatKW, tc.coolKW)
			}
		})
	}
}
