package flexcall

import (
	"fmt"
	"math"
	"strings"

	"gridflex/series"
	"gridflex/uftp"
)

// Terms are a contract's settlement prices per MW of flex per ISP: what
// delivered flex earns and what undelivered ordered flex costs.
type Terms struct {
	PricePerMW   uftp.Amount
	PenaltyPerMW uftp.Amount
}

// perMW is watts × amount-per-MW, rounded half away from zero to the
// Amount's 4 decimals.
func perMW(w uftp.Watt, a uftp.Amount) uftp.Amount {
	return uftp.Amount(math.Round(float64(w) * float64(a) / 1e6))
}

// SettleISP applies the settlement rule (doc.go) to one ISP: ordered flex
// O, the baseline and the allocated actual power, all in W.
func SettleISP(start int, baseline, ordered, actual uftp.Watt, t Terms) (isp uftp.SettlementISP, price, penalty uftp.Amount) {
	delivered := actual - baseline
	isp = uftp.SettlementISP{Start: start, BaselinePower: baseline, OrderedFlexPower: ordered, ActualPower: actual, DeliveredFlexPower: delivered}
	if ordered == 0 {
		return isp, 0, 0
	}
	o, d := ordered, delivered
	if o < 0 {
		o, d = -o, -d
	}
	paid := min(max(d, 0), o)
	isp.PowerDeficiency = max(o-d, 0)
	return isp, perMW(paid, t.PricePerMW), perMW(isp.PowerDeficiency, t.PenaltyPerMW)
}

// Settle is the FlexOrderSettlement of an order: one ISP element per
// ordered ISP, from the contract's baseline and the allocated meter data
// (index ISP−1 of the order's day, W), with Price, Penalty and
// NetSettlement = Price − Penalty.
func Settle(order *uftp.FlexOrder, baselineW, actualW []uftp.Watt, t Terms) (uftp.FlexOrderSettlement, error) {
	n := uftp.ISPsIn(order.Period)
	if len(baselineW) != n || len(actualW) != n {
		return uftp.FlexOrderSettlement{}, fmt.Errorf("order %s: %s has %d ISPs, got %d baseline and %d actual values",
			order.OrderReference, order.Period, n, len(baselineW), len(actualW))
	}
	s := uftp.FlexOrderSettlement{
		OrderReference: order.OrderReference, Period: order.Period, ContractID: order.ContractID,
		BaselineReference: order.BaselineReference, CongestionPoint: order.CongestionPoint,
	}
	for k, o := range powers(order.Period, order.ISPs) {
		if o == 0 {
			continue
		}
		isp, price, penalty := SettleISP(k+1, baselineW[k], o, actualW[k], t)
		s.ISPs = append(s.ISPs, isp)
		s.Price += price
		s.Penalty += penalty
	}
	if len(s.ISPs) == 0 {
		return s, fmt.Errorf("order %s orders no flex: nothing to settle", order.OrderReference)
	}
	s.NetSettlement = s.Price - s.Penalty
	return s, nil
}

// DayWatts reads the ISPs of a Period from a meter or baseline series (kW)
// as whole watts. A missing ISP is an error, never filled.
func DayWatts(s series.Series, day uftp.Date) ([]uftp.Watt, error) {
	n := uftp.ISPsIn(day)
	w := make([]uftp.Watt, n)
	for k := range w {
		t := uftp.ISPStart(day, k+1)
		i, ok := s.Index(t)
		if !ok || s.Missing(i) {
			return nil, fmt.Errorf("%s ISP %d (%s): no value", day, k+1, t.Format("2006-01-02T15:04Z"))
		}
		w[k] = kwToW(float64(s.KW[i]))
	}
	return w, nil
}

// Verdict is the CSP's check of one FlexOrderSettlement.
type Verdict struct {
	Status      uftp.FlexOrderSettlementStatus
	Differences []string // empty when accepted
	Expected    uftp.FlexOrderSettlement
}

// maxListed bounds the differences quoted in a DisputeReason.
const maxListed = 5

