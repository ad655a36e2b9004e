package area

import (
	"fmt"
	"math"

	"gridflex/contract"
	"gridflex/scenario"
	"gridflex/series"
)

// ContractFreed is what one contract frees in the station's binding ISPs.
type ContractFreed struct {
	ID      string   `json:"id"` // connection EAN or group identifier
	File    string   `json:"file"`
	Group   bool     `json:"group,omitempty"`
	Members []string `json:"members,omitempty"`
	Forms   []string `json:"forms"`
	Start   string   `json:"term_start"`
	End     string   `json:"term_end"`          // "indefinite" or the last day
	OptOut  string   `json:"opt_out,omitempty"` // first day the company may end it
	InForce bool     `json:"in_force"`          // on AsOf; only those free capacity

	// ClauseKW is the most the clauses free below base in any ISP.
	ClauseKW float64 `json:"clause_kw"`
	// FirmKW is the least it frees in any binding ISP: what the operator
	// can count on whenever the station is binding.
	FirmKW float64 `json:"firm_kw"`
	// MeanKW is the mean over binding ISPs; CoveredShare the share of
	// binding ISPs in which it frees anything.
	MeanKW       float64 `json:"mean_kw"`
	CoveredShare float64 `json:"covered_share"`
	// Measured: meter data covered binding ISPs of the contract. KeptShare
	// is 1 − excess over the limit ÷ freed there; FreedKW = FirmKW ×
	// KeptShare (FirmKW without data).
	Measured  bool    `json:"measured"`
	KeptShare float64 `json:"kept_share"`
	FreedKW   float64 `json:"freed_kw"`
	// ViolationDayShare is the share of the contract's binding days with a
	// sanctioned violation, ExcessKW the mean largest excess of one: from
	// the data, or the scenario's defaults without it.
	ViolationDayShare float64 `json:"violation_day_share"`
	ExcessKW          float64 `json:"excess_kw"`
	Note              string  `json:"note,omitempty"`

	c     *contract.Contract
	shape []float32 // freed kW per base ISP (clauses, always in force)
}

// Freed is the capacity the contracts in force free at the station.
type Freed struct {
	StationKW    float64 `json:"station_kw"`
	PeakKW       float64 `json:"measured_peak_kw"`
	BindingShare float64 `json:"binding_share"`
	ThresholdKW  float64 `json:"binding_threshold_kw"`
	BindingISPs  int     `json:"binding_isps"`
	BaseISPs     int     `json:"base_isps"`
	// ClauseKW is Σ FirmKW, FreedKW Σ FreedKW (measured behaviour) over the
	// contracts in force; a group contract counts once.
	ClauseKW  float64         `json:"clause_kw"`
	FreedKW   float64         `json:"freed_kw"`
	Contracts []ContractFreed `json:"contracts"`
	Notes     []string        `json:"notes,omitempty"`

	binding []bool    // per base ISP
	preKW   []float64 // station load with contracted connections at base in their windows
}

