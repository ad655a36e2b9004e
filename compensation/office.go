package compensation

import (
	"fmt"

	"gridflex/scenario"
)

// The office rule (study-model.md §1.6, Table 4.4) is not a CAPEX/OPEX
// case: pre-heating and pre-cooling need no investment in a building with a
// building-management system, so the study prices them by what the owner
// loses. An owner-user is paid the extra consumption caused by shifting
// (1.5 % of the measure's annual energy cost, after a Spectral study); a
// landlord, who does not pay the tenant's bill, asks 10 % of it as an
// incentive. The annual energy cost is the *thermal* demand times the
// electricity price, as the study computes it (it does not divide by the
// SPF); the shares are parameters, so a user who prefers electric demand can
// scale them.

// OfficeShares are the parts of the annual energy cost paid as
// compensation (§1.6): owner-user 0.015, landlord 0.10.
type OfficeShares struct {
	OwnerUser float64 // share of annual energy cost
	Landlord  float64 // share of annual energy cost
}

// ThermalMeasure is heating or cooling in the reference office (§1.6).
type ThermalMeasure struct {
	FlexWPerM2           float64 // electric flex power per m² floor, W/m² (heating 15, cooling 14.4)
	FullLoadHours        float64 // full-load hours of the system, h/yr (heating 1,404, cooling 546)
	OperatingHoursPerDay float64 // hours per day the system runs, h/day (12)
	FlexHoursPerDay      float64 // flex hours per day, h/day (heating 5, cooling 4)
	ThermalKWhPerM2      float64 // annual thermal demand, kWh/m²·yr (heating 55, cooling 34)
}

// ChargingMeasure is EV charging in the reference office (§1.4, §1.6).
type ChargingMeasure struct {
	ChargersPerM2   float64 // chargers per m² of office floor (35,000 ÷ 19,530,303 m²)
	FlexibleShare   float64 // share of chargers that may be steered (0.9)
	KWPerCharger    float64 // charging power per charger, kW (mean of 3.7 and 6.0)
	Simultaneity    float64 // share of chargers charging at once (0.7)
	WeeksPerYear    float64 // weeks with office days (50)
	DaysPerWeek     float64 // office days per week (5)
	FlexHoursPerDay float64 // flex hours per office day (3)
	// The study prints only the landlord's yearly compensation for the
	// reference office (€2,897 for 10,000 m²), not the charging cost behind
	// it, so the yearly amounts are inputs scaled by floor area; they do not
	// move with the electricity price.
	OwnerUserEURPerM2Year float64 // €/m²·yr (0: owner-users need nothing)
	LandlordEURPerM2Year  float64 // €/m²·yr (2,897 ÷ 10,000)
}

// OfficeRow is one line of Table 4.4 for a given floor area.
type OfficeRow struct {
	ID                  string  `json:"id"`                     // measure id of the potential model (offices.heating, …)
	KW                  float64 `json:"kw"`                     // flexible electric power, kW
	FlexHoursPerYear    float64 `json:"flex_hours_per_year"`    // full-load flex hours, h/yr
	MWhPerYear          float64 `json:"mwh_per_year"`           // flex energy, MWh/yr
	AnnualEnergyCostEUR float64 `json:"annual_energy_cost_eur"` // thermal demand × area × price, €/yr (0 for charging)
	OwnerUserEURPerYear float64 `json:"owner_user_eur_per_year"`
	OwnerUserEURPerMWh  float64 `json:"owner_user_eur_per_mwh"`
	LandlordEURPerYear  float64 `json:"landlord_eur_per_year"`
	LandlordEURPerMWh   float64 `json:"landlord_eur_per_mwh"`
	// NoFlex says why the measure delivers no flex MWh (no steerable
	// chargers, say); its €/MWh are then undefined and left 0, and outputs
	// show them as null rather than dividing by zero.
	NoFlex string `json:"no_flex,omitempty"`
}

