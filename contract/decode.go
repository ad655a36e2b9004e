package contract

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/input"
	"gridflex/yamlnum"
)

// decoder collects every problem of one file, each with its line, so a
// user fixes a file in one pass.
type decoder struct {
	file string
	// errs stops at input.MaxErrors: a file with a thousand bad values
	// gives twenty messages and a count.
	errs input.Errors
}

func (d *decoder) at(n *yaml.Node, format string, a ...any) {
	d.errs.Add(fmt.Errorf("%s:%d: %s", d.file, n.Line, fmt.Sprintf(format, a...)))
}

func (d *decoder) err() error { return d.errs.Err() }

// fields checks that n is a mapping whose keys are all in valid and returns
// key → value. Unknown and repeated keys are reported with the valid keys.
func (d *decoder) fields(n *yaml.Node, where string, valid []string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.at(n, "%s: want a mapping with keys %s, got %s", where, strings.Join(valid, ", "), kindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(valid, k.Value):
			d.at(k, "%s: unknown key %q: valid keys are %s", where, k.Value, strings.Join(valid, ", "))
		case out[k.Value] != nil:
			d.at(k, "%s: key %q given twice", where, k.Value)
		default:
			out[k.Value] = v
		}
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

// number decodes a plain YAML number (a quoted string is refused: no
// silent string → number coercion) within [lo, hi], by the strict rules
// of yamlnum (no 1__5, .inf, 1e308 or 1e-400).
func (d *decoder) number(n *yaml.Node, where string, lo, hi float64) (float64, bool) {
	want := fmt.Sprintf("a number in [%g, %g]", lo, hi)
	if math.IsInf(hi, 1) {
		want = fmt.Sprintf("a number ≥ %g", lo)
	}
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
		d.at(n, "%s: want %s, got %s", where, want, numberKind(n))
		return 0, false
	}
	if msg := yamlnum.Check(n, false); msg != "" {
		d.at(n, "%s: %s", where, msg)
		return 0, false
	}
	v, err := strconv.ParseFloat(n.Value, 64)
	if err != nil || math.IsNaN(v) || v < lo || v > hi {
		d.at(n, "%s: want %s, got %s", where, want, n.Value)
		return 0, false
	}
	return v, true
}

// integer decodes a whole number in [lo, hi].
func (d *decoder) integer(n *yaml.Node, where string, lo, hi int) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.at(n, "%s: want a whole number in [%d, %d], got %s", where, lo, hi, numberKind(n))
		return 0, false
	}
	if msg := yamlnum.Check(n, true); msg != "" {
		d.at(n, "%s: %s", where, msg)
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil || v < lo || v > hi {
		d.at(n, "%s: want a whole number in [%d, %d], got %s", where, lo, hi, n.Value)
		return 0, false
	}
	return v, true
}

// numberKind names what stands where a number belongs, saying "text" for
// a quoted or !!str scalar: it looks like a number and is not one.
func numberKind(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" {
		return "text " + kindName(n)
	}
	return kindName(n)
}

