package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"gridflex/building"
	"gridflex/charging"
	"gridflex/datacenter"
	"gridflex/plant"
	"gridflex/report"
	"gridflex/scenario"
	"gridflex/subsidy"
	"gridflex/table"
)

// runSectorScan runs the scan of a chemistry, datacenter or office
// heating/cooling site; scan.go peeks the site's sector and hands over here.
// format is table|json|md|html; out, when set, is a file to write: the
// report (.html, .md, .json) or its first chart (.svg, .png), atomically.
func runSectorScan(cmd *cobra.Command, path string, data []byte, format, out string) error {
	s, err := sectorScenario(cmd)
	if err != nil {
		return err
	}
	doc, err := sectorDocument(path, data, s, time.Now())
	if err != nil {
		return err
	}
	if out != "" {
		var b bytes.Buffer
		ext := strings.ToLower(filepath.Ext(out))
		switch ext {
		case ".html", ".md", ".json":
			err = report.Render(&b, doc, ext[1:])
		case ".svg", ".png":
			if len(doc.Charts) == 0 {
				return fmt.Errorf("-o %s: the report has no chart", out)
			}
			var img []byte
			if ext == ".svg" {
				img, err = doc.Charts[0].SVG(doc.Sector)
			} else {
				img, err = doc.Charts[0].PNG(doc.Sector)
			}
			b.Write(img)
		default:
			return fmt.Errorf("-o %s: want a .html, .md, .json, .svg or .png file", out)
		}
		if err != nil {
			return err
		}
		if err := writeFileAtomic(out, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s\n", out)
		// -o of a report is the report: the file alone, not a second copy on
		// stdout. A chart file leaves stdout to --format.
		if format == "table" || ext == ".html" || ext == ".md" || ext == ".json" {
			return nil
		}
	}
	w := cmd.OutOrStdout()
	if format != "table" {
		return report.Render(w, doc, format)
	}
	return sectorTable(w, doc)
}

// sectorScenario loads the scenario from the scan command's --scenario and
// --set flags.
func sectorScenario(cmd *cobra.Command) (*scenario.Scenario, error) {
	var opts scenario.Options
	if f := cmd.Flags().Lookup("scenario"); f != nil {
		opts.File = f.Value.String()
	}
	if sets, err := cmd.Flags().GetStringArray("set"); err == nil {
		opts.Sets = sets
	}
	return scenario.Load(opts)
}

// sectorDocument parses the site, runs its scan and builds the report.
// now only picks the default contract start (the first of next month).
func sectorDocument(path string, data []byte, s *scenario.Scenario, now time.Time) (report.Document, error) {
	var peek struct {
		Sector string `yaml:"sector"`
	}
	_ = yaml.Unmarshal(data, &peek) // scan.go has decoded it already
	ci := report.ContractInfo{Years: int(s.Value("cost.years"))}
	start := func(conn, date string) error {
		ci.Connection = conn
		ci.Start = time.Date(now.Year(), now.Month()+1, 1, 0, 0, 0, 0, time.UTC)
		if date != "" {
			t, err := time.Parse(time.DateOnly, date)
			if err != nil {
				return fmt.Errorf("%s: contract.start: want YYYY-MM-DD, got %q", path, date)
			}
			ci.Start = t
		}
		return nil
	}
	flexe := func(kw float64, in *subsidy.Input) *subsidy.Result {
		if in == nil {
			return nil
		}
		r := subsidy.Compute(kw, *in, s)
		return &r
	}
	switch peek.Sector {
	case "chemistry":
		site, err := plant.ParseSite(path, data)
		if err != nil {
			return report.Document{}, err
		}
		ci.BaseKW, ci.Name = site.CapacityKW, site.Name
		if c := site.Contract; c != nil {
			if err := start(c.Connection, c.Start); err != nil {
				return report.Document{}, err
			}
		} else {
			_ = start("", "")
		}
		return report.Chemistry(site.Name, plant.Scan(site, s), flexe(site.CapacityKW, site.Subsidy), ci, s), nil
	case "datacenters":
		site, err := datacenter.ParseSite(path, data)
		if err != nil {
			return report.Document{}, err
		}
		ci.BaseKW, ci.Name = site.CapacityKW, site.Name
		if c := site.Contract; c != nil {
			if err := start(c.Connection, c.Start); err != nil {
				return report.Document{}, err
			}
		} else {
			_ = start("", "")
		}
		return report.Datacenter(site.Name, datacenter.Scan(site, s), flexe(site.CapacityKW, site.Subsidy), ci, s), nil
	case charging.Offices:
		return officeDocument(path, data, s, &ci, start, flexe)
	}
	return report.Document{}, fmt.Errorf("scan %s: sector: want chemistry, datacenters or offices with a building:, got %q", path, peek.Sector)
}

func officeDocument(path string, data []byte, s *scenario.Scenario, ci *report.ContractInfo,
	start func(conn, date string) error, flexe func(float64, *subsidy.Input) *subsidy.Result) (report.Document, error) {
	site, err := building.ParseSite(path, data)
	if err != nil {
		return report.Document{}, err
	}
	o, err := building.Resolve(*site.Building, s)
	if err != nil {
		return report.Document{}, building.Lines(path, data, err)
	}
	days := building.DesignDays(s)
	weatherName, weatherYears := "", 0.0
	if wf := site.Building.WeatherFile; wf != "" {
		if !filepath.IsAbs(wf) {
			wf = filepath.Join(filepath.Dir(path), wf)
		}
		f, err := os.Open(wf)
		if err != nil {
			return report.Document{}, fmt.Errorf("%s: building.weather_file: %w", path, err)
		}
		defer f.Close()
		w, err := building.ParseWeather(wf, f, site.Building.WeatherColumn, site.Building.IrradianceColumn)
		if err != nil {
			return report.Document{}, err
		}
		days, weatherName = w.Horizons(s.Value("scan.offices.solar_aperture_m2_per_m2")), wf
		weatherYears = float64(len(w.TempC)) / (365.25 * 24)
	}
	r, err := building.Scan(o, s, days)
	if err != nil {
		return report.Document{}, fmt.Errorf("scan %s: %w", path, err)
	}
	in := report.OfficeInput{Site: site.Name, Result: r, WeatherFile: weatherName, WeatherYears: weatherYears}
	if site.HasCharging() {
		cr, err := charging.Scan(site.Site, s, charging.Options{})
		if err != nil {
			return report.Document{}, fmt.Errorf("scan %s: charging: %w", path, err)
		}
		in.Charging = &cr
	}
	ci.BaseKW, ci.Name = site.CapacityKW, site.Name
	conn, date := site.EAN, "" // the charging keys' ean, unless contract: names one
	if c := site.Contract; c != nil {
		date = c.Start
		if c.Connection != "" {
			conn = c.Connection
		}
	}
	if err := start(conn, date); err != nil {
		return report.Document{}, err
	}
	in.Contract = *ci
	in.Subsidy = flexe(site.CapacityKW, site.Subsidy)
	return report.Office(in, s), nil
}

// sectorTable prints the summary and the measures as aligned text.
func sectorTable(w io.Writer, d report.Document) error {
	fmt.Fprintf(w, "%s: %s\n\n", d.Title, d.Site)
	sum := table.Table{Header: []string{"summary", "value"}}
	sum.Add("morning peak", table.Num(d.Summary.MorningMW, 3)+" MW")
	sum.Add("evening peak", table.Num(d.Summary.EveningMW, 3)+" MW")
	sum.Add("flex energy", table.Num(d.Summary.MWhPerYear, 1)+" MWh/yr")
	sum.Add("compensation", "€"+table.Num(d.Summary.EURPerYear, 0)+"/yr")
	sum.Add("per MWh", "€"+table.Num(d.Summary.EURPerMWh, 0)+"/MWh")
	if b := max(d.Summary.BlockedMorningMW, d.Summary.BlockedEveningMW); b > 0 {
		sum.Add("available once the rule changes", table.Num(b, 3)+" MW (blocked, not counted above)")
	}
	if err := sum.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	ms := table.Table{Header: []string{"measure", "kind", "morning MW", "evening MW", "MWh/yr", "€/MWh", "battery €/MWh"}}
	for _, m := range d.Measures {
		price := m.Incentive
		if m.Priced {
			price = table.Num(m.EURPerMWh, 0)
		}
		if m.Blocked != "" {
			price = "BLOCKED (" + m.Blocked + "); " + price
		}
		bat := ""
		if m.BatteryEURPerMWh > 0 {
			bat = table.Num(m.BatteryEURPerMWh, 0)
		}
		ms.Add(m.Name, m.Kind, table.Num(m.MorningMW, 3), table.Num(m.EveningMW, 3), table.Num(m.MWhPerYear, 1), price, bat)
	}
	if err := ms.WriteText(w); err != nil {
		return err
	}
	for _, l := range d.Summary.Lines {
		fmt.Fprintln(w, "·", l)
	}
	for _, n := range d.Notes {
		fmt.Fprintln(w, "· note:", n)
	}
	if d.Subsidy != nil {
		fmt.Fprintf(w, "· Flex-e subsidy: €%s (eligible: %v)\n", table.Num(d.Subsidy.TotalEUR, 0), d.Subsidy.Eligible)
	}
	if d.Contract != nil {
		fmt.Fprintf(w, "· recommended contract: %s (--format md|html shows the contract file)\n", d.Contract.Form)
	}
	return nil
}
