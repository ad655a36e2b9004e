package usecase

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gridflex/compensation"
	"gridflex/potential"
	"gridflex/scenario"
)

// ParamsRequest asks for the parameters of a scenario.
type ParamsRequest struct {
	Scenario *scenario.Scenario
	Prefix   string // only keys starting with it; "" for all
}

// Params lists the parameters of the scenario whose key starts with the
// prefix, in the scenario's order.
func Params(req ParamsRequest) []scenario.Param {
	var ps []scenario.Param
	for _, p := range req.Scenario.Params() {
		if strings.HasPrefix(p.Key, req.Prefix) {
			ps = append(ps, p)
		}
	}
	return ps
}

// PotentialRequest asks for Table 0.1 (§5).
type PotentialRequest struct {
	Scenario *scenario.Scenario
	// WithDatacenters adds datacenter cooling (§4) to the national total.
	WithDatacenters bool
}

// Potential is the national and sector potential.
func Potential(ctx context.Context, req PotentialRequest) (potential.Result, error) {
	if err := ctx.Err(); err != nil {
		return potential.Result{}, err
	}
	return potential.EvaluateWith(req.Scenario, potential.Options{WithDatacenters: req.WithDatacenters}), nil
}

// MonteCarloRequest asks for percentiles of Table 0.1 over N samples of
// every ranged input.
type MonteCarloRequest struct {
	Scenario        *scenario.Scenario
	N               int
	Seed            uint64
	WithDatacenters bool
	// Progress, if set, is called with the samples done so far.
	Progress func(done int)
}

// MonteCarlo samples the potential model; ctx stops it.
func MonteCarlo(ctx context.Context, req MonteCarloRequest) (potential.MonteCarloResult, error) {
	return potential.MonteCarlo(ctx, req.Scenario, potential.MonteCarloOptions{
		N: req.N, Seed: req.Seed, WithDatacenters: req.WithDatacenters, Progress: req.Progress})
}

// ExplainRequest asks for the derivation of one measure, sector, the
// total (potential.ExplainIDs) or a compensation reference
// (compensation.ExplainIDs).
type ExplainRequest struct {
	Scenario        *scenario.Scenario
	ID              string
	WithDatacenters bool
}

// ExplainResult is one of the two kinds of derivation.
type ExplainResult struct {
	Potential    *potential.Explanation    // a measure, sector or the total
	Compensation *compensation.Explanation // a compensation reference (battery)
}

// ExplainIDs are the ids Explain accepts: the potential model's measures,
// sectors and total, and the compensation references.
func ExplainIDs() []string {
	return append(potential.ExplainIDs(), compensation.ExplainIDs()...)
}

// ExplainID is an id Explain accepts and what it is.
type ExplainID struct{ ID, Kind string }

// ExplainKinds lists ExplainIDs with their kind: measure, sector, total or
// compensation reference.
func ExplainKinds() []ExplainID {
	kind := map[string]string{"total": "total"}
	for _, id := range potential.MeasureIDs() {
		kind[id] = "measure"
	}
	for _, id := range potential.SectorIDs() {
		kind[id] = "sector"
	}
	for _, id := range compensation.ExplainIDs() {
		kind[id] = "compensation reference"
	}
	var out []ExplainID
	for _, id := range ExplainIDs() {
		out = append(out, ExplainID{id, kind[id]})
	}
	return out
}

// Explain is the derivation chain of req.ID; a measure's notes include
// what the study's own numbers say against its compensation (§2.3).
func Explain(ctx context.Context, req ExplainRequest) (ExplainResult, error) {
	if err := ctx.Err(); err != nil {
		return ExplainResult{}, err
	}
	s := req.Scenario
	if slices.Contains(compensation.ExplainIDs(), req.ID) {
		e, err := compensation.Explain(s, req.ID)
		if err != nil {
			return ExplainResult{}, err
		}
		return ExplainResult{Compensation: &e}, nil
	}
	e, err := potential.Explain(s, req.ID, potential.Options{WithDatacenters: req.WithDatacenters})
	if err != nil {
		if errors.Is(err, potential.ErrUnknownID) {
			err = fmt.Errorf("%w; or one of %s", err, strings.Join(compensation.ExplainIDs(), ", "))
		}
		return ExplainResult{}, err
	}
	e.Notes = append(e.Notes, compensation.FindingsFor(s, req.ID)...)
	return ExplainResult{Potential: &e}, nil
}

// SensitivityRequest asks for the inputs ranked by their swing of the
// national total.
type SensitivityRequest struct {
	Scenario        *scenario.Scenario
	WithDatacenters bool
}

// Sensitivity ranks the ranged inputs (tornado data); ctx stops it.
func Sensitivity(ctx context.Context, req SensitivityRequest) (potential.Sensitivity, error) {
	return potential.Sensitivities(ctx, req.Scenario, potential.Options{WithDatacenters: req.WithDatacenters})
}
