package area

import (
	"fmt"
	"math"
	"sort"

	"gridflex/scenario"
)

// Rule is the order in which the waiting list gets capacity.
type Rule string

// Queue rules (FORMAT.md, "Release").
const (
	// FCFS is strict first-come-first-served: a request that does not fit
	// blocks every request behind it.
	FCFS Rule = "fcfs"
	// FirstFit skips a request that does not fit and serves the next one
	// that does.
	FirstFit Rule = "first-fit"
)

// Offer statuses.
const (
	Granted = "granted" // gets all it asked
	Partial = "partial" // gets part now, waits for the rest
	Waiting = "waiting" // gets nothing now
)

// ReleaseOptions steer Release; NewReleaseOptions reads the defaults.
type ReleaseOptions struct {
	Margin  float64 // share of the freed capacity kept back (§6: 0.5)
	Rule    Rule
	Partial bool // offer part of a request when the whole does not fit
	// NewContractsPerYear and NewContractKW estimate how fast contracts
	// signed later free more capacity (for the estimated dates).
	NewContractsPerYear float64
}

// NewReleaseOptions reads the area.* defaults of sc; the area's own margin
// wins over area.margin.
func NewReleaseOptions(a *Area, sc *scenario.Scenario) (ReleaseOptions, error) {
	o := ReleaseOptions{Margin: sc.Value("area.margin"), Rule: FCFS,
		Partial: sc.Value("area.queue.partial_offers") == 1, NewContractsPerYear: sc.Value("area.new_contracts_per_year")}
	if !math.IsNaN(a.Margin) {
		o.Margin = a.Margin
	}
	switch ff := sc.Value("area.queue.first_fit"); ff {
	case 0:
	case 1:
		o.Rule = FirstFit
	default:
		return o, fmt.Errorf("area.queue.first_fit = %g: want 0 (strict first-come-first-served) or 1 (first-fit)", ff)
	}
	if p := sc.Value("area.queue.partial_offers"); p != 0 && p != 1 {
		return o, fmt.Errorf("area.queue.partial_offers = %g: want 0 (whole requests only) or 1 (partial offers)", p)
	}
	return o, nil
}

// Offer is what one request on the waiting list is told (what Dutch courts
// require an operator to tell a waiting party: its place, what is ahead of
// it, what it gets and when).
type Offer struct {
	ID        string  `json:"id"`
	Name      string  `json:"name,omitempty"`
	Category  string  `json:"category"`
	Requested string  `json:"requested"`
	Position  int     `json:"position"` // 1 = first in line
	OfftakeKW float64 `json:"offtake_kw"`
	FeedinKW  float64 `json:"feedin_kw"`
	// AheadOfftakeKW and AheadFeedinKW are requested by those ahead.
	AheadOfftakeKW   float64 `json:"ahead_offtake_kw"`
	AheadFeedinKW    float64 `json:"ahead_feedin_kw"`
	GrantedOfftakeKW float64 `json:"granted_offtake_kw"`
	GrantedFeedinKW  float64 `json:"granted_feedin_kw"`
	Status           string  `json:"status"`
	// Estimate is the date by which the request is expected to be served
	// in full, or "" when not even the reinforcement is expected to serve
	// it; EstimateBasis says why.
	Estimate      string `json:"estimate,omitempty"`
	EstimateBasis string `json:"estimate_basis"`

	request int // index in Area.Requests
}

// Release is the waiting list served from the reissuable capacity.
type Release struct {
	Rule                Rule    `json:"rule"`
	Partial             bool    `json:"partial_offers"`
	Margin              float64 `json:"margin"`
	FreedKW             float64 `json:"freed_kw"`
	ReissuableKW        float64 `json:"reissuable_kw"` // FreedKW × (1 − Margin)
	FeedinAvailableKW   float64 `json:"feedin_available_kw"`
	GrantedOfftakeKW    float64 `json:"granted_offtake_kw"`
	GrantedFeedinKW     float64 `json:"granted_feedin_kw"`
	RequestedOfftakeKW  float64 `json:"requested_offtake_kw"`
	NewReissuableKWYear float64 `json:"new_reissuable_kw_per_year"`
	Offers              []Offer `json:"offers"`
}

// Order returns the indexes of the requests in queue order: priority
// category, then the date of the complete request, then the identifier.
func Order(rs []Request) []int {
	idx := make([]int, len(rs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := rs[idx[i]], rs[idx[j]]
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		if a.Requested != b.Requested {
			return a.Requested.Before(b.Requested)
		}
		return a.ID < b.ID
	})
	return idx
}

