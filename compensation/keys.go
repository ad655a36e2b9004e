package compensation

// Parameter keys this package reads. Those of compensation.yaml are defined
// there; the potential model (potential.yaml) and the conventions own the
// others.
const (
	// conventions.yaml
	keyPrice = "grid.electricity_price"

	// compensation.yaml, §0
	keyYears            = "cost.years"
	keyHoursStructural  = "cost.hours_structural"
	keyHoursIncidental  = "cost.hours_incidental"
	keyMargin           = "cost.margin"
	keyStaffHoursPerDay = "cost.staff_hours_per_day"
	keyStaffEURPerHour  = "cost.staff_eur_per_hour"
	keyStaffDaysPerYear = "cost.staff_days_per_year"
	keyLumpSum          = "cost.lump_sum_eur"

	// compensation.yaml, §3
	keyLogisticsCostShare     = "logistics.compensation.cost_share"
	keyLogisticsFlexHours     = "logistics.compensation.flex_hours"
	keyLogisticsChargingHours = "logistics.compensation.charging_hours"

	// compensation.yaml, §1.6
	keyOfficeRefArea            = "offices.compensation.reference_floor_area_m2"
	keyOfficeOperatingHours     = "offices.compensation.operating_hours_per_day"
	keyOfficeOwnerShare         = "offices.compensation.owner_user_share"
	keyOfficeLandlordShare      = "offices.compensation.landlord_share"
	keyOfficeHeatingWPerM2      = "offices.compensation.heating.flex_w_per_m2"
	keyOfficeHeatingFlexHours   = "offices.compensation.heating.flex_hours_per_day"
	keyOfficeHeatingKWhPerM2    = "offices.compensation.heating.thermal_kwh_per_m2"
	keyOfficeCoolingWPerM2      = "offices.compensation.cooling.flex_w_per_m2"
	keyOfficeCoolingFlexHours   = "offices.compensation.cooling.flex_hours_per_day"
	keyOfficeCoolingKWhPerM2    = "offices.compensation.cooling.thermal_kwh_per_m2"
	keyChargingWeeks            = "offices.compensation.charging.weeks_per_year"
	keyChargingDaysPerWeek      = "offices.compensation.charging.days_per_week"
	keyChargingFlexHours        = "offices.compensation.charging.flex_hours_per_day"
	keyChargingOwnerEURPerM2    = "offices.compensation.charging.owner_user_eur_per_m2_year"
	keyChargingLandlordEURPerM2 = "offices.compensation.charging.landlord_eur_per_m2_year"

	// potential.yaml (helper A's model), §1.2–§1.4
	keyHeatingFullLoadHours  = "offices.heating.full_load_hours"
	keyCoolingFullLoadHours  = "offices.cooling.full_load_hours"
	keyChargers              = "offices.charging.chargers"
	keyChargingFlexibleShare = "offices.charging.flexible_share"
	keyKWPerCharger          = "offices.charging.kw_per_charger"
	keySimultaneity          = "offices.charging.simultaneity"

	// compensation.yaml, §2.3
	keyBatchCAPEX           = "chemistry.compensation.batch.capex_eur_per_mw"
	keyBatchOPEX            = "chemistry.compensation.batch.opex_eur_per_mwh"
	keyCHPOverhaul          = "chemistry.compensation.chp.overhaul_eur_per_mw"
	keyCHPFuel              = "chemistry.compensation.chp.fuel_eur_per_mwh"
	keyCHPStudyAverage      = "chemistry.compensation.chp.study_average_eur_per_mwh"
	keyCHPAFRR              = "chemistry.compensation.chp.afrr_eur_per_mwh"
	keyUtilitiesMW          = "chemistry.compensation.utilities.flex_mw"
	keyUtilitiesSubstitute  = "chemistry.compensation.utilities.substitute_eur_per_mwh"
	keyContinuous           = "chemistry.compensation.continuous.eur_per_mwh"
	keyContinuousOutlier    = "chemistry.compensation.continuous.outlier_eur_per_mwh"
	keySurveyStructural     = "chemistry.compensation.survey_structural_eur_per_mwh"
	keyReportedStructural   = "chemistry.compensation.reported_structural_hours"
	keyReportedIncidental   = "chemistry.compensation.reported_incidental_hours"
	keyBatteryCAPEX         = "battery.reference.capex_eur"
	keyBatteryMW            = "battery.reference.power_mw"
	keyBatteryOPEX          = "battery.reference.opex_eur_per_mwh"
	keyBatteryHours         = "battery.reference.duration_h"
	keyBatteryBareEURPerKWh = "battery.reference.bare_eur_per_kwh"
	keyBatteryEfficiency    = "battery.reference.round_trip_efficiency"
	keyBatteryLossPrice     = "battery.reference.loss_price_eur_per_mwh"
	keyBatchPrintedCAPEX    = "chemistry.compensation.batch.printed_capex_eur_per_mw"
)

// Keys returns every parameter key the package reads, for tests and for
// listings of what the compensation model depends on.
func Keys() []string {
	k := []string{
		keyPrice,
		keyYears,
		keyHoursStructural,
		keyHoursIncidental,
		keyMargin,
		keyStaffHoursPerDay,
		keyStaffEURPerHour,
		keyStaffDaysPerYear,
		keyLumpSum,
		keyLogisticsCostShare,
		keyLogisticsFlexHours,
		keyLogisticsChargingHours,
		keyOfficeRefArea,
		keyOfficeOperatingHours,
		keyOfficeOwnerShare,
		keyOfficeLandlordShare,
		keyOfficeHeatingWPerM2,
		keyOfficeHeatingFlexHours,
		keyOfficeHeatingKWhPerM2,
		keyOfficeCoolingWPerM2,
		keyOfficeCoolingFlexHours,
		keyOfficeCoolingKWhPerM2,
		keyChargingWeeks,
		keyChargingDaysPerWeek,
		keyChargingFlexHours,
		keyChargingOwnerEURPerM2,
		keyChargingLandlordEURPerM2,
		keyHeatingFullLoadHours,
		keyCoolingFullLoadHours,
		keyChargers,
		keyChargingFlexibleShare,
		keyKWPerCharger,
		keySimultaneity,
		keyBatchCAPEX,
		keyBatchOPEX,
		keyCHPOverhaul,
		keyCHPFuel,
		keyCHPStudyAverage,
		keyCHPAFRR,
		keyUtilitiesMW,
		keyUtilitiesSubstitute,
		keyContinuous,
		keyContinuousOutlier,
		keySurveyStructural,
		keyReportedStructural,
		keyReportedIncidental,
		keyBatteryCAPEX,
		keyBatteryMW,
		keyBatteryOPEX,
		keyBatteryHours,
		keyBatteryBareEURPerKWh,
		keyBatteryEfficiency,
		keyBatteryLossPrice,
		keyBatchPrintedCAPEX,
	}
	return k
}
