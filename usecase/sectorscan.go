package usecase

import (
	"context"
	"fmt"

	"gridflex/building"
	"gridflex/charging"
	"gridflex/contract"
	"gridflex/datacenter"
	"gridflex/input"
	"gridflex/plant"
)

// contractInfo is the recommended contract's header: the site's
// connection (or the one its contract: block names) and the start day.
func contractInfo(req ScanRequest, f siteFile, name string, baseKW float64, conn, siteStart string) (contract.SiteTerms, error) {
	start, err := contractStart(req, f.name, siteStart)
	if err != nil {
		return contract.SiteTerms{}, err
	}
	return contract.SiteTerms{Connection: conn, Name: name, BaseKW: baseKW, Start: start,
		Years: int(req.Scenario.Value("cost.years"))}, nil
}

// scanPlant scans a chemical plant (§2).
func scanPlant(ctx context.Context, req ScanRequest, f siteFile) (ScanResult, error) {
	site, err := plant.ParseSite(f.name, f.data)
	if err != nil {
		return ScanResult{}, err
	}
	conn, start := "", ""
	if c := site.Contract; c != nil {
		conn, start = c.Connection, c.Start
	}
	ci, err := contractInfo(req, f, site.Name, site.CapacityKW, conn, start)
	if err != nil {
		return ScanResult{}, err
	}
	doc := chemistryDocument(site.Name, plant.Scan(site, req.Scenario), flexe(req.Scenario, site.CapacityKW, site.Subsidy), ci, req.Scenario)
	return ScanResult{Report: doc, ContractStart: ci.Start}, nil
}

// scanDatacenter scans a datacenter (§4).
func scanDatacenter(ctx context.Context, req ScanRequest, f siteFile) (ScanResult, error) {
	site, err := datacenter.ParseSite(f.name, f.data)
	if err != nil {
		return ScanResult{}, err
	}
	conn, start := "", ""
	if c := site.Contract; c != nil {
		conn, start = c.Connection, c.Start
	}
	ci, err := contractInfo(req, f, site.Name, site.CapacityKW, conn, start)
	if err != nil {
		return ScanResult{}, err
	}
	doc := datacenterDocument(site.Name, datacenter.Scan(site, req.Scenario), flexe(req.Scenario, site.CapacityKW, site.Subsidy), ci, req.Scenario)
	return ScanResult{Report: doc, ContractStart: ci.Start}, nil
}

// scanOffice scans an office's heating and cooling (§1) and, when the
// site has vehicles, its charging (§1.4).
func scanOffice(ctx context.Context, req ScanRequest, f siteFile) (ScanResult, error) {
	s := req.Scenario
	site, err := building.ParseSite(f.name, f.data)
	if err != nil {
		return ScanResult{}, err
	}
	o, err := building.Resolve(*site.Building, s)
	if err != nil {
		return ScanResult{}, building.Lines(f.name, f.data, err)
	}
	days := building.DesignDays(s)
	in := officeInput{Site: site.Name}
	if wf := site.Building.WeatherFile; wf != "" {
		wf = beside(f.name, wf)
		r, err := input.OpenFS(req.Files, wf, input.TableCSV)
		if err != nil {
			return ScanResult{}, fmt.Errorf("%s: building.weather_file: %w", f.name, err)
		}
		defer r.Close()
		w, err := building.ParseWeather(wf, r, site.Building.WeatherColumn, site.Building.IrradianceColumn)
		if err != nil {
			return ScanResult{}, err
		}
		days, in.WeatherFile = w.Horizons(s.Value("scan.offices.solar_aperture_m2_per_m2")), wf
		in.WeatherYears = float64(len(w.TempC)) / (365.25 * 24)
	}
	if err := ctx.Err(); err != nil {
		return ScanResult{}, err
	}
	if in.Result, err = building.Scan(ctx, o, s, days); err != nil {
		return ScanResult{}, fmt.Errorf("scan %s: %w", f.name, err)
	}
	if site.HasCharging() {
		cr, err := charging.Scan(ctx, site.Site, s, charging.Options{})
		if err != nil {
			return ScanResult{}, fmt.Errorf("scan %s: charging: %w", f.name, err)
		}
		in.Charging = &cr
	}
	conn, start := site.EAN, "" // the charging keys' ean, unless contract: names one
	if c := site.Contract; c != nil {
		start = c.Start
		if c.Connection != "" {
			conn = c.Connection
		}
	}
	if in.Contract, err = contractInfo(req, f, site.Name, site.CapacityKW, conn, start); err != nil {
		return ScanResult{}, err
	}
	in.Subsidy = flexe(s, site.CapacityKW, site.Subsidy)
	return ScanResult{Report: officeDocument(in, s), ContractStart: in.Contract.Start}, nil
}