// Free computes the capacity every contract in force frees in the binding
// ISPs of the station (study §6): ISPs in which the station load, with the
// contracted connections back at their base capacity in their windows,
// reaches area.binding_share of the station's capacity.
func Free(a *Area, sc *scenario.Scenario) *Freed {
	n := a.Load.Len()
	f := &Freed{StationKW: a.Station.OfftakeKW, BindingShare: sc.Value("area.binding_share"), BaseISPs: n}
	f.PeakKW, _ = a.Load.MaxKW()
	conns := map[string]*Connection{}
	for i := range a.Connections {
		conns[a.Connections[i].EAN] = &a.Connections[i]
	}
	f.preKW = make([]float64, n)
	for t, v := range a.Load.KW {
		f.preKW[t] = float64(v)
	}
	for _, c := range a.Contracts {
		cf := ContractFreed{ID: c.ID(), File: c.File, Group: c.Group != "", Members: c.Members, c: c,
			Start: c.Term.Start.String(), End: "indefinite", InForce: c.Term.Contains(a.AsOf)}
		if !c.Term.End.IsZero() {
			cf.End = c.Term.End.String()
		}
		if !c.Term.OptOut.IsZero() {
			cf.OptOut = c.Term.OptOut.String()
		}
		for _, cl := range c.Clauses {
			cf.Forms = append(cf.Forms, string(cl.Form))
		}
		cf.shape = freedShape(c, a.Load)
		for _, v := range cf.shape {
			cf.ClauseKW = math.Max(cf.ClauseKW, float64(v))
		}
		if c.Group != "" && c.BaseKW == 0 {
			cf.Note = "group without base_capacity_kw: no freed capacity (contract/FORMAT.md)"
		}
		if cf.InForce {
			for t, v := range cf.shape {
				f.preKW[t] += float64(v)
			}
		} else {
			cf.Note = joinNote(cf.Note, fmt.Sprintf("not in force on %s", a.AsOf))
		}
		f.Contracts = append(f.Contracts, cf)
	}

	// Binding ISPs.
	f.ThresholdKW = f.BindingShare * a.Station.OfftakeKW
	f.binding = make([]bool, n)
	for t, v := range f.preKW {
		if v >= f.ThresholdKW {
			f.binding[t] = true
			f.BindingISPs++
		}
	}
	if f.BindingISPs == 0 {
		peak := 0.0
		for _, v := range f.preKW {
			peak = math.Max(peak, v)
		}
		f.ThresholdKW = f.BindingShare * peak
		for t, v := range f.preKW {
			if v >= f.ThresholdKW {
				f.binding[t] = true
				f.BindingISPs++
			}
		}
		f.Notes = append(f.Notes, fmt.Sprintf("the station never reaches %.0f %% of its capacity: binding ISPs are those at %.0f %% of its own peak (%.0f kW)",
			100*f.BindingShare, 100*f.BindingShare, peak))
	}

	defShare, defExcess := sc.Value("area.violation_day_share"), sc.Value("area.violation_excess_share")
	for i := range f.Contracts {
		cf := &f.Contracts[i]
		cf.FirmKW, cf.MeanKW, cf.CoveredShare = bindingStats(cf.shape, f.binding)
		cf.FreedKW, cf.KeptShare = cf.FirmKW, 1
		cf.ViolationDayShare, cf.ExcessKW = defShare, defExcess*cf.ClauseKW
		if load, ok := contractLoad(cf.c, conns, n); ok {
			measure(cf, load, f.binding)
		}
		if cf.InForce {
			f.ClauseKW += cf.FirmKW
			f.FreedKW += cf.FreedKW
		}
	}
	return f
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// freedShape is base − offtake limit per ISP of the load's period, with the
// contract's clauses in force throughout (the simulation decides when it
// ends). On-call and TDTR clauses are assumed called whenever needed: they
// free their contracted kW in every ISP.
func freedShape(c *contract.Contract, load series.Series) []float32 {
	out := make([]float32, load.Len())
	if c.BaseKW <= 0 {
		return out
	}
	first := contract.LocalDate(load.Start)
	last := contract.LocalDate(load.End().Add(-series.ISP))
	cc := *c
	cc.Term = contract.Term{Start: first.AddDays(-1)}
	s := contract.Resolve(&cc, first, last, nil)
	shift := int(load.Start.Sub(s.Start) / series.ISP)
	base := float32(c.BaseKW)
	for _, d := range s.Days {
		for k, lim := range d.P.OfftakeKW {
			if t := d.Offset + k - shift; t >= 0 && t < len(out) && lim < base {
				out[t] = base - lim
			}
		}
	}
	callable := 0.0
	for _, cl := range c.Clauses {
		switch cl.Form {
		case contract.OnCall:
			callable = math.Max(callable, cl.FlexKW)
		case contract.TDTR:
			callable = math.Max(callable, c.BaseKW-cl.LimitedKW)
		}
	}
	if callable > 0 {
		for t := range out {
			out[t] = max(out[t], float32(callable))
		}
	}
	return out
}

func bindingStats(shape []float32, binding []bool) (firm, mean, covered float64) {
	firm = math.Inf(1)
	n, hit := 0, 0
	for t, b := range binding {
		if !b {
			continue
		}
		v := float64(shape[t])
		firm = math.Min(firm, v)
		mean += v
		n++
		if v > 0 {
			hit++
		}
	}
	if n == 0 {
		return 0, 0, 0
	}
	return firm, mean / float64(n), float64(hit) / float64(n)
}

// contractLoad is the measured load a contract limits: the connection's, or
// the sum of a group's members when every member is metered.
func contractLoad(c *contract.Contract, conns map[string]*Connection, n int) (series.Series, bool) {
	members := c.Members
	if c.Group == "" {
		members = []string{c.Connection}
	}
	var ss []series.Series
	for _, m := range members {
		cn, ok := conns[m]
		if !ok || !cn.Metered || cn.Load.Len() != n {
			return series.Series{}, false
		}
		ss = append(ss, cn.Load)
	}
	if len(ss) == 1 {
		return ss[0], true
	}
	return series.Sum(ss...), true
}

// measure sets how far the contract was kept in the binding ISPs with data
// and its violation history over the whole data.
func measure(cf *ContractFreed, load series.Series, binding []bool) {
	base := float32(cf.c.BaseKW)
	var freed, excess float64
	for t, b := range binding {
		v := load.KW[t]
		if !b || cf.shape[t] <= 0 || v != v {
			continue
		}
		lim := base - cf.shape[t]
		freed += float64(cf.shape[t])
		excess += math.Max(0, float64(v-lim))
	}
	if freed > 0 {
		cf.Measured = true
		// Beyond base the connection takes back more than the contract
		// freed: it frees nothing, never a negative amount.
		cf.KeptShare = math.Max(0, 1-excess/freed)
		cf.FreedKW = cf.FirmKW * cf.KeptShare
	}
	// The history counts wherever the data lies, also before the term: the
	// contract is evaluated as if in force over the whole data.
	cc := *cf.c
	cc.Term = contract.Term{Start: contract.LocalDate(load.Start)}
	r, err := contract.Evaluate(&cc, contract.Input{Offtake: load})
	if err != nil {
		return
	}
	bindingDays := 0
	for _, d := range r.Schedule.Days {
		if d.Year >= 0 && d.P.FreedKW > 0 {
			bindingDays++
		}
	}
	if bindingDays == 0 {
		return
	}
	days := map[contract.Date]bool{}
	sum := 0.0
	count := 0
	for _, v := range r.Violations {
		if v.Sanction == "none" {
			continue
		}
		days[contract.LocalDate(v.Start)] = true
		sum += v.MaxExcessKW
		count++
	}
	cf.ViolationDayShare = float64(len(days)) / float64(bindingDays)
	if count > 0 {
		cf.ExcessKW = sum / float64(count)
	} else {
		cf.ExcessKW = 0
	}
}

// MeanFreedKW is the mean capacity a contract in force frees (what a new
// contract under the station is expected to free).
func (f *Freed) MeanFreedKW() float64 {
	n := 0
	for _, c := range f.Contracts {
		if c.InForce {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return f.FreedKW / float64(n)
}
