package compensation

import (
	"fmt"

	"gridflex/potential"
	"gridflex/scenario"
)

// Hours selects the flex hours per year that the §0 cost formula spreads
// costs over.
type Hours string

// The two bases of the study (study-model.md §0).
const (
	Structural Hours = "structural" // cost.hours_structural (1,040 h/yr)
	Incidental Hours = "incidental" // cost.hours_incidental (250 h/yr)
)

// ParseHours accepts "structural" or "incidental".
func ParseHours(s string) (Hours, error) {
	switch h := Hours(s); h {
	case Structural, Incidental:
		return h, nil
	}
	return "", fmt.Errorf("hours %q: want structural or incidental", s)
}

// PerYear is the number of hours the basis stands for in s.
func (h Hours) PerYear(s *scenario.Scenario) float64 {
	if h == Incidental {
		return s.Value(keyHoursIncidental)
	}
	return s.Value(keyHoursStructural)
}

// Source says where a €/MWh figure comes from.
type Source string

// Sources. A reported figure is the study's number used as an input: the
// study does not print what it is made of, so it has no breakdown and is
// not rescaled when the hours basis changes.
const (
	Computed    Source = "computed"
	Reported    Source = "reported"
	Qualitative Source = "qualitative" // no euro figure in the study
)

// Estimate is one required compensation with its derivation.
type Estimate struct {
	EURPerMWh float64
	// HoursPerYear is the flex-hours basis of this figure (0 where it is
	// paid per MWh or there is no figure); a reported figure keeps the
	// study's basis.
	HoursPerYear float64
	Breakdown    Breakdown // zero for reported figures
	Source       Source
	Basis        string // how the figure is obtained, for people
}

// Measure is the required compensation of one flexibility measure. Low and
// High span the study's range (owner-user vs landlord, CAPEX only vs with
// operating cost, survey average vs outliers); they are equal where the
// study gives one figure. They are the study's two cases, ordered as the
// study orders them; with other inputs (fewer hours, a higher price) Low can
// exceed High.
type Measure struct {
	ID     string // measure id of the potential model
	Sector string
	Name   string
	// HoursPerYear is the flex-hours basis of the measure's figures (of
	// High where Low and High differ); 0 where the figure is paid per MWh
	// and does not depend on it (logistics) or where there is no figure
	// (datacenters).
	HoursPerYear float64
	Low, High    Estimate
	// Priced is false where the study gives no euro figure (datacenters);
	// Incentive then holds its qualitative level. It is also false where
	// the measure delivers no flex MWh in the scenario (NoFlex says why):
	// a €/MWh is then undefined, not infinite.
	Priced    bool
	Incentive string
	NoFlex    string
	// Group names seasonal alternatives (office heating and cooling): their
	// MW are not added; a group counts with its largest member (§1.5).
	Group string
}

// Bound picks Low or High of a measure.
type Bound string

// Bounds.
const (
	Low  Bound = "low"
	High Bound = "high"
)

// ParseBound accepts "low" or "high".
func ParseBound(s string) (Bound, error) {
	switch b := Bound(s); b {
	case Low, High:
		return b, nil
	}
	return "", fmt.Errorf("bound %q: want low or high", s)
}

// At returns the estimate at bound b.
func (m Measure) At(b Bound) Estimate {
	if b == Low {
		return m.Low
	}
	return m.High
}

// Reference is a figure measures are compared with, not a measure itself:
// the battery alternative and the survey averages.
type Reference struct {
	ID           string
	Name         string
	EURPerMWh    float64
	HoursPerYear float64
	Breakdown    Breakdown
	Source       Source
	Basis        string
}

// Result is the required compensation of every measure in a scenario.
type Result struct {
	// Scenario names the scenario the figures come from ("+set" when
	// --set changed it), so a modified run never passes for the study's.
	Scenario     string
	Hours        Hours
	HoursPerYear float64
	Measures     []Measure
	References   []Reference
	// DatacenterOptions are the six options of §4 with their qualitative
	// incentive level; the study gives no euro figure for them.
	DatacenterOptions []DatacenterOption
}

// Measure returns the measure with the given id.
func (r Result) Measure(id string) (Measure, bool) {
	for _, m := range r.Measures {
		if m.ID == id {
			return m, true
		}
	}
	return Measure{}, false
}

// Evaluate computes the required compensation of every measure of the study
// with the §0 formula spread over the hours basis h. Office and logistics
// rules have their own hours (§1.6, §3) and reported figures keep the
// basis the study gives them; h moves the computed CAPEX/OPEX cases only.
func Evaluate(s *scenario.Scenario, h Hours) Result {
	hours := h.PerYear(s)
	r := Result{Scenario: s.Name, Hours: h, HoursPerYear: hours}
	r.Measures = append(r.Measures, officeMeasures(s)...)
	r.Measures = append(r.Measures, chemistryMeasures(s, hours)...)
	r.Measures = append(r.Measures, logisticsMeasure(s), datacenterMeasure())
	r.References = append(r.References, batteryReference(s, hours))
	r.References = append(r.References, chemistryReferences(s)...)
	r.DatacenterOptions = DatacenterOptions()
	return r
}

// costs returns the §0 inputs common to every case in s.
func costs(s *scenario.Scenario, hours float64) Costs {
	return Costs{Years: s.Value(keyYears), HoursPerYear: hours, Margin: s.Value(keyMargin)}
}

