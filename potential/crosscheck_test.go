package potential

import (
	"strings"
	"testing"

	"gridflex/scenario"
)

// TestNoParameterSilentlyIgnored is a property over every potential
// parameter: either changing it moves some result (a minimum, maximum or
// point of a measure, sector or total), or its description says it is
// "cross-check only" so that `gridflex params` does not promise an effect
// (§1.4 charger ways, §2.1 capacity derivation).
func TestNoParameterSilentlyIgnored(t *testing.T) {
	base := scenario.Default()
	// Some inputs matter only when others are non-zero (heat need of labels
	// without heat pumps, floor area of unlabelled offices), so each is
	// also tried in a scenario where every label has heat pumps and needs.
	allOn := base
	for _, l := range labels {
		allOn = allOn.With("offices.heating.heat_pump_share."+l, 0.3)
		allOn = allOn.With("offices.universe."+l+".heat_kwh_per_m2", 50)
		allOn = allOn.With("offices.universe."+l+".cooling_kwh_per_m2", 50)
	}
	for _, p := range base.Params() {
		if p.Model != "potential" {
			continue
		}
		v := p.Value*0.5 + 0.1
		if p.Domain == scenario.Fraction {
			v = 0.5 * p.Value
			if p.Value == 0 {
				v = 0.5
			}
		}
		moves := false
		for _, ctx := range []*scenario.Scenario{base, allOn} {
			b0, b := bound(ctx), bound(ctx.With(p.Key, v))
			for i := range nOut {
				if !same(b.min[i], b0.min[i]) || !same(b.max[i], b0.max[i]) || !same(b.point[i], b0.point[i]) {
					moves = true
				}
			}
		}
		only := strings.Contains(p.Description, "cross-check only")
		switch {
		case !moves && !only:
			t.Errorf("%s=%g moves no result, but its description does not say \"cross-check only\": %q", p.Key, v, p.Description)
		case moves && only:
			t.Errorf("%s=%g moves a result, but its description says \"cross-check only\": %q", p.Key, v, p.Description)
		}
	}
}
