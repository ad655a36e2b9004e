package compensation

import (
	"fmt"

	"gridflex/numtext"
	"gridflex/scenario"
)

// Chemistry (study-model.md §2.3). The cases the study gives inputs for are
// computed with the §0 formula per MW of flex (the formula is linear, so
// the MW drop out of €/MWh); the figures it only reports are inputs.

// BatchCAPEX is the €/MWh that recovers the investment in batch shifting
// (§2.3: ≈ €316,000/MW → €70/MWh at 1,040 h/yr).
func BatchCAPEX(capexEURPerMW float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.OpexEURPerYear, c.FlexMW = capexEURPerMW, 0, 1
	return Required(c)
}

// BatchTotal adds the operating cost of batch shifting (energy
// inefficiency, CO₂, staff out of hours; €/MWh before margin) to the CAPEX
// recovery.
func BatchTotal(capexEURPerMW, opexEURPerMWh float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.FlexMW = capexEURPerMW, 1
	c.OpexEURPerYear = perMWh(opexEURPerMWh, 1, c.HoursPerYear)
	return Required(c)
}

// CHPOverhaul is the €/MWh that pays for the overhaul that cycling a CHP
// brings forward (§0, §2.3: €280,000/MW → €61.9/MWh at 1,040 h/yr).
func CHPOverhaul(overhaulEURPerMW float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.OpexEURPerYear, c.FlexMW = overhaulEURPerMW, 0, 1
	return Required(c)
}

// CHPFuel is the €/MWh for the extra fuel a CHP burns when its heat cannot
// be used (§2.3: €55/MWh including margin); fuelEURPerMWh is before margin.
func CHPFuel(fuelEURPerMWh float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.FlexMW = 0, 1
	c.OpexEURPerYear = perMWh(fuelEURPerMWh, 1, c.HoursPerYear)
	return Required(c)
}

// Utilities is the nitrogen-compressor case of §0: the lump sum as CAPEX,
// bought liquid nitrogen per MWh of flex plus daily staff time as OPEX
// (€488/MWh at 1,040 h/yr; the study prints "€49?" with a lost digit).
func Utilities(flexMW, substituteEURPerMWh, lumpSumEUR, staffEURPerYear float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.FlexMW = lumpSumEUR, flexMW
	c.OpexEURPerYear = perMWh(substituteEURPerMWh, flexMW, c.HoursPerYear) + staffEURPerYear
	return Required(c)
}

// staff is the yearly staff cost of §0 in s.
func staff(s *scenario.Scenario) float64 {
	return StaffEURPerYear(s.Value(keyStaffHoursPerDay), s.Value(keyStaffEURPerHour), s.Value(keyStaffDaysPerYear))
}

