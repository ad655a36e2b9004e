package wire

import "gridflex/compensation"

// Compensation is `compensation --format json`: the required €/MWh per
// measure with its breakdown, the references and the datacenter options.
type Compensation struct {
	Scenario          string                          `json:"scenario"`
	Hours             string                          `json:"hours"`
	HoursPerYear      float64                         `json:"hours_per_year"`
	Measures          []CompensationMeasure           `json:"measures"`
	References        []Reference                     `json:"references"`
	DatacenterOptions []compensation.DatacenterOption `json:"datacenter_options"`
}

// CompensationMeasure: eur_per_mwh_low/high are null where the study gives
// no euro figure (datacenters) or the measure delivers no flex (no_flex
// says why).
type CompensationMeasure struct {
	ID            string   `json:"id"`
	Sector        string   `json:"sector"`
	Name          string   `json:"name"`
	EURPerMWhLow  *float64 `json:"eur_per_mwh_low"`
	EURPerMWhHigh *float64 `json:"eur_per_mwh_high"`
	// HoursPerYear is null where the rule has no annual hours (logistics
	// charging is priced per charged MWh, §3; datacenters, §4).
	HoursPerYear     *float64          `json:"hours_per_year"`
	Basis            string            `json:"basis"`
	Computed         bool              `json:"computed"`
	Breakdown        *LowHighBreakdown `json:"breakdown"`
	Incentive        string            `json:"incentive,omitempty"`
	NoFlex           string            `json:"no_flex,omitempty"`
	AlternativeGroup string            `json:"alternative_group,omitempty"`
}

// LowHighBreakdown is the breakdown of both bounds of a measure.
type LowHighBreakdown struct {
	Low  Breakdown `json:"low"`
	High Breakdown `json:"high"`
}

// Breakdown splits a required compensation into CAPEX, OPEX and margin.
type Breakdown struct {
	HoursPerYear    *float64 `json:"hours_per_year"`
	CapexEURPerMWh  float64  `json:"capex_eur_per_mwh"`
	OpexEURPerMWh   float64  `json:"opex_eur_per_mwh"`
	MarginEURPerMWh float64  `json:"margin_eur_per_mwh"`
	Source          string   `json:"source"`
	Basis           string   `json:"basis"`
}

// Reference is a price to compare with, not a measure (the battery).
type Reference struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	EURPerMWh    float64   `json:"eur_per_mwh"`
	HoursPerYear *float64  `json:"hours_per_year"`
	Source       string    `json:"source"`
	Basis        string    `json:"basis"`
	Breakdown    Breakdown `json:"breakdown"`
}

// hoursOrNull is null where a rule has no annual hours: logistics charging
// is priced per charged MWh (§3), datacenters have no figure (§4). JSON and
// CSV carry unrounded values; only the text table rounds.
func hoursOrNull(h float64) *float64 { return orNull(h, h > 0) }

func fromEstimate(e compensation.Estimate) Breakdown {
	b := e.Breakdown
	return Breakdown{hoursOrNull(e.HoursPerYear), b.CapexEURPerMWh, b.OpexEURPerMWh, b.MarginEURPerMWh, string(e.Source), e.Basis}
}

// Basis is a measure's basis, one text when both bounds share it.
func Basis(m compensation.Measure) string {
	if m.Low.Basis == m.High.Basis {
		return m.Low.Basis
	}
	return "low: " + m.Low.Basis + "; high: " + m.High.Basis
}

// FromCompensation is the document of r.
func FromCompensation(r compensation.Result) Compensation {
	out := Compensation{Scenario: r.Scenario, Hours: string(r.Hours), HoursPerYear: r.HoursPerYear, DatacenterOptions: r.DatacenterOptions}
	for _, m := range r.Measures {
		j := CompensationMeasure{
			ID: m.ID, Sector: m.Sector, Name: m.Name, Basis: Basis(m),
			Computed:  m.Low.Source == compensation.Computed && m.High.Source == compensation.Computed,
			Incentive: m.Incentive, NoFlex: m.NoFlex, AlternativeGroup: m.Group,
			HoursPerYear: hoursOrNull(m.HoursPerYear),
		}
		if m.Priced {
			j.EURPerMWhLow, j.EURPerMWhHigh = orNull(m.Low.EURPerMWh, true), orNull(m.High.EURPerMWh, true)
			j.Breakdown = &LowHighBreakdown{fromEstimate(m.Low), fromEstimate(m.High)}
		}
		out.Measures = append(out.Measures, j)
	}
	for _, ref := range r.References {
		out.References = append(out.References, Reference{
			ID: ref.ID, Name: ref.Name, EURPerMWh: ref.EURPerMWh, HoursPerYear: hoursOrNull(ref.HoursPerYear),
			Source: string(ref.Source), Basis: ref.Basis,
			Breakdown: fromEstimate(compensation.Estimate{HoursPerYear: ref.HoursPerYear, Breakdown: ref.Breakdown, Source: ref.Source, Basis: ref.Basis}),
		})
	}
	return out
}

