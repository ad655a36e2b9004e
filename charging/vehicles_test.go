package charging

import (
	"context"
	"math"
	"testing"

	"gridflex/scenario"
)

// TestMovedPerVehicleSkipsPriority: a group whose first vehicle sits on a
// priority charger still reports what its other vehicles move out of the
// peaks, and the group's moved energy adds up to the site's.
func TestMovedPerVehicleSkipsPriority(t *testing.T) {
	site, err := ParseSite("plaza.yaml", []byte(`sector: offices
name: plaza
capacity_kw: 300
vehicles:
  - name: commuter
    count: 40
    energy_kwh_per_day: 10
    arrival: "08:00"
    departure: "17:30"
    charger_kw: 3.7
`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Scan(context.Background(), site, scenario.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Vehicles) != 1 {
		t.Fatalf("Scan(plaza).Vehicles = %d groups, want 1", len(r.Vehicles))
	}
	got := r.Vehicles[0].MovedKWhPerDay
	// 36 of 40 vehicles are off the 4 priority chargers; each charges
	// 08:00–10:00 at 3.7 kW today, 7.4 kWh inside the morning peak.
	if want := 3.7 * 2; math.Abs(got-want) > 1e-9 {
		t.Errorf("Scan(plaza).Vehicles[0].MovedKWhPerDay = %v, want %v", got, want)
	}
}
