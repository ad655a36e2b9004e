// Package area models a congested supply area (a station and the
// connections under it) the way study §6 asks grid operators to: the
// capacity that congestion-management contracts free in the station's
// binding ISPs, the share of it reissued to the waiting list under a
// safety margin, the order in which the waiting list gets it, and the risk
// that flexibility which turns out to be temporary (contracts of 2–5 years,
// opt-outs, non-compliance) overloads the station before it is reinforced.
//
// The package is staged like the contract package:
//
//  1. Parse reads an area file (FORMAT.md) and the files it names from an
//     fs.FS: the station's measured load (a meter file, or the sum of its
//     connections' meter data and declared profiles), the contracts
//     (contract.Parse), the waiting list with its priority categories and
//     load profiles. It does no other I/O.
//  2. Free computes what every contract in force frees in the binding ISPs,
//     from its clauses and, where meter data exists, from how it was kept.
//  3. Release hands reissuable = freed × (1 − margin) to the waiting list
//     under a queue rule and says, per request, its position, the kW ahead
//     of it, what it gets now and an estimated date.
//  4. Simulate runs the years until reinforcement as a seeded Monte Carlo
//     over contract ends, renewals, opt-outs, new contracts and violations,
//     and reports the overload risk per year; Tradeoff scans the margin and
//     picks the smallest one that keeps the risk under a target; Compare
//     runs the study's proposals on the same area.
//
// Defaults come from the scenario (scenario/nl-2026/area.yaml, keys area.*).
//
// The package computes and renders nothing; area/areaview turns its results
// into tables (text, CSV, Markdown, HTML).
package area
