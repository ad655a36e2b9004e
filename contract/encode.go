package contract

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Encode writes c as a contract file (FORMAT.md) that Parse reads back
// into an equal contract. Every value goes through the YAML encoder, so a
// name with newlines, '#', ':' or quotes stays one string and can never
// add a key; the only comments are fixed text. Keys come in the order of
// FORMAT.md. Holidays are written as dates (a holiday_calendar becomes
// its dates).
func Encode(c *Contract) ([]byte, error) {
	if c.Connection == "" && c.Group == "" {
		return nil, errors.New("contract: want a connection or a group to encode")
	}
	if c.Term.Start.IsZero() {
		return nil, errors.New("contract: want term.start to encode")
	}
	root := &yaml.Node{Kind: yaml.MappingNode}
	put := func(key string, v *yaml.Node) { root.Content = append(root.Content, str(key), v) }
	if c.Group != "" {
		put("group", str(c.Group))
		m := flow(yaml.SequenceNode)
		for _, e := range c.Members {
			m.Content = append(m.Content, str(e))
		}
		put("members", m)
	} else {
		put("connection", str(c.Connection))
	}
	if c.Name != "" {
		put("name", str(c.Name))
	}
	if c.BaseKW > 0 || c.Group == "" {
		put("base_capacity_kw", num(c.BaseKW))
	}
	if !math.IsInf(c.FeedinKW, 1) {
		put("feedin_capacity_kw", num(c.FeedinKW))
	}
	term := flow(yaml.MappingNode)
	term.Content = append(term.Content, str("start"), plain(c.Term.Start.String()), str("end"))
	if c.Term.Indefinite() {
		term.Content = append(term.Content, plain("indefinite"))
	} else {
		term.Content = append(term.Content, plain(c.Term.End.String()))
	}
	if !c.Term.OptOut.IsZero() {
		term.Content = append(term.Content, str("opt_out"), plain(c.Term.OptOut.String()))
	}
	put("term", term)
	if len(c.Clauses) > 0 {
		limits := &yaml.Node{Kind: yaml.SequenceNode}
		for i := range c.Clauses {
			limits.Content = append(limits.Content, encodeClause(&c.Clauses[i]))
		}
		put("limits", limits)
	}
	comp := flow(yaml.MappingNode)
	field := func(m *yaml.Node, key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
	field(comp, "fixed_eur_per_kw_year", num(c.Compensation.FixedEURPerKWYear))
	field(comp, "variable_eur_per_mwh", num(c.Compensation.VariableEURPerMWh))
	field(comp, "activation_eur", num(c.Compensation.ActivationEUR))
	if !math.IsNaN(c.Compensation.ContractedKW) {
		field(comp, "contracted_kw", num(c.Compensation.ContractedKW))
	}
	put("compensation", comp)
	sanc := flow(yaml.MappingNode)
	cards := flow(yaml.SequenceNode)
	for _, k := range c.Sanctions.YellowCards {
		cards.Content = append(cards.Content, integer(k))
	}
	field(sanc, "yellow_cards", cards)
	field(sanc, "penalty_eur_per_kw", num(c.Sanctions.PenaltyEURPerKW))
	sanc.LineComment = "study §6 proposal 2: yellow cards per contract year before penalties"
	put("sanctions", sanc)
	b := c.Baseline
	if b.Method == "" {
		b = DefaultBaseline
	}
	base := flow(yaml.MappingNode)
	field(base, "method", str(b.Method))
	field(base, "days", integer(b.Days))
	field(base, "top", integer(b.Top))
	field(base, "lookback_days", integer(b.LookbackDays))
	put("baseline", base)
	if len(c.Holidays) > 0 {
		days := make([]Date, 0, len(c.Holidays))
		for d, ok := range c.Holidays {
			if ok {
				days = append(days, d)
			}
		}
		slices.SortFunc(days, func(a, b Date) int {
			if a.Before(b) {
				return -1
			}
			if b.Before(a) {
				return 1
			}
			return 0
		})
		hs := flow(yaml.SequenceNode)
		for _, d := range days {
			hs.Content = append(hs.Content, plain(d.String()))
		}
		put("holidays", hs)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return nil, fmt.Errorf("contract: encode: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("contract: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// formComments are the fixed comments on a clause's form (study §6).
var formComments = map[Form]string{
	TimeBlock:  "CBC-T / CSC time block (study §6)",
	BlockPower: "extra capacity in fixed blocks (study §3, §6)",
	TDTR:       "time-duration transport right (study §6)",
	Group:      "limit on the members' summed load (study §6)",
	OnCall:     "CBC-A / CSC on call; calls come in a calls file (study §6)",
}

func encodeClause(cl *Clause) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	put := func(key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
	form := str(string(cl.Form))
	form.LineComment = formComments[cl.Form]
	put("form", form)
	if cl.Name != "" {
		put("name", str(cl.Name))
	}
	hasDays := cl.Form == TimeBlock || cl.Form == Group || cl.Form == BlockPower
	if hasDays {
		switch cl.Days.Kind {
		case "list":
			l := flow(yaml.SequenceNode)
			for wd, on := range cl.Days.Weekdays {
				if on {
					l.Content = append(l.Content, str(weekdayShort[wd]))
				}
			}
			// Monday first reads as a week does; Sunday is index 0.
			if len(l.Content) > 0 && cl.Days.Weekdays[0] {
				l.Content = append(l.Content[1:], l.Content[0])
			}
			put("days", l)
		case "":
			put("days", str("all"))
		default:
			put("days", str(cl.Days.Kind))
		}
	}
	switch cl.Form {
	case TimeBlock, Group:
		if cl.Form == TimeBlock || cl.Window != (Window{}) {
			put("from", clockNode(clock(cl.Window.From)))
			put("to", clockNode(clockEnd(cl.Window.To)))
		}
		put("max_kw", num(cl.MaxKW))
		if !math.IsNaN(cl.FeedinMaxKW) && cl.Form == TimeBlock {
			put("feedin_max_kw", num(cl.FeedinMaxKW))
		}
	case BlockPower:
		bs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, b := range cl.Blocks {
			e := flow(yaml.MappingNode)
			e.Content = append(e.Content, str("from"), clockNode(clock(b.Window.From)), str("to"), clockNode(clockEnd(b.Window.To)),
				str("extra_kw"), num(b.ExtraKW))
			bs.Content = append(bs.Content, e)
		}
		put("blocks", bs)
	case TDTR:
		put("firm_share", num(cl.FirmShare))
		put("limited_kw", num(cl.LimitedKW))
		put("notice_hours", num(cl.NoticeHours))
	case OnCall:
		put("flex_kw", num(cl.FlexKW))
		put("notice_hours", num(cl.NoticeHours))
	}
	if hasDays {
		var months []int
		for mo := 1; mo <= 12; mo++ {
			if cl.Months[mo] {
				months = append(months, mo)
			}
		}
		if len(months) < 12 {
			l := flow(yaml.SequenceNode)
			for _, mo := range months {
				l.Content = append(l.Content, integer(mo))
			}
			put("months", l)
		}
	}
	return m
}

var weekdayShort = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// clockEnd writes the end of a window; midnight is "24:00", so a window
// ending at midnight does not read as an empty or wrapping one.
func clockEnd(m int) string {
	if m == 0 || m == 1440 {
		return "24:00"
	}
	return clock(m)
}

// str is a string scalar: the encoder quotes it whenever it would read as
// anything else (a number, a date, a key, a comment).
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// plain is a scalar of fixed shape (a date, "indefinite") written as is.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// num is a number written so that ParseFloat gives back the same float64.
func num(v float64) *yaml.Node { return plain(strconv.FormatFloat(v, 'f', -1, 64)) }

func integer(k int) *yaml.Node { return plain(strconv.Itoa(k)) }

// clockNode is a wall-clock time, quoted as FORMAT.md writes it ("16:00"
// unquoted is a sexagesimal number to YAML 1.1 readers).
func clockNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func flow(kind yaml.Kind) *yaml.Node { return &yaml.Node{Kind: kind, Style: yaml.FlowStyle} }

// years is the length of the term from Start to end in years (days ÷ 365.25).
func (t Term) years(end Date) float64 {
	return float64(t.Start.DaysUntil(end)+1) / 365.25
}

// Export encodes a contract a tool recommends: besides Encode's rules its
// term must end (study §6 proposal 1: a fixed term of 2–5 years, or an
// opt-out), so a recommended contract never binds a company without end.
// A finite term outside 2–5 years (a scenario with cost.years = 10) is
// written; TermWarnings and `contract check` say so.
func Export(c *Contract) ([]byte, error) {
	if _, ok := c.Term.Last(); !ok {
		return nil, fmt.Errorf("contract %s: term without end or opt-out: want a fixed term of 2–5 years or an opt-out (study §6 proposal 1)", c.ID())
	}
	return Encode(c)
}

// TermWarnings checks the term against the study's proposal (§6: a fixed
// term of 2–5 years or an opt-out after some years): the period from
// start to the end or the opt-out, whichever comes first.
func (c *Contract) TermWarnings() []string {
	t := c.Term
	if t.Start.IsZero() {
		return nil
	}
	end, ok := t.Last()
	what := "term"
	if end != t.End {
		what = "term up to the opt-out"
	}
	if !ok {
		return []string{"term without end or opt-out: the study proposes a fixed term of 2–5 years or an opt-out (§6 proposal 1)"}
	}
	y := t.years(end)
	if y < MinTermYears-0.01 || y > MaxTermYears+0.01 {
		return []string{fmt.Sprintf("%s %s – %s is %.1f years: the study proposes 2–5 years (§6 proposal 1)", what, t.Start, end, y)}
	}
	return nil
}

// The fixed term the study proposes (§6 proposal 1).
const (
	MinTermYears = 2
	MaxTermYears = 5
)
