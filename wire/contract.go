package wire

import (
	"time"

	"gridflex/contract"
)

// Check is `contract check --format json` of one contract: the issue's
// keys, plus data_quality.
type Check struct {
	Connection      string               `json:"connection"`
	Period          Period               `json:"period"`
	ISPs            int                  `json:"isps"`
	MissingISPs     int                  `json:"missing_isps"`
	Violations      []Violation          `json:"violations"`
	YellowCards     int                  `json:"yellow_cards"`
	PenaltyEUR      float64              `json:"penalty_eur"`
	CompensationEUR float64              `json:"compensation_eur"`
	Settlement      []Settlement         `json:"settlement"`
	DataQuality     contract.DataQuality `json:"data_quality"`
	// Warnings are the contract's departures from the study that do not
	// stop a check: a term outside 2–5 years (§6).
	Warnings []string `json:"warnings,omitempty"`
}

// Period is a half-open span of instants.
type Period struct {
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Violation is one run of ISPs over a limit (or a volume call short).
type Violation struct {
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	MaxExcessKW float64   `json:"max_excess_kw"`
	ExcessKWh   float64   `json:"excess_kwh"`
	Direction   string    `json:"direction"`
	Clause      string    `json:"clause"`
	Sanction    string    `json:"sanction"`
	PenaltyEUR  float64   `json:"penalty_eur"`
	Volume      bool      `json:"volume_shortfall,omitempty"`
}

// Settlement is one month or contract year.
type Settlement struct {
	Period          string  `json:"period"`
	Kind            string  `json:"kind"`
	Start           string  `json:"start"`
	End             string  `json:"end"`
	FixedEUR        float64 `json:"fixed_eur"`
	VariableEUR     float64 `json:"variable_eur"`
	ActivationEUR   float64 `json:"activation_eur"`
	CompensationEUR float64 `json:"compensation_eur"`
	PenaltyEUR      float64 `json:"penalty_eur"`
	NetEUR          float64 `json:"net_eur"`
	Violations      int     `json:"violations"`
	YellowCards     int     `json:"yellow_cards"`
	FreedKWh        float64 `json:"freed_kwh"`
	DeliveredKWh    float64 `json:"delivered_kwh"`
	MissingISPs     int     `json:"missing_isps"`
}

// FromCheck is the document of one contract's result.
func FromCheck(r *contract.Result, dq contract.DataQuality) Check {
	out := Check{Connection: r.ID, Period: Period{r.Start, r.End}, ISPs: r.ISPs, MissingISPs: r.MissingISPs,
		Violations: []Violation{}, YellowCards: r.YellowCards, PenaltyEUR: round2(r.PenaltyEUR),
		CompensationEUR: round2(r.CompensationEUR), Settlement: []Settlement{}, DataQuality: dq, Warnings: r.Warnings}
	for _, v := range r.Violations {
		out.Violations = append(out.Violations, Violation{v.Start, v.End, round2(v.MaxExcessKW), round2(v.ExcessKWh),
			string(v.Direction), v.Clause, v.Sanction, round2(v.PenaltyEUR), v.Volume})
	}
	for _, s := range r.Settlement {
		out.Settlement = append(out.Settlement, Settlement{s.Period, s.Kind, s.Start.String(), s.End.String(),
			round2(s.FixedEUR), round2(s.VariableEUR), round2(s.ActivationEUR), round2(s.CompensationEUR), round2(s.PenaltyEUR),
			round2(s.NetEUR), s.Violations, s.YellowCards, round2(s.FreedKWh), round2(s.DeliveredKWh), s.MissingISPs})
	}
	return out
}

// Summary is one row of a bulk check (`contract check --format json` over
// many connections: a list of these), amounts rounded to cents and
// hundredths.
type Summary struct {
	Connection      string     `json:"connection"`
	Status          string     `json:"status"`          // checked, no contract, no meter data, error
	Start           *time.Time `json:"start,omitempty"` // absent without data
	End             *time.Time `json:"end,omitempty"`
	ISPs            int        `json:"isps"`
	MissingISPs     int        `json:"missing_isps"`
	Violations      int        `json:"violations"`
	MaxExcessKW     float64    `json:"max_excess_kw"`
	ExcessKWh       float64    `json:"excess_kwh"`
	YellowCards     int        `json:"yellow_cards"`
	PenaltyEUR      float64    `json:"penalty_eur"`
	CompensationEUR float64    `json:"compensation_eur"`
	NetEUR          float64    `json:"net_eur"`
	FreedKW         float64    `json:"freed_kw"`
	FreedKWh        float64    `json:"freed_kwh"`
	Calls           int        `json:"calls"`
	Note            string     `json:"note,omitempty"`
}

// FromSummary is the row of s.
func FromSummary(s contract.Summary) Summary {
	return Summary{Connection: s.Connection, Status: string(s.Status), Start: s.Start, End: s.End, ISPs: s.ISPs,
		MissingISPs: s.MissingISPs, Violations: s.Violations, MaxExcessKW: round2(s.MaxExcessKW), ExcessKWh: round2(s.ExcessKWh),
		YellowCards: s.YellowCards, PenaltyEUR: round2(s.PenaltyEUR), CompensationEUR: round2(s.CompensationEUR),
		NetEUR: round2(s.NetEUR), FreedKW: round2(s.FreedKW), FreedKWh: round2(s.FreedKWh), Calls: s.Calls, Note: s.Note}
}

// Round2 rounds to hundredths as every amount in these documents is; the
// CSV summary uses it too, so both formats agree.
func Round2(v float64) float64 { return round2(v) }
