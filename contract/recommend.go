package contract

import (
	"fmt"
	"math"
	"time"
)

// SiteTerms is what a site file says about its connection, for the
// contract a scan recommends.
type SiteTerms struct {
	Connection string    // EAN; "unknown" when not given
	Name       string    // site name
	BaseKW     float64   // contracted capacity (GTV)
	Start      time.Time // first day of the contract
	Years      int       // fixed term (§6 proposal 1: 2–5 years)
}

// Recommended is a recommended contract under construction: the
// connection, a fixed term of t.Years years (§6 proposal 1) and the
// study's yellow cards; the sector adds its clauses and its fee.
func Recommended(t SiteTerms) *Contract {
	conn := t.Connection
	if conn == "" {
		conn = "unknown"
	}
	start := DateOf(t.Start)
	return &Contract{
		Connection: conn, Name: t.Name, BaseKW: t.BaseKW, FeedinKW: math.Inf(1),
		Term:         Term{Start: start, End: start.AddYears(max(t.Years, 1)).AddDays(-1)},
		Compensation: Compensation{ContractedKW: math.NaN()},
		Sanctions:    Sanctions{YellowCards: DefaultYellowCards},
		Baseline:     DefaultBaseline,
		Holidays:     map[Date]bool{},
	}
}

// SeasonMonths are the months of a clause: "winter" (October–March),
// "summer" (April–September) or all.
func SeasonMonths(season string) [13]bool {
	var ms [13]bool
	for m := 1; m <= 12; m++ {
		winter := m <= 3 || m >= 10
		ms[m] = season == "" || (season == "winter") == winter
	}
	return ms
}

// TimeBlockClause is a CSC time block on working days in [from, to)
// minutes after local midnight.
func TimeBlockClause(name string, from, to int, maxKW float64, season string) Clause {
	return Clause{Form: TimeBlock, Name: name, Days: DaySet{Kind: "working", Spec: "working"},
		Months: SeasonMonths(season), Window: Window{From: from, To: to % 1440}, MaxKW: maxKW, FeedinMaxKW: math.NaN()}
}

// OnCallClause is a CSC on-call clause for flexKW, every day of the year.
func OnCallClause(name string, flexKW float64) Clause {
	return Clause{Form: OnCall, Name: name, FlexKW: flexKW, FeedinMaxKW: math.NaN(),
		Days: DaySet{Kind: "all", Spec: "all"}, Months: SeasonMonths("")}
}

// PayPerYear sets the fixed fee that pays eurPerYear on contractedKW (§6:
// fixed fee), so a contract year pays what the scan says is needed
// whatever its windows; without a price (unpriced sectors) the fee stays
// zero.
func (c *Contract) PayPerYear(eurPerYear, contractedKW float64) {
	if fee := FeePerKWYear(eurPerYear, contractedKW); fee > 0 {
		c.Compensation = Compensation{FixedEURPerKWYear: fee, ContractedKW: contractedKW}
	}
}

// ExportText is Export as text, for a report that carries the file.
func ExportText(c *Contract) (string, error) {
	data, err := Export(c)
	if err != nil {
		return "", fmt.Errorf("recommended contract: %w", err)
	}
	return string(data), nil
}
