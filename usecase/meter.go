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

// InspectMeterFiles is InspectMeter for a file or a directory, as
// contract check --meter reads them: a directory's *.csv, *.txt and *.xlsx
// files in name order, one report per file. dir says Meter was a
// directory.
func InspectMeterFiles(ctx context.Context, req MeterRequest) (reports []meter.Report, dir bool, err error) {
	files, _, err := meterFiles(req.Files, req.Meter)
	if err != nil {
		return nil, false, err
	}
	info, err := fs.Stat(req.Files, req.Meter)
	if err != nil {
		return nil, false, err
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, info.IsDir(), err
		}
		_, rep, err := readMeter(req.Files, f, req.Options)
		if err != nil {
			return nil, info.IsDir(), err
		}
		reports = append(reports, rep)
	}
	return reports, info.IsDir(), nil
}
