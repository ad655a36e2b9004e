package usecase

import (
	"context"
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
	ds, err := charging.ScheduleDay(c.Site, c.scenario, c.options, c.Result, c.ProfileDay)
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

// ContractExport is the recommended contract file (contract/FORMAT.md),
// starting on start.
func ContractExport(c *ChargingScan, start time.Time) ([]byte, error) {
	return charging.ContractYAML(c.Result, c.Site.EAN, start.Format(time.DateOnly))
}
