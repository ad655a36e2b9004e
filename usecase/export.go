package usecase

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gridflex/charging"
	"gridflex/ocpp"
)

// File is a file an export produces: a name and its content.
type File struct {
	Name string
	Data []byte
}

// OCPPExportResult is an OCPP export and the day's schedule it comes
// from (idle chargers, unmet needs).
type OCPPExportResult struct {
	Files    []File
	Schedule charging.DaySchedule
}

// OCPPExport schedules the scan's profile day on its real quarter-hours
// (92, 96 or 100) and exports one OCPP 2.0.1 SetChargingProfileRequest per
// charger with a vehicle that day, chargers.csv and grid_limit.csv (the
// offtake limit of the recommended contract).
func OCPPExport(ctx context.Context, c *ChargingScan) (OCPPExportResult, error) {
	if err := ctx.Err(); err != nil {
		return OCPPExportResult{}, err
	}
	ds, err := charging.ScheduleDay(ctx, c.Site, c.scenario, c.options, c.Result, c.ProfileDay)
	if err != nil {
		return OCPPExportResult{}, err
	}
	cs := make([]ocpp.Charger, len(ds.Chargers))
	for i, ch := range ds.Chargers {
		cs[i] = ocpp.Charger{ID: ch.ID, KW: ch.KW, MinKW: ch.MinKW}
	}
	files, err := ocpp.Export(ds.Day.Start, cs, ds.LimitKW)
	if err != nil {
		return OCPPExportResult{}, err
	}
	out := OCPPExportResult{Schedule: ds}
	for _, f := range files {
		out.Files = append(out.Files, File{f.Name, f.Data})
	}
	return out, nil
}

// ErrNoContract is returned by ContractExport for a scan that recommends
// no contract (nothing to give up in the peaks).
var ErrNoContract = errors.New("the scan recommends no contract: the site has no flex in the peaks")

// ContractExport is the recommended contract file (contract/FORMAT.md) of
// any sector's scan: the one the report shows inline. A charging site's
// starts on its ContractStart, as the report's does.
func ContractExport(r ScanResult) ([]byte, error) {
	if c := r.Charging; c != nil {
		return charging.ContractYAML(c.Result, c.Site.EAN, r.ContractStart.Format(time.DateOnly))
	}
	if r.Report.Contract == nil || r.Report.Contract.File == "" {
		return nil, fmt.Errorf("--export contract: %w", ErrNoContract)
	}
	return []byte(r.Report.Contract.File), nil
}
