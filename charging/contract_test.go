package charging

import (
	"strings"
	"testing"

	"gridflex/contract"
	"gridflex/scenario"
)

// The recommended contract is a valid contract file (contract/FORMAT.md).
func TestContractYAMLParses(t *testing.T) {
	for _, tc := range []struct{ name, site string }{
		{"study block power", "sector: logistics\nname: d\ncapacity_kw: 80\nvehicles:" + trucks},
		{"time block only", "sector: logistics\nname: d\ncapacity_kw: 120\nvehicles:" + trucks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := scanYAML(t, scenario.Default(), tc.site, Options{})
			y := ContractYAML(r, "", "2026-01-01")
			if _, err := contract.Parse("recommended.yaml", y, nil); err != nil {
				t.Fatalf("ContractYAML does not parse: %v\n%s", err, y)
			}
			if !strings.Contains(string(y), "form: time-block") {
				t.Errorf("ContractYAML = %s, want a time-block clause", y)
			}
		})
	}
}
