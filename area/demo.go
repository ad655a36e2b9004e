package area

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"go.yaml.in/yaml/v3"

	"gridflex/contract"
	"gridflex/ean"
	"gridflex/series"
)

// DemoOptions size the demo area (demo.md documents every assumption).
type DemoOptions struct {
	Seed        uint64
	Connections int // ≥ 10
	Contracts   int // ≥ 2, at most a third of the connections
	Requests    int
	// Contract returns the contract a scan recommends for a connection
	// (usecase.AreaDemo scans sites with gridflex), nil when the scan
	// recommends none; nil Contract files a time block in the kind's
	// evening window instead (area tests and benchmarks).
	Contract func(DemoSite) (*contract.Contract, error)
	// Extra files written with the area (the scanned site files).
	Extra map[string][]byte
}

// DemoSite is a connection the demo offers a contract: its kind
// ("chemical plant", "office" or "depot"), the drawn term and the draw
// that picks its archetype.
type DemoSite struct {
	Kind, EAN, Name string
	OfftakeKW       float64
	Term            contract.Term
}

// DefaultDemo is the area shipped in testdata/demo.
var DefaultDemo = DemoOptions{Seed: 2026, Connections: 300, Contracts: 60, Requests: 40}

// Demo station and calendar (demo.md).
const (
	demoStationKW    = 57_000 // median offtake capacity of the DSO stations in netcapaciteit-stations-2023 (57 MVA, cos φ = 1)
	demoFeedinKW     = 40_000
	demoChemicalKW   = 12_000
	demoChemFreedKW  = 3_000
	demoBaseYear     = 2025
	demoPeakOfFreed  = 0.8 // the measured peak is capacity − 0.8 × freed: without the contracts the station would be 20 % of freed over capacity
	demoReinforceAdd = 40_000
)

type demoKind struct {
	name, profile  string
	share          float64 // of the connections
	gtvLo, gtvHi   float64 // kW
	freedLo, freed float64 // share of GTV a contract frees
	from, to, days string  // the contract's window
}

var demoKinds = []demoKind{
	{"distribution substation", "residential", 0.40, 400, 630, 0, 0, "", "", ""},
	{"office", "office", 0.25, 150, 1500, 0.30, 0.50, "16:00", "20:00", "working"},
	{"depot", "depot", 0.20, 100, 800, 0.40, 0.70, "17:00", "21:00", "all"},
	{"industry", "industry", 0.15, 300, 3000, 0.20, 0.40, "16:00", "21:00", "all"},
}

// Output schema of the generated files (the same keys Parse reads).
type demoConn struct {
	EAN       string  `yaml:"ean"`
	Name      string  `yaml:"name"`
	OfftakeKW float64 `yaml:"offtake_kw"`
	PeakKW    float64 `yaml:"peak_kw"`
	Profile   string  `yaml:"profile"`
}

type demoRequest struct {
	ID        string  `yaml:"id"`
	Name      string  `yaml:"name"`
	OfftakeKW float64 `yaml:"offtake_kw"`
	Requested string  `yaml:"requested"`
	Category  string  `yaml:"category"`
	Profile   string  `yaml:"profile"`
}

type demoArea struct {
	Name      string `yaml:"name"`
	ShortCode string `yaml:"short_code"`
	Since     string `yaml:"since"`
	AsOf      string `yaml:"as_of"`
	Station   struct {
		OfftakeKW float64 `yaml:"offtake_kw"`
		FeedinKW  float64 `yaml:"feedin_kw"`
	} `yaml:"station,flow"`
	Load struct {
		Sum  string `yaml:"sum"`
		Year int    `yaml:"year"`
	} `yaml:"load,flow"`
	Reinforcement struct {
		Date      string  `yaml:"date"`
		OfftakeKW float64 `yaml:"offtake_kw"`
	} `yaml:"reinforcement,flow"`
	Margin      float64       `yaml:"margin"`
	Connections []demoConn    `yaml:"connections"`
	Contracts   []string      `yaml:"contracts,flow"`
	Categories  []fileCat     `yaml:"categories"`
	WaitingList []demoRequest `yaml:"waiting_list"`
}

