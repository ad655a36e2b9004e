package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/input"
	"gridflex/yamlnum"
)

// Options say which overrides to apply on top of the built-in scenario.
type Options struct {
	// File is a scenario file (YAML); empty for none.
	File string
	// Sets are command-line overrides "KEY=VALUE" or "KEY=LOW..HIGH",
	// applied after File in order.
	Sets []string
}

// Load returns the built-in scenario with the overrides of opts applied. On
// any problem it returns nil and an error listing every problem found. The
// name is the file's (or nl-2026), with "+set" appended when --set changed
// anything.
func Load(opts Options) (*Scenario, error) {
	var s *Scenario
	var errs []error
	if opts.File != "" {
		var err error
		s, err = loadFile(opts.File, nil)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if s == nil {
		s = Default()
	}
	for _, set := range opts.Sets {
		if err := s.applySet(set); err != nil {
			errs = append(errs, err)
		}
	}
	if len(opts.Sets) > 0 {
		// Outputs carry the scenario name; one changed on the command line
		// must not pass for the published one.
		s.Name += "+set"
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// Parse applies the scenario file content data (named name in errors) on
// top of its base, as Load does for a file on disk. Bases named by path are
// resolved relative to the directory of name.
func Parse(name string, data []byte) (*Scenario, error) {
	return parseFile(name, data, nil)
}

func loadFile(name string, seen []string) (*Scenario, error) {
	data, err := input.ReadFile(name, input.YAML)
	if err != nil {
		return nil, fmt.Errorf("scenario file: %w", err)
	}
	return parseFile(name, data, seen)
}

// parseFile decodes a scenario file:
//
//	name: cold-winter          # optional
//	base: nl-2026              # optional: a built-in name or a file path
//	params:
//	  offices.heating.spf: 3.0                      # point value
//	  offices.heating.full_load_hours: 1200..1600   # range, value at its middle
//	  logistics.flexible_share: {value: 0.7, low: 0.6, high: 0.8, dist: triangular}
func parseFile(name string, data []byte, seen []string) (*Scenario, error) {
	for _, s := range seen {
		if s == name {
			return nil, fmt.Errorf("%s: base scenarios form a cycle: %s", name, strings.Join(append(seen, name), " → "))
		}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if line, err := yamlnum.SecondDocument(dec); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	} else if line > 0 {
		return nil, fmt.Errorf("%s:%d: a second YAML document (---): want one scenario per file", name, line)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty scenario file: want a mapping with params", name)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping with name, base and params, got %s", name, root.Line, kindName(root))
	}
	var errs []lineError
	at := func(n *yaml.Node, format string, a ...any) {
		errs = append(errs, lineError{n.Line, fmt.Sprintf("%s:%d: %s", name, n.Line, fmt.Sprintf(format, a...))})
	}
	var scnName, base string
	var params, baseNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "name":
			scnName = v.Value
		case "base":
			base, baseNode = v.Value, k
		case "description":
		case "params":
			params = v
		default:
			at(k, "unknown top-level key %q: want name, base, description or params", k.Value)
		}
	}
	// A base that cannot be loaded is reported, and the file's own
	// params are still checked against the built-in scenario so that
	// every problem shows at once.
	s := Default()
	if base != "" {
		if b, ok := Builtin(base); ok {
			s = b
		} else {
			p := base
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(name), p)
			}
			if _, err := os.Stat(p); err != nil {
				at(baseNode, "base %q: want the built-in %q or a scenario file, found neither", base, DefaultName)
			} else if b, err := loadFile(p, append(seen, name)); err != nil {
				at(baseNode, "base %q: %v", base, err)
			} else {
				s = b
			}
		}
	}
	if scnName == "" {
		scnName = strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	}
	s.Name = scnName
	if params != nil {
		if params.Kind != yaml.MappingNode {
			at(params, "params: want a mapping of key: value, got %s", kindName(params))
		} else {
			firstLine := map[string]int{}
			for i := 0; i+1 < len(params.Content); i += 2 {
				k, v := params.Content[i], params.Content[i+1]
				if l, dup := firstLine[k.Value]; dup {
					at(k, "key %q: given twice (first on line %d)", k.Value, l)
					continue
				}
				firstLine[k.Value] = k.Line
				if err := s.applyNode(k.Value, v); err != "" {
					at(k, "%s", err)
				}
			}
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].line < errs[j].line })
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.msg
		}
		return nil, errors.New(strings.Join(input.Cap(msgs), "\n"))
	}
	return s, nil
}

// lineError is a problem of a scenario file, sorted by line for reading.
type lineError struct {
	line int
	msg  string
}

// quotedNumber reports whether a scalar is a number written as a string:
// decoding is strict, so "0.5" is refused rather than coerced.
func quotedNumber(n *yaml.Node) bool {
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
		return false
	}
	_, err := parseNumber(n.Value)
	return err == nil
}

// separatorRe is a decimal number with "_" between digits as a thousands
// separator (1_470), which scenario files allow; 1__5 or 15_ is refused.
var separatorRe = regexp.MustCompile(`^[-+]?[0-9]+(_[0-9]+)*(\.[0-9]+(_[0-9]+)*)?([eE][-+]?[0-9]+)?$`)

// strictScalar holds a number of a scenario file to the rules of yamlnum
// where parseNumber is lenient: !!str 210, 1__5,
// 1e308 and 1e-400 are refused. Text parseNumber refuses is left to the
// caller's message.
func strictScalar(n *yaml.Node) string {
	if n.Tag == "!!str" && n.Style&yaml.TaggedStyle != 0 {
		return fmt.Sprintf("want a number, got text %s (remove the !!str tag)", input.Excerpt(n.Value))
	}
	return strictText(n.Value)
}

