package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"gridflex/meter"
	"gridflex/ocpp"
	"gridflex/outfile"
	"gridflex/report"
	"gridflex/report/chargingview"
	"gridflex/series"
	"gridflex/usecase"
	"gridflex/wire"
)

func newScanCmd() *cobra.Command {
	var (
		sf       scenarioFlags
		meterIn  meterInputFlags
		format   formatFlag
		out      string
		meterF   string
		sessions string
		export   string
		date     string
	)
	cmd := &cobra.Command{
		Use:   "scan SITE.yaml",
		Short: "Scan one site: EV charging (logistics, offices) or, via the sector, office climate, chemistry, datacenters",
		Long: `Scan one site from its site file (charging/FORMAT.md for EV charging).

For a logistics depot or an office charging plaza it compares charging on
arrival today with grid-aware charging outside the grid peaks: the exact
minimum night capacity (study §3: 87 kW for the worked example), a stepped
block-power proposal, what the site can give up per peak, the energy moved,
the compensation and the contract to ask for, every unmet need with its
reason, and for offices the §1.4 analysis. --format md|html|json gives the
report every sector gets (report/FORMAT.md): summary with € per year, the
measures, the load chart, the contract file inline and the Flex-e subsidy
(§7) from the site's optional subsidy: block; the JSON keeps the charging
result's keys at the top level and adds the report under "report".

  -o FILE.html|md|json   write the report to the file only, in the format its
                         extension names (every sector); a --format that
                         contradicts the extension is an error
  -o FILE.svg|png        write the first chart to the file only
  --export ocpp -o DIR   write one OCPP 2.0.1 SetChargingProfileRequest per
                         charger and grid_limit.csv (the offtake limit of the
                         recommended contract, never below 0) for --date
  --export contract -o FILE.yaml
                         write the recommended contract (contract/FORMAT.md),
                         for every sector`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := format.check(); err != nil {
				return err
			}
			return runScan(cmd, &sf, args[0], scanArgs{format: format.value, out: out,
				meter: meterF, meterIn: &meterIn, sessions: sessions, export: export, date: date,
				explicitFormat: cmd.Flags().Changed("format")})
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "md", "html")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write only to `FILE`, in the format of its extension (.html, .md, .json, .svg, .png); with --export ocpp a directory, with --export contract a .yaml file")
	cmd.Flags().StringVar(&meterF, "meter", "", "the site's other load as a quarter-hour meter `FILE` (meter/FORMAT.md), folded onto a typical day; with several connections, the site's ean:")
	meterIn.bindFile(cmd) // --unit --zone --ean --sheet --label-end --separator --decimal (meter/FORMAT.md)
	cmd.Flags().StringVar(&sessions, "sessions", "", "real charging sessions `FILE` (CSV, optionally .gz: arrival, departure, kwh, charger)")
	cmd.Flags().StringVar(&export, "export", "", "export: `ocpp` (charging profiles, -o DIR; charging sites) or contract (the recommended contract file of any sector, -o FILE.yaml)")
	cmd.Flags().StringVar(&date, "date", "", "local `DATE` (YYYY-MM-DD) the exported profiles apply to (default: tomorrow) and the recommended contract starts on, for every sector (default: the site's contract.start, else the first of next month)")
	return cmd
}

type scanArgs struct {
	format, out, meter, sessions, export, date string
	meterIn                                    *meterInputFlags // how --meter is read
	// explicitFormat says --format was given (not its default): it must
	// then agree with the extension of -o.
	explicitFormat bool
}

// check refuses bad flag values before any work is done, and takes the
// format of -o from its extension: -o writes only the file, in the format
// its extension names, for every sector; a --format that contradicts the
// extension is an error (as for contract check).
func (a *scanArgs) check() error {
	if a.export != "" && a.export != "ocpp" && a.export != "contract" {
		return fmt.Errorf("--export %q: want ocpp or contract", a.export)
	}
	if a.export != "" && a.out == "" {
		return fmt.Errorf("--export %s: want -o DIR (ocpp) or -o FILE.yaml (contract)", a.export)
	}
	if a.export == "contract" {
		if ext := strings.ToLower(filepath.Ext(a.out)); ext != ".yaml" && ext != ".yml" {
			return fmt.Errorf("--export contract -o %s: want a .yaml file (contract/FORMAT.md)", a.out)
		}
	}
	if a.export != "" || a.out == "" {
		return nil
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(a.out), "."))
	switch ext {
	case "html", "md", "json":
		if a.explicitFormat && a.format != ext {
			return fmt.Errorf("--format %s with -o %s: the extension says %s; drop --format or name the file .%s", a.format, a.out, ext, a.format)
		}
		a.format = ext
	case "svg", "png":
		if a.explicitFormat {
			return fmt.Errorf("--format %s with -o %s: a chart file is the whole output; drop --format", a.format, a.out)
		}
		a.format = ext
	default:
		return fmt.Errorf("-o %s: want a .html, .md, .json, .svg or .png file (or --export ocpp with a directory, --export contract with a .yaml file)", a.out)
	}
	return nil
}

