package report

import (
	"fmt"

	"gridflex/contract"
	"gridflex/scenario"
)

// ContractInfo is what a site file says about its connection, for the
// recommended contract.
type ContractInfo = contract.SiteTerms

// headroom is the margin of every recommended time-block limit above the
// planned load (scenario contract.headroom_*).
func headroom(s *scenario.Scenario) contract.Headroom {
	return contract.Headroom{Share: s.Value("contract.headroom_share"), MinKW: s.Value("contract.headroom_min_kw")}
}

// clock formats minutes after midnight as "HH:MM".
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
