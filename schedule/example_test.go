package schedule_test

import (
	"context"
	"fmt"

	"gridflex/schedule"
)

// The study's depot (§3): three trucks, 290 kWh each, plugged in 19:00–07:00
// on 50 kW chargers, no charging in the peaks 07–10 and 16–21.
func ExampleSolve() {
	p := schedule.Problem{Slots: 96, Cyclic: true, Free: make([]bool, 96), MaxChargeKW: make([]float64, 96)}
	for t := range 96 {
		h := t / 4
		p.Free[t] = !(h >= 7 && h < 10 || h >= 16 && h < 21)
		if p.Free[t] {
			p.MaxChargeKW[t] = 1e9
		}
	}
	truck := schedule.Vehicle{From: 19 * 4, To: 31 * 4, MaxKW: 50, NeedKWh: 290}
	p.Vehicles = []schedule.Vehicle{truck, truck, truck}
	sc, err := schedule.Solve(context.Background(), p)
	if err != nil {
		panic(err)
	}
	fmt.Printf("peak %d/%d W, proven by a cut: %.0f kW\n", sc.PeakW, sc.PeakDen, sc.LowerBoundKW)
	fmt.Printf("truck 1 at 22:00: %.0f kW\n", sc.KW[0][22*4])
	// Output:
	// peak 87000/1 W, proven by a cut: 87 kW
	// truck 1 at 22:00: 29 kW
}
