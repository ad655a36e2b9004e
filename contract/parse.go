package contract

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/calendar"
	"gridflex/input"
	"gridflex/yamlnum"
)

var topKeys = []string{"connection", "group", "members", "name", "base_capacity_kw", "feedin_capacity_kw",
	"term", "limits", "compensation", "sanctions", "baseline", "holidays", "holidays_file", "holiday_calendar"}

// clauseKeys are the valid keys per form; errors list them.
var clauseKeys = map[Form][]string{
	TimeBlock:  {"form", "name", "days", "from", "to", "max_kw", "feedin_max_kw", "months", "season"},
	BlockPower: {"form", "name", "days", "months", "season", "blocks"},
	TDTR:       {"form", "name", "firm_share", "limited_kw", "notice_hours"},
	Group:      {"form", "name", "days", "from", "to", "max_kw", "months", "season"},
	OnCall:     {"form", "name", "flex_kw", "notice_hours"},
}

// maxClauses bounds the clauses of a contract: a schedule tracks which
// apply on a day in one 64-bit mask (and names the clause of an ISP in a
// byte).
const maxClauses = 64

// DefaultFirmShare is the share of a contract year's hours in which a TDTR
// is firm (study §6: at least 85 %).
const DefaultFirmShare = 0.85

// Load reads and parses a contract file; a holidays_file is read relative
// to it.
func Load(path string) (*Contract, error) {
	data, err := input.ReadFile(path, input.YAML)
	if err != nil {
		return nil, fmt.Errorf("contract file: %w", err)
	}
	return Parse(path, data, func(name string) ([]byte, error) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(filepath.Dir(path), name)
		}
		return input.ReadFile(name, input.ForName(name))
	})
}

// Parse decodes contract file content data, named name in errors. Every
// problem is reported at once as "NAME:LINE: where: what, want". readFile
// resolves holidays_file; nil refuses it.
func Parse(name string, data []byte, readFile func(string) ([]byte, error)) (*Contract, error) {
	d := &decoder{file: name}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if line, err := yamlnum.SecondDocument(dec); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	} else if line > 0 {
		return nil, fmt.Errorf("%s:%d: a second YAML document (---): want one contract per file", name, line)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty contract file: want a mapping with connection, base_capacity_kw, term and limits", name)
	}
	root := doc.Content[0]
	f := d.fields(root, "contract", topKeys)
	c := &Contract{File: name, FeedinKW: math.Inf(1), Holidays: map[Date]bool{}, Baseline: DefaultBaseline,
		Sanctions:    Sanctions{YellowCards: DefaultYellowCards},
		Compensation: Compensation{ContractedKW: math.NaN()}}
	if root.Kind != yaml.MappingNode {
		return nil, d.err()
	}

	if n := f["connection"]; n != nil {
		c.Connection, _ = d.text(n, "connection")
	}
	if n := f["group"]; n != nil {
		c.Group, _ = d.text(n, "group")
	}
	if n := f["members"]; n != nil {
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			d.at(n, "members: want a list of member connection EANs, got %s", kindName(n))
		}
		seen := map[string]bool{}
		for _, e := range n.Content {
			if ean, ok := d.text(e, "members"); ok {
				if seen[ean] {
					d.at(e, "members: %q listed twice", ean)
				}
				seen[ean] = true
				c.Members = append(c.Members, ean)
			}
		}
	}
	switch {
	case c.Connection == "" && c.Group == "" && f["connection"] == nil && f["group"] == nil:
		d.at(root, "contract: want connection (the EAN), or group and members for a group contract")
	case c.Connection != "" && c.Group != "":
		d.at(f["group"], "contract: give connection or group, not both")
	case f["group"] != nil && f["members"] == nil:
		d.at(f["group"], "group: want members, the member connection EANs")
	case f["members"] != nil && f["group"] == nil:
		d.at(f["members"], "members: only in a group contract: want group as well")
	}
	if n := f["name"]; n != nil {
		c.Name, _ = d.text(n, "name")
	}
	if n := f["base_capacity_kw"]; n != nil {
		c.BaseKW, _ = d.number(n, "base_capacity_kw", 0, math.Inf(1))
	} else if c.Group == "" {
		d.at(root, "contract: want base_capacity_kw, the contracted transport capacity (GTV) in kW")
	}
	if n := f["feedin_capacity_kw"]; n != nil {
		c.FeedinKW, _ = d.number(n, "feedin_capacity_kw", 0, math.Inf(1))
	}
	if n := f["term"]; n != nil {
		c.Term = d.term(n)
	} else {
		d.at(root, "contract: want term: {start: YYYY-MM-DD, end: YYYY-MM-DD | indefinite}")
	}
	if n := f["limits"]; n != nil {
		c.Clauses = d.clauses(n, c)
	}
	if n := f["compensation"]; n != nil {
		c.Compensation = d.compensation(n)
	}
	if n := f["sanctions"]; n != nil {
		c.Sanctions = d.sanctions(n)
	}
	if n := f["baseline"]; n != nil {
		c.Baseline = d.baseline(n)
	}
	if n := f["holidays"]; n != nil {
		if n.Kind != yaml.SequenceNode {
			d.at(n, "holidays: want a list of dates YYYY-MM-DD, got %s", kindName(n))
		}
		for _, e := range n.Content {
			if dt, ok := d.date(e, "holidays"); ok {
				c.Holidays[dt] = true
			}
		}
	}
	if n := f["holidays_file"]; n != nil {
		if p, ok := d.text(n, "holidays_file"); ok {
			d.holidayFile(n, p, readFile, c.Holidays)
		}
	}
	if n := f["holiday_calendar"]; n != nil {
		d.holidayCalendar(n, c)
	}
	at := root
	if n := f["limits"]; n != nil {
		at = n
	}
	d.check(c, at)
	if err := d.err(); err != nil {
		return nil, err
	}
	return c, nil
}

