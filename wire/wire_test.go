package wire

import (
	"bytes"
	"context"
	"testing"

	"gridflex/potential"
	"gridflex/scenario"
)

// sameJSON checks that a document encodes to the bytes its domain result
// did when the domain struct was the wire format: the keys, their order
// and null/omitted fields stay as the CLI's golden tests pin them.
func sameJSON(t *testing.T, name string, domain, doc any) {
	t.Helper()
	var a, b bytes.Buffer
	if err := Write(&a, domain); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, doc); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("%s: wire document differs from the domain result's JSON:\n%s\nwant\n%s", name, b.String(), a.String())
	}
}

func TestPotentialDocumentsKeepTheirKeys(t *testing.T) {
	s := scenario.Default()
	for _, dc := range []bool{false, true} {
		r := potential.EvaluateWith(s, potential.Options{WithDatacenters: dc})
		sameJSON(t, "potential", r, FromPotential(r))
		sens, err := potential.Sensitivities(context.Background(), s, potential.Options{WithDatacenters: dc})
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "sensitivity", sens, FromSensitivity(sens))
		for _, id := range potential.ExplainIDs() {
			e, err := potential.Explain(s, id, potential.Options{WithDatacenters: dc})
			if err != nil {
				t.Fatal(err)
			}
			sameJSON(t, "explain "+id, e, FromExplanation(e))
		}
	}
	mc, err := potential.MonteCarlo(context.Background(), s, potential.MonteCarloOptions{N: 200, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	sameJSON(t, "monte carlo", mc, FromMonteCarlo(mc))
}
