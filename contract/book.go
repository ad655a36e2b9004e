package contract

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gridflex/series"
)

// Book holds many contracts, found by connection EAN, for a bulk check.
// Group contracts collect their members' load as members stream past.
type Book struct {
	byEAN  map[string]*Contract
	groups []*groupSum
	member map[string][]*groupSum
	seen   map[string]bool
	bad    []Summary // contract files that could not be used
}

type groupSum struct {
	c        *Contract
	offtake  series.Series
	feedin   series.Series
	got      map[string]bool
	noFeedin bool
}

// LoadBook reads one contract file, or every *.yaml / *.yml file of a
// directory. A single file must parse. In a directory a file that does
// not parse (or cannot be read, like a dangling link) or that repeats a
// connection does not stop the others: it becomes a row with status
// "error" and its message (Book.Bad), emitted by a bulk check after the
// connections.
func LoadBook(path string) (*Book, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("contracts: %w", err)
	}
	if !info.IsDir() {
		c, err := Load(path)
		if err != nil {
			return nil, err
		}
		return NewBook([]*Contract{c})
	}
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(path, pat))
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("contracts: %s: no *.yaml contract files", path)
	}
	return BookOf(files, Load), nil
}

// BookOf indexes the contract files of a directory, each read by load: a
// file that load refuses, or that repeats a connection, does not stop the
// others but becomes a row with status "error" (Book.Bad).
func BookOf(files []string, load func(file string) (*Contract, error)) *Book {
	var cs []*Contract
	var bad []Summary
	for _, f := range files {
		c, err := load(f)
		if err != nil {
			bad = append(bad, errorRow(f, err))
			continue
		}
		cs = append(cs, c)
	}
	b, dups := newBook(cs)
	b.bad = append(bad, dups...)
	return b
}

// errorRow is the bulk row of a contract file that cannot be used; the
// connection column names the file, as its EAN is unknown.
func errorRow(file string, err error) Summary {
	return Summary{Connection: file, Status: Failed, Note: strings.ReplaceAll(err.Error(), "\n", "; ")}
}

// NewBook indexes contracts; two contracts for one connection (or group)
// are an error.
func NewBook(cs []*Contract) (*Book, error) {
	b, dups := newBook(cs)
	var errs []error
	for _, d := range dups {
		errs = append(errs, errors.New(d.Note))
	}
	return b, errors.Join(errs...)
}

// newBook indexes contracts and returns a row for each contract that
// repeats a connection (or group) of an earlier one.
func newBook(cs []*Contract) (*Book, []Summary) {
	b := &Book{byEAN: map[string]*Contract{}, member: map[string][]*groupSum{}, seen: map[string]bool{}}
	var dups []Summary
	ids := map[string]string{}
	for _, c := range cs {
		if prev, dup := ids[c.ID()]; dup {
			dups = append(dups, errorRow(c.File, fmt.Errorf("%s: %q already has a contract in %s: want one contract per connection", c.File, c.ID(), prev)))
			continue
		}
		ids[c.ID()] = c.File
		if c.Group == "" {
			b.byEAN[c.Connection] = c
			continue
		}
		g := &groupSum{c: c, got: map[string]bool{}}
		b.groups = append(b.groups, g)
		for _, m := range c.Members {
			b.member[m] = append(b.member[m], g)
		}
	}
	return b, dups
}

// Bad returns a row per contract file that could not be used, in the
// order of the files.
func (b *Book) Bad() []Summary { return b.bad }

// Len is the number of contracts (connections and groups).
func (b *Book) Len() int { return len(b.byEAN) + len(b.groups) }

// Contract returns the contract of a connection.
func (b *Book) Contract(ean string) (*Contract, bool) {
	c, ok := b.byEAN[ean]
	return c, ok
}

// Single returns the only contract of a book of one (a book with bad files
// is never single: their rows must be reported).
func (b *Book) Single() (*Contract, bool) {
	if b.Len() != 1 || len(b.bad) > 0 {
		return nil, false
	}
	for _, c := range b.byEAN {
		return c, true
	}
	return b.groups[0].c, true
}

// IsMember reports whether ean belongs to a group contract of the book.
func (b *Book) IsMember(ean string) bool { return len(b.member[ean]) > 0 }