// text decodes a non-empty scalar string.
func (d *decoder) text(n *yaml.Node, where string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" {
		d.at(n, "%s: want text, got %s", where, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) date(n *yaml.Node, where string) (Date, bool) {
	if n.Kind != yaml.ScalarNode {
		d.at(n, "%s: want a date YYYY-MM-DD, got %s", where, kindName(n))
		return Date{}, false
	}
	dt, err := ParseDate(n.Value)
	if err != nil {
		d.at(n, "%s: %v", where, err)
		return Date{}, false
	}
	return dt, true
}

// clockTime decodes "HH:MM" on the quarter hour, 00:00 … 24:00, into
// minutes after midnight.
func (d *decoder) clockTime(n *yaml.Node, where string) (int, bool) {
	m, err := parseClock(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		d.at(n, "%s: want a time \"HH:MM\" on a quarter hour from \"00:00\" to \"24:00\", got %s", where, kindName(n))
		return 0, false
	}
	return m, true
}

// parseClock parses "HH:MM" (quarter hours, up to 24:00) into minutes.
func parseClock(s string) (int, error) {
	hs, ms, ok := strings.Cut(s, ":")
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if !ok || err1 != nil || err2 != nil || len(ms) != 2 || h < 0 || m < 0 || m >= 60 || m%15 != 0 || h*60+m > 1440 {
		return 0, fmt.Errorf("want a time HH:MM on a quarter hour from 00:00 to 24:00, got %q", s)
	}
	return h*60 + m, nil
}

// window decodes from/to of n's fields; both required.
func (d *decoder) window(f map[string]*yaml.Node, parent *yaml.Node, where string) (Window, bool) {
	fn, tn := f["from"], f["to"]
	if fn == nil || tn == nil {
		d.at(parent, "%s: want both from and to (\"HH:MM\"; to may be \"24:00\")", where)
		return Window{}, false
	}
	from, ok1 := d.clockTime(fn, join(where, "from"))
	to, ok2 := d.clockTime(tn, join(where, "to"))
	if !ok1 || !ok2 {
		return Window{}, false
	}
	if from == 1440 {
		d.at(fn, "%s: from \"24:00\": want 00:00 … 23:45", where)
		return Window{}, false
	}
	if from == to {
		d.at(fn, "%s: from and to are both %s: want a window of at least one quarter hour", where, clock(from))
		return Window{}, false
	}
	return Window{From: from, To: to % 1440}, true
}

var weekdayNames = map[string]int{"sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6,
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

const daysForms = "working, all, weekend, or a list of weekdays [mon, tue, wed, thu, fri, sat, sun]"

func (d *decoder) days(n *yaml.Node, where string) (DaySet, bool) {
	if n == nil {
		return DaySet{Kind: "all", Spec: "all"}, true
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Value {
		case "working", "all", "weekend":
			return DaySet{Kind: n.Value, Spec: n.Value}, true
		}
	case yaml.SequenceNode:
		s := DaySet{Kind: "list"}
		var names []string
		ok := len(n.Content) > 0
		for _, e := range n.Content {
			wd, found := weekdayNames[strings.ToLower(e.Value)]
			if e.Kind != yaml.ScalarNode || !found {
				d.at(e, "%s: unknown weekday %s: want one of mon, tue, wed, thu, fri, sat, sun", where, kindName(e))
				ok = false
				continue
			}
			s.Weekdays[wd] = true
			names = append(names, strings.ToLower(e.Value)[:3])
		}
		s.Spec = strings.Join(names, ",")
		if ok {
			return s, true
		}
		if len(n.Content) > 0 {
			return s, false
		}
	}
	d.at(n, "%s: want %s, got %s", where, daysForms, kindName(n))
	return DaySet{}, false
}

// months decodes months: [1, 2, 12] and season: winter|summer into one set.
func (d *decoder) months(f map[string]*yaml.Node, where string) (set [13]bool, ok bool) {
	ok = true
	given := false
	if n := f["months"]; n != nil {
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.at(n, "%s: want a list of month numbers 1–12, got %s", join(where, "months"), kindName(n))
			ok = false
		} else {
			for _, e := range n.Content {
				m, good := d.integer(e, join(where, "months"), 1, 12)
				ok = ok && good
				set[m] = good
				given = given || good
			}
		}
	}
	if n := f["season"]; n != nil {
		if f["months"] != nil {
			d.at(n, "%s: give months or season, not both", where)
			return set, false
		}
		var ms []int
		switch n.Value {
		case "winter":
			ms = []int{10, 11, 12, 1, 2, 3}
		case "summer":
			ms = []int{4, 5, 6, 7, 8, 9}
		default:
			d.at(n, "%s: want winter (October–March) or summer (April–September), got %s", join(where, "season"), kindName(n))
			return set, false
		}
		for _, m := range ms {
			set[m] = true
		}
		given = true
	}
	if !given {
		for m := 1; m <= 12; m++ {
			set[m] = true
		}
	}
	return set, ok
}
