package contract_test

import (
	"fmt"

	"gridflex/contract"
	"gridflex/series/seriestest"
)

func ExampleEvaluate() {
	c, err := contract.Parse("depot.yaml", []byte(`
connection: "871687120000000001"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: time-block, days: working, from: "16:00", to: "21:00", max_kw: 300}
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`), nil)
	if err != nil {
		panic(err)
	}
	// Monday 2 March 2026: 400 kW, but 350 kW from 16:00 to 17:00.
	load := seriestest.MustParse(seriestest.LocalMidnight(2026, 3, 2), "400x64 350x4 250x16 400x12")
	r, err := contract.Evaluate(c, contract.Input{Offtake: load})
	if err != nil {
		panic(err)
	}
	for _, v := range r.Violations {
		fmt.Printf("%s–%s: %g kW over, %g kWh, %s\n", v.Start.Format("15:04Z"), v.End.Format("15:04Z"), v.MaxExcessKW, v.ExcessKWh, v.Sanction)
	}
	fmt.Printf("compensation €%.2f, freed %g kWh\n", r.CompensationEUR, r.FreedKWh)
	// Output:
	// 15:00Z–16:00Z: 50 kW over, 50 kWh, yellow card
	// compensation €10.96, freed 1000 kWh
}
