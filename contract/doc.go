// Package contract evaluates congestion-management contracts (study §6)
// against quarter-hour meter data.
//
// A contract file (FORMAT.md) is decoded strictly into a Contract: a base
// contracted capacity (GTV) and clauses of the forms the study lists — time
// block (CBC-T / CSC time block), block power, TDTR, group and on call
// (CBC-A / CSC on call) — with a term, compensation and a sanction regime.
//
// Evaluation is staged:
//
//  1. Resolve turns a contract, a period and its calls into one Schedule:
//     per ISP the maximum offtake and feed-in in kW and the clause that sets
//     it. Days share precomputed profiles (one per weekday, holiday flag,
//     month and day length 92/96/100), so the hot loop compares two float32
//     slices.
//  2. Check compares a load series with the schedule: violations (merged
//     runs of exceeding ISPs), missing ISPs, freed capacity.
//  3. Settle applies the sanction regime (yellow cards, then penalties) and
//     the compensation, per month and per contract year.
//
// Evaluate runs all three. Delivered flexibility on calls is measured
// against a baseline (baseline.md). The package does no I/O beyond the
// readers it is given.
package contract
