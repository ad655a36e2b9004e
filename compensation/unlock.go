package compensation

import "slices"

// UnlockedMeasure is what a compensation unlocks of one measure.
type UnlockedMeasure struct {
	ID, Sector, Name string
	Priced           bool
	NoFlex           string  // why the measure delivers no flex (then not Priced)
	EURPerMWh        float64 // required at the chosen bound (0 if not priced)
	Unlocked         bool    // price ≥ required
	PotentialMinMW   float64
	PotentialMaxMW   float64
	MinMW, MaxMW     float64 // unlocked: the potential if Unlocked, else 0
	Group            string
	HasPotential     bool
}

// UnlockedSector sums the unlocked MW of a sector; seasonal alternatives
// count with their largest member (offices = max(heating, cooling) +
// charging, §1.5).
type UnlockedSector struct {
	Sector                         string
	MinMW, MaxMW                   float64
	PotentialMinMW, PotentialMaxMW float64
}

// Unlocked is the answer to "what does a price unlock".
type Unlocked struct {
	Scenario                       string // set by the caller: the scenario of the measures and potential
	PriceEURPerMWh                 float64
	Bound                          Bound
	Measures                       []UnlockedMeasure
	Sectors                        []UnlockedSector
	MinMW, MaxMW                   float64
	PotentialMinMW, PotentialMaxMW float64
}

// Unlock returns the MW a compensation of priceEURPerMWh unlocks, per
// measure, sector and in total, at the low and high end of the potential. A
// measure is unlocked when the price covers its required compensation at
// bound b. Unpriced measures (datacenters) and measures without potential
// are listed but unlock nothing and do not count in the potential totals;
// a sector with no priced measure gets no sector line.
func Unlock(ms []Measure, pot map[string]PotentialMW, priceEURPerMWh float64, b Bound) Unlocked {
	u := Unlocked{PriceEURPerMWh: priceEURPerMWh, Bound: b}
	for _, m := range ms {
		p, ok := pot[m.ID]
		um := UnlockedMeasure{ID: m.ID, Sector: m.Sector, Name: m.Name, Priced: m.Priced, NoFlex: m.NoFlex, Group: m.Group, HasPotential: ok}
		if ok {
			um.PotentialMinMW, um.PotentialMaxMW = p.MinMW, p.MaxMW
		}
		if m.Priced {
			um.EURPerMWh = m.At(b).EURPerMWh
			um.Unlocked = priceEURPerMWh >= um.EURPerMWh
			if um.Unlocked {
				um.MinMW, um.MaxMW = um.PotentialMinMW, um.PotentialMaxMW
			}
		}
		u.Measures = append(u.Measures, um)
	}
	var sectors []string
	for _, m := range u.Measures {
		if !slices.Contains(sectors, m.Sector) {
			sectors = append(sectors, m.Sector)
		}
	}
	for _, sec := range sectors {
		if !slices.ContainsFunc(u.Measures, func(m UnlockedMeasure) bool { return m.Sector == sec && m.Priced && m.HasPotential }) {
			continue // nothing to unlock (datacenters): no sector line
		}
		us := UnlockedSector{Sector: sec}
		groups := map[string]*UnlockedSector{}
		var order []string
		for _, m := range u.Measures {
			if m.Sector != sec || !m.Priced || !m.HasPotential {
				continue
			}
			if m.Group == "" {
				us.MinMW += m.MinMW
				us.MaxMW += m.MaxMW
				us.PotentialMinMW += m.PotentialMinMW
				us.PotentialMaxMW += m.PotentialMaxMW
				continue
			}
			g, ok := groups[m.Group]
			if !ok {
				g = &UnlockedSector{}
				groups[m.Group] = g
				order = append(order, m.Group)
			}
			g.MinMW = max(g.MinMW, m.MinMW)
			g.MaxMW = max(g.MaxMW, m.MaxMW)
			g.PotentialMinMW = max(g.PotentialMinMW, m.PotentialMinMW)
			g.PotentialMaxMW = max(g.PotentialMaxMW, m.PotentialMaxMW)
		}
		for _, name := range order {
			g := groups[name]
			us.MinMW += g.MinMW
			us.MaxMW += g.MaxMW
			us.PotentialMinMW += g.PotentialMinMW
			us.PotentialMaxMW += g.PotentialMaxMW
		}
		u.Sectors = append(u.Sectors, us)
		u.MinMW += us.MinMW
		u.MaxMW += us.MaxMW
		u.PotentialMinMW += us.PotentialMinMW
		u.PotentialMaxMW += us.PotentialMaxMW
	}
	return u
}
