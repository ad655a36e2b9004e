package area

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"gridflex/charging"
	"gridflex/contract"
	"gridflex/ean"
	"gridflex/input"
	"gridflex/meter"
	"gridflex/scenario"
	"gridflex/series"
	"gridflex/sitefile"
)

// maxRequests bounds a waiting list (files are bounded by package input).
const maxRequests = 100_000

// Errors of Parse.
var (
	ErrArea = errors.New("invalid area file")
)

// file is the schema of an area file (FORMAT.md).
type file struct {
	Name      string `yaml:"name"`
	ShortCode string `yaml:"short_code"`
	Since     string `yaml:"since"`
	AsOf      string `yaml:"as_of"`
	Station   struct {
		OfftakeKW         *float64 `yaml:"offtake_kw"`
		FeedinKW          *float64 `yaml:"feedin_kw"`
		FeedinAvailableKW float64  `yaml:"feedin_available_kw"`
	} `yaml:"station"`
	Load struct {
		Meter string `yaml:"meter"`
		Sum   string `yaml:"sum"`
		Year  int    `yaml:"year"`
	} `yaml:"load"`
	Reinforcement struct {
		Date      string  `yaml:"date"`
		OfftakeKW float64 `yaml:"offtake_kw"`
	} `yaml:"reinforcement"`
	Margin      *float64      `yaml:"margin"`
	Meter       string        `yaml:"meter"`
	Connections []fileConn    `yaml:"connections"`
	Contracts   []string      `yaml:"contracts"`
	RawCats     []fileCat     `yaml:"categories"`
	WaitingList []fileRequest `yaml:"waiting_list"`
}

type fileCat struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
}

type fileConn struct {
	EAN       string    `yaml:"ean"`
	Name      string    `yaml:"name"`
	OfftakeKW *float64  `yaml:"offtake_kw"`
	FeedinKW  float64   `yaml:"feedin_kw"`
	PeakKW    *float64  `yaml:"peak_kw"`
	Profile   yaml.Node `yaml:"profile"`
}

type fileRequest struct {
	ID        string    `yaml:"id"`
	Name      string    `yaml:"name"`
	OfftakeKW float64   `yaml:"offtake_kw"`
	FeedinKW  float64   `yaml:"feedin_kw"`
	Requested string    `yaml:"requested"`
	Category  string    `yaml:"category"`
	Profile   yaml.Node `yaml:"profile"`
}

// parser collects every problem of an area file and the files it names.
type parser struct {
	ctx  context.Context // lives for one Parse call
	fsys fs.FS
	name string
	dir  string
	root *yaml.Node
	sc   *scenario.Scenario
	errs []string
}

func (p *parser) at(field, format string, a ...any) {
	p.errs = append(p.errs, fmt.Sprintf("%s:%d: %s: %s", p.name, sitefile.LineOf(p.root, field), field, fmt.Sprintf(format, a...)))
}

func (p *parser) line(field string) int { return sitefile.LineOf(p.root, field) }

// rel resolves a file named in the area file against the area file's
// folder, unless it is absolute (in an fs.FS that takes such names, as the
// CLI's does).
func (p *parser) rel(name string) string {
	if path.IsAbs(name) {
		return name
	}
	return path.Join(p.dir, name)
}

// readYAML reads a YAML file of fsys whole: a regular file within
// input.YAML.
func readYAML(fsys fs.FS, name string) ([]byte, error) {
	return input.ReadFileFS(fsys, name, input.YAML)
}

func (p *parser) date(field, s string, required bool) (contract.Date, bool) {
	if s == "" {
		if required {
			p.at(field, "missing, want a date YYYY-MM-DD")
		}
		return contract.Date{}, false
	}
	d, err := contract.ParseDate(s)
	if err != nil {
		p.at(field, "%q: want a date YYYY-MM-DD", excerpt(s))
		return contract.Date{}, false
	}
	return d, true
}