// perMWh divides the yearly compensations by the flex MWh, or marks r as
// delivering no flex: the ratio has no meaning then, and +Inf or NaN would
// break JSON and every comparison with a price.
func (r *OfficeRow) perMWh(reason string) {
	if !(r.MWhPerYear > 0) {
		r.NoFlex = reason
		r.OwnerUserEURPerMWh, r.LandlordEURPerMWh = 0, 0
		return
	}
	r.OwnerUserEURPerMWh = r.OwnerUserEURPerYear / r.MWhPerYear
	r.LandlordEURPerMWh = r.LandlordEURPerYear / r.MWhPerYear
}

// OfficeThermal applies the office rule to heating or cooling for a floor
// area (m², > 0) at an electricity price (€/MWh).
func OfficeThermal(id string, floorAreaM2, priceEURPerMWh float64, m ThermalMeasure, sh OfficeShares) OfficeRow {
	r := OfficeRow{ID: id}
	r.KW = m.FlexWPerM2 * floorAreaM2 / 1e3
	r.FlexHoursPerYear = m.FullLoadHours / m.OperatingHoursPerDay * m.FlexHoursPerDay
	r.MWhPerYear = r.KW * r.FlexHoursPerYear / 1e3
	r.AnnualEnergyCostEUR = m.ThermalKWhPerM2 * floorAreaM2 / 1e3 * priceEURPerMWh
	r.OwnerUserEURPerYear = sh.OwnerUser * r.AnnualEnergyCostEUR
	r.LandlordEURPerYear = sh.Landlord * r.AnnualEnergyCostEUR
	r.perMWh(fmt.Sprintf("no flex: %g kW × %g flex h/yr = 0 MWh/yr", r.KW, r.FlexHoursPerYear))
	return r
}

// OfficeCharging applies the office rule to EV charging for a floor area
// (m², > 0).
func OfficeCharging(id string, floorAreaM2 float64, m ChargingMeasure) OfficeRow {
	r := OfficeRow{ID: id}
	chargers := m.ChargersPerM2 * floorAreaM2 * m.FlexibleShare
	r.KW = chargers * m.KWPerCharger * m.Simultaneity
	r.FlexHoursPerYear = m.WeeksPerYear * m.DaysPerWeek * m.FlexHoursPerDay
	r.MWhPerYear = r.KW * r.FlexHoursPerYear / 1e3
	r.OwnerUserEURPerYear = m.OwnerUserEURPerM2Year * floorAreaM2
	r.LandlordEURPerYear = m.LandlordEURPerM2Year * floorAreaM2
	r.perMWh(fmt.Sprintf("no flex: %.4g steerable chargers × %.4g kW × simultaneity %.4g = 0 kW over %.4g flex h/yr",
		chargers, m.KWPerCharger, m.Simultaneity, r.FlexHoursPerYear))
	return r
}

// LogisticsEURPerMWh is the compensation per MWh of flex for depot charging
// when block power is not available (study-model.md §3): a share of the
// charging cost per MWh charged, divided by the share of charging hours that
// are flexed: 185 × 0.10 ÷ (2 ÷ 12) = €111/MWh.
func LogisticsEURPerMWh(priceEURPerMWh, costShare, flexHours, chargingHours float64) float64 {
	return priceEURPerMWh * costShare / (flexHours / chargingHours)
}

// OfficeChargingEURPerMWh is the office rule for EV charging per MWh of
// flex (§1.6, Table 4.4's charging row): what an owner-user needs (€0: the
// shift costs nothing) and what a landlord asks (€2,897/yr ÷ 41.1 MWh ≈
// €71). Both yearly amounts scale with the floor area as the flex MWh do,
// so the rates hold for any office charging plaza; the reference office's
// area only makes the row. noFlex says why the rates are undefined (0).
func OfficeChargingEURPerMWh(s *scenario.Scenario) (ownerUser, landlord float64, noFlex string) {
	for _, r := range Office(s, s.Value(keyOfficeRefArea), s.Value(keyPrice)) {
		if r.ID == "offices.charging" {
			return r.OwnerUserEURPerMWh, r.LandlordEURPerMWh, r.NoFlex
		}
	}
	return 0, 0, "no charging row in the office rule"
}
