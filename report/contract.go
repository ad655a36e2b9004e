package report

import (
	"fmt"
	"math"
	"time"

	"gridflex/contract"
	"gridflex/scenario"
)

// ContractInfo is what a site file says about its connection, for the
// recommended contract.
type ContractInfo struct {
	Connection string    // EAN; "unknown" when not given
	Name       string    // site name
	BaseKW     float64   // contracted capacity (GTV)
	Start      time.Time // first day of the contract
	Years      int       // fixed term (§6 proposal 1: 2–5 years)
}

// headroom is the margin of every recommended time-block limit above the
// planned load (scenario contract.headroom_*).
func headroom(s *scenario.Scenario) contract.Headroom {
	return contract.Headroom{Share: s.Value("contract.headroom_share"), MinKW: s.Value("contract.headroom_min_kw")}
}

// recommended is a contract under construction: the connection, a fixed
// term of ci.Years years (§6 proposal 1) and the study's yellow cards.
func recommended(ci ContractInfo) *contract.Contract {
	conn := ci.Connection
	if conn == "" {
		conn = "unknown"
	}
	start := contract.DateOf(ci.Start)
	return &contract.Contract{
		Connection: conn, Name: ci.Name, BaseKW: ci.BaseKW, FeedinKW: math.Inf(1),
		Term:         contract.Term{Start: start, End: start.AddYears(max(ci.Years, 1)).AddDays(-1)},
		Compensation: contract.Compensation{ContractedKW: math.NaN()},
		Sanctions:    contract.Sanctions{YellowCards: contract.DefaultYellowCards},
		Baseline:     contract.DefaultBaseline,
		Holidays:     map[contract.Date]bool{},
	}
}

// seasonMonths are the months of a clause: "winter" (October–March),
// "summer" (April–September) or all.
func seasonMonths(season string) [13]bool {
	var ms [13]bool
	for m := 1; m <= 12; m++ {
		winter := m <= 3 || m >= 10
		ms[m] = season == "" || (season == "winter") == winter
	}
	return ms
}

// timeBlock is a CSC time block on working days in [from, to) minutes.
func timeBlock(name string, from, to int, maxKW float64, season string) contract.Clause {
	return contract.Clause{Form: contract.TimeBlock, Name: name, Days: contract.DaySet{Kind: "working", Spec: "working"},
		Months: seasonMonths(season), Window: contract.Window{From: from, To: to % 1440}, MaxKW: maxKW, FeedinMaxKW: math.NaN()}
}

// onCall is a CSC on-call clause for flexKW.
func onCall(name string, flexKW float64) contract.Clause {
	return contract.Clause{Form: contract.OnCall, Name: name, FlexKW: flexKW, FeedinMaxKW: math.NaN(),
		Days: contract.DaySet{Kind: "all", Spec: "all"}, Months: seasonMonths("")}
}

// pay sets the fixed fee that pays eurPerYear on contractedKW (§6: fixed
// fee), so a contract year pays what the scan says is needed whatever its
// windows; without a price (unpriced sectors) the fee is zero.
func pay(c *contract.Contract, eurPerYear, contractedKW float64) {
	if fee := contract.FeePerKWYear(eurPerYear, contractedKW); fee > 0 {
		c.Compensation = contract.Compensation{FixedEURPerKWYear: fee, ContractedKW: contractedKW}
	}
}

// contractFile writes a recommended contract with the one contract
// encoder (contract.Export: typed, a finite term, names kept as strings).
func contractFile(c *contract.Contract) (string, error) {
	data, err := contract.Export(c)
	if err != nil {
		return "", fmt.Errorf("recommended contract: %w", err)
	}
	return string(data), nil
}

// clock formats minutes after midnight as "HH:MM".
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
