package contract

import "math"

// Headroom is the margin a recommended time-block limit keeps above the
// load the recommending scan plans in the window, so that a meter that
// follows the plan, with the noise of a real day, stays within the limit
// (scenario contract.headroom_*). The planned load is taken with zero PV
// output: a limit must hold on a cloudy day.
type Headroom struct {
	Share float64 // of the planned load
	MinKW float64 // at least this many kW
}

// LimitKW is the limit for a planned highest load in a window: the load
// plus the larger of Share × load and MinKW, rounded up to a whole kW.
// ok is false when that limit would not lie below baseKW: the window
// then frees nothing and needs no time block.
func (h Headroom) LimitKW(plannedKW, baseKW float64) (limitKW float64, ok bool) {
	planned := math.Max(0, plannedKW)
	limitKW = math.Ceil(planned + math.Max(h.Share*planned, h.MinKW) - 1e-9)
	return limitKW, limitKW < baseKW
}

// FeePerKWYear is the fixed fee per kW and contract year that pays
// eurPerYear on contractedKW, rounded to 10⁻⁶ €/kW·yr so that a contract
// year pays eurPerYear to the cent for any realistic contracted kW (the
// study's fixed fee, §6).
func FeePerKWYear(eurPerYear, contractedKW float64) float64 {
	if contractedKW <= 0 || eurPerYear <= 0 {
		return 0
	}
	return math.Round(eurPerYear/contractedKW*1e6) / 1e6
}
