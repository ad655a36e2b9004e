package charging

import (
	"errors"

	"gridflex/scenario"
)

// dayISPs is the length of the typical day the scan models.
const dayISPs = 96

// Scan evaluates a validated site under scenario s.
func Scan(site Site, s *scenario.Scenario, opts Options) (Result, error) {
	return Result{}, errors.New("charging: scan not implemented yet")
}
