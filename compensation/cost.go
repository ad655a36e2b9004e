package compensation

import (
	"errors"
	"fmt"
)

// Costs are the inputs of the study's required-compensation formula
// (study-model.md §0, study §5). Staff time that a measure needs belongs in
// OpexEURPerYear (see StaffEURPerYear); a company that reports no investment
// gets the lump sum as CapexEUR.
type Costs struct {
	CapexEUR       float64 // one-off investment, € (≥ 0)
	OpexEURPerYear float64 // operating cost per year, €/yr (≥ 0)
	Years          float64 // cost horizon, yr (> 0); the study uses 5
	HoursPerYear   float64 // flex hours delivered per year, h/yr (> 0): 1,040 structural, 250 incidental
	Margin         float64 // mark-up on costs as a share (≥ 0); the study uses 0.15
	FlexMW         float64 // flexible capacity, MW (> 0)
}

// Breakdown splits a required compensation into the part that recovers the
// investment, the part that covers operating cost, and the margin on both.
// The three parts add up to the total.
type Breakdown struct {
	CapexEURPerMWh  float64 `json:"capex_eur_per_mwh"`
	OpexEURPerMWh   float64 `json:"opex_eur_per_mwh"`
	MarginEURPerMWh float64 `json:"margin_eur_per_mwh"`
}

// Total is the sum of the parts.
func (b Breakdown) Total() float64 { return b.CapexEURPerMWh + b.OpexEURPerMWh + b.MarginEURPerMWh }

// Scale multiplies every part by f.
func (b Breakdown) Scale(f float64) Breakdown {
	return Breakdown{b.CapexEURPerMWh * f, b.OpexEURPerMWh * f, b.MarginEURPerMWh * f}
}

// Add returns the part-wise sum.
func (b Breakdown) Add(o Breakdown) Breakdown {
	return Breakdown{b.CapexEURPerMWh + o.CapexEURPerMWh, b.OpexEURPerMWh + o.OpexEURPerMWh, b.MarginEURPerMWh + o.MarginEURPerMWh}
}

// ErrCosts is wrapped by every problem Validate reports.
var ErrCosts = errors.New("invalid costs")

// Validate reports every input of c that the formula cannot use, at once.
func (c Costs) Validate() error {
	var errs []error
	check := func(name string, v float64, ok bool, want string) {
		if !ok {
			errs = append(errs, fmt.Errorf("%w: %s: want %s, got %g", ErrCosts, name, want, v))
		}
	}
	check("capex_eur", c.CapexEUR, finite(c.CapexEUR) && c.CapexEUR >= 0, "≥ 0")
	check("opex_eur_per_year", c.OpexEURPerYear, finite(c.OpexEURPerYear) && c.OpexEURPerYear >= 0, "≥ 0")
	check("years", c.Years, finite(c.Years) && c.Years > 0, "> 0")
	check("hours_per_year", c.HoursPerYear, finite(c.HoursPerYear) && c.HoursPerYear > 0, "> 0")
	check("margin", c.Margin, finite(c.Margin) && c.Margin >= 0, "≥ 0")
	check("flex_mw", c.FlexMW, finite(c.FlexMW) && c.FlexMW > 0, "> 0")
	return errors.Join(errs...)
}

// Required returns the compensation per MWh of flexibility delivered that
// recovers c over its horizon, and its breakdown (study-model.md §0):
//
//	€/MWh = (CAPEX + years × OPEX) × (1 + margin) / (MW × hours per year × years)
//
// It is linear in CAPEX and OPEX and inversely proportional to MW and to
// hours per year. Callers with data from outside check c.Validate first:
// with zero MW, hours or years the result is +Inf or NaN, not an error.
func Required(c Costs) (EURPerMWh float64, breakdown Breakdown) {
	mwh := c.FlexMW * c.HoursPerYear // MWh of flex per year
	b := Breakdown{
		CapexEURPerMWh: c.CapexEUR / (mwh * c.Years),
		OpexEURPerMWh:  c.OpexEURPerYear / mwh,
	}
	b.MarginEURPerMWh = c.Margin * (b.CapexEURPerMWh + b.OpexEURPerMWh)
	return b.Total(), b
}

// StaffEURPerYear is the yearly cost of the operator time a measure needs
// (§0, study §5.8: 1 h/day × €150/h, every day of the year in the utilities
// case).
func StaffEURPerYear(hoursPerDay, eurPerHour, daysPerYear float64) float64 {
	return hoursPerDay * eurPerHour * daysPerYear
}

// perMWh turns a cost stated per MWh of flex (before margin) into yearly
// OPEX for Costs: eurPerMWh × MW × hours per year.
func perMWh(eurPerMWh, flexMW, hoursPerYear float64) float64 {
	return eurPerMWh * flexMW * hoursPerYear
}

func finite(v float64) bool { return v-v == 0 }
