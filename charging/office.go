package charging

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"gridflex/input"
	"gridflex/scenario"
)

// overlapMin is the number of minutes of the stay [x.arrMin, x.depMin)
// inside the daily window [from, to) (local minutes, wrapping).
func overlapMin(x demand, from, to int) int {
	n := 0
	for day := -1; day <= 2; day++ {
		segs := [][2]int{{from, to}}
		if from > to {
			segs = [][2]int{{from, 24 * 60}, {0, to}}
		}
		for _, s := range segs {
			a, b := s[0]+day*24*60, s[1]+day*24*60
			n += max(0, min(b, x.depMin)-max(a, x.arrMin))
		}
	}
	return n
}

// servedIn reports whether the demand is fully charged at its charger's
// power within the window alone.
func servedIn(x demand, from, to int) bool {
	return x.maxKW*float64(overlapMin(x, from, to))/60 >= x.needKWh-1e-9
}

// servedAnyTime reports whether charging on arrival for the whole stay
// delivers the need.
func servedAnyTime(x demand) bool {
	return x.maxKW*float64(x.depMin-x.arrMin)/60 >= x.needKWh-1e-9
}

func (d *day) officeWindow(s *scenario.Scenario) (int, int) {
	return int(math.Round(s.Value(keyOfficeFrom) * 60)), int(math.Round(s.Value(keyOfficeTo) * 60))
}

// checkPriorityChargers refuses a priority charger the site names that no
// vehicle or session uses: it would silently make no charger a priority
// one.
func (d *day) checkPriorityChargers(site Site) error {
	known := map[string]bool{}
	for _, x := range d.demands {
		known[x.charger] = true
	}
	var errs []string
	for i, id := range site.PriorityChargers {
		if !known[id] {
			errs = append(errs, fmt.Sprintf("%s: priority_chargers[%d]: want a charger of the sessions or vehicles, got %s", site.Name, i, input.Excerpt(id)))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w:\n  %s", ErrSite, strings.Join(input.Cap(errs), "\n  "))
	}
	return nil
}

// choosePriority returns the priority chargers: those the site names, or
// else the share scan.charging.offices.priority_share of all chargers,
// picked where they serve the most sessions that the office window alone
// would not serve (the best place for a visitor charger).
func (d *day) choosePriority(site Site, s *scenario.Scenario) []string {
	if len(site.PriorityChargers) > 0 {
		return site.PriorityChargers
	}
	share := s.Value(keyPriorityShare)
	if site.PriorityShare != nil {
		share = *site.PriorityShare
	}
	from, to := d.officeWindow(s)
	gain := map[string]int{}
	var ids []string
	for _, x := range d.demands {
		if _, ok := gain[x.charger]; !ok {
			ids = append(ids, x.charger)
			gain[x.charger] = 0
		}
		if !servedIn(x, from, to) && servedAnyTime(x) {
			gain[x.charger]++
		}
	}
	k := int(math.Round(share * float64(len(ids))))
	sort.SliceStable(ids, func(i, j int) bool {
		if gain[ids[i]] != gain[ids[j]] {
			return gain[ids[i]] > gain[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids[:k]
}

// office is the §1.4 analysis: the flex today in the morning and evening
// windows and the share of sessions fully served charging only in the
// office window, priority chargers kept.
type officeResult struct {
	OfficeResult
	unmet []Unmet
}

func (d *day) office(s *scenario.Scenario, pri []string, today arrival) officeResult {
	from, to := d.officeWindow(s)
	o := officeResult{OfficeResult: OfficeResult{
		Window:           hourClock(s.Value(keyOfficeFrom)) + "–" + hourClock(s.Value(keyOfficeTo)),
		PriorityChargers: pri,
		Days:             d.days,
	}}
	mean := func(kf, kt string) (float64, float64) {
		var sum, mx float64
		n := 0
		for t, in := range mask(int(math.Round(s.Value(kf)*60)), int(math.Round(s.Value(kt)*60))) {
			if in {
				sum += today.flexKW[t]
				mx = math.Max(mx, today.flexKW[t])
				n++
			}
		}
		return sum / float64(max(n, 1)), mx
	}
	o.MorningFlexKW, o.MorningFlexMax = mean(keyOfficeMornFrom, keyOfficeMornTo)
	o.EveningFlexKW, o.EveningFlexMax = mean(keyOfficeEveFrom, keyOfficeEveTo)
	chargers := map[string]bool{}
	priSet := setOf(pri)
	served, servedNoPri := 0, 0
	for _, x := range d.demands {
		chargers[x.charger] = true
		inWin := servedIn(x, from, to)
		if inWin {
			servedNoPri++
		}
		ok := inWin
		if priSet[x.charger] || x.priority {
			ok = servedAnyTime(x)
		}
		if ok {
			served++
			continue
		}
		reason := fmt.Sprintf("%.1f kWh fit in %s at %.1f kW", x.maxKW*float64(overlapMin(x, from, to))/60/x.weight, o.Window, x.maxKW/x.weight)
		if !servedAnyTime(x) {
			reason = "need above what the charger delivers over the whole stay"
		}
		short := x.needKWh - x.maxKW*float64(overlapMin(x, from, to))/60
		if !servedAnyTime(x) {
			short = x.needKWh - x.maxKW*float64(x.depMin-x.arrMin)/60
		}
		o.unmet = append(o.unmet, Unmet{Case: CaseOffice + " " + o.Window, Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
			ShortKWh: short / x.weight, Reason: reason})
	}
	// Stays shorter than a quarter-hour are counted too (never dropped).
	n := len(d.demands) + len(d.unmet)
	o.Sessions, o.FullyServed, o.Chargers = n, served, len(chargers)
	if n > 0 {
		o.ServedShare = float64(served) / float64(n)
		o.ServedShareNoPri = float64(servedNoPri) / float64(n)
	}
	if o.Chargers > 0 {
		o.PriorityShare = float64(len(pri)) / float64(o.Chargers)
	}
	return o
}