type demoWindow struct {
	Form  string  `yaml:"form"`
	Days  string  `yaml:"days"`
	From  string  `yaml:"from"`
	To    string  `yaml:"to"`
	MaxKW float64 `yaml:"max_kw"`
}

type demoContract struct {
	Connection string   `yaml:"connection,omitempty"`
	Group      string   `yaml:"group,omitempty"`
	Members    []string `yaml:"members,flow,omitempty"`
	Name       string   `yaml:"name"`
	BaseKW     float64  `yaml:"base_capacity_kw"`
	Term       struct {
		Start  string `yaml:"start"`
		End    string `yaml:"end"`
		OptOut string `yaml:"opt_out,omitempty"`
	} `yaml:"term,flow"`
	Limits       []demoWindow `yaml:"limits"`
	Compensation struct {
		Fixed float64 `yaml:"fixed_eur_per_kw_year"`
	} `yaml:"compensation,flow"`
}

// Demo generates a demo area deterministically from opts: the area file
// (area.yaml), one contract file per contract (contracts/*.yaml, from
// opts.Contract) and opts.Extra, by file name. usecase.AreaDemo supplies
// the scanned contracts and their site files.
func Demo(opts DemoOptions) (map[string][]byte, error) {
	if opts.Connections < 10 || opts.Contracts < 2 || opts.Contracts > opts.Connections/3 || opts.Requests < 0 {
		return nil, fmt.Errorf("demo: %d connections, %d contracts, %d requests: want ≥ 10 connections, 2 … connections/3 contracts, ≥ 0 requests",
			opts.Connections, opts.Contracts, opts.Requests)
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x61726561))
	uniform := func(lo, hi float64) float64 { return lo + (hi-lo)*rng.Float64() }
	round := func(v, step float64) float64 { return math.Round(v/step) * step }

	out := map[string][]byte{}
	var a demoArea
	a.Name, a.ShortCode = "Demo 150/20 kV", "OS DEMO 150/20"
	a.Since, a.AsOf = "2015-01-01", "2026-07-01"
	a.Station.OfftakeKW, a.Station.FeedinKW = demoStationKW, demoFeedinKW
	a.Load.Sum, a.Load.Year = "connections", demoBaseYear
	a.Reinforcement.Date, a.Reinforcement.OfftakeKW = "2031-07-01", demoReinforceAdd
	a.Margin = 0.5
	a.Contracts = []string{"contracts/*.yaml"}
	a.Categories = []fileCat{
		{"congestion-relief", "congestion relievers (batteries, flexible users)"},
		{"safety", "safety and security (defence, police, emergency services)"},
		{"basic-needs", "basic needs (housing, education, health care)"},
		{"other", "everyone else, first come first served"},
	}

	// Connections: the chemical plant first, then the kinds by share.
	type conn struct {
		demoConn
		kind       int // -1: the chemical plant
		contracted bool
		freedKW    float64
	}
	var conns []conn
	eanOf := func(i int) string {
		e, err := ean.Complete(fmt.Sprintf("871690%011d", 1000+i))
		if err != nil {
			panic(err) // 17 digits always complete
		}
		return e
	}
	conns = append(conns, conn{demoConn: demoConn{EAN: eanOf(0), Name: "chemical plant", OfftakeKW: demoChemicalKW,
		PeakKW: 0.85 * demoChemicalKW, Profile: "industry"}, kind: -1})
	for i := 1; i < opts.Connections; i++ {
		k := pick(rng.Float64(), len(demoKinds), func(i int) float64 { return demoKinds[i].share })
		dk := demoKinds[k]
		gtv := round(uniform(dk.gtvLo, dk.gtvHi), 10)
		conns = append(conns, conn{demoConn: demoConn{EAN: eanOf(i), Name: fmt.Sprintf("%s %d", dk.name, i), OfftakeKW: gtv,
			PeakKW: round(gtv*uniform(0.6, 0.9), 1), Profile: dk.profile}, kind: k})
	}

	// Contracts: the chemical plant, then drawn among offices and depots;
	// without a scanner also one group of three depots.
	term := func() contract.Term {
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(880))
		t := contract.Term{Start: contract.DateOf(start)}
		switch u := rng.Float64(); {
		case u < 0.35:
			t.End = contract.DateOf(start.AddDate(5, 0, -1))
		case u < 0.55:
			t.End = contract.DateOf(start.AddDate(3, 0, -1))
		case u < 0.70:
			t.OptOut = contract.DateOf(start.AddDate(2, 0, 0))
		}
		return t
	}
	var contracts [][]byte
	offer := func(c *conn, kind string, freedShare float64, dk demoKind) error {
		var k *contract.Contract
		t := term()
		if opts.Contract != nil {
			var err error
			if k, err = opts.Contract(DemoSite{Kind: kind, EAN: c.EAN, Name: c.Name, OfftakeKW: c.OfftakeKW, Term: t}); err != nil || k == nil {
				return err
			}
		} else {
			var dc demoContract
			dc.Connection, dc.Name, dc.BaseKW = c.EAN, c.Name+": CSC time block", c.OfftakeKW
			dc.Term.Start, dc.Term.End, dc.Term.OptOut = t.Start.String(), "indefinite", ""
			if !t.End.IsZero() {
				dc.Term.End = t.End.String()
			}
			if !t.OptOut.IsZero() {
				dc.Term.OptOut = t.OptOut.String()
			}
			dc.Limits = []demoWindow{{Form: "time-block", Days: dk.days, From: dk.from, To: dk.to, MaxKW: c.OfftakeKW - round(c.OfftakeKW*freedShare, 10)}}
			dc.Compensation.Fixed = 20
			b, err := yaml.Marshal(dc)
			if err != nil {
				return err
			}
			if k, err = contract.Parse(c.Name, b, nil); err != nil {
				return fmt.Errorf("demo: contract of %s: %w", c.Name, err)
			}
		}
		encode := contract.Export
		if _, ends := k.Term.Last(); !ends {
			encode = contract.Encode // today's indefinite contracts, as filed
		}
		b, err := encode(k)
		if err != nil {
			return fmt.Errorf("demo: contract of %s: %w", c.Name, err)
		}
		contracts = append(contracts, b)
		// Under its contract the connection keeps to the limit.
		limit := eveningLimitKW(k)
		c.contracted, c.freedKW = true, k.BaseKW-limit
		c.PeakKW = math.Min(c.PeakKW, limit)
		return nil
	}
	if err := offer(&conns[0], "chemical plant", float64(demoChemFreedKW)/demoChemicalKW, demoKind{days: "all", from: "16:00", to: "21:00"}); err != nil {
		return nil, err
	}
	var depots []int
	for i := range conns {
		if conns[i].kind == 2 {
			depots = append(depots, i)
		}
	}
	groupFreedKW := 0.0
	if opts.Contract == nil && len(depots) >= 3 && opts.Contracts >= 3 {
		var g demoContract
		g.Group, g.Name = "GROUP-DEPOTS-1", "group CBC of three depots (study §3)"
		for _, i := range depots[:3] {
			g.Members = append(g.Members, conns[i].EAN)
			g.BaseKW += conns[i].OfftakeKW
			conns[i].contracted = true
		}
		freed := round(0.3*g.BaseKW, 10)
		g.Term.Start, g.Term.End = "2025-01-01", "2029-12-31"
		g.Limits = []demoWindow{{Form: "group", Days: "all", From: "17:00", To: "21:00", MaxKW: g.BaseKW - freed}}
		g.Compensation.Fixed = 20
		for _, i := range depots[:3] {
			conns[i].PeakKW = round(conns[i].PeakKW*(g.BaseKW-freed)/g.BaseKW, 1)
		}
		b, err := yaml.Marshal(g)
		if err != nil {
			return nil, err
		}
		contracts, groupFreedKW = append(contracts, b), freed
	}
	for _, i := range rng.Perm(len(conns)) {
		if len(contracts) >= opts.Contracts {
			break
		}
		c := &conns[i]
		if c.contracted || (c.kind != 1 && c.kind != 2) || c.OfftakeKW < 150 {
			continue
		}
		dk := demoKinds[c.kind]
		if err := offer(c, dk.name, uniform(dk.freedLo, dk.freed), dk); err != nil {
			return nil, err
		}
	}

	// Scale the loads without a contract so that the measured peak is
	// capacity − 0.8 × freed.
	from := time.Date(demoBaseYear, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	n := int(time.Date(demoBaseYear+1, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC().Sub(from) / series.ISP)
	cal := series.NewCalendar(from, n)
	fixed, free := make([]float64, n), make([]float64, n)
	freedKW := 0.0
	for _, c := range conns {
		shape, _ := standardShape(c.Profile, cal)
		dst := free
		if c.contracted {
			dst = fixed
		}
		for t, v := range shape {
			dst[t] += float64(v) * c.PeakKW
		}
		freedKW += c.freedKW
	}
	freedKW += groupFreedKW
	target := demoStationKW - demoPeakOfFreed*freedKW
	lo, hi := 0.0, 10.0
	for it := 0; it < 60; it++ {
		s := (lo + hi) / 2
		peak := 0.0
		for t := range fixed {
			peak = math.Max(peak, fixed[t]+s*free[t])
		}
		if peak > target {
			hi = s
		} else {
			lo = s
		}
	}
	for i := range conns {
		if !conns[i].contracted {
			conns[i].PeakKW = round(conns[i].PeakKW*lo, 0.1)
		}
		a.Connections = append(a.Connections, conns[i].demoConn)
	}

	// Waiting list.
	type reqKind struct {
		category, name, profile string
		share, lo, hi           float64
	}
	reqKinds := []reqKind{
		{"congestion-relief", "battery", "flat", 0.10, 500, 2000},
		{"safety", "emergency services post", "office", 0.08, 100, 400},
		{"basic-needs", "housing development", "residential", 0.27, 200, 1500},
		{"other", "office", "office", 0.20, 150, 1200},
		{"other", "depot", "depot", 0.20, 150, 1500},
		{"other", "factory", "industry", 0.15, 300, 2500},
	}
	for i := 0; i < opts.Requests; i++ {
		rk := reqKinds[pick(rng.Float64(), len(reqKinds), func(i int) float64 { return reqKinds[i].share })]
		d := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1276))
		a.WaitingList = append(a.WaitingList, demoRequest{ID: fmt.Sprintf("R%03d", i+1), Name: rk.name, Category: rk.category,
			OfftakeKW: round(uniform(rk.lo, rk.hi), 10), Requested: d.Format("2006-01-02"), Profile: rk.profile})
	}

	for i, b := range contracts {
		out[fmt.Sprintf("contracts/c%03d.yaml", i+1)] = b
	}
	for name, b := range opts.Extra {
		out[name] = b
	}
	b, err := yaml.Marshal(a)
	if err != nil {
		return nil, err
	}
	out["area.yaml"] = append([]byte("# Generated by `gridflex area demo` (area/demo.md); do not edit.\n"), b...)
	return out, nil
}

// eveningLimitKW is the contract's limit at 18:00 on a working day in
// December, the station's evening peak: the smallest time-block limit in
// force then, else the base capacity.
func eveningLimitKW(k *contract.Contract) float64 {
	limit := k.BaseKW
	for _, cl := range k.Clauses {
		if cl.Form == contract.TimeBlock && cl.Window.Contains(18*60) && cl.Days.Applies(time.Wednesday, false) && (cl.Months == [13]bool{} || cl.Months[12]) {
			limit = math.Min(limit, cl.MaxKW)
		}
	}
	return limit
}

// pick returns the index whose cumulative share first exceeds u.
func pick(u float64, n int, share func(int) float64) int {
	acc := 0.0
	for i := 0; i < n-1; i++ {
		if acc += share(i); u < acc {
			return i
		}
	}
	return n - 1
}
