package usecase

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"gridflex/charging"
	"gridflex/meter"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/series"
	"gridflex/subsidy"
)

// ScanRequest asks for the flexibility scan of one site.
type ScanRequest struct {
	Scenario *scenario.Scenario
	Files    fs.FS
	Site     string // the site file (charging/FORMAT.md, report/FORMAT.md)
	// Meter is the site's other load as a meter file, folded onto a
	// typical day; charging sites only. A file with several connections
	// must hold the one the site's ean: names.
	Meter string
	// MeterOptions say how Meter is read, as for every other command that
	// reads meter data (--zone, --unit, --ean, …).
	MeterOptions meter.Options
	// Sessions is a file of real charging sessions (CSV, optionally .gz);
	// charging sites only. It supplies the chargers.
	Sessions string
	// Day is the local day (Europe/Amsterdam) the recommended contract
	// starts on and exported charging profiles apply to; zero for the
	// defaults (ContractStart, ProfileDay).
	Day time.Time
	// Charging refuses a site that is not a charging site: the caller
	// wants a charging output (an OCPP export). A contract export works
	// for every sector (ContractExport).
	Charging bool
	Now      func() time.Time // the clock; nil for time.Now
}

func (r ScanRequest) now() time.Time {
	if r.Now == nil {
		return time.Now()
	}
	return r.Now()
}

// ScanResult is the scan of one site and its report.
type ScanResult struct {
	Sector Sector
	// Charging is the charging scan of a depot or office charging plaza;
	// nil for other sites.
	Charging *ChargingScan
	Report   report.Document
	// ContractStart is the first day of the recommended contract.
	ContractStart time.Time
	Notes         []string // what the scan left out of its inputs, and why
}

// ChargingScan is a charging site with its scan.
type ChargingScan struct {
	Site   charging.Site
	Result charging.Result
	// ProfileDay is the local day exported charging profiles apply to.
	ProfileDay time.Time

	// what the scan ran on, for the export of a real day
	scenario *scenario.Scenario
	options  charging.Options
}

// ErrNotCharging refuses charging-only inputs or outputs for another site.
var ErrNotCharging = errors.New("--export ocpp, --meter and --sessions apply to charging sites only")

// Scan reads the site, picks its sector's scan from the registry and
// builds the one report every sector gets (report/FORMAT.md).
func Scan(ctx context.Context, req ScanRequest) (ScanResult, error) {
	f, sc, err := readSite(req)
	if err != nil {
		return ScanResult{}, err
	}
	if !sc.charging && (req.Charging || req.Meter != "" || req.Sessions != "") {
		return ScanResult{}, fmt.Errorf("scan %s: %w", req.Site, ErrNotCharging)
	}
	if err := ctx.Err(); err != nil {
		return ScanResult{}, err
	}
	r, err := sc.run(ctx, req, f)
	if err != nil {
		return ScanResult{}, err
	}
	r.Sector = f.sector
	return r, ctx.Err()
}

// ContractStart is the first day of a recommended contract, one rule for
// every sector: the request's Day, else the site file's contract.start,
// else the first of next month on the Dutch calendar. The day is returned
// as midnight UTC of that date (a civil date). A malformed
// contract.start is an error even when Day overrides it.
func contractStart(req ScanRequest, file, siteStart string) (time.Time, error) {
	var fromSite time.Time
	if siteStart != "" {
		t, err := time.Parse(time.DateOnly, siteStart)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s: contract.start: want YYYY-MM-DD, got %q", file, siteStart)
		}
		fromSite = t
	}
	switch {
	case !req.Day.IsZero():
		y, m, d := req.Day.Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
	case !fromSite.IsZero():
		return fromSite, nil
	}
	now := req.now().In(series.Amsterdam)
	return time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC), nil
}

// profileDay is the local day exported charging profiles apply to: the
// request's Day, else tomorrow.
func profileDay(req ScanRequest) time.Time {
	if !req.Day.IsZero() {
		return req.Day
	}
	now := req.now().In(series.Amsterdam)
	return time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, series.Amsterdam)
}