func chemistryMeasures(s *scenario.Scenario, hours float64) []Measure {
	c := costs(s, hours)
	computed := func(v float64, b Breakdown, basis string) Estimate {
		return Estimate{EURPerMWh: v, HoursPerYear: hours, Breakdown: b, Source: Computed, Basis: basis}
	}
	reported := func(key, hoursKey, basis string) Estimate {
		return Estimate{EURPerMWh: s.Value(key), HoursPerYear: s.Value(hoursKey), Source: Reported, Basis: basis}
	}

	batchLow, batchLowB := BatchCAPEX(s.Value(keyBatchCAPEX), c)
	batchHigh, batchHighB := BatchTotal(s.Value(keyBatchCAPEX), s.Value(keyBatchOPEX), c)

	overhaul, overhaulB := CHPOverhaul(s.Value(keyCHPOverhaul), c)
	fuel, fuelB := CHPFuel(s.Value(keyCHPFuel), c)

	utilBasis := fmt.Sprintf("nitrogen-compressor case, %g MW: €%s lump sum, bought liquid N₂ at €%g/MWh, %g h/day staff at €%g/h (§0)",
		s.Value(keyUtilitiesMW), numtext.Num(s.Value(keyLumpSum), 0), s.Value(keyUtilitiesSubstitute),
		s.Value(keyStaffHoursPerDay), s.Value(keyStaffEURPerHour))
	util, utilB := Utilities(s.Value(keyUtilitiesMW), s.Value(keyUtilitiesSubstitute), s.Value(keyLumpSum), staff(s), c)

	return []Measure{
		{
			ID: "chemistry.batch", Sector: "chemistry", Name: "batch shifting", HoursPerYear: hours, Priced: true,
			Low: computed(batchLow, batchLowB, fmt.Sprintf("CAPEX recovery only, weighted €%s/MW, calibrated to the printed €70 (§2.3; the printed CAPEX contradicts it: gridflex explain chemistry.batch)",
				numtext.Num(s.Value(keyBatchCAPEX), 0))),
			High: computed(batchHigh, batchHighB, "CAPEX recovery plus operating cost (energy, CO₂, staff) (§2.3, Figure 5.7)"),
		},
		{
			ID: "chemistry.chp", Sector: "chemistry", Name: "own CHP in peaks", HoursPerYear: hours, Priced: true,
			Low: computed(overhaul+fuel, overhaulB.Add(fuelB), fmt.Sprintf("overhaul €%s/MW (€%.0f) plus extra fuel because the heat is lost (€%.0f) (§2.3)",
				numtext.Num(s.Value(keyCHPOverhaul), 0), overhaul, fuel)),
			High: reported(keyCHPAFRR, keyReportedStructural, "aFRR revenue the CHP gives up (§2.3, reported)"),
		},
		{
			ID: "chemistry.utilities", Sector: "chemistry", Name: "smart utilities", HoursPerYear: hours, Priced: true,
			Low:  computed(util, utilB, utilBasis),
			High: computed(util, utilB, utilBasis),
		},
		{
			ID: "chemistry.continuous", Sector: "chemistry", Name: "curtail continuous production",
			HoursPerYear: s.Value(keyReportedIncidental), Priced: true,
			Low:  reported(keyContinuous, keyReportedIncidental, "survey average for incidental flex (§2.3, reported)"),
			High: reported(keyContinuousOutlier, keyReportedIncidental, "survey outliers (§2.3, reported)"),
		},
	}
}

func chemistryReferences(s *scenario.Scenario) []Reference {
	return []Reference{
		{
			ID: "chemistry.chp.study_average", Name: "study's average for CHP flex",
			EURPerMWh: s.Value(keyCHPStudyAverage), HoursPerYear: s.Value(keyReportedStructural),
			Source: Reported, Basis: "§2.3, reported; the computed overhaul + fuel is lower",
		},
		{
			ID: "chemistry.survey.structural", Name: "survey average, process measures, structural",
			EURPerMWh: s.Value(keySurveyStructural), HoursPerYear: s.Value(keyReportedStructural),
			Source: Reported, Basis: "§2.3, reported",
		},
	}
}

// Battery is the reference battery of §2.3, an alternative (not an
// addition) to process flex: CAPEX recovered with the §0 formula plus
// operating cost per MWh delivered (before margin). At 1,040 h/yr:
// €35 + €105 = €140/MWh.
func Battery(capexEUR, powerMW, opexEURPerMWh float64, c Costs) (float64, Breakdown) {
	c.CapexEUR, c.FlexMW = capexEUR, powerMW
	c.OpexEURPerYear = perMWh(opexEURPerMWh, powerMW, c.HoursPerYear)
	return Required(c)
}

func batteryReference(s *scenario.Scenario, hours float64) Reference {
	v, b := Battery(s.Value(keyBatteryCAPEX), s.Value(keyBatteryMW), s.Value(keyBatteryOPEX), costs(s, hours))
	return Reference{
		ID: "battery", Name: "battery 4 MW / 4 h (alternative, not additional)", EURPerMWh: v, HoursPerYear: hours,
		Breakdown: b, Source: Computed,
		Basis: fmt.Sprintf("CAPEX €%s over %g years + OPEX as printed (§2.3); the study's own inputs contradict its CAPEX, OPEX and 250 h figure: gridflex explain battery",
			numtext.Num(s.Value(keyBatteryCAPEX), 0), s.Value(keyYears)),
	}
}
