package charging

import (
	"encoding/json"
	"math"
	"os"
	"testing"

	"gridflex/scenario"
)

func mustSite(t *testing.T, name string, data []byte) Site {
	t.Helper()
	s, err := ParseSite(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Study §3 worked example: 80 kW, 3 trucks × 290 kWh, 50 kW chargers → 87 kW
// (~90 kW); compensation €111/MWh.
func TestScanStudyExample(t *testing.T) {
	data, err := os.ReadFile("testdata/study.good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	site := mustSite(t, "study.good.yaml", data)
	r, err := Scan(site, scenario.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(r, "", " ")
	t.Logf("%s", b)
	if r.MinNightCapacityKW != 87 {
		t.Errorf("MinNightCapacityKW = %v, want exactly 87 (§3)", r.MinNightCapacityKW)
	}
	if r.RecommendedCapacityKW != 90 {
		t.Errorf("RecommendedCapacityKW = %v, want 90 (§3 ~90 kW)", r.RecommendedCapacityKW)
	}
	if !near(r.CompensationEURPerMWh, 111, 0.01) || !near(r.CompensationRuleEURPerMWh, 111, 0.01) {
		t.Errorf("compensation = %v / %v €/MWh, want 111 (§3)", r.CompensationEURPerMWh, r.CompensationRuleEURPerMWh)
	}
}