// flexe is the Flex-e subsidy (§7) of a site with a subsidy: block.
func flexe(s *scenario.Scenario, kw float64, in *subsidy.Input) *subsidy.Result {
	if in == nil {
		return nil
	}
	r := subsidy.Compute(kw, *in, s)
	return &r
}

// scanCharging scans a logistics depot or an office charging plaza.
func scanCharging(ctx context.Context, req ScanRequest, f siteFile) (ScanResult, error) {
	parse := charging.ParseSite
	if req.Sessions != "" {
		parse = charging.ParseSessionsSite // the sessions file supplies the chargers
	}
	site, err := parse(f.name, f.data)
	if err != nil {
		return ScanResult{}, err
	}
	var (
		opts charging.Options
		res  ScanResult
	)
	if req.Meter != "" {
		if opts.OtherLoadKW, err = typicalOtherLoad(req, site.EAN, &res.Notes); err != nil {
			return ScanResult{}, err
		}
	}
	if req.Sessions != "" {
		if opts.Sessions, err = readSessions(req.Files, req.Sessions); err != nil {
			return ScanResult{}, err
		}
		if site.Sessions == nil {
			site.Sessions = &charging.SessionOptions{}
		}
	}
	if err := ctx.Err(); err != nil {
		return ScanResult{}, err
	}
	r, err := charging.Scan(ctx, site, req.Scenario, opts)
	if err != nil {
		return ScanResult{}, err
	}
	if res.ContractStart, err = contractStart(req, f.name, ""); err != nil {
		return ScanResult{}, err
	}
	res.Charging = &ChargingScan{Site: site, Result: r, ProfileDay: profileDay(req), scenario: req.Scenario, options: opts}
	res.Report = chargingDocument(site, r, res.ContractStart.Format(time.DateOnly), req.Scenario)
	return res, nil
}

// typicalOtherLoad reads the site's other load (offtake − feed-in) from a
// meter file and folds it onto a typical day: its one connection, or the
// connection the site's ean names.
func typicalOtherLoad(req ScanRequest, siteEAN string, notes *[]string) ([]float64, error) {
	path := req.Meter
	conns, _, err := readMeter(req.Files, path, req.MeterOptions)
	if err != nil {
		return nil, err
	}
	var eans []string
	for _, c := range conns {
		eans = append(eans, c.EAN)
	}
	if siteEAN != "" {
		i := slices.Index(eans, siteEAN)
		if i < 0 {
			return nil, fmt.Errorf("--meter %s: want the connection of the site's ean %s, got %s", path, siteEAN, excerptList(eans))
		}
		conns = conns[i : i+1]
	}
	if len(conns) != 1 {
		return nil, fmt.Errorf("--meter %s: want one connection (the site's other load) or the site's ean: naming one, got %d: %s", path, len(conns), excerptList(eans))
	}
	c := conns[0]
	net := series.Series{Start: c.Offtake.Start, KW: append([]float32(nil), c.Offtake.KW...)}
	if c.Feedin.Len() > 0 {
		if c.Feedin.Len() != net.Len() || !c.Feedin.Start.Equal(net.Start) {
			return nil, fmt.Errorf("--meter %s: offtake and feed-in cover different intervals", path)
		}
		for i, v := range c.Feedin.KW {
			net.KW[i] -= v
		}
	}
	day, missing, err := charging.TypicalDay(net)
	if err != nil {
		return nil, fmt.Errorf("--meter %s: %w", path, err)
	}
	if missing > 0 {
		*notes = append(*notes, fmt.Sprintf("--meter %s: %d missing quarter-hours left out of the typical day", path, missing))
	}
	return day, nil
}

// excerptList names at most five connections of a meter file.
func excerptList(eans []string) string {
	if len(eans) <= 5 {
		return strings.Join(eans, ", ")
	}
	return fmt.Sprintf("%s, … (%d in all)", strings.Join(eans[:5], ", "), len(eans))
}

// readSessions reads a sessions file, decompressing a .gz one.
func readSessions(fsys fs.FS, name string) ([]charging.Session, error) {
	r, err := openDecompressed(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("--sessions: %w", err)
	}
	defer r.Close()
	return charging.ParseSessions(name, r)
}