func (d *decoder) term(n *yaml.Node) Term {
	f := d.fields(n, "term", []string{"start", "end", "opt_out"})
	var t Term
	if s := f["start"]; s != nil {
		t.Start, _ = d.date(s, "term.start")
	} else if n.Kind == yaml.MappingNode {
		d.at(n, "term: want start: YYYY-MM-DD")
	}
	if e := f["end"]; e != nil && e.Value != "indefinite" {
		if end, ok := d.date(e, "term.end"); ok {
			t.End = end
			if !t.Start.IsZero() && end.Before(t.Start) {
				d.at(e, "term.end: %s is before term.start %s", end, t.Start)
			}
		}
	}
	if o := f["opt_out"]; o != nil {
		t.OptOut, _ = d.date(o, "term.opt_out")
	}
	return t
}

func (d *decoder) clauses(n *yaml.Node, c *Contract) []Clause {
	if n.Kind != yaml.SequenceNode {
		d.at(n, "limits: want a list of clauses, each with form: %s", formList())
		return nil
	}
	var out []Clause
	for i, e := range n.Content {
		where := fmt.Sprintf("limits[%d]", i)
		if e.Kind != yaml.MappingNode {
			d.at(e, "%s: want a mapping with form: %s, got %s", where, formList(), kindName(e))
			continue
		}
		var form Form
		for j := 0; j+1 < len(e.Content); j += 2 {
			if e.Content[j].Value == "form" {
				form = Form(e.Content[j+1].Value)
			}
		}
		keys, ok := clauseKeys[form]
		if !ok {
			d.at(e, "%s: want form: %s, got %q", where, formList(), form)
			continue
		}
		where += " (" + string(form) + ")"
		f := d.fields(e, where, keys)
		cl := Clause{Form: form, Line: e.Line, FeedinMaxKW: math.NaN(), Name: fmt.Sprintf("%s#%d", form, i+1)}
		if nn := f["name"]; nn != nil {
			cl.Name, _ = d.text(nn, join(where, "name"))
		}
		cl.Days, _ = d.days(f["days"], join(where, "days"))
		cl.Months, _ = d.months(f, where)
		need := func(key, what string, lo, hi float64) float64 {
			if v := f[key]; v != nil {
				x, _ := d.number(v, join(where, key), lo, hi)
				return x
			}
			d.at(e, "%s: want %s: %s", where, key, what)
			return 0
		}
		switch form {
		case TimeBlock, Group:
			if form == Group && f["from"] == nil && f["to"] == nil {
				cl.Window = Window{0, 0} // the whole day
			} else {
				cl.Window, _ = d.window(f, e, where)
			}
			cl.MaxKW = need("max_kw", "the limit in kW in the window", 0, math.Inf(1))
			if v := f["feedin_max_kw"]; v != nil {
				cl.FeedinMaxKW, _ = d.number(v, join(where, "feedin_max_kw"), 0, math.Inf(1))
			}
			if form == TimeBlock && c.BaseKW > 0 && cl.MaxKW > c.BaseKW {
				d.at(f["max_kw"], "%s: max_kw %g is above base_capacity_kw %g: a time block lowers the limit (use block-power to raise it)", where, cl.MaxKW, c.BaseKW)
			}
		case BlockPower:
			cl.Blocks = d.blocks(f["blocks"], e, where)
		case TDTR:
			cl.FirmShare = DefaultFirmShare
			if v := f["firm_share"]; v != nil {
				cl.FirmShare, _ = d.number(v, join(where, "firm_share"), 0, 1)
			}
			if v := f["limited_kw"]; v != nil {
				cl.LimitedKW, _ = d.number(v, join(where, "limited_kw"), 0, math.Inf(1))
			}
			cl.NoticeHours = 24
		case OnCall:
			cl.FlexKW = need("flex_kw", "the contracted flexible capacity in kW", 0, math.Inf(1))
		}
		if v := f["notice_hours"]; v != nil {
			cl.NoticeHours, _ = d.number(v, join(where, "notice_hours"), 0, 24*14)
		}
		if form == Group && c.Group == "" {
			d.at(e, "%s: a group limit belongs in a group contract (group and members), not in a connection's contract", where)
		}
		if form != Group && c.Group != "" && form != TimeBlock {
			d.at(e, "%s: a group contract takes group and time-block limits on the summed load, got %s", where, form)
		}
		out = append(out, cl)
	}
	return out
}