// strictText is strictScalar for a value written as text (a file's plain
// scalar or a --set value): V or LOW..HIGH.
func strictText(text string) string {
	sides := []string{text}
	if lo, hi, isRange := strings.Cut(text, ".."); isRange {
		sides = []string{lo, hi}
	}
	for _, t := range sides {
		t = strings.TrimSpace(t)
		if separatorRe.MatchString(t) {
			t = strings.ReplaceAll(t, "_", "")
		}
		if _, err := parseNumber(t); err == nil {
			if msg := yamlnum.CheckText(t, false); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// applyNode applies one params entry; it returns a problem description or "".
func (s *Scenario) applyNode(key string, v *yaml.Node) string {
	i, ok := s.index[key]
	if !ok {
		return unknownKey(s, key)
	}
	p := s.params[i]
	switch v.Kind {
	case yaml.ScalarNode:
		if quotedNumber(v) {
			return fmt.Sprintf("key %q: want a number, got the string %q (remove the quotes)", key, v.Value)
		}
		if msg := strictScalar(v); msg != "" {
			return fmt.Sprintf("key %q: %s", key, msg)
		}
		np, err := withText(p, v.Value)
		if err != "" {
			return fmt.Sprintf("key %q: %s", key, err)
		}
		p = np
	case yaml.MappingNode:
		var (
			probs []string
			value *float64
		)
		for j := 0; j+1 < len(v.Content); j += 2 {
			fk, fv := v.Content[j], v.Content[j+1]
			if fk.Value == "dist" {
				if p.Range == nil {
					p.Range = &Range{Low: p.Value, High: p.Value}
				}
				p.Range.Dist = Dist(fv.Value)
				continue
			}
			f, err := parseNumber(fv.Value)
			if fv.Kind != yaml.ScalarNode || err != nil || quotedNumber(fv) {
				probs = append(probs, fmt.Sprintf("%s: want a number, got %q", fk.Value, fv.Value))
				continue
			}
			if msg := strictScalar(fv); msg != "" {
				probs = append(probs, fmt.Sprintf("%s: %s", fk.Value, msg))
				continue
			}
			switch fk.Value {
			case "value":
				value = &f
			case "low", "high":
				if p.Range == nil {
					p.Range = &Range{Low: p.Value, High: p.Value, Dist: Uniform}
				}
				if fk.Value == "low" {
					p.Range.Low = f
				} else {
					p.Range.High = f
				}
			default:
				probs = append(probs, fmt.Sprintf("unknown field %q: want value, low, high or dist", fk.Value))
			}
		}
		if value != nil {
			p.Value = *value
		} else if p.Range != nil && (p.Value < p.Range.Low || p.Value > p.Range.High) {
			p.Value = (p.Range.Low + p.Range.High) / 2
		}
		if p.Range != nil && p.Range.Dist == "" {
			p.Range.Dist = Uniform
		}
		if len(probs) > 0 {
			return fmt.Sprintf("key %q: %s", key, strings.Join(probs, "; "))
		}
	default:
		return fmt.Sprintf("key %q: want a number, LOW..HIGH or {value, low, high, dist}, got %s", key, kindName(v))
	}
	if probs := p.check(); len(probs) > 0 {
		return fmt.Sprintf("key %q: %s", key, strings.Join(probs, "; "))
	}
	s.params[i] = p
	return ""
}

// applySet applies one "KEY=VALUE" or "KEY=LOW..HIGH" override.
func (s *Scenario) applySet(set string) error {
	key, text, ok := strings.Cut(set, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return fmt.Errorf("--set %q: want KEY=VALUE or KEY=LOW..HIGH", set)
	}
	i, known := s.index[key]
	if !known {
		return fmt.Errorf("--set %q: %s", set, unknownKey(s, key))
	}
	p, prob := s.params[i], strictText(strings.TrimSpace(text))
	if prob == "" {
		p, prob = withText(p, strings.TrimSpace(text))
	}
	if prob == "" {
		if probs := p.check(); len(probs) > 0 {
			prob = strings.Join(probs, "; ")
		}
	}
	if prob != "" {
		return fmt.Errorf("--set %q: key %q: %s", set, key, prob)
	}
	s.params[i] = p
	return nil
}

// withText returns p overridden by a scalar text: "V" fixes the value (and
// collapses any range to it: the user says the value is known); "L..H" sets
// the range with the value at its middle.
func withText(p Param, text string) (Param, string) {
	if lo, hi, isRange := strings.Cut(text, ".."); isRange {
		l, err1 := parseNumber(lo)
		h, err2 := parseNumber(hi)
		if err1 != nil || err2 != nil {
			return p, fmt.Sprintf("want LOW..HIGH with two numbers, got %q", text)
		}
		dist := Uniform
		if p.Range != nil {
			dist = p.Range.Dist
		}
		p.Range = &Range{Low: l, High: h, Dist: dist}
		p.Value = (l + h) / 2
		return p, ""
	}
	v, err := parseNumber(text)
	if err != nil {
		return p, fmt.Sprintf("want %s%s, got %q", p.Domain.Expect(), unitSuffix(p.Unit), text)
	}
	p.Value = v
	if p.Range != nil {
		p.Range = &Range{Low: v, High: v, Dist: p.Range.Dist}
	}
	return p, ""
}

// parseNumber accepts plain decimal numbers with an optional "_" digit
// separator; it refuses empty strings, NaN and infinities.
func parseNumber(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || s == "" || strings.ContainsAny(strings.ToLower(s), "ni") {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	return v, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return input.Excerpt(n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// unitSuffix names the unit in an error, leaving out the dimensionless ones.
func unitSuffix(unit string) string {
	switch unit {
	case "", "-", "share", "fraction", "1":
		return ""
	}
	return " in " + unit
}