// Allocate serves requests in queue order from offtakeKW and feedinKW
// under rule; partial allows an offer of part of a request (in proportion
// in both directions). It returns the granted kW per request (by index).
func Allocate(rs []Request, offtakeKW, feedinKW float64, rule Rule, partial bool) (grantOff, grantFeed []float64) {
	grantOff, grantFeed = make([]float64, len(rs)), make([]float64, len(rs))
	const eps = 1e-9
	for _, i := range Order(rs) {
		r := rs[i]
		share := 1.0
		if r.OfftakeKW > 0 {
			share = math.Min(share, offtakeKW/r.OfftakeKW)
		}
		if r.FeedinKW > 0 {
			share = math.Min(share, feedinKW/r.FeedinKW)
		}
		share = math.Max(share, 0)
		if share >= 1-eps {
			share = 1
		} else if !partial {
			share = 0
		}
		grantOff[i], grantFeed[i] = share*r.OfftakeKW, share*r.FeedinKW
		offtakeKW -= grantOff[i]
		feedinKW -= grantFeed[i]
		if share < 1 && rule == FCFS {
			break
		}
	}
	return grantOff, grantFeed
}

// Reissue serves the waiting list from FreedKW × (1 − margin).
func Reissue(a *Area, freedKW, meanContractKW float64, o ReleaseOptions) *Release {
	rel := &Release{Rule: o.Rule, Partial: o.Partial, Margin: o.Margin, FreedKW: freedKW,
		ReissuableKW: freedKW * (1 - o.Margin), FeedinAvailableKW: a.Station.FeedinAvailableKW}
	rel.NewReissuableKWYear = o.NewContractsPerYear * meanContractKW * (1 - o.Margin)
	off, feed := Allocate(a.Requests, rel.ReissuableKW, rel.FeedinAvailableKW, o.Rule, o.Partial)
	var aheadOff, aheadFeed float64
	for pos, i := range Order(a.Requests) {
		r := a.Requests[i]
		of := Offer{ID: r.ID, Name: r.Name, Category: r.Category, Requested: r.Requested.String(), Position: pos + 1,
			OfftakeKW: r.OfftakeKW, FeedinKW: r.FeedinKW, AheadOfftakeKW: aheadOff, AheadFeedinKW: aheadFeed,
			GrantedOfftakeKW: off[i], GrantedFeedinKW: feed[i], request: i}
		switch {
		case off[i] >= r.OfftakeKW-1e-9 && feed[i] >= r.FeedinKW-1e-9:
			of.Status = Granted
			of.Estimate, of.EstimateBasis = a.AsOf.String(), "served now from reissued capacity"
		case off[i] > 0 || feed[i] > 0:
			of.Status = Partial
		default:
			of.Status = Waiting
		}
		if of.Status != Granted {
			of.Estimate, of.EstimateBasis = estimate(a, rel, aheadOff+r.OfftakeKW, r.FeedinKW > 0)
		}
		rel.GrantedOfftakeKW += off[i]
		rel.GrantedFeedinKW += feed[i]
		rel.RequestedOfftakeKW += r.OfftakeKW
		aheadOff += r.OfftakeKW
		aheadFeed += r.FeedinKW
		rel.Offers = append(rel.Offers, of)
	}
	return rel
}

// estimate dates the day a request is served in full when everything up to
// and including it (needKW, in queue order) is: from contracts signed later
// at the expected rate, else at the reinforcement if it adds enough.
func estimate(a *Area, rel *Release, needKW float64, feedin bool) (string, string) {
	short := needKW - rel.ReissuableKW
	if feedin {
		return "", "flex contracts on offtake free no feed-in capacity; no date can be given"
	}
	if rel.NewReissuableKWYear > 0 {
		days := int(math.Ceil(short / rel.NewReissuableKWYear * 365.25))
		if d := a.AsOf.AddDays(days); d.Before(a.Reinforcement.Date) {
			return d.String(), fmt.Sprintf("%.0f kW short, new contracts reissue about %.0f kW a year", short, rel.NewReissuableKWYear)
		}
	}
	if needKW <= rel.ReissuableKW+a.Reinforcement.OfftakeKW {
		return a.Reinforcement.Date.String(), fmt.Sprintf("the reinforcement on %s adds %.0f kW", a.Reinforcement.Date, a.Reinforcement.OfftakeKW)
	}
	return "", fmt.Sprintf("%.0f kW requested up to here exceed the reissuable capacity and the reinforcement's %.0f kW", needKW, a.Reinforcement.OfftakeKW)
}
