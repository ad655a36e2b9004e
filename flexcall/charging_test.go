package flexcall

import (
	"context"
	"math"
	"testing"

	"gridflex/schedule"
	"gridflex/series"
	"gridflex/uftp"
)

// TestRecharge: a depot whose two vans charge 16:00–22:00 gets an order of
// 300 kW less from 17:00 to 19:00; the new schedule keeps grid import under
// the limit in every ISP, still delivers both vans, and the OCPP export has
// one profile per charger plus the manifest and the grid limit.
func TestRecharge(t *testing.T) {
	order := testOrder() // −300 kW in ISPs 69–76 (17:00–19:00)
	n := uftp.ISPsIn(order.Period)
	base := make([]float64, n)
	for k := range base {
		base[k] = 100
	}
	baseline := series.New(uftp.DayStart(order.Period), n)
	for k := range baseline.KW {
		baseline.KW[k] = 400
	}
	limit, err := Limit(order, baseline, 400)
	if err != nil {
		t.Fatal(err)
	}
	day := ChargingDay{
		Problem: schedule.Problem{Slots: n, BaseKW: base, Vehicles: []schedule.Vehicle{
			{From: 64, To: 88, MaxKW: 150, NeedKWh: 300},
			{From: 64, To: 88, MaxKW: 150, NeedKWh: 200},
		}},
		ChargerIDs: []string{"CP-1", "CP-2"},
	}
	s, files, err := Recharge(context.Background(), day, limit)
	if err != nil {
		t.Fatal(err)
	}
	for k := range n {
		if grid := base[k] + s.ChargeKW[k]; grid > float64(limit.KW[k])+1e-6 {
			t.Fatalf("ISP %d: grid %.1f kW above the limit %.1f kW", k+1, grid, limit.KW[k])
		}
	}
	if s.ChargeKW[70] != 0 { // 17:30: limit 100 kW = the other load
		t.Errorf("charging %.1f kW at 17:30, want 0 under the order", s.ChargeKW[70])
	}
	if len(s.Short) != 0 || math.Abs(s.DeliveredKWh[0]-300) > 1e-6 || math.Abs(s.DeliveredKWh[1]-200) > 1e-6 {
		t.Errorf("delivered %v, short %v; want 300 and 200 kWh", s.DeliveredKWh, s.Short)
	}
	if len(files) != 4 {
		t.Errorf("%d files, want 2 profiles, chargers.csv and grid_limit.csv", len(files))
	}
	day.ChargerIDs = day.ChargerIDs[:1]
	if _, _, err := Recharge(context.Background(), day, limit); err == nil {
		t.Errorf("one charger id for two vehicles was accepted")
	}
}
