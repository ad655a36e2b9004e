package building

import (
	"context"
	"gridflex/compensation"
	"gridflex/scenario"
)

// Season sums up the days of one mode.
type Season struct {
	Mode Mode `json:"mode"`
	Days int  `json:"days"`
	// MorningKW and EveningKW are the largest cuts over the days: what the
	// site can offer on the days that matter (§1.2: full potential on the
	// coldest days).
	MorningKW    float64 `json:"morning_kw"`
	EveningKW    float64 `json:"evening_kw"`
	MorningHours float64 `json:"morning_hours"` // full-load hours of the cut on the day of MorningKW
	EveningHours float64 `json:"evening_hours"`
	// ExtraEnergy is the energy-weighted extra use over the days (study ~1.5 %).
	ExtraEnergy float64 `json:"extra_energy"`
	// Table44 is the study's rule for this office (§1.6): rated kW,
	// full-load flex hours, MWh/yr and the owner-user/landlord compensation.
	Table44 compensation.OfficeRow `json:"table_4_4"`
	// OwnerUserModelEURPerYear prices the simulated extra energy instead of
	// the study's 1.5 %: ExtraEnergy × the measure's annual energy cost.
	OwnerUserModelEURPerYear float64 `json:"owner_user_model_eur_per_year"`
	OwnerUserModelEURPerMWh  float64 `json:"owner_user_model_eur_per_mwh"`
}

// Result is an office heating/cooling scan.
type Result struct {
	Office  Office      `json:"office"`
	Days    []DayResult `json:"days"`
	Heating Season      `json:"heating"`
	Cooling Season      `json:"cooling"`
	// Infeasible lists days on which the plant cannot keep the band even
	// without grid awareness (too small for the weather).
	Infeasible []string `json:"infeasible,omitempty"`
}

// Scan plans the office on the given horizons (DesignDays, or the working
// days of a weather file) and sums up per season. A horizon without a mode
// is planned in both modes and kept in each where the plant runs at all.
// A cancelled or expired ctx stops it between horizons (a weather year is
// some 250 optimisations).
func Scan(ctx context.Context, o Office, s *scenario.Scenario, days []Horizon) (Result, error) {
	r := Result{Office: o}
	w := PeakWindows(s)
	weight := s.Value("scan.offices.peak_weight")
	sc := new(scratch)
	for _, h := range days {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		modes := []Mode{h.Mode}
		if h.Mode == "" {
			modes = []Mode{Heating, Cooling}
		}
		for _, m := range modes {
			if (m == Heating && o.HeatPumpKW == 0) || (m == Cooling && o.ChillerKW == 0) {
				continue
			}
			if h.Mode == "" && !needed(o, h, m) {
				continue
			}
			d, err := plan(o, h, m, w, weight, sc)
			if err != nil {
				r.Infeasible = append(r.Infeasible, err.Error())
				continue
			}
			if h.Mode == "" && d.BeforeKWh < 1e-6*max(o.HeatPumpKW, o.ChillerKW) {
				continue
			}
			r.Days = append(r.Days, d)
		}
	}
	r.Heating = season(r.Days, Heating)
	r.Cooling = season(r.Days, Cooling)
	sh := compensation.OfficeShares{OwnerUser: s.Value("offices.compensation.owner_user_share"), Landlord: s.Value("offices.compensation.landlord_share")}
	price, opHours := s.Value("grid.electricity_price"), s.Value("offices.compensation.operating_hours_per_day")
	r.Heating.Table44 = compensation.OfficeThermal("offices.heating", o.FloorAreaM2, price, compensation.ThermalMeasure{
		FlexWPerM2: o.HeatPumpKW / o.FloorAreaM2 * 1e3, FullLoadHours: s.Value("offices.heating.full_load_hours"),
		OperatingHoursPerDay: opHours, FlexHoursPerDay: s.Value("offices.compensation.heating.flex_hours_per_day"),
		ThermalKWhPerM2: o.HeatNeedKWhPerM2,
	}, sh)
	r.Cooling.Table44 = compensation.OfficeThermal("offices.cooling", o.FloorAreaM2, price, compensation.ThermalMeasure{
		FlexWPerM2: o.ChillerKW / o.FloorAreaM2 * 1e3, FullLoadHours: s.Value("offices.cooling.full_load_hours"),
		OperatingHoursPerDay: opHours, FlexHoursPerDay: s.Value("offices.compensation.cooling.flex_hours_per_day"),
		ThermalKWhPerM2: o.CoolingNeedKWhPerM2,
	}, sh)
	for _, se := range []*Season{&r.Heating, &r.Cooling} {
		se.OwnerUserModelEURPerYear = max(se.ExtraEnergy, 0) * se.Table44.AnnualEnergyCostEUR
		if se.Table44.MWhPerYear > 0 {
			se.OwnerUserModelEURPerMWh = se.OwnerUserModelEURPerYear / se.Table44.MWhPerYear
		}
	}
	return r, nil
}

func season(days []DayResult, m Mode) Season {
	se := Season{Mode: m}
	var before, after float64
	for _, d := range days {
		if d.Mode != m {
			continue
		}
		se.Days++
		before += d.BeforeKWh
		after += d.AfterKWh
		if d.Morning.KW > se.MorningKW {
			se.MorningKW, se.MorningHours = d.Morning.KW, d.Morning.Hours
		}
		if d.Evening.KW > se.EveningKW {
			se.EveningKW, se.EveningHours = d.Evening.KW, d.Evening.Hours
		}
	}
	if before > 0 {
		se.ExtraEnergy = (after - before) / before
	}
	return se
}