func runScan(cmd *cobra.Command, sf *scenarioFlags, path string, a scanArgs) error {
	if err := a.check(); err != nil {
		return err
	}
	day, err := parseDay(a.date)
	if err != nil {
		return err
	}
	var mopts meter.Options
	if a.meterIn != nil {
		if mopts, err = a.meterIn.options(); err != nil {
			return err
		}
	}
	s, err := sf.load()
	if err != nil {
		return err
	}
	res, err := usecase.Scan(cmd.Context(), usecase.ScanRequest{Scenario: s, Files: osFiles{}, Site: path,
		Meter: a.meter, MeterOptions: mopts, Sessions: a.sessions, Day: day, Charging: a.export == "ocpp"})
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, n)
	}
	inputs := sf.inputs(path, a.meter, a.sessions)
	switch a.export {
	case "ocpp":
		return exportOCPP(cmd, res.Charging, a.out)
	case "contract":
		data, err := usecase.ContractExport(res)
		if err != nil {
			return err
		}
		if err := outfile.WriteBytes(a.out, inputs, data); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "wrote %s (contract file, contract/FORMAT.md)\n", a.out)
		return nil
	}
	if a.out == "" {
		return writeScan(cmd.OutOrStdout(), a.format, res)
	}
	var b bytes.Buffer
	if err := writeScan(&b, a.format, res); err != nil {
		return err
	}
	if err := outfile.WriteBytes(a.out, inputs, b.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", a.out)
	return nil
}

// writeScan writes the scan in one format, the same for stdout and for -o:
// the report (html, md, json; a charging site's JSON keeps its result's keys
// on top), the terminal table, or the first chart (svg, png).
func writeScan(w io.Writer, format string, res usecase.ScanResult) error {
	doc := res.Report
	switch format {
	case "json":
		if res.Charging != nil {
			return wire.Write(w, wire.ChargingScan{Result: res.Charging.Result, Report: doc})
		}
		return report.Render(w, doc, format)
	case "md", "html":
		return report.Render(w, doc, format)
	case "svg", "png":
		if res.Charging != nil {
			return chargingview.Chart(w, res.Charging.Result, format)
		}
		if len(doc.Charts) == 0 {
			return fmt.Errorf("-o: the report has no chart")
		}
		var img []byte
		var err error
		if format == "svg" {
			img, err = doc.Charts[0].SVG(doc.Sector)
		} else {
			img, err = doc.Charts[0].PNG(doc.Sector)
		}
		if err != nil {
			return err
		}
		_, err = w.Write(img)
		return err
	}
	if res.Charging != nil {
		return chargingview.WriteText(w, res.Charging.Result)
	}
	return sectorTable(w, res.Report)
}

// parseDay is the local day --date names; zero without --date (the use
// case's defaults then apply).
func parseDay(date string) (time.Time, error) {
	if date == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, date, series.Amsterdam)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date %q: want YYYY-MM-DD", date)
	}
	return d, nil
}

// exportOCPP writes one request per charger with a vehicle on the day,
// chargers.csv and grid_limit.csv as a new directory, all or nothing (a
// new or empty directory cannot hold an input).
func exportOCPP(cmd *cobra.Command, c *usecase.ChargingScan, dir string) error {
	x, err := usecase.OCPPExport(cmd.Context(), c)
	if err != nil {
		return err
	}
	out := make([]outfile.DirFile, len(x.Files))
	for i, f := range x.Files {
		out[i] = outfile.DirFile{Name: f.Name, Data: f.Data}
	}
	if err := outfile.WriteDir(dir, out); err != nil {
		return fmt.Errorf("--export ocpp: %w", err)
	}
	ds := x.Schedule
	stderr := cmd.ErrOrStderr()
	fmt.Fprintf(stderr, "wrote %d charging profiles, %s and grid_limit.csv for %s (%d quarter-hours) to %s\n",
		len(ds.Chargers), ocpp.Manifest, ds.Day, ds.Day.ISPs(), dir)
	if len(ds.Idle) > 0 {
		fmt.Fprintf(stderr, "no profile for %d chargers whose vehicles do not come on %s: %s\n", len(ds.Idle), ds.Day.Weekday(), strings.Join(ds.Idle, ", "))
	}
	for _, u := range ds.Unmet {
		fmt.Fprintf(stderr, "warning: %s: %s short %.1f of %.1f kWh: %s\n", u.Case, u.Vehicle, u.ShortKWh, u.NeedKWh, u.Reason)
	}
	return nil
}
