package usecase

import (
	"context"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/charging"
)

// Sector is the sector: key of a site file, which picks the scan.
type Sector string

// The sectors a site file may name (study §1–§4).
const (
	Logistics   Sector = charging.Logistics // depots: EV charging (§3)
	Offices     Sector = charging.Offices   // office climate (§1) or an office charging plaza (§1.4)
	Chemistry   Sector = "chemistry"        // chemical plants (§2)
	Datacenters Sector = "datacenters"      // datacenters (§4)
)

// scanner runs the scan of one kind of site.
type scanner struct {
	charging bool // a charging site: --meter, --sessions and exports apply
	run      func(ctx context.Context, req ScanRequest, f siteFile) (ScanResult, error)
}

// sectors is the registry: the one list of sectors, in the order error
// messages name them. pick chooses the scanner from the decoded keys;
// offices are a charging plaza unless the file has a building: block.
var sectors = []struct {
	sector Sector
	pick   func(siteFile) scanner
}{
	{Logistics, func(siteFile) scanner { return chargingScanner }},
	{Offices, func(f siteFile) scanner {
		if f.building {
			return scanner{run: scanOffice}
		}
		return chargingScanner
	}},
	{Chemistry, func(siteFile) scanner { return scanner{run: scanPlant} }},
	{Datacenters, func(siteFile) scanner { return scanner{run: scanDatacenter} }},
}

var chargingScanner = scanner{charging: true, run: scanCharging}

// Sectors lists the sectors a site file may name.
func Sectors() []Sector {
	out := make([]Sector, len(sectors))
	for i, s := range sectors {
		out[i] = s.sector
	}
	return out
}

// siteFile is a site file read and its sector decoded, once.
type siteFile struct {
	name     string
	data     []byte
	sector   Sector
	building bool // has a building: block
}

// readSite reads the site file and picks its scanner.
func readSite(req ScanRequest) (siteFile, scanner, error) {
	data, err := readFile(req.Files, req.Site)
	if err != nil {
		return siteFile{}, scanner{}, fmt.Errorf("scan: %w", err)
	}
	var peek struct {
		Sector   Sector    `yaml:"sector"`
		Building yaml.Node `yaml:"building"`
	}
	if err := yaml.Unmarshal(data, &peek); err != nil {
		return siteFile{}, scanner{}, fmt.Errorf("scan %s: %w", req.Site, err)
	}
	f := siteFile{name: req.Site, data: data, sector: peek.Sector, building: peek.Building.Kind != 0}
	for _, s := range sectors {
		if s.sector == f.sector {
			return f, s.pick(f), nil
		}
	}
	names := make([]string, len(sectors))
	for i, s := range sectors {
		names[i] = string(s.sector)
	}
	want := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	return siteFile{}, scanner{}, fmt.Errorf("scan %s: sector: want %s, got %q", req.Site, want, f.sector)
}
