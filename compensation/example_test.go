package compensation_test

import (
	"fmt"

	"gridflex/compensation"
	"gridflex/scenario"
)

// The battery of §2.3: €640,000 for 4 MW / 4 h, recovered over 5 years of
// 1,040 flex hours with a 15 % margin.
func ExampleRequired() {
	v, b := compensation.Required(compensation.Costs{
		CapexEUR: 640000, Years: 5, HoursPerYear: 1040, Margin: 0.15, FlexMW: 4,
	})
	fmt.Printf("%.1f €/MWh (CAPEX %.1f + margin %.1f)\n", v, b.CapexEURPerMWh, b.MarginEURPerMWh)
	// Output: 35.4 €/MWh (CAPEX 30.8 + margin 4.6)
}

// Logistics (§3): 10 % of the charging cost at €185/MWh, 2 of 12 charging
// hours moved.
func ExampleLogisticsEURPerMWh() {
	fmt.Printf("%.0f €/MWh\n", compensation.LogisticsEURPerMWh(185, 0.10, 2, 12))
	// Output: 111 €/MWh
}

// Table 4.4 (§1.6) for the reference office.
func ExampleOffice() {
	for _, r := range compensation.Office(scenario.Default(), 10000, 185) {
		fmt.Printf("%-16s %5.1f kW %4.0f h  owner-user €%3.0f  landlord €%3.0f per MWh\n",
			r.ID, r.KW, r.FlexHoursPerYear, r.OwnerUserEURPerMWh, r.LandlordEURPerMWh)
	}
	// Output:
	// offices.heating  150.0 kW  585 h  owner-user € 17  landlord €116 per MWh
	// offices.cooling  144.0 kW  182 h  owner-user € 36  landlord €240 per MWh
	// offices.charging  54.8 kW  750 h  owner-user €  0  landlord € 71 per MWh
}

// What €500/MWh unlocks of the study's chemistry potential (§2.3).
func ExampleUnlock() {
	r := compensation.Evaluate(scenario.Default(), compensation.Structural)
	pot := map[string]compensation.PotentialMW{
		"chemistry.batch": {MinMW: 5, MaxMW: 78}, "chemistry.chp": {MinMW: 153, MaxMW: 153},
		"chemistry.utilities": {MinMW: 1.5, MaxMW: 87}, "chemistry.continuous": {MinMW: 39, MaxMW: 71},
	}
	u := compensation.Unlock(r.Measures, pot, 500, compensation.High)
	fmt.Printf("%.1f–%.0f of %.1f–%.0f MW\n", u.MinMW, u.MaxMW, u.PotentialMinMW, u.PotentialMaxMW)
	// Output: 159.5–318 of 198.5–389 MW
}
