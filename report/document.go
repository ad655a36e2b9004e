package report

import (
	"gridflex/subsidy"
)

// Document is a site report.
type Document struct {
	Title    string          `json:"title"`
	Sector   string          `json:"sector"`
	Site     string          `json:"site"`
	Summary  Summary         `json:"summary"`
	Measures []Measure       `json:"measures"`
	Tables   []Table         `json:"tables,omitempty"`
	Charts   []Chart         `json:"charts,omitempty"`
	Contract *Contract       `json:"contract,omitempty"`
	Subsidy  *subsidy.Result `json:"subsidy,omitempty"`
	Notes    []string        `json:"notes,omitempty"`
}

// Summary is the executive summary.
type Summary struct {
	MorningMW  float64 `json:"morning_mw"`
	EveningMW  float64 `json:"evening_mw"`
	MWhPerYear float64 `json:"mwh_per_year"`
	EURPerYear float64 `json:"eur_per_year"`
	// EURPerMWh is the compensation needed per MWh of flex: € per year ÷
	// MWh per year.
	EURPerMWh float64 `json:"eur_per_mwh"`
	// ExtraNightKW is the capacity above the contracted capacity outside
	// the peaks that moving loads out of the peaks needs (chemistry, §2):
	// the barrier the study names, and the block-power part of the contract.
	ExtraNightKW float64 `json:"extra_night_kw,omitempty"`
	// BlockedMorningMW and BlockedEveningMW are the flex of measures a rule
	// blocks today (datacenter PH1 set point, §4): not in the MW above,
	// available once the rule changes.
	BlockedMorningMW float64 `json:"blocked_morning_mw,omitempty"`
	BlockedEveningMW float64 `json:"blocked_evening_mw,omitempty"`
	// Lines are short statements for the reader (what the numbers mean).
	Lines []string `json:"lines,omitempty"`
}

// Measure is one row of the measures table.
type Measure struct {
	Name         string  `json:"name"`
	Kind         string  `json:"kind"` // structural | incidental | seasonal …
	MorningMW    float64 `json:"morning_mw"`
	EveningMW    float64 `json:"evening_mw"`
	HoursPerYear float64 `json:"hours_per_year"`
	MWhPerYear   float64 `json:"mwh_per_year"`
	// Priced is false where the study gives no euro figure (datacenters):
	// EURPerMWh and EURPerYear are then 0 and Incentive says what is needed.
	Priced     bool    `json:"priced"`
	EURPerMWh  float64 `json:"eur_per_mwh"`
	EURPerYear float64 `json:"eur_per_year"`
	// BatteryEURPerMWh is the battery alternative (§2.3), 0 when not given.
	BatteryEURPerMWh float64 `json:"battery_eur_per_mwh,omitempty"`
	Incentive        string  `json:"incentive,omitempty"`
	Note             string  `json:"note,omitempty"`
	// Blocked names the rule that forbids the measure today (short, for the
	// table); a blocked measure is left out of the summary and the contract.
	Blocked string `json:"blocked,omitempty"`
	// Group names seasonal alternatives (office heating and cooling, §1.5):
	// their MW per peak are not added, the largest counts.
	Group string `json:"-"`
}

// Table is an extra table (day types, batch plan, …).
type Table struct {
	Title  string     `json:"title"`
	Header []string   `json:"header"`
	Rows   [][]string `json:"rows"`
	Note   string     `json:"note,omitempty"`
}

// Chart is a line chart over local hours of a day, or a supply-cost curve.
type Chart struct {
	Title  string  `json:"title"`
	XLabel string  `json:"x_label"`
	YLabel string  `json:"y_label"`
	Lines  []Line  `json:"lines,omitempty"`
	Shades []Shade `json:"shades,omitempty"` // shaded x ranges (peak windows)
	// Band is a shaded y range (comfort band), drawn behind the lines.
	Band *Shade `json:"band,omitempty"`
	// Steps make the chart a supply-cost curve instead.
	Steps []Step `json:"steps,omitempty"`
}

// Line is one series of a chart.
type Line struct {
	Name   string    `json:"name"`
	X      []float64 `json:"x"`
	Y      []float64 `json:"y"`
	Dashed bool      `json:"dashed,omitempty"`
	Step   bool      `json:"step,omitempty"` // draw as steps (quarter-hour power)
}

// Shade is a shaded range with a label.
type Shade struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Label string  `json:"label"`
}

// Step is one measure on the site's supply-cost curve.
type Step struct {
	Name      string  `json:"name"`
	MW        float64 `json:"mw"`
	EURPerMWh float64 `json:"eur_per_mwh"`
	// AlternativeTo names the measure of the same seasonal group that
	// counts (office heating next to cooling, §1.5): this step is drawn
	// over that one's extent and its MW are not added. Empty when it counts.
	AlternativeTo string `json:"alternative_to,omitempty"`
}

// Contract is the recommended contract: its form, why, and the contract
// file (contract package format) that `gridflex contract check` reads.
type Contract struct {
	Form   string `json:"form"`
	Reason string `json:"reason"`
	File   string `json:"file"`
}