func formList() string {
	s := make([]string, len(forms))
	for i, f := range forms {
		s[i] = string(f)
	}
	return strings.Join(s, ", ")
}

func (d *decoder) blocks(n, parent *yaml.Node, where string) []Block {
	if n == nil || n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		at := parent
		if n != nil {
			at = n
		}
		d.at(at, "%s: want blocks: a list of {from: \"HH:MM\", to: \"HH:MM\", extra_kw: N}", where)
		return nil
	}
	var out []Block
	for i, e := range n.Content {
		w := fmt.Sprintf("%s.blocks[%d]", where, i)
		f := d.fields(e, w, []string{"from", "to", "extra_kw"})
		if e.Kind != yaml.MappingNode {
			continue
		}
		win, _ := d.window(f, e, w)
		var extra float64
		if v := f["extra_kw"]; v != nil {
			extra, _ = d.number(v, join(w, "extra_kw"), 0, math.Inf(1))
		} else {
			d.at(e, "%s: want extra_kw: the capacity added in the block, kW", w)
		}
		out = append(out, Block{Window: win, ExtraKW: extra})
	}
	return out
}

func (d *decoder) compensation(n *yaml.Node) Compensation {
	f := d.fields(n, "compensation", []string{"fixed_eur_per_kw_year", "variable_eur_per_mwh", "activation_eur", "contracted_kw"})
	c := Compensation{ContractedKW: math.NaN()}
	get := func(key string, dst *float64) {
		if v := f[key]; v != nil {
			*dst, _ = d.number(v, join("compensation", key), 0, math.Inf(1))
		}
	}
	get("fixed_eur_per_kw_year", &c.FixedEURPerKWYear)
	get("variable_eur_per_mwh", &c.VariableEURPerMWh)
	get("activation_eur", &c.ActivationEUR)
	get("contracted_kw", &c.ContractedKW)
	return c
}

func (d *decoder) sanctions(n *yaml.Node) Sanctions {
	f := d.fields(n, "sanctions", []string{"yellow_cards", "penalty_eur_per_kw"})
	s := Sanctions{YellowCards: DefaultYellowCards}
	if v := f["yellow_cards"]; v != nil {
		if v.Kind != yaml.SequenceNode {
			d.at(v, "sanctions.yellow_cards: want a list of cards per contract year, e.g. [3, 1] (study §6), or [] for none, got %s", kindName(v))
		} else {
			s.YellowCards = []int{}
			for _, e := range v.Content {
				k, _ := d.integer(e, "sanctions.yellow_cards", 0, 1000)
				s.YellowCards = append(s.YellowCards, k)
			}
		}
	}
	if v := f["penalty_eur_per_kw"]; v != nil {
		s.PenaltyEURPerKW, _ = d.number(v, "sanctions.penalty_eur_per_kw", 0, math.Inf(1))
	}
	return s
}

