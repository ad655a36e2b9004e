package usecase

import (
	"context"
	"io/fs"

	"gridflex/meter"
)

// MeterRequest asks for the data-quality report of a meter file.
type MeterRequest struct {
	Files   fs.FS
	Meter   string // CSV or XLSX file in Files
	Options meter.Options
}

// InspectMeter imports the file and reports its format and quality per
// connection.
func InspectMeter(ctx context.Context, req MeterRequest) (meter.Report, error) {
	if err := ctx.Err(); err != nil {
		return meter.Report{}, err
	}
	_, rep, err := readMeter(req.Files, req.Meter, req.Options)
	return rep, err
}
