package wire

import (
	"gridflex/charging"
	"gridflex/compensation"
	"gridflex/report"
)

// CompensationExplanation is `explain battery --format json`.
type CompensationExplanation = compensation.Explanation

// ExplainID is one entry of `explain --format json` without an id.
type ExplainID struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
}

// Report is the one site report of every sector (`scan --format json` of
// an office climate, chemistry or datacenter site).
type Report = report.Document

// ChargingScan is `scan --format json` of a charging site: the charging
// result's keys stay at the top level (issue 5's consumers read them); the
// report is one extra key.
type ChargingScan struct {
	charging.Result
	Report Report `json:"report"`
}