func excerpt(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// Parse reads area file name from fsys, with the meter, contract, profile
// and scan files it names (relative to its folder). Every problem is
// reported at once as "FILE:LINE: field: what, want"; sc supplies the
// scenario for site scans. ctx bounds the site scans a profile names.
func Parse(ctx context.Context, fsys fs.FS, name string, sc *scenario.Scenario) (*Area, error) {
	data, err := readYAML(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("area file %s: %w", name, err)
	}
	var f file
	sf, err := sitefile.Decode(name, data, &f)
	if err != nil {
		return nil, fmt.Errorf("%w:\n%v", ErrArea, err)
	}
	p := &parser{ctx: ctx, fsys: fsys, name: name, dir: path.Dir(name), root: sf.Root, sc: sc}
	a := p.area(&f)
	if err := sf.Err(nil, p.errs...); err != nil {
		return nil, fmt.Errorf("%w:\n%v", ErrArea, err)
	}
	return a, nil
}

func (p *parser) area(f *file) *Area {
	a := &Area{File: p.name, Name: f.Name, ShortCode: f.ShortCode, Margin: math.NaN()}
	if a.Name == "" {
		p.at("name", "missing, want the area's name")
	}
	if a.ShortCode == "" {
		a.ShortCode = a.Name
	}
	a.Since, _ = p.date("since", f.Since, true)
	a.AsOf, _ = p.date("as_of", f.AsOf, true)
	if !a.Since.IsZero() && a.AsOf.Before(a.Since) {
		p.at("as_of", "%s is before the area exists (since %s)", a.AsOf, a.Since)
	}
	switch {
	case f.Station.OfftakeKW == nil:
		p.at("station.offtake_kw", "missing, want the station's offtake capacity in kW (> 0)")
	case !(*f.Station.OfftakeKW > 0) || math.IsInf(*f.Station.OfftakeKW, 0):
		p.at("station.offtake_kw", "%g: want a capacity in kW > 0", *f.Station.OfftakeKW)
	default:
		a.Station.OfftakeKW = *f.Station.OfftakeKW
	}
	if f.Station.FeedinKW != nil {
		if !(*f.Station.FeedinKW >= 0) {
			p.at("station.feedin_kw", "%g: want a capacity in kW ≥ 0", *f.Station.FeedinKW)
		}
		a.Station.FeedinKW = *f.Station.FeedinKW
	}
	p.nonNegative("station.feedin_available_kw", f.Station.FeedinAvailableKW)
	a.Station.FeedinAvailableKW = f.Station.FeedinAvailableKW

	if d, ok := p.date("reinforcement.date", f.Reinforcement.Date, true); ok {
		a.Reinforcement.Date = d
		if !a.AsOf.IsZero() && !a.AsOf.Before(d) {
			p.at("reinforcement.date", "%s is not after as_of %s, want the date the congestion ends", d, a.AsOf)
		}
	}
	p.nonNegative("reinforcement.offtake_kw", f.Reinforcement.OfftakeKW)
	a.Reinforcement.OfftakeKW = f.Reinforcement.OfftakeKW
	if f.Margin != nil {
		if !(*f.Margin >= 0 && *f.Margin <= 1) {
			p.at("margin", "%g: want a share between 0 and 1", *f.Margin)
		} else {
			a.Margin = *f.Margin
		}
	}

	meters := p.meters(f.Meter)
	p.connections(a, f, meters)
	p.load(a, f, meters)
	p.contracts(a, f)
	p.categories(a, f)
	p.requests(a, f)
	return a
}

func (p *parser) nonNegative(field string, v float64) {
	if !(v >= 0) || math.IsInf(v, 0) {
		p.at(field, "%g: want a number ≥ 0", v)
	}
}

// meters reads the connections' meter file, keyed by EAN.
func (p *parser) meters(name string) map[string]meter.Connection {
	out := map[string]meter.Connection{}
	if name == "" {
		return out
	}
	conns, ok := p.meterFile("meter", name)
	for _, c := range conns {
		out[c.EAN] = c
	}
	if !ok {
		return nil
	}
	return out
}

func (p *parser) meterFile(field, name string) ([]meter.Connection, bool) {
	fn := p.rel(name)
	f, err := meter.OpenFS(p.fsys, fn)
	if err != nil {
		p.at(field, "meter file %s: %v", name, err)
		return nil, false
	}
	defer f.Close()
	if f.XLSX {
		p.at(field, "meter file %s is a workbook, want CSV (meter/FORMAT.md; gridflex meter inspect reads both)", name)
		return nil, false
	}
	conns, _, err := meter.Read(f, fn, meter.Options{})
	if err != nil {
		p.at(field, "meter file does not parse: %s", firstLines(err.Error(), 3))
		return nil, false
	}
	return conns, true
}

// firstLines keeps an error from another parser short.
func firstLines(s string, n int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > n {
		ls = append(ls[:n], fmt.Sprintf("(%d more)", len(ls)-n))
	}
	return strings.Join(ls, "; ")
}

func (p *parser) connections(a *Area, f *file, meters map[string]meter.Connection) {
	seen := map[string]int{}
	for i, fc := range f.Connections {
		w := fmt.Sprintf("connections[%d]", i)
		c := Connection{EAN: fc.EAN, Name: fc.Name, FeedinKW: fc.FeedinKW, Line: p.line(w)}
		if err := ean.Validate(fc.EAN); err != nil {
			p.at(w+".ean", "%q: %v", excerpt(fc.EAN), err)
		} else if j, dup := seen[fc.EAN]; dup {
			p.at(w+".ean", "%s also at connections[%d], want each connection once", fc.EAN, j)
		}
		seen[fc.EAN] = i
		switch {
		case fc.OfftakeKW == nil:
			p.at(w+".offtake_kw", "missing, want the contracted capacity in kW (≥ 0)")
		case !(*fc.OfftakeKW >= 0) || math.IsInf(*fc.OfftakeKW, 0):
			p.at(w+".offtake_kw", "%g: want a capacity in kW ≥ 0", *fc.OfftakeKW)
		default:
			c.OfftakeKW = *fc.OfftakeKW
		}
		p.nonNegative(w+".feedin_kw", fc.FeedinKW)
		if m, ok := meters[fc.EAN]; ok {
			c.Load, c.Metered = m.Offtake, true
		}
		a.Connections = append(a.Connections, c)
	}
	for e := range meters {
		if _, ok := seen[e]; !ok {
			p.at("meter", "meter data for %s, which is not a connection of the area", e)
		}
	}
}

// load sets the station's base-period load and, with sum: connections,
// each unmetered connection's profile load.
func (p *parser) load(a *Area, f *file, meters map[string]meter.Connection) {
	switch {
	case f.Load.Meter != "" && f.Load.Sum != "":
		p.at("load", "both meter and sum, want one of them")
	case f.Load.Meter != "":
		conns, ok := p.meterFile("load.meter", f.Load.Meter)
		if !ok {
			return
		}
		if len(conns) != 1 {
			p.at("load.meter", "%d connections in the file, want the station's load only", len(conns))
			return
		}
		s := conns[0].Offtake
		from, to := series.LocalDayStart(s.Start), series.LocalDayStart(s.End().Add(-series.ISP)).AddDate(0, 0, 1)
		if !from.Equal(s.Start) || !to.Equal(s.End()) {
			p.at("load.meter", "covers %s – %s, want whole local days", stamp(s.Start), stamp(s.End()))
			return
		}
		if n := s.MissingCount(); n > 0 {
			p.at("load.meter", "%d ISPs missing, want a complete station load (nothing is filled)", n)
			return
		}
		a.Load, a.LoadSource = s, "meter "+f.Load.Meter
	case f.Load.Sum == "connections":
		if f.Load.Year < 1900 || f.Load.Year > 2200 {
			p.at("load.year", "%d: want the local calendar year the connections' loads are summed over", f.Load.Year)
			return
		}
		from := time.Date(f.Load.Year, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
		to := time.Date(f.Load.Year+1, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
		n := int(to.Sub(from) / series.ISP)
		sum := series.New(from, n)
		for i := range sum.KW {
			sum.KW[i] = 0
		}
		cal := series.NewCalendar(from, n)
		metered, profiled := 0, 0
		for i := range a.Connections {
			c := &a.Connections[i]
			fc := f.Connections[i]
			w := fmt.Sprintf("connections[%d]", i)
			if c.Metered {
				shape := c.Load.Slice(from, to)
				if m := shape.MissingCount(); m > 0 {
					p.at(w+".ean", "meter data has %d ISPs missing in %d, want complete data to sum the station load", m, f.Load.Year)
					continue
				}
				c.Load = shape
				metered++
			} else {
				if fc.Profile.Kind == 0 || fc.PeakKW == nil {
					p.at(w, "no meter data: want profile and peak_kw to sum the station load")
					continue
				}
				if !(*fc.PeakKW >= 0) || math.IsInf(*fc.PeakKW, 0) {
					p.at(w+".peak_kw", "%g: want a load in kW ≥ 0", *fc.PeakKW)
					continue
				}
				pr, ok := p.profile(w+".profile", &fc.Profile, cal)
				if !ok {
					continue
				}
				c.Load = series.New(from, n)
				for t := range c.Load.KW {
					c.Load.KW[t] = pr.Shape[t] * float32(*fc.PeakKW)
				}
				profiled++
			}
			for t, v := range c.Load.KW {
				sum.KW[t] += v
			}
		}
		a.Load = sum
		a.LoadSource = fmt.Sprintf("sum of %d connections (%d metered, %d profiled)", len(a.Connections), metered, profiled)
	case f.Load.Sum != "":
		p.at("load.sum", "%q: want connections", excerpt(f.Load.Sum))
	default:
		p.at("load", "missing, want {meter: FILE} or {sum: connections, year: YYYY}")
	}
	if a.Load.Len() > 0 && f.Load.Meter != "" {
		for i := range a.Connections {
			if c := &a.Connections[i]; c.Metered {
				c.Load = c.Load.Slice(a.Load.Start, a.Load.End())
			}
		}
	}
}

// contracts reads the contract files (glob patterns allowed) and checks
// they belong to the area.
func (p *parser) contracts(a *Area, f *file) {
	conns := map[string]bool{}
	for _, c := range a.Connections {
		conns[c.EAN] = true
	}
	ids := map[string]string{}
	for i, pat := range f.Contracts {
		w := fmt.Sprintf("contracts[%d]", i)
		names, err := fs.Glob(p.fsys, p.rel(pat))
		if err != nil || len(names) == 0 {
			p.at(w, "%q matches no file, want a contract file or a glob pattern", excerpt(pat))
			continue
		}
		for _, fn := range names {
			data, err := readYAML(p.fsys, fn)
			if err != nil {
				p.at(w, "contract file %s: %v", fn, err)
				continue
			}
			dir := path.Dir(fn)
			c, err := contract.Parse(fn, data, func(h string) ([]byte, error) {
				if path.IsAbs(h) {
					return readYAML(p.fsys, h)
				}
				return readYAML(p.fsys, path.Join(dir, h))
			})
			if err != nil {
				p.at(w, "contract file does not parse: %s", firstLines(err.Error(), 3))
				continue
			}
			if prev, dup := ids[c.ID()]; dup {
				p.at(w, "%s: contract %s also in %s, want one contract per connection or group", fn, c.ID(), prev)
				continue
			}
			ids[c.ID()] = fn
			members := c.Members
			if c.Group == "" {
				members = []string{c.Connection}
			}
			bad := false
			for _, m := range members {
				if !conns[m] {
					p.at(w, "%s: connection %s is not a connection of the area", fn, m)
					bad = true
				}
			}
			if !a.Since.IsZero() && c.Term.Start.Before(a.Since) {
				p.at(w, "%s: term.start %s is before the area exists (since %s)", fn, c.Term.Start, a.Since)
				bad = true
			}
			if !bad {
				a.Contracts = append(a.Contracts, c)
				a.ContractAt = append(a.ContractAt, p.line(w))
			}
		}
	}
}

func (p *parser) categories(a *Area, f *file) {
	seen := map[string]bool{}
	for i, c := range f.RawCats {
		w := fmt.Sprintf("categories[%d]", i)
		if c.ID == "" {
			p.at(w+".id", "missing, want a short identifier")
			continue
		}
		if seen[c.ID] {
			p.at(w+".id", "%q given twice", excerpt(c.ID))
		}
		seen[c.ID] = true
		a.Categories = append(a.Categories, Category(c))
	}
	if len(f.WaitingList) > 0 && len(a.Categories) == 0 {
		p.at("categories", "missing, want the priority categories in order (highest first)")
	}
}

func (p *parser) requests(a *Area, f *file) {
	if len(f.WaitingList) > maxRequests {
		p.at("waiting_list", "%d requests, want at most %d", len(f.WaitingList), maxRequests)
		return
	}
	var cal *series.Calendar
	if a.Load.Len() > 0 {
		cal = a.calendar()
	}
	seen := map[string]bool{}
	for i, fr := range f.WaitingList {
		w := fmt.Sprintf("waiting_list[%d]", i)
		r := Request{ID: fr.ID, Name: fr.Name, OfftakeKW: fr.OfftakeKW, FeedinKW: fr.FeedinKW, Category: fr.Category, Line: p.line(w)}
		if r.ID == "" {
			p.at(w+".id", "missing, want an identifier")
		} else if seen[r.ID] {
			p.at(w+".id", "%q given twice", excerpt(r.ID))
		}
		seen[r.ID] = true
		if !(fr.OfftakeKW >= 0) || math.IsInf(fr.OfftakeKW, 0) {
			p.at(w+".offtake_kw", "%g: want requested kW ≥ 0", fr.OfftakeKW)
		}
		if !(fr.FeedinKW >= 0) || math.IsInf(fr.FeedinKW, 0) {
			p.at(w+".feedin_kw", "%g: want requested kW ≥ 0", fr.FeedinKW)
		}
		if fr.OfftakeKW == 0 && fr.FeedinKW == 0 {
			p.at(w, "requests 0 kW, want offtake_kw or feedin_kw > 0")
		}
		if d, ok := p.date(w+".requested", fr.Requested, true); ok {
			r.Requested = d
			if !a.Since.IsZero() && d.Before(a.Since) {
				p.at(w+".requested", "%s is before the area exists (since %s)", d, a.Since)
			}
			if !a.AsOf.IsZero() && a.AsOf.Before(d) {
				p.at(w+".requested", "%s is after as_of %s, want requests complete on the analysis day", d, a.AsOf)
			}
		}
		r.Priority = slices.IndexFunc(a.Categories, func(c Category) bool { return c.ID == fr.Category })
		if r.Priority < 0 && len(a.Categories) > 0 {
			p.at(w+".category", "%q: want one of %s", excerpt(fr.Category), catList(a.Categories))
		}
		if fr.Profile.Kind == 0 {
			p.at(w+".profile", "missing, want %s", profileList())
		} else if cal != nil {
			r.Profile, _ = p.profile(w+".profile", &fr.Profile, cal)
		}
		a.Requests = append(a.Requests, r)
	}
}

func catList(cs []Category) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ", ")
}

// profile decodes a profile node: a standard name, {meter: FILE} or
// {scan: SITE.yaml}.
func (p *parser) profile(field string, n *yaml.Node, cal *series.Calendar) (Profile, bool) {
	if n.Kind == yaml.ScalarNode {
		shape, ok := standardShape(n.Value, cal)
		if !ok {
			p.at(field, "%q: want %s", excerpt(n.Value), profileList())
			return Profile{}, false
		}
		return Profile{Kind: n.Value, Shape: shape}, true
	}
	if n.Kind != yaml.MappingNode || len(n.Content) != 2 || n.Content[1].Kind != yaml.ScalarNode {
		p.at(field, "want %s", profileList())
		return Profile{}, false
	}
	kind, fn := n.Content[0].Value, n.Content[1].Value
	switch kind {
	case "meter":
		conns, ok := p.meterFile(field+".meter", fn)
		if !ok {
			return Profile{}, false
		}
		if len(conns) != 1 {
			p.at(field+".meter", "%d connections in %s, want one load", len(conns), fn)
			return Profile{}, false
		}
		shape, err := shapeOf(conns[0].Offtake, cal.Start, cal.Len())
		if err != nil {
			p.at(field+".meter", "%s: %v", fn, err)
			return Profile{}, false
		}
		return Profile{Kind: "meter", Source: fn, Shape: shape}, true
	case "scan":
		data, err := readYAML(p.fsys, p.rel(fn))
		if err != nil {
			p.at(field+".scan", "site file %s: %v", fn, err)
			return Profile{}, false
		}
		site, err := charging.ParseSite(p.rel(fn), data)
		if err != nil {
			p.at(field+".scan", "site file does not parse: %s", firstLines(err.Error(), 3))
			return Profile{}, false
		}
		res, err := charging.Scan(p.ctx, site, p.sc, charging.Options{})
		if err != nil {
			p.at(field+".scan", "scan of %s: %v", fn, err)
			return Profile{}, false
		}
		// A waiting party connects without a flex contract: it charges on
		// arrival, the load the scan calls "today".
		shape, err := dayShape(res.BeforeKW, true, cal)
		if err != nil {
			p.at(field+".scan", "%s: %v", fn, err)
			return Profile{}, false
		}
		return Profile{Kind: "scan", Source: fn, Shape: shape}, true
	}
	p.at(field, "%q: want %s", excerpt(kind), profileList())
	return Profile{}, false
}