// Office is `compensation office --format json`: Table 4.4 for one floor
// area and electricity price.
type Office struct {
	Scenario       string      `json:"scenario"`
	FloorAreaM2    float64     `json:"floor_area_m2"`
	PriceEURPerMWh float64     `json:"price_eur_per_mwh"`
	Measures       []OfficeRow `json:"measures"`
}

// OfficeRow is an office measure with its €/MWh null where the measure
// delivers no flex (no_flex says why).
type OfficeRow struct {
	ID                  string   `json:"id"`
	KW                  float64  `json:"kw"`
	FlexHoursPerYear    float64  `json:"flex_hours_per_year"`
	MWhPerYear          float64  `json:"mwh_per_year"`
	AnnualEnergyCostEUR float64  `json:"annual_energy_cost_eur"`
	OwnerUserEURPerYear float64  `json:"owner_user_eur_per_year"`
	OwnerUserEURPerMWh  *float64 `json:"owner_user_eur_per_mwh"`
	LandlordEURPerYear  float64  `json:"landlord_eur_per_year"`
	LandlordEURPerMWh   *float64 `json:"landlord_eur_per_mwh"`
	NoFlex              string   `json:"no_flex,omitempty"`
}

// FromOffice is the document of the office rows.
func FromOffice(scenario string, areaM2, priceEURPerMWh float64, rows []compensation.OfficeRow) Office {
	out := Office{Scenario: scenario, FloorAreaM2: areaM2, PriceEURPerMWh: priceEURPerMWh}
	for _, r := range rows {
		flex := r.NoFlex == ""
		out.Measures = append(out.Measures, OfficeRow{ID: r.ID, KW: r.KW, FlexHoursPerYear: r.FlexHoursPerYear, MWhPerYear: r.MWhPerYear,
			AnnualEnergyCostEUR: r.AnnualEnergyCostEUR, OwnerUserEURPerYear: r.OwnerUserEURPerYear,
			OwnerUserEURPerMWh: orNull(r.OwnerUserEURPerMWh, flex), LandlordEURPerYear: r.LandlordEURPerYear,
			LandlordEURPerMWh: orNull(r.LandlordEURPerMWh, flex), NoFlex: r.NoFlex})
	}
	return out
}

// Unlock is `unlock --format json`: what a compensation unlocks. The
// compensation offered is offer_eur_per_mwh: price_eur_per_mwh is the
// electricity price in every other document.
type Unlock struct {
	Scenario       string          `json:"scenario"`
	OfferEURPerMWh float64         `json:"offer_eur_per_mwh"`
	Hours          string          `json:"hours"`
	Bound          string          `json:"bound"`
	Measures       []UnlockMeasure `json:"measures"`
	Sectors        []UnlockSector  `json:"sectors"`
	Total          UnlockSector    `json:"total"`
}

// UnlockMeasure is one measure of Unlock.
type UnlockMeasure struct {
	ID             string   `json:"id"`
	Sector         string   `json:"sector"`
	Name           string   `json:"name"`
	EURPerMWh      *float64 `json:"eur_per_mwh"` // null: no euro figure in the study, or no flex
	NoFlex         string   `json:"no_flex,omitempty"`
	Unlocked       bool     `json:"unlocked"`
	PotentialMinMW float64  `json:"potential_min_mw"`
	PotentialMaxMW float64  `json:"potential_max_mw"`
	MinMW          float64  `json:"min_mw"`
	MaxMW          float64  `json:"max_mw"`
}

// UnlockSector names a sector "id", as the potential model's JSON does;
// the total has no id.
type UnlockSector struct {
	ID             string  `json:"id,omitempty"`
	PotentialMinMW float64 `json:"potential_min_mw"`
	PotentialMaxMW float64 `json:"potential_max_mw"`
	MinMW          float64 `json:"min_mw"`
	MaxMW          float64 `json:"max_mw"`
}

// FromUnlock is the document of u at hours basis h.
func FromUnlock(h compensation.Hours, u compensation.Unlocked) Unlock {
	out := Unlock{Scenario: u.Scenario, OfferEURPerMWh: u.PriceEURPerMWh, Hours: string(h), Bound: string(u.Bound)}
	for _, m := range u.Measures {
		out.Measures = append(out.Measures, UnlockMeasure{ID: m.ID, Sector: m.Sector, Name: m.Name,
			EURPerMWh: orNull(m.EURPerMWh, m.Priced), NoFlex: m.NoFlex, Unlocked: m.Unlocked,
			PotentialMinMW: m.PotentialMinMW, PotentialMaxMW: m.PotentialMaxMW, MinMW: m.MinMW, MaxMW: m.MaxMW})
	}
	for _, s := range u.Sectors {
		out.Sectors = append(out.Sectors, UnlockSector{s.Sector, s.PotentialMinMW, s.PotentialMaxMW, s.MinMW, s.MaxMW})
	}
	out.Total = UnlockSector{"", u.PotentialMinMW, u.PotentialMaxMW, u.MinMW, u.MaxMW}
	return out
}