// Check recomputes a DSO's FlexOrderSettlement with the company's own
// meter data (ownActualW, index ISP−1) and the DSO's baseline, and
// accepts it or disputes it with the differences: ordered flex other than
// the order's, an allocation more than tolW from the own meter, delivered
// flex or deficiency not following from the numbers, and amounts other
// than the contract's terms give (to the cent). Within tolW the DSO's
// allocation stands; beyond it the amounts are recomputed with the own
// meter, which Expected holds.
func Check(got uftp.FlexOrderSettlement, order *uftp.FlexOrder, ownActualW []uftp.Watt, t Terms, tolW uftp.Watt) Verdict {
	var diffs []string
	add := func(format string, a ...any) { diffs = append(diffs, fmt.Sprintf(format, a...)) }
	ordered := powers(order.Period, order.ISPs)
	n := len(ordered)
	if got.Period != order.Period || got.OrderReference != order.OrderReference {
		add("settles %s %s, the order is %s %s", got.OrderReference, got.Period, order.OrderReference, order.Period)
	}
	baseline := make([]uftp.Watt, n)
	// judged is the actual power the amounts are recomputed with: the DSO's
	// allocation where the own meter agrees within tolW, else the own meter.
	judged := append([]uftp.Watt(nil), ownOr(ownActualW, n)...)
	seen := make([]bool, n)
	for _, isp := range got.ISPs {
		for k := isp.Start - 1; k < isp.Start-1+isp.Duration.Value(); k++ {
			if k < 0 || k >= n {
				add("ISP %d is outside %s", k+1, order.Period)
				continue
			}
			seen[k] = true
			baseline[k] = isp.BaselinePower
			if isp.OrderedFlexPower != ordered[k] {
				add("ISP %d: ordered %d W, the order says %d W", k+1, isp.OrderedFlexPower, ordered[k])
			}
			if k < len(ownActualW) {
				if d := isp.ActualPower - ownActualW[k]; d > tolW || d < -tolW {
					add("ISP %d: allocated %d W, our meter reads %d W", k+1, isp.ActualPower, ownActualW[k])
				} else {
					judged[k] = isp.ActualPower
				}
			}
			want, _, _ := SettleISP(k+1, isp.BaselinePower, ordered[k], isp.ActualPower, t)
			if isp.DeliveredFlexPower != want.DeliveredFlexPower || isp.PowerDeficiency != want.PowerDeficiency {
				add("ISP %d: delivered %d W and deficiency %d W, the numbers give %d W and %d W", k+1,
					isp.DeliveredFlexPower, isp.PowerDeficiency, want.DeliveredFlexPower, want.PowerDeficiency)
			}
		}
	}
	for k, o := range ordered {
		if o != 0 && !seen[k] {
			add("ISP %d: ordered %d W but not settled", k+1, o)
		}
	}
	if len(ownActualW) != n {
		add("own meter data has %d ISPs, %s has %d", len(ownActualW), order.Period, n)
	}
	exp, err := Settle(order, baseline, judged, t)
	if err != nil {
		add("%v", err)
	}
	const cent = uftp.AmountScale / 100
	for _, a := range []struct {
		name      string
		got, want uftp.Amount
	}{{"Price", got.Price, exp.Price}, {"Penalty", got.Penalty, exp.Penalty}, {"NetSettlement", got.NetSettlement, exp.NetSettlement}} {
		if d := a.got - a.want; d > cent || d < -cent {
			add("%s %s, our meter data and the contract give %s", a.name, a.got, a.want)
		}
	}
	if got.Price-got.Penalty != got.NetSettlement {
		add("NetSettlement %s is not Price − Penalty = %s", got.NetSettlement, got.Price-got.Penalty)
	}
	v := Verdict{Differences: diffs, Expected: exp,
		Status: uftp.FlexOrderSettlementStatus{OrderReference: got.OrderReference, Disposition: uftp.Accepted}}
	if len(diffs) > 0 {
		v.Status.Disposition = uftp.Disputed
		listed := diffs[:min(len(diffs), maxListed)]
		v.Status.DisputeReason = strings.Join(listed, "; ")
		if len(diffs) > maxListed {
			v.Status.DisputeReason += fmt.Sprintf("; and %d more", len(diffs)-maxListed)
		}
	}
	return v
}

// ownOr returns the own meter values, or zeros of the day's length when
// they are short (Check has already said so).
func ownOr(w []uftp.Watt, n int) []uftp.Watt {
	if len(w) == n {
		return w
	}
	return make([]uftp.Watt, n)
}

// Settlement assembles the FlexSettlement message of a period from order
// settlements and contract settlements (the schema needs at least one of
// each).
func Settlement(env Envelope, from, to uftp.Date, orders []uftp.FlexOrderSettlement, contracts []uftp.ContractSettlement) *uftp.FlexSettlement {
	return &uftp.FlexSettlement{
		Response:    uftp.Response{Header: env.header(""), Result: uftp.Accepted},
		PeriodStart: from, PeriodEnd: to, Currency: "EUR", Orders: orders, Contracts: contracts,
	}
}

// ContractDay is one day of a ContractSettlement: per ISP the reserved
// flex (the contract's MaxKW) and, where the request asked for flex, what
// was requested and ordered.
func ContractDay(c Contract, req *uftp.FlexRequest, order *uftp.FlexOrder) uftp.ContractSettlementPeriod {
	p := uftp.ContractSettlementPeriod{Period: req.Period}
	var ordered []uftp.Watt
	if order != nil {
		ordered = powers(order.Period, order.ISPs)
	}
	reserved := kwToW(c.MaxKW)
	for _, isp := range req.ISPs {
		for k := isp.Start - 1; k < isp.Start-1+isp.Duration.Value(); k++ {
			row := uftp.ContractSettlementISP{Start: k + 1, ReservedPower: reserved}
			if isp.Disposition == uftp.Requested {
				r := isp.MaxPower
				if -isp.MinPower < isp.MaxPower {
					r = isp.MinPower
				}
				row.RequestedPower = &r
				if ordered != nil && k < len(ordered) {
					o := ordered[k]
					row.OrderedPower = &o
				}
			}
			p.ISPs = append(p.ISPs, row)
		}
	}
	return p
}
