package scenario

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// DefaultName is the built-in scenario: the study's published assumptions.
const DefaultName = "nl-2026"

//go:embed nl-2026/*.yaml
var builtin embed.FS

// Scenario is a complete, valid set of parameters. The zero value is not
// useful; start from Default or Load.
type Scenario struct {
	Name   string
	params []Param
	index  map[string]int
}

var (
	defaultOnce sync.Once
	defaultScn  *Scenario
	defaultErr  error
)

// Default returns a fresh copy of the built-in scenario nl-2026.
func Default() *Scenario {
	defaultOnce.Do(func() { defaultScn, defaultErr = loadBuiltin(builtin, DefaultName) })
	if defaultErr != nil {
		// The embedded files are part of the binary; tests keep them valid.
		panic("scenario: built-in " + DefaultName + ": " + defaultErr.Error())
	}
	return defaultScn.Clone()
}

// Builtin returns a copy of the built-in scenario with the given name.
func Builtin(name string) (*Scenario, bool) {
	if name == DefaultName {
		return Default(), true
	}
	return nil, false
}

// Clone returns a deep copy that can be changed independently.
func (s *Scenario) Clone() *Scenario {
	c := &Scenario{Name: s.Name, params: make([]Param, len(s.params)), index: s.index}
	for i, p := range s.params {
		if p.Range != nil {
			r := *p.Range
			p.Range = &r
		}
		c.params[i] = p
	}
	return c
}

// Params returns the parameters in listing order (by model, then key). The
// slice is a copy.
func (s *Scenario) Params() []Param {
	out := slices.Clone(s.params)
	for i := range out {
		if out[i].Range != nil {
			r := *out[i].Range
			out[i].Range = &r
		}
	}
	return out
}

// Len is the number of parameters.
func (s *Scenario) Len() int { return len(s.params) }

// Index returns the position of key in Params and Values. It panics on an
// unknown key: models read only keys they declare.
func (s *Scenario) Index(key string) int {
	i, ok := s.index[key]
	if !ok {
		panic(fmt.Sprintf("scenario: unknown parameter %q", key))
	}
	return i
}

// Has reports whether the scenario defines key.
func (s *Scenario) Has(key string) bool { _, ok := s.index[key]; return ok }

// Param returns the parameter named key. It panics on an unknown key.
func (s *Scenario) Param(key string) Param { return s.Params()[s.Index(key)] }

// Value returns the point value of key. It panics on an unknown key.
func (s *Scenario) Value(key string) float64 { return s.params[s.Index(key)].Value }

// Low returns the low end of key's range (its value without a range).
func (s *Scenario) Low(key string) float64 { return s.params[s.Index(key)].Low() }

// High returns the high end of key's range (its value without a range).
func (s *Scenario) High(key string) float64 { return s.params[s.Index(key)].High() }

// Values returns the point values indexed like Params, for models that
// evaluate many times (Monte Carlo) and resolve their keys once with Index.
func (s *Scenario) Values() []float64 {
	v := make([]float64, len(s.params))
	for i, p := range s.params {
		v[i] = p.Value
	}
	return v
}

// With returns a copy of s with key set to the point value v (its range, if
// any, collapsed to v). It panics on an unknown key; it does not validate,
// so it is meant for tests and sensitivity sweeps within known ranges.
func (s *Scenario) With(key string, v float64) *Scenario {
	c := s.Clone()
	p := &c.params[c.Index(key)]
	p.Value = v
	if p.Range != nil {
		p.Range.Low, p.Range.High = v, v
	}
	return c
}

// Keys returns all parameter keys in listing order.
func (s *Scenario) Keys() []string {
	k := make([]string, len(s.params))
	for i, p := range s.params {
		k[i] = p.Key
	}
	return k
}

// defaultsFile is the schema of one embedded nl-2026/*.yaml file.
type defaultsFile struct {
	Params []struct {
		Key         string   `yaml:"key"`
		Value       *float64 `yaml:"value"`
		Unit        string   `yaml:"unit"`
		Source      string   `yaml:"source"`
		Description string   `yaml:"description"`
		Domain      Domain   `yaml:"domain"`
		Calibrated  bool     `yaml:"calibrated"`
		Range       *struct {
			Low  *float64 `yaml:"low"`
			High *float64 `yaml:"high"`
			Dist Dist     `yaml:"dist"`
		} `yaml:"range"`
	} `yaml:"params"`
}

func loadBuiltin(fsys fs.FS, name string) (*Scenario, error) {
	files, err := fs.Glob(fsys, name+"/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	s := &Scenario{Name: name, index: map[string]int{}}
	var errs []string
	// The files are decoded in parallel: parsing the YAML is most of a
	// short command's run time (issue 9 item 18); they are merged in name
	// order below.
	dfs := make([]defaultsFile, len(files))
	decErrs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			data, err := fs.ReadFile(fsys, f)
			if err != nil {
				decErrs[i] = err
				return
			}
			dec := yaml.NewDecoder(bytes.NewReader(data))
			dec.KnownFields(true)
			if err := dec.Decode(&dfs[i]); err != nil {
				decErrs[i] = fmt.Errorf("%s: %v", f, err)
			}
		})
	}
	wg.Wait()
	for fi, f := range files {
		if err := decErrs[fi]; err != nil {
			errs = append(errs, err.Error())
			continue
		}
		df := dfs[fi]
		model := strings.TrimSuffix(path.Base(f), ".yaml")
		for i, raw := range df.Params {
			where := fmt.Sprintf("%s: params[%d] %q", f, i, raw.Key)
			if raw.Key == "" || raw.Value == nil || raw.Unit == "" || raw.Source == "" || raw.Description == "" {
				errs = append(errs, where+": want key, value, unit, source and description")
				continue
			}
			if _, dup := s.index[raw.Key]; dup {
				errs = append(errs, where+": key defined twice")
				continue
			}
			p := Param{Key: raw.Key, Value: *raw.Value, Unit: raw.Unit, Source: raw.Source,
				Description: raw.Description, Domain: raw.Domain, Calibrated: raw.Calibrated, Model: model}
			if p.Domain == "" {
				p.Domain = Any
			}
			if _, ok := domains[p.Domain]; !ok {
				errs = append(errs, fmt.Sprintf("%s: domain: unknown %q", where, p.Domain))
			}
			if r := raw.Range; r != nil {
				if r.Low == nil || r.High == nil {
					errs = append(errs, where+": range: want low and high")
					continue
				}
				p.Range = &Range{Low: *r.Low, High: *r.High, Dist: r.Dist}
				if p.Range.Dist == "" {
					p.Range.Dist = Uniform
				}
			}
			for _, prob := range p.check() {
				errs = append(errs, where+": "+prob)
			}
			s.index[p.Key] = len(s.params)
			s.params = append(s.params, p)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return s, nil
}