// AddMember adds a member's load to every group it belongs to, so group
// contracts need one series per group in memory, not one per member.
func (b *Book) AddMember(ean string, offtake, feedin series.Series) {
	b.seen[ean] = true
	for _, g := range b.member[ean] {
		g.got[ean] = true
		if g.offtake.Len() == 0 {
			g.offtake = series.Sum(offtake)
		} else {
			g.offtake = series.Sum(g.offtake, offtake)
		}
		switch {
		case feedin.Len() == 0:
			g.noFeedin = true
			g.feedin = series.Series{}
		case !g.noFeedin && g.feedin.Len() == 0:
			g.feedin = series.Sum(feedin)
		case !g.noFeedin:
			g.feedin = series.Sum(g.feedin, feedin)
		}
	}
}

// Seen records that a connection's data was read.
func (b *Book) Seen(ean string) { b.seen[ean] = true }

// GroupInput is the summed load of a group contract's members, or the
// members without data (then the group cannot be checked: a group limit on
// part of the group would be compliant-by-omission).
type GroupInput struct {
	Contract *Contract
	Input    Input
	Missing  []string
}

// Groups returns the group contracts with their summed load. Feed-in is
// summed only when every member has it.
func (b *Book) Groups() []GroupInput {
	var out []GroupInput
	for _, g := range b.groups {
		gi := GroupInput{Contract: g.c}
		for _, m := range g.c.Members {
			if !g.got[m] {
				gi.Missing = append(gi.Missing, m)
			}
		}
		off, feed := g.offtake, g.feedin
		if feed.Len() > 0 {
			off, feed = series.Align(off, feed)
		}
		gi.Input = Input{Offtake: off, Feedin: feed}
		out = append(out, gi)
	}
	return out
}

// Unseen returns the connections with a contract but no data read, sorted.
func (b *Book) Unseen() []string {
	var out []string
	for ean := range b.byEAN {
		if !b.seen[ean] {
			out = append(out, ean)
		}
	}
	sort.Strings(out)
	return out
}

// Status is what a bulk check did with a connection or group.
type Status string

// The statuses of a bulk check's rows.
const (
	Checked     Status = "checked"       // evaluated against its contract
	NoContract  Status = "no contract"   // meter data without a contract
	NoMeterData Status = "no meter data" // a contract (or group member) without meter data
	Failed      Status = "error"         // evaluation failed; Note says why
)

// Summary is the one-row outcome of a contract, as a bulk check reports it.
type Summary struct {
	Connection      string     `json:"connection"`
	Status          Status     `json:"status"`
	Start           *time.Time `json:"start,omitempty"` // nil without data
	End             *time.Time `json:"end,omitempty"`
	ISPs            int        `json:"isps"`
	MissingISPs     int        `json:"missing_isps"`
	Violations      int        `json:"violations"`
	MaxExcessKW     float64    `json:"max_excess_kw"`
	ExcessKWh       float64    `json:"excess_kwh"`
	YellowCards     int        `json:"yellow_cards"`
	PenaltyEUR      float64    `json:"penalty_eur"`
	CompensationEUR float64    `json:"compensation_eur"`
	NetEUR          float64    `json:"net_eur"`
	FreedKW         float64    `json:"freed_kw"`
	FreedKWh        float64    `json:"freed_kwh"`
	Calls           int        `json:"calls"`
	Note            string     `json:"note,omitempty"`
}

// Summarise condenses a result into one row.
func Summarise(r *Result) Summary {
	start, end := r.Start, r.End
	s := Summary{Connection: r.ID, Status: Checked, Start: &start, End: &end, ISPs: r.ISPs, MissingISPs: r.MissingISPs,
		Violations: len(r.Violations), YellowCards: r.YellowCards, PenaltyEUR: r.PenaltyEUR,
		CompensationEUR: r.CompensationEUR, NetEUR: r.NetEUR, FreedKW: r.FreedKW, FreedKWh: r.FreedKWh}
	for _, v := range r.Violations {
		s.MaxExcessKW = max(s.MaxExcessKW, v.MaxExcessKW)
		s.ExcessKWh += v.ExcessKWh
	}
	var late []string
	for _, c := range r.Calls {
		if c.Binding {
			s.Calls++
		} else {
			late = append(late, c.Call.Day.String())
		}
	}
	notes := r.Warnings
	if len(late) > 0 {
		notes = append(notes[:len(notes):len(notes)], "calls not binding: "+strings.Join(late, " "))
	}
	s.Note = strings.Join(notes, "; ")
	return s
}