func (d *decoder) baseline(n *yaml.Node) Baseline {
	f := d.fields(n, "baseline", []string{"method", "days", "top", "lookback_days"})
	b := DefaultBaseline
	if v := f["method"]; v != nil {
		switch v.Value {
		case "mean", "high":
			b.Method = v.Value
		default:
			d.at(v, "baseline.method: want mean (of the previous comparable days) or high (the top of them), got %s", kindName(v))
		}
	}
	if v := f["days"]; v != nil {
		b.Days, _ = d.integer(v, "baseline.days", 1, 60)
	}
	if v := f["top"]; v != nil {
		b.Top, _ = d.integer(v, "baseline.top", 1, 60)
	}
	if v := f["lookback_days"]; v != nil {
		b.LookbackDays, _ = d.integer(v, "baseline.lookback_days", 1, 366)
	}
	if b.Method == "high" && b.Top > b.Days {
		d.at(n, "baseline: top %d is more than days %d: want top ≤ days (e.g. high 5 of 10)", b.Top, b.Days)
	}
	if b.LookbackDays < b.Days {
		d.at(n, "baseline: lookback_days %d is less than days %d", b.LookbackDays, b.Days)
	}
	return b
}

// holidayFile reads one date (YYYY-MM-DD) per line; '#' starts a comment.
func (d *decoder) holidayFile(n *yaml.Node, path string, readFile func(string) ([]byte, error), into map[Date]bool) {
	if readFile == nil {
		d.at(n, "holidays_file: files cannot be read here: give holidays: [YYYY-MM-DD, ...] inline")
		return
	}
	data, err := readFile(path)
	if err != nil {
		d.at(n, "holidays_file: %v", err)
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		s, _, _ := strings.Cut(sc.Text(), "#")
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		dt, err := ParseDate(s)
		if err != nil {
			d.errs.Add(fmt.Errorf("%s:%d: %v", path, line, err))
			continue
		}
		into[dt] = true
	}
}

// calendarYears is how far from the term's start a built-in holiday
// calendar is expanded: from the year before (baselines look back) to
// this many years on.
const calendarYears = 60

// holidayCalendar decodes holiday_calendar: nl, or {name: nl, liberation:
// lustrum|always|never}, and adds its dates to c.Holidays.
func (d *decoder) holidayCalendar(n *yaml.Node, c *Contract) {
	var name, liberation string
	switch n.Kind {
	case yaml.ScalarNode:
		name = n.Value
	case yaml.MappingNode:
		f := d.fields(n, "holiday_calendar", []string{"name", "liberation"})
		if v := f["name"]; v != nil {
			name = v.Value
		}
		if v := f["liberation"]; v != nil {
			liberation = v.Value
		}
	}
	if name != "nl" {
		d.at(n, "holiday_calendar: want nl (Dutch public holidays) or {name: nl, liberation: lustrum|always|never}, got %s", kindName(n))
		return
	}
	if c.Term.Start.IsZero() {
		return // reported as a missing term
	}
	for y := c.Term.Start.Year - 1; y <= c.Term.Start.Year+calendarYears; y++ {
		hs, err := calendar.Dutch(y, calendar.Options{Liberation: liberation})
		if err != nil {
			d.at(n, "holiday_calendar.liberation: want lustrum (5 May every fifth year, the default), always or never, got %q", liberation)
			return
		}
		for _, h := range hs {
			c.Holidays[DateOf(h.Date)] = true
		}
	}
}

// check holds the rules that span keys.
func (d *decoder) check(c *Contract, at *yaml.Node) {
	calls := 0
	for _, cl := range c.Clauses {
		if cl.Form == OnCall || cl.Form == TDTR {
			calls++
		}
	}
	if len(c.Clauses) > maxClauses {
		d.at(at, "limits: %d clauses: want at most %d", len(c.Clauses), maxClauses)
	}
	if calls > 1 {
		d.at(at, "limits: more than one on-call/tdtr clause: want at most one, so each call in a calls file has one meaning")
	}
	if !c.Term.OptOut.IsZero() && !c.Term.Start.IsZero() && c.Term.OptOut.Before(c.Term.Start) {
		d.at(at, "term.opt_out: %s is before term.start %s", c.Term.OptOut, c.Term.Start)
	}
}
