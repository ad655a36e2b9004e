package usecase

import (
	"context"
	"os"
	"testing"

	"gridflex/scenario"
)

func TestAreaUseCases(t *testing.T) {
	req := AreaRequest{Scenario: scenario.Default(), Files: os.DirFS("../area/testdata/study"), Area: "area.yaml"}
	margin := 0.2
	rel, err := AreaRelease(context.Background(), AreaReleaseRequest{AreaRequest: req, Queue: AreaQueue{Margin: &margin, Rule: "first-fit"}})
	if err != nil {
		t.Fatal(err)
	}
	if rel.Release.ReissuableKW != 800 || rel.Release.Rule != "first-fit" {
		t.Errorf("AreaRelease(margin 0.2, first-fit) = %g kW, %s; want 800, first-fit", rel.Release.ReissuableKW, rel.Release.Rule)
	}
	bad := 1.5
	if _, err := AreaRelease(context.Background(), AreaReleaseRequest{AreaRequest: req, Queue: AreaQueue{Margin: &bad}}); err == nil {
		t.Error("margin 1.5 accepted")
	}
	sim, err := AreaSimulate(context.Background(), AreaSimulateRequest{AreaReleaseRequest: AreaReleaseRequest{AreaRequest: req}, Runs: 20, Seed: 3, Compare: true})
	if err != nil {
		t.Fatal(err)
	}
	if sim.AtMargin.Margin != 0.5 || len(sim.Proposals) != 8 || len(sim.Tradeoff.Simulation.Risks) != 21 {
		t.Errorf("AreaSimulate: margin %g, %d proposals, %d margins; want 0.5, 8, 21", sim.AtMargin.Margin, len(sim.Proposals), len(sim.Tradeoff.Simulation.Risks))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := AreaSimulate(ctx, AreaSimulateRequest{AreaReleaseRequest: AreaReleaseRequest{AreaRequest: req}}); err == nil {
		t.Error("AreaSimulate with a cancelled context succeeded")
	}
}
