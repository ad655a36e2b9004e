// Package flexcall holds the decisions on both sides of a UFTP call of
// on-call contracts (CBC-A, CSC on call), as pure functions of messages,
// forecasts and meter data; it sends nothing and stores nothing.
//
// Operator (DSO) side:
//
//   - FromArea and FromContract: the decision's input from an area file's
//     station capacity and on-call contracts (packages area, contract).
//   - Decide: from an area's day-ahead forecast, its station capacity and
//     its on-call contracts, the cheapest set of calls (activation fee per
//     call plus €/MWh) that keeps every ISP under capacity; exact branch
//     and bound over contract sets.
//   - Request: a FlexRequest per call, the reduction per ISP as Requested
//     negative power in W, every other ISP of the day Available.
//   - Accept and Order: check an offer against the request and order its
//     option.
//   - SettleISP and Settle: the settlement rule per ISP (below) and the
//     FlexOrderSettlement of an order from baseline and allocated meter
//     data.
//
// Company (CSP/AGR) side:
//
//   - MirrorOffer: the offer GOPACS expects for a contract-based call, the
//     request mirrored at price 0.
//   - Limit: an order as the connection's limit per ISP for the day;
//     Recharge: for a charging site, a new schedule under that limit from
//     the exact scheduler and its OCPP profiles.
//   - Check: a FlexOrderSettlement recomputed from the company's own meter
//     data; Accepted, or Disputed with the differences.
//
// Sign convention (UFTP): power and flex power in W, positive = more
// offtake; DeliveredFlexPower = ActualPower − BaselinePower, so a
// reduction is negative. The settlement rule per ISP, for ordered flex O,
// delivered flex D in the ordered direction d = D·sign(O):
//
//	paid       = clamp(d, 0, |O|)          price   = paid × €/MW
//	deficiency = max(0, |O| − d)           penalty = deficiency × €/MW
//	net        = price − penalty
//
// With a baseline of 10 MW, 2 MW ordered down, 7 €/MW and a penalty of
// 11 €/MW, allocations of 7, 8, 9, 10 and 11 MW settle at 14, 14, −4, −22
// and −33 € (TestSettleGolden).
package flexcall
