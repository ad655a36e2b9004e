package building

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/charging"
	"gridflex/sitefile"
	"gridflex/subsidy"
)

// Site is an office site file: the charging scan's keys (charging.Site:
// sector, name, capacity_kw, vehicles, …) plus the `building:` mapping with
// the thermal inputs, and the optional `subsidy:` and `contract:` mappings
// of every site report (report/FORMAT.md). The union is decoded strictly.
type Site struct {
	charging.Site `yaml:",inline"`
	Building      *Input         `yaml:"building"`
	Subsidy       *subsidy.Input `yaml:"subsidy,omitempty"`
	Contract      *ContractInfo  `yaml:"contract,omitempty"`
}

// ContractInfo names the connection for the recommended contract.
type ContractInfo struct {
	Connection string `yaml:"connection,omitempty"` // EAN
	Start      string `yaml:"start,omitempty"`      // YYYY-MM-DD
}

// HasCharging reports whether the site describes chargers to scan.
func (s Site) HasCharging() bool { return len(s.Vehicles) > 0 }

// ParseSite decodes an office site file strictly and checks the building
// and charging parts; every problem is reported with file and line.
func ParseSite(name string, data []byte) (Site, error) {
	var s Site
	// Unknown keys and wrong types are reported with the checks below,
	// which see what the decoder could fill.
	f, err := sitefile.Decode(name, data, &s)
	if err != nil {
		return s, err
	}
	var checks sitefile.Checks
	var nested []string // a nested parser's FILE:LINE: messages
	bad := checks.Add
	if s.Sector != charging.Offices {
		bad("sector", "want offices, got %q", s.Sector)
	}
	if s.Building == nil {
		bad("building", "want a building: mapping with at least floor_area_m2")
	}
	if s.HasCharging() {
		if err := s.Site.Validate(name, data); err != nil {
			nested = append(nested, strings.Split(err.Error(), "\n")...)
		}
	} else if !(s.CapacityKW > 0) || s.CapacityKW > 1e9 {
		bad("capacity_kw", "want the contracted capacity in kW > 0, got %g", s.CapacityKW)
	}
	if s.Subsidy != nil {
		for _, e := range s.Subsidy.Validate() {
			bad("subsidy", "%s", e)
		}
	}
	if err := f.Err(checks, nested...); err != nil {
		return s, err
	}
	return s, nil
}

// Lines turns the field errors of Resolve into file:line messages.
func Lines(name string, data []byte, err error) error {
	var fe FieldErrors
	if !errors.As(err, &fe) {
		return err
	}
	var root yaml.Node
	_ = yaml.Unmarshal(data, &root)
	msgs := make([]string, len(fe))
	for i, e := range fe {
		msgs[i] = fmt.Sprintf("%s:%d: building.%s: %s", name, sitefile.LineOf(&root, "building."+e.Field), e.Field, e.Msg)
	}
	return errors.New(strings.Join(msgs, "\n"))
}
