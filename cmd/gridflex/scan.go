package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"gridflex/charging"
	"gridflex/meter"
	"gridflex/ocpp"
	"gridflex/outfile"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/series"
)

func newScanCmd() *cobra.Command {
	var (
		sf       scenarioFlags
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

  -o FILE.svg|png|html   write the chart or the HTML report to a file
  --export ocpp -o DIR   write one OCPP 2.0.1 SetChargingProfileRequest per
                         charger and grid_limit.csv (the offtake limit of the
                         recommended contract, never below 0) for --date
  --export contract -o FILE.yaml
                         write the recommended contract (contract/FORMAT.md)`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := format.check(); err != nil {
				return err
			}
			path := args[0]
			data, err := os.ReadFile(path)
			if err != nil {
				return fmt.Errorf("scan: %w", err)
			}
			var peek struct {
				Sector   string    `yaml:"sector"`
				Building yaml.Node `yaml:"building"`
			}
			if err := yaml.Unmarshal(data, &peek); err != nil {
				return fmt.Errorf("scan %s: %w", path, err)
			}
			switch {
			case peek.Sector == charging.Logistics, peek.Sector == charging.Offices && peek.Building.Kind == 0:
			case peek.Sector == "chemistry", peek.Sector == "datacenters", peek.Sector == charging.Offices:
				if export != "" || meterF != "" || sessions != "" {
					return fmt.Errorf("scan %s: --export, --meter and --sessions apply to charging sites only", path)
				}
				return runSectorScan(cmd, path, data, format.value, out)
			default:
				return fmt.Errorf("scan %s: sector: want logistics, offices, chemistry or datacenters, got %q", path, peek.Sector)
			}
			return runChargingScan(cmd, &sf, path, data, chargingArgs{format: format.value, out: out,
				meter: meterF, sessions: sessions, export: export, date: date})
		},
	}
	sf.bind(cmd)
	format.bind(cmd, "table", "json", "md", "html")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to `FILE` (.svg, .png, .html) or, with --export, the directory")
	cmd.Flags().StringVar(&meterF, "meter", "", "the site's other load as a quarter-hour meter `FILE` (meter/FORMAT.md), folded onto a typical day")
	cmd.Flags().StringVar(&sessions, "sessions", "", "real charging sessions `FILE` (CSV, optionally .gz: arrival, departure, kwh, charger)")
	cmd.Flags().StringVar(&export, "export", "", "export: `ocpp` (charging profiles, -o DIR) or contract (the recommended contract file, -o FILE.yaml)")
	cmd.Flags().StringVar(&date, "date", "", "local `DATE` (YYYY-MM-DD) the exported profiles apply to and the report's contract starts on (default: tomorrow)")
	return cmd
}

type chargingArgs struct {
	format, out, meter, sessions, export, date string
}

func runChargingScan(cmd *cobra.Command, sf *scenarioFlags, path string, data []byte, a chargingArgs) error {
	if a.export != "" && a.export != "ocpp" && a.export != "contract" {
		return fmt.Errorf("--export %q: want ocpp or contract", a.export)
	}
	if a.export != "" && a.out == "" {
		return fmt.Errorf("--export %s: want -o DIR (ocpp) or -o FILE.yaml (contract)", a.export)
	}
	s, err := sf.load()
	if err != nil {
		return err
	}
	parse := charging.ParseSite
	if a.sessions != "" {
		parse = charging.ParseSessionsSite // the sessions file supplies the chargers
	}
	site, err := parse(path, data)
	if err != nil {
		return err
	}
	var opts charging.Options
	if a.meter != "" {
		if opts.OtherLoadKW, err = typicalOtherLoad(cmd, a.meter); err != nil {
			return err
		}
	}
	if a.sessions != "" {
		if opts.Sessions, err = readSessions(a.sessions); err != nil {
			return err
		}
		if site.Sessions == nil {
			site.Sessions = &charging.SessionOptions{}
		}
	}
	r, err := charging.Scan(site, s, opts)
	if err != nil {
		return err
	}
	switch a.export {
	case "ocpp":
		return exportOCPP(cmd, site, s, opts, r, a.out, a.date)
	case "contract":
		day, err := exportDay(a.date)
		if err != nil {
			return err
		}
		if err := writeFileAtomic(a.out, charging.ContractYAML(r, site.EAN, day.Format(time.DateOnly))); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (contract file, contract/FORMAT.md)\n", a.out)
		return nil
	}
	// md, html and json (and -o .html) are the one report every sector
	// gets (report package); the contract in it starts on --date.
	day, err := exportDay(a.date)
	if err != nil {
		return err
	}
	doc := report.Charging(site, r, day.Format(time.DateOnly), s)
	if a.out != "" {
		var b bytes.Buffer
		switch ext := strings.ToLower(filepath.Ext(a.out)); ext {
		case ".svg", ".png":
			err = charging.Chart(&b, r, ext[1:])
		case ".html":
			err = report.HTML(&b, doc)
		default:
			return fmt.Errorf("-o %s: want a .svg, .png or .html file (or --export ocpp with a directory)", a.out)
		}
		if err != nil {
			return err
		}
		if err := writeFileAtomic(a.out, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", a.out)
		if a.format == "table" {
			return nil
		}
	}
	w := cmd.OutOrStdout()
	switch a.format {
	case "json":
		// The charging result's keys stay at the top level (issue 5's
		// consumers read them); the report is one extra key.
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(chargingJSON{Result: r, Report: doc})
	case "md", "html":
		return report.Render(w, doc, a.format)
	}
	return r.WriteText(w)
}

// chargingJSON is `scan --format json` of a charging site.
type chargingJSON struct {
	charging.Result
	Report report.Document `json:"report"`
}

// typicalOtherLoad reads the site's other load (offtake − feed-in) from a
// meter file with one connection and folds it onto a typical day.
func typicalOtherLoad(cmd *cobra.Command, path string) ([]float64, error) {
	conns, _, err := meter.ReadFile(path, meter.Options{})
	if err != nil {
		return nil, err
	}
	if len(conns) != 1 {
		var eans []string
		for _, c := range conns {
			eans = append(eans, c.EAN)
		}
		return nil, fmt.Errorf("--meter %s: want one connection (the site's other load), got %d: %v", path, len(conns), eans)
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
		fmt.Fprintf(cmd.ErrOrStderr(), "--meter %s: %d missing quarter-hours left out of the typical day\n", path, missing)
	}
	return day, nil
}

func readSessions(path string) ([]charging.Session, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--sessions: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("--sessions %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	return charging.ParseSessions(path, r)
}

// exportDay is the local day --date names, by default tomorrow.
func exportDay(date string) (time.Time, error) {
	if date == "" {
		now := time.Now().In(series.Amsterdam)
		return time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, series.Amsterdam), nil
	}
	d, err := time.ParseInLocation(time.DateOnly, date, series.Amsterdam)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date %q: want YYYY-MM-DD", date)
	}
	return d, nil
}

// exportOCPP schedules the --date day on its real quarter-hours and writes
// one request per charger with a vehicle that day, chargers.csv and
// grid_limit.csv as a new directory, all or nothing.
func exportOCPP(cmd *cobra.Command, site charging.Site, s *scenario.Scenario, opts charging.Options, r charging.Result, dir, date string) error {
	day, err := exportDay(date)
	if err != nil {
		return err
	}
	ds, err := charging.ScheduleDay(site, s, opts, r, day)
	if err != nil {
		return err
	}
	cs := make([]ocpp.Charger, len(ds.Chargers))
	for i, c := range ds.Chargers {
		cs[i] = ocpp.Charger{ID: c.ID, KW: c.KW, MinKW: c.MinKW}
	}
	files, err := ocpp.Export(ds.Day.Start, cs, ds.LimitKW)
	if err != nil {
		return err
	}
	out := make([]outfile.DirFile, len(files))
	for i, f := range files {
		out[i] = outfile.DirFile{Name: f.Name, Data: f.Data}
	}
	if err := outfile.WriteDir(dir, out); err != nil {
		return fmt.Errorf("--export ocpp: %w", err)
	}
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
