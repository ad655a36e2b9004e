package usecase

import (
	"context"
	"fmt"
	"io/fs"

	"gridflex/area"
	"gridflex/scenario"
)

// AreaRequest names an area file (area/FORMAT.md) in Files.
type AreaRequest struct {
	Scenario *scenario.Scenario
	Files    fs.FS
	Area     string
}

// AreaQueue overrides the queue defaults of the scenario (area.margin,
// area.queue.*); nil keeps them.
type AreaQueue struct {
	Margin  *float64
	Rule    string // "" keeps the scenario's
	Partial *bool
}

// AreaShown is an area with what its contracts free.
type AreaShown struct {
	Area  *area.Area
	Freed *area.Freed
}

// AreaShow reads the area and computes the capacity its contracts free in
// the station's binding ISPs.
func AreaShow(ctx context.Context, req AreaRequest) (AreaShown, error) {
	if err := ctx.Err(); err != nil {
		return AreaShown{}, err
	}
	a, err := area.Parse(ctx, req.Files, req.Area, req.Scenario)
	if err != nil {
		return AreaShown{}, err
	}
	return AreaShown{Area: a, Freed: area.Free(a, req.Scenario)}, nil
}

// AreaReleaseRequest asks for the waiting list served from the reissuable
// capacity.
type AreaReleaseRequest struct {
	AreaRequest
	Queue AreaQueue
}

// AreaReleased is the area, its freed capacity and the release.
type AreaReleased struct {
	AreaShown
	Options area.ReleaseOptions
	Release *area.Release
}

// AreaRelease reissues freed × (1 − margin) to the waiting list.
func AreaRelease(ctx context.Context, req AreaReleaseRequest) (AreaReleased, error) {
	shown, err := AreaShow(ctx, req.AreaRequest)
	if err != nil {
		return AreaReleased{}, err
	}
	o, err := area.NewReleaseOptions(shown.Area, req.Scenario)
	if err != nil {
		return AreaReleased{}, err
	}
	if err := req.Queue.apply(&o); err != nil {
		return AreaReleased{}, err
	}
	f := shown.Freed
	return AreaReleased{AreaShown: shown, Options: o, Release: area.Reissue(shown.Area, f.FreedKW, f.MeanFreedKW(), o)}, nil
}

func (q AreaQueue) apply(o *area.ReleaseOptions) error {
	if q.Margin != nil {
		if !(*q.Margin >= 0 && *q.Margin <= 1) {
			return fmt.Errorf("margin %g: want a share between 0 and 1", *q.Margin)
		}
		o.Margin = *q.Margin
	}
	switch area.Rule(q.Rule) {
	case "":
	case area.FCFS, area.FirstFit:
		o.Rule = area.Rule(q.Rule)
	default:
		return fmt.Errorf("rule %q: want fcfs or first-fit", q.Rule)
	}
	if q.Partial != nil {
		o.Partial = *q.Partial
	}
	return nil
}

// AreaSimulateRequest asks for the overload risk until the reinforcement.
type AreaSimulateRequest struct {
	AreaReleaseRequest
	Runs    int // 0: area.monte_carlo_runs
	Seed    uint64
	Compare bool // also the study's proposals side by side
}

// AreaSimulation is the risk at the release's margin, the margin trade-off
// and, with Compare, the proposals.
type AreaSimulation struct {
	AreaReleased
	AtMargin  area.Risk       `json:"at_margin"`
	Tradeoff  *area.Tradeoff  `json:"tradeoff"`
	Proposals []area.Proposal `json:"proposals,omitempty"`
}

// AreaSimulate runs the Monte Carlo of the years until the reinforcement
// for every scanned margin and the release's margin in one pass (common
// random numbers); ctx stops it.
func AreaSimulate(ctx context.Context, req AreaSimulateRequest) (AreaSimulation, error) {
	rel, err := AreaRelease(ctx, req.AreaReleaseRequest)
	if err != nil {
		return AreaSimulation{}, err
	}
	sc, a, f := req.Scenario, rel.Area, rel.Freed
	o, err := area.NewSimOptions(a, sc)
	if err != nil {
		return AreaSimulation{}, err
	}
	o.Release, o.Seed = rel.Options, req.Seed
	if req.Runs != 0 {
		if req.Runs < 0 || req.Runs > 1_000_000 {
			return AreaSimulation{}, fmt.Errorf("runs %d: want 1 … 1,000,000", req.Runs)
		}
		o.Runs = req.Runs
	}
	step, target := sc.Value("area.margin_step"), sc.Value("area.overload_risk_target")
	ms := append(area.Margins(step), o.Release.Margin)
	sim, err := area.Simulate(ctx, a, f, ms, o)
	if err != nil {
		return AreaSimulation{}, err
	}
	out := AreaSimulation{AreaReleased: rel, AtMargin: sim.Risks[len(ms)-1], Tradeoff: area.ChooseMargin(sim, len(ms)-1, target)}
	sim.Risks = sim.Risks[:len(ms)-1]
	if req.Compare {
		ps := area.Policies(sc.Value("area.compare.term_years"), sc.Value("area.compare.opt_out_after_years"))
		if out.Proposals, err = area.Compare(ctx, a, f, ps, o.Release.Margin, step, target, o); err != nil {
			return AreaSimulation{}, err
		}
	}
	return out, nil
}