func officeMeasures(s *scenario.Scenario) []Measure {
	area := s.Value(keyOfficeRefArea)
	rows := Office(s, area, s.Value(keyPrice))
	names := map[string]string{
		"offices.heating":  "office heating (pre-heat)",
		"offices.cooling":  "office cooling (pre-cool)",
		"offices.charging": "office EV charging",
	}
	owner := 100 * s.Value(keyOfficeOwnerShare)
	landlord := 100 * s.Value(keyOfficeLandlordShare)
	out := make([]Measure, 0, len(rows))
	for _, row := range rows {
		low := Estimate{
			EURPerMWh: row.OwnerUserEURPerMWh, HoursPerYear: row.FlexHoursPerYear,
			Breakdown: Breakdown{OpexEURPerMWh: row.OwnerUserEURPerMWh}, Source: Computed,
			Basis: fmt.Sprintf("owner-user: extra consumption, %.3g %% of annual energy cost, ÷ flex MWh (§1.6)", owner),
		}
		high := Estimate{
			EURPerMWh: row.LandlordEURPerMWh, HoursPerYear: row.FlexHoursPerYear,
			Breakdown: Breakdown{OpexEURPerMWh: row.LandlordEURPerMWh}, Source: Computed,
			Basis: fmt.Sprintf("landlord: %.3g %% of annual energy cost ÷ flex MWh (§1.6)", landlord),
		}
		m := Measure{ID: row.ID, Sector: "offices", Name: names[row.ID], HoursPerYear: row.FlexHoursPerYear, Priced: true, Low: low, High: high}
		if row.ID == "offices.charging" {
			m.Low.Basis = fmt.Sprintf("owner-user: €%.4g/m²·yr (input) ÷ flex MWh (§1.6)", s.Value(keyChargingOwnerEURPerM2))
			m.High.Basis = fmt.Sprintf("landlord: €%.4g/m²·yr (input; €2,897/yr for 10,000 m² in Table 4.4) ÷ flex MWh (§1.6)", s.Value(keyChargingLandlordEURPerM2))
		} else {
			m.Group = "offices.thermal"
		}
		if row.NoFlex != "" {
			m.Priced, m.NoFlex = false, row.NoFlex
			m.Low = Estimate{HoursPerYear: row.FlexHoursPerYear, Source: Computed, Basis: row.NoFlex}
			m.High = m.Low
		}
		out = append(out, m)
	}
	return out
}

// Office reproduces Table 4.4 (§1.6) for a floor area (m², > 0) at an
// electricity price (€/MWh): heating, cooling and charging.
func Office(s *scenario.Scenario, floorAreaM2, priceEURPerMWh float64) []OfficeRow {
	sh := OfficeShares{OwnerUser: s.Value(keyOfficeOwnerShare), Landlord: s.Value(keyOfficeLandlordShare)}
	opHours := s.Value(keyOfficeOperatingHours)
	heating := ThermalMeasure{
		FlexWPerM2:           s.Value(keyOfficeHeatingWPerM2),
		FullLoadHours:        s.Value(keyHeatingFullLoadHours),
		OperatingHoursPerDay: opHours,
		FlexHoursPerDay:      s.Value(keyOfficeHeatingFlexHours),
		ThermalKWhPerM2:      s.Value(keyOfficeHeatingKWhPerM2),
	}
	cooling := ThermalMeasure{
		FlexWPerM2:           s.Value(keyOfficeCoolingWPerM2),
		FullLoadHours:        s.Value(keyCoolingFullLoadHours),
		OperatingHoursPerDay: opHours,
		FlexHoursPerDay:      s.Value(keyOfficeCoolingFlexHours),
		ThermalKWhPerM2:      s.Value(keyOfficeCoolingKWhPerM2),
	}
	charging := ChargingMeasure{
		ChargersPerM2:         s.Value(keyChargers) / potential.OfficeFloorAreaM2(s),
		FlexibleShare:         s.Value(keyChargingFlexibleShare),
		KWPerCharger:          s.Value(keyKWPerCharger),
		Simultaneity:          s.Value(keySimultaneity),
		WeeksPerYear:          s.Value(keyChargingWeeks),
		DaysPerWeek:           s.Value(keyChargingDaysPerWeek),
		FlexHoursPerDay:       s.Value(keyChargingFlexHours),
		OwnerUserEURPerM2Year: s.Value(keyChargingOwnerEURPerM2),
		LandlordEURPerM2Year:  s.Value(keyChargingLandlordEURPerM2),
	}
	return []OfficeRow{
		OfficeThermal("offices.heating", floorAreaM2, priceEURPerMWh, heating, sh),
		OfficeThermal("offices.cooling", floorAreaM2, priceEURPerMWh, cooling, sh),
		OfficeCharging("offices.charging", floorAreaM2, charging),
	}
}

func logisticsMeasure(s *scenario.Scenario) Measure {
	v := LogisticsEURPerMWh(s.Value(keyPrice), s.Value(keyLogisticsCostShare),
		s.Value(keyLogisticsFlexHours), s.Value(keyLogisticsChargingHours))
	e := Estimate{
		EURPerMWh: v, Breakdown: Breakdown{OpexEURPerMWh: v}, Source: Computed,
		Basis: fmt.Sprintf("%.3g %% of charging cost per MWh charged ÷ (%g of %g charging hours flexed), without block power (§3)",
			100*s.Value(keyLogisticsCostShare), s.Value(keyLogisticsFlexHours), s.Value(keyLogisticsChargingHours)),
	}
	return Measure{
		ID: "logistics.charging", Sector: "logistics", Name: "depot night charging",
		// Paid per MWh moved: the figure does not depend on hours per year,
		// so HoursPerYear stays 0.
		Low: e, High: e, Priced: true,
	}
}
