package potential_test

import (
	"fmt"

	"gridflex/potential"
	"gridflex/scenario"
)

// Table 0.1 of the study from the built-in scenario.
func ExampleEvaluate() {
	r := potential.Evaluate(scenario.Default())
	for _, s := range r.Sectors {
		fmt.Printf("%-11s %5.1f–%5.1f MW\n", s.ID, s.MinMW, s.MaxMW)
	}
	fmt.Printf("total       %5.1f–%5.1f MW\n", r.Total.MinMW, r.Total.MaxMW)
	// Output:
	// offices     286.9–388.9 MW
	// chemistry   198.7–389.0 MW
	// logistics   154.0–154.0 MW
	// datacenters  15.0– 22.5 MW
	// total       639.6–931.9 MW
}

// Changing an assumption: a 2030 depot charging demand (§3).
func ExampleEvaluate_override() {
	s, err := scenario.Load(scenario.Options{Sets: []string{"logistics.depot_demand_mw=1470"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := potential.Evaluate(s)
	fmt.Printf("logistics %.0f MW, total %.0f–%.0f MW\n", r.Sectors[2].MaxMW, r.Total.MinMW, r.Total.MaxMW)
	// Output:
	// logistics 1029 MW, total 1515–1807 MW
}

// The derivation of office heating (§1.2).
func ExampleExplain() {
	e, err := potential.Explain(scenario.Default(), "offices.heating", potential.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, st := range e.Steps[5:9] {
		fmt.Printf("%-22s %6.1f … %6.1f %s\n", st.Name, st.MinCase, st.MaxCase, st.Unit)
	}
	// Output:
	// est. 1 peak heat         86.0 …  109.1 MW
	// est. 2 peak heat        117.9 …  149.7 MW
	// est. 1 electric peak     33.1 …   42.0 MW
	// est. 2 electric peak     45.4 …   57.6 MW
}
