package usecase

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gridflex/compensation"
	"gridflex/potential"
	"gridflex/scenario"
)

// CompensationRequest asks for the required compensation per measure.
type CompensationRequest struct {
	Scenario *scenario.Scenario
	Hours    compensation.Hours // the flex-hours basis of the cost formula
}

// Compensation is the required €/MWh per measure (§0, §1.6, §2.3, §3, §4).
func Compensation(ctx context.Context, req CompensationRequest) (compensation.Result, error) {
	if err := ctx.Err(); err != nil {
		return compensation.Result{}, err
	}
	return compensation.Evaluate(req.Scenario, req.Hours), nil
}

// OfficeRequest asks for Table 4.4 for one office.
type OfficeRequest struct {
	Scenario    *scenario.Scenario
	FloorAreaM2 float64
	// PriceEURPerMWh is the electricity price incl. network tariffs and
	// taxes; nil takes the scenario's grid.electricity_price.
	PriceEURPerMWh *float64
}

// OfficeResult is Table 4.4 with the price it used.
type OfficeResult struct {
	Scenario       string // the scenario's name, "+set" when --set changed it
	FloorAreaM2    float64
	PriceEURPerMWh float64
	Rows           []compensation.OfficeRow
}

// Office is Table 4.4 for any floor area (§1.6).
func Office(ctx context.Context, req OfficeRequest) (OfficeResult, error) {
	if err := ctx.Err(); err != nil {
		return OfficeResult{}, err
	}
	price := req.Scenario.Value("grid.electricity_price")
	if req.PriceEURPerMWh != nil {
		price = *req.PriceEURPerMWh
	}
	return OfficeResult{req.Scenario.Name, req.FloorAreaM2, price, compensation.Office(req.Scenario, req.FloorAreaM2, price)}, nil
}

// CurveSectors are the sectors a supply-cost curve can show; "all" joins
// them.
var CurveSectors = []string{"offices", "chemistry", "logistics", "all"}

// CurveRequest asks for a supply-cost curve.
type CurveRequest struct {
	Scenario  *scenario.Scenario
	Hours     compensation.Hours
	Bound     compensation.Bound // which required compensation counts
	Potential compensation.Which // min or max MW per measure
	Sector    string             // one of CurveSectors
}

// CurveResult is the curve with what it left out and why.
type CurveResult struct {
	Curve        compensation.Curve
	Compensation compensation.Result // HoursPerYear and the references
	LeftOut      []LeftOut
}

// LeftOut is a measure not on the curve.
type LeftOut struct{ ID, Why string }

// Curve joins the potential model's MW with the required compensation
// (Figures 0.1, 0.2, 4.4, 5.7).
func Curve(ctx context.Context, req CurveRequest) (CurveResult, error) {
	if err := ctx.Err(); err != nil {
		return CurveResult{}, err
	}
	if !slices.Contains(CurveSectors, req.Sector) {
		return CurveResult{}, fmt.Errorf("sector %q: want one of %s", req.Sector, strings.Join(CurveSectors, ", "))
	}
	r := compensation.Evaluate(req.Scenario, req.Hours)
	keep := func(m compensation.Measure) bool { return req.Sector == "all" || m.Sector == req.Sector }
	c := compensation.BuildCurve(r.Measures, potentialMW(req.Scenario), req.Bound, req.Potential, keep)
	out := CurveResult{Curve: c, Compensation: r}
	for _, id := range c.Unpriced {
		why := "the study gives no euro figure"
		if m, ok := r.Measure(id); ok && m.NoFlex != "" {
			why = m.NoFlex
		}
		out.LeftOut = append(out.LeftOut, LeftOut{id, why})
	}
	for _, id := range c.NoPotential {
		out.LeftOut = append(out.LeftOut, LeftOut{id, "no potential for it"})
	}
	return out, nil
}

// UnlockRequest asks what a compensation unlocks.
type UnlockRequest struct {
	Scenario       *scenario.Scenario
	Hours          compensation.Hours
	Bound          compensation.Bound
	OfferEURPerMWh float64 // the compensation offered per MWh of flex, ≥ 0
}

// Unlock is the MW a compensation unlocks per measure, sector and in
// total; offices = max(heating, cooling) + charging (§1.5).
func Unlock(ctx context.Context, req UnlockRequest) (compensation.Unlocked, error) {
	if err := ctx.Err(); err != nil {
		return compensation.Unlocked{}, err
	}
	r := compensation.Evaluate(req.Scenario, req.Hours)
	u := compensation.Unlock(r.Measures, potentialMW(req.Scenario), req.OfferEURPerMWh, req.Bound)
	u.Scenario = req.Scenario.Name
	return u, nil
}

// potentialMW is the potential model's MW per measure: the join of the
// potential and compensation models.
func potentialMW(s *scenario.Scenario) map[string]compensation.PotentialMW {
	out := map[string]compensation.PotentialMW{}
	for _, m := range potential.Evaluate(s).Measures {
		out[m.ID] = compensation.PotentialMW{MinMW: m.MinMW, MaxMW: m.MaxMW}
	}
	return out
}
