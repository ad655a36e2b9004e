package charging

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"gridflex/compensation"
	"gridflex/contract"
	"gridflex/scenario"
	"gridflex/schedule"
)

// dayISPs is the length of the typical day the scan models.
const dayISPs = 96

// Cases in which the scan checks every need (Unmet.Case).
const (
	CaseToday     = "today (charging on arrival)"
	CaseAtCap     = "grid-aware at the contracted capacity"
	CaseGridAware = "grid-aware, any night capacity"
	CaseBlocks    = "grid-aware with the block-power proposal"
	CaseOffice    = "office window only"
)

// Scan evaluates a validated site under scenario s. It stops with
// ctx.Err() when ctx is cancelled or its deadline passes (every schedule
// solve of the scan checks it).
func Scan(ctx context.Context, site Site, s *scenario.Scenario, opts Options) (Result, error) {
	d, err := build(site, s, opts)
	if err != nil {
		return Result{}, err
	}
	if err := d.checkPriorityChargers(site); err != nil {
		return Result{}, err
	}
	r := Result{Site: site.Name, Sector: site.Sector, CapacityKW: site.CapacityKW, Source: "vehicles",
		PeakWindows: d.windows, Notes: d.notes, Unmet: append([]Unmet{}, d.unmet...),
		headroom:  contract.Headroom{Share: s.Value(keyHeadroomShare), MinKW: s.Value(keyHeadroomMinKW)},
		termYears: int(math.Round(s.Value(keyTermYears)))}
	if site.PV != nil {
		r.pvKW = pvProfile(*site.PV)
	}
	if opts.Sessions != nil {
		r.Source = "sessions"
	}
	var pri []string
	if site.Sector == Offices {
		pri = d.choosePriority(site, s)
	}
	priSet := setOf(pri)
	isPri := func(x demand) bool { return x.priority || priSet[x.charger] }

	// Today: everyone charges on arrival within the contracted capacity.
	capKW := make([]float64, dayISPs)
	for t := range capKW {
		capKW[t] = d.capacityKW + d.existingKW[t] - d.baseKW[t]
	}
	todayDs := d.demands
	r.Today = TodayOnArrival
	if site.Today == TodayFlat {
		todayDs, r.Today = flat(d.demands), TodayFlat
	}
	today := chargeOnArrival(todayDs, capKW, d.peak, func(x demand) bool { return !isPri(x) }, false)
	r.BeforeKW = make([]float64, dayISPs)
	for t := range r.BeforeKW {
		r.BeforeKW[t] = d.baseKW[t] + today.loadKW[t]
		r.TodayPeakKW = math.Max(r.TodayPeakKW, r.BeforeKW[t])
	}
	for i, x := range d.demands {
		if !isPri(x) {
			r.TodayPeakOverlapKWh += today.inPeakKWh[i]
		}
		if short := x.needKWh - today.gotKWh[i]; short > 1e-6 {
			reason := "capacity shared on arrival runs out before departure"
			if x.reachKWh() < x.needKWh-1e-9 {
				reason = fmt.Sprintf("dwell too short for its charger (%.1f kW over %d minutes)", x.maxKW/x.weight, x.depMin-x.arrMin)
			}
			r.Unmet = append(r.Unmet, Unmet{Case: CaseToday, Vehicle: x.name, NeedKWh: x.needKWh / x.weight,
				ShortKWh: short / x.weight, Reason: reason})
		}
	}

	// Priority vehicles keep charging on arrival; the rest is scheduled.
	var priDs, flexDs []demand
	for _, x := range d.demands {
		if isPri(x) {
			priDs = append(priDs, x)
		} else {
			flexDs = append(flexDs, x)
		}
	}
	inf := make([]float64, dayISPs)
	for t := range inf {
		inf[t] = math.Inf(1)
	}
	priLoad := chargeOnArrival(priDs, inf, d.peak, nil, false).loadKW
	base := make([]float64, dayISPs)
	for t := range base {
		base[t] = d.baseKW[t] + priLoad[t]
	}
	prob := schedule.Problem{Slots: dayISPs, Cyclic: true, BaseKW: base, Free: make([]bool, dayISPs),
		MaxChargeKW: make([]float64, dayISPs), Vehicles: make([]schedule.Vehicle, len(flexDs))}
	for t := range dayISPs {
		prob.Free[t] = !d.peak[t]
		prob.MaxChargeKW[t] = d.peakKW[t]
	}
	for i, x := range flexDs {
		prob.Vehicles[i] = x.vehicle()
	}
	if b := site.Battery; b != nil {
		prob.Battery = &schedule.Battery{KWh: b.KWh, KW: b.KW, Efficiency: b.Efficiency}
	}
	opt, err := schedule.Solve(ctx, prob)
	if err != nil {
		return Result{}, fmt.Errorf("scan %s: %w", site.Name, err)
	}
	r.MinNightCapacityKW, r.LowerBoundKW = opt.PeakKW, opt.LowerBoundKW
	if opt.BatteryKW != nil {
		r.BatteryKW = opt.BatteryKW
		if opt.PeakKW-opt.LowerBoundKW > 1e-6 {
			r.Notes = append(r.Notes, fmt.Sprintf("battery losses: the schedule needs %.2f kW; no schedule can do with less than %.2f kW (the lossless bound)", opt.PeakKW, opt.LowerBoundKW))
		}
	}
	step := s.Value(keyCapacityStep)
	r.RecommendedCapacityKW = math.Ceil(opt.PeakKW/step-1e-9) * step
	for _, sh := range opt.Short {
		x := flexDs[sh.Vehicle]
		r.Unmet = append(r.Unmet, Unmet{Case: CaseGridAware, Vehicle: x.name, NeedKWh: sh.NeedKWh / x.weight,
			ShortKWh: sh.ShortKWh() / x.weight, Reason: sh.Reason.String()})
	}

	// At the contracted capacity (plus any block power the site holds).
	atCap := prob
	atCap.LimitOffsetKW = d.existingKW
	dl, err := schedule.Deliver(ctx, atCap, d.capacityKW)
	if err != nil {
		return Result{}, fmt.Errorf("scan %s: %w", site.Name, err)
	}
	short := false
	for _, sh := range dl.Short {
		if sh.Reason != schedule.Capacity {
			continue // already listed as grid-aware shortfalls
		}
		short = true
		x := flexDs[sh.Vehicle]
		r.Unmet = append(r.Unmet, Unmet{Case: CaseAtCap, Vehicle: x.name, NeedKWh: sh.NeedKWh / x.weight,
			ShortKWh: sh.ShortKWh() / x.weight, Reason: fmt.Sprintf("need above what the night capacity of %g kW allows", d.capacityKW)})
	}
	if short {
		bp, unmet, err := d.blockProposal(ctx, site, s, prob, flexDs, opt)
		if err != nil {
			return Result{}, fmt.Errorf("scan %s: %w", site.Name, err)
		}
		r.BlockPower = bp
		r.Unmet = append(r.Unmet, unmet...)
	}
	if r.BlockPower == nil {
		r.BlockPower = []BlockExtra{}
	}

	// The exported schedule follows the recommended contract, not the
	// uniform night capacity opt found: outside the peaks the limit is the
	// contracted capacity plus the block power the site holds and the
	// proposed blocks, so a meter that follows the schedule complies.
	final, contractKW, err := d.contractSchedule(ctx, prob, r.BlockPower)
	if err != nil {
		return Result{}, fmt.Errorf("scan %s: %w", site.Name, err)
	}
	r.AfterKW = final.GridKW
	if final.BatteryKW != nil {
		r.BatteryKW = final.BatteryKW
	}
	r.Chargers = chargers(flexDs, final.KW)
	r.Notes = append(r.Notes, minCurrentNotes(flexDs, final.KW)...)

	// What the site gives up in each peak, and what moves.
	r.LimitKW = slices.Clone(contractKW)
	r.extraKW = make([]float64, dayISPs)
	for t := range r.extraKW {
		r.extraKW[t] = contractKW[t] - d.capacityKW
	}
	for _, w := range d.windows {
		g := GiveUp{Window: w.Name + " " + w.From + "–" + w.To}
		var before, after float64
		for t, in := range mask(w.fromMin, w.toMin) {
			if in {
				before = math.Max(before, r.BeforeKW[t])
				after = math.Max(after, r.AfterKW[t])
				g.KWhPerDay += math.Max(0, r.BeforeKW[t]-r.AfterKW[t]) / 4
			}
		}
		// The solver's maxima differ by float noise where nothing moves:
		// below a watt the site gives nothing up (no phantom 0 kW rows).
		if g.KW = before - after; g.KW < minGiveUpKW {
			g.KW = 0
		}
		if g.KWhPerDay < minGiveUpKW/4 {
			g.KWhPerDay = 0
		}
		// Depots give up to 75 % of the evening peak (§3) when their
		// night capacity is guaranteed: the contract asks no more, even
		// where the schedule charges less.
		if share := s.Value(keyEveningGiveUp); site.Sector == Logistics && w.Name == "evening" && g.KW > share*before+1e-9 {
			r.Notes = append(r.Notes, fmt.Sprintf("evening peak %s–%s: the schedule frees %.1f kW; the contract gives up %.0f %% of today's %.1f kW = %.1f kW (%s)",
				w.From, w.To, g.KW, share*100, before, share*before, keyEveningGiveUp))
			g.KW = share * before
		}
		g.ShareOfCapacity = g.KW / d.capacityKW
		r.GiveUp = append(r.GiveUp, g)
		// Inside a peak the contract's time block caps the offtake; the
		// limit is an offtake limit, so PV does not push it below 0 (that
		// would ask a site without feed-in to export).
		for t, in := range mask(w.fromMin, w.toMin) {
			if !in {
				continue
			}
			limit := contractKW[t] // no time block: the night limits hold
			if tb, ok := timeBlockKW(r, w); g.KW > 0 && ok {
				limit = tb
			}
			r.LimitKW[t] = math.Min(limit, math.Max(0, base[t]+math.Min(d.peakKW[t], 1e12)))
		}
		if w.Name == "evening" {
			r.EveningReductionKW = math.Max(r.EveningReductionKW, g.KW)
		} else {
			r.MorningReductionKW = math.Max(r.MorningReductionKW, g.KW)
		}
	}
	var needW, dwellW float64
	flexSlots := map[int]bool{}
	for i, x := range d.demands {
		if isPri(x) {
			continue
		}
		r.MovedMWhPerYear += today.inPeakKWh[i] / x.weight * x.daysPerYear / float64(d.days) / 1000
		needW += x.needKWh
		dwellW += x.needKWh * float64(x.depMin-x.arrMin) / 60
	}
	for t := range dayISPs {
		if d.peak[t] && today.flexKW[t] > 1e-9 {
			flexSlots[t] = true
		}
	}
	r.FlexHours = float64(len(flexSlots)) / 4
	if needW > 0 {
		r.ChargingHours = dwellW / needW
	}
	// Flex hours count every peak quarter-hour in which any vehicle charges
	// today; with sessions spread over the day they can add up to more than
	// one vehicle's average stay. The study's rule (§3) prices the share of
	// the charging hours that is flexed, which cannot exceed 1.
	if site.Sector == Logistics && r.ChargingHours > 0 && r.FlexHours > r.ChargingHours {
		r.Notes = append(r.Notes, fmt.Sprintf("flex hours %.2f exceed the %.2f charging hours (peak quarter-hours of different vehicles add up): the flexed share is capped at 1, so the compensation is the cost share of the charging cost per MWh (§3)", r.FlexHours, r.ChargingHours))
		r.FlexHours = r.ChargingHours
	}
	price, share := s.Value(keyPrice), s.Value(keyCostShare)
	if r.FlexHours > 0 && r.ChargingHours > 0 {
		r.CompensationEURPerMWh = compensation.LogisticsEURPerMWh(price, share, r.FlexHours, r.ChargingHours)
	}
	r.CompensationRuleEURPerMWh = compensation.LogisticsEURPerMWh(price, share, s.Value(keyFlexHours), s.Value(keyChargingHours))
	r.CompensationRule = fmt.Sprintf("§3: %.0f %% of the charging cost ÷ the flexed share of the charging hours", share*100)
	if site.Sector == Offices {
		// Office charging plazas are priced by the office rule (§1.6,
		// Table 4.4), not the depot rule.
		own, land, noFlex := compensation.OfficeChargingEURPerMWh(s)
		rate, who := land, OwnerLandlord
		if site.Owner == OwnerUser {
			rate, who = own, OwnerUser
		}
		r.CompensationEURPerMWh, r.CompensationRuleEURPerMWh = rate, rate
		r.CompensationRule = fmt.Sprintf("Table 4.4 (§1.6): €%.0f/MWh owner-user, €%.0f/MWh landlord; this site: %s", own, land, who)
		if noFlex != "" {
			r.CompensationRule += " (" + noFlex + ")"
		}
	}
	r.EURPerYear = r.MovedMWhPerYear * r.CompensationEURPerMWh
	r.Contract = recommend(r, s)

	if site.Sector == Offices {
		o := d.office(s, pri, today)
		r.Office = &o.OfficeResult
		r.Unmet = append(r.Unmet, o.unmet...)
	}
	r.Vehicles = vehicleResults(site, d, today, flexDs, opt, isPri)
	if opts.Sessions != nil {
		daily, err := dailyCapacities(ctx, d, flexDs, priDs, prob)
		if err != nil {
			return Result{}, fmt.Errorf("scan %s: %w", site.Name, err)
		}
		r.Daily = &daily
	}
	return r, nil
}

// dailyCapacities solves every day of a sessions file on its own (sessions
// of that arrival date, priority sessions charging on arrival as other
// load): the average day's capacity hides the busy days.
func dailyCapacities(ctx context.Context, d *day, flexDs, priDs []demand, prob schedule.Problem) (DailyCapacity, error) {
	byDate := map[string][]demand{}
	priByDate := map[string][]demand{}
	for _, x := range flexDs {
		byDate[x.date] = append(byDate[x.date], x.scaled())
	}
	for _, x := range priDs {
		priByDate[x.date] = append(priByDate[x.date], x.scaled())
	}
	inf := make([]float64, dayISPs)
	for t := range inf {
		inf[t] = math.Inf(1)
	}
	var caps []float64
	var out DailyCapacity
	for date, ds := range byDate {
		p := prob
		p.Cyclic = false
		p.Battery = nil
		p.BaseKW = make([]float64, dayISPs)
		pri := chargeOnArrival(priByDate[date], inf, d.peak, nil, false).loadKW
		for t := range p.BaseKW {
			p.BaseKW[t] = d.baseKW[t] + pri[t]
		}
		p.Vehicles = make([]schedule.Vehicle, 0, len(ds))
		for _, x := range ds {
			v := x.vehicle()
			if v.To > dayISPs { // one day, no wrap: cut at midnight
				v.To, v.LastKW = dayISPs, 0
				if v.To-v.From == 1 {
					v.LastKW = v.FirstKW
				}
			}
			if v.To <= v.From {
				continue
			}
			p.Vehicles = append(p.Vehicles, v)
		}
		sc, err := schedule.Solve(ctx, p)
		if err != nil {
			return DailyCapacity{}, err
		}
		caps = append(caps, sc.PeakKW)
		if sc.PeakKW > out.MaxKW || out.MaxDate == "" {
			out.MaxKW, out.MaxDate = sc.PeakKW, date
		}
	}
	sort.Float64s(caps)
	if n := len(caps); n > 0 {
		out.Days = n
		out.MedianKW = caps[n/2]
		out.P95KW = caps[min(n-1, int(math.Ceil(0.95*float64(n)))-1)]
	}
	return out, nil
}

// setOf is xs as a set: a scan looks up the priority chargers once per
// session, so a list would make it quadratic.
func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// blockProposal finds the smallest stepped block power: first the smallest
// extra common to every block, then each block but the last (in order from
// the evening) lowered as far as the others allow.
func (d *day) blockProposal(ctx context.Context, site Site, s *scenario.Scenario, prob schedule.Problem, flexDs []demand, opt schedule.Schedule) ([]BlockExtra, []Unmet, error) {
	type blk struct {
		from, to string
		mask     []bool
		extra    float64
	}
	var blocks []blk
	if len(site.ProposedBlocks) > 0 {
		for _, b := range site.ProposedBlocks {
			blocks = append(blocks, blk{from: b.From, to: b.To, mask: mask(clockMin(b.From), clockMin(b.To))})
		}
	} else {
		for _, k := range [][2]string{{keyBlockEveFrom, keyBlockEveTo}, {keyBlockNightFrom, keyBlockNightTo}} {
			f, t := s.Value(k[0]), s.Value(k[1])
			blocks = append(blocks, blk{from: hourClock(f), to: hourClock(t), mask: mask(int(f*60), int(t*60))})
		}
	}
	// Order from the evening: 21:00 before 00:00.
	sort.SliceStable(blocks, func(i, j int) bool {
		key := func(b blk) int { return (clockMin(b.from) + 12*60) % (24 * 60) }
		return key(blocks[i]) < key(blocks[j])
	})
	solve := func(freeBlock int) (schedule.Schedule, error) {
		p := prob
		p.Free = make([]bool, dayISPs)
		p.MaxChargeKW = make([]float64, dayISPs)
		p.LimitOffsetKW = make([]float64, dayISPs)
		for t := range dayISPs {
			p.MaxChargeKW[t] = prob.MaxChargeKW[t]
			if d.peak[t] {
				continue
			}
			limit := d.capacityKW + d.existingKW[t]
			p.LimitOffsetKW[t] = limit
			fixed := true
			for bi, b := range blocks {
				if !b.mask[t] {
					continue
				}
				if freeBlock < 0 || bi == freeBlock {
					p.Free[t], fixed = true, false
				} else {
					limit += b.extra
				}
			}
			if fixed {
				p.MaxChargeKW[t] = math.Max(0, limit-prob.BaseKW[t])
			}
		}
		return schedule.Solve(ctx, p)
	}
	all, err := solve(-1)
	if err != nil {
		return nil, nil, err
	}
	var unmet []Unmet
	before := map[int]bool{}
	for _, sh := range opt.Short {
		before[sh.Vehicle] = true
	}
	for _, sh := range all.Short {
		if before[sh.Vehicle] {
			continue
		}
		x := flexDs[sh.Vehicle]
		unmet = append(unmet, Unmet{Case: CaseBlocks, Vehicle: x.name, NeedKWh: sh.NeedKWh / x.weight, ShortKWh: sh.ShortKWh() / x.weight,
			Reason: "the proposed blocks do not cover its stay; it needs capacity outside them"})
	}
	// Contracts state block power in 0.1 kW; rounding up keeps it feasible.
	up := func(kw float64) float64 { return math.Ceil(math.Max(0, kw)*10-1e-6) / 10 }
	e := up(all.PeakKW)
	for i := range blocks {
		blocks[i].extra = e
	}
	for i := 0; i+1 < len(blocks); i++ {
		sc, err := solve(i)
		if err != nil {
			return nil, nil, err
		}
		if len(sc.Short) == len(all.Short) {
			blocks[i].extra = math.Min(blocks[i].extra, up(sc.PeakKW))
		}
	}
	out := make([]BlockExtra, len(blocks))
	for i, b := range blocks {
		out[i] = BlockExtra{Start: b.from, End: b.to, ExtraKW: b.extra}
	}
	return out, unmet, nil
}

// flat is today's charging of a site that spreads every vehicle's need
// evenly over its stay (§3: 3 × 290 kWh over 12 h = 72.5 kW): each demand's
// power scaled down to need ÷ what its stay could take.
func flat(ds []demand) []demand {
	out := make([]demand, len(ds))
	for i, x := range ds {
		if reach := x.reachKWh(); reach > x.needKWh && reach > 0 {
			f := x.needKWh / reach
			x.maxKW, x.firstKW, x.lastKW = x.maxKW*f, x.firstKW*f, x.lastKW*f
		}
		out[i] = x
	}
	return out
}

// chargers returns the grid-aware schedule per charger (summed over the
// sessions of a charger; every vehicle of a site file has its own, the
// site check keeps their names unique).
func chargers(ds []demand, kw [][]float64) []ChargerSchedule {
	idx := make(map[string]int, len(ds))
	out := make([]ChargerSchedule, 0, len(ds))
	var rows []float64 // one backing array for every charger's row
	for i, x := range ds {
		j, ok := idx[x.charger]
		if !ok {
			j = len(out)
			idx[x.charger] = j
			n := len(kw[i])
			if len(rows) < n {
				rows = make([]float64, n*min(len(ds)-i, 4096))
			}
			out = append(out, ChargerSchedule{ID: x.charger, KW: rows[:n:n]})
			rows = rows[n:]
		}
		out[j].MinKW = max(out[j].MinKW, x.minKW)
		for t, v := range kw[i] {
			out[j].KW[t] += v
		}
	}
	return out
}

// minCurrentNotes flags quarter-hours in which the schedule runs a vehicle
// below its minimum charging power (the scheduler does not model it), one
// note per vehicle type.
func minCurrentNotes(ds []demand, kw [][]float64) []string {
	type agg struct{ vehicles, slots int }
	byType := map[string]*agg{}
	var order []string
	var minKW = map[string]float64{}
	for i, x := range ds {
		if x.minKW <= 0 {
			continue
		}
		n := 0
		for _, v := range kw[i] {
			if v > 1e-9 && v < x.minKW*x.weight-1e-9 {
				n++
			}
		}
		if n == 0 {
			continue
		}
		key := x.name
		if x.group >= 0 {
			key = strings.SplitN(x.name, " #", 2)[0]
		}
		a, ok := byType[key]
		if !ok {
			a = &agg{}
			byType[key] = a
			order = append(order, key)
			minKW[key] = x.minKW
		}
		a.vehicles++
		a.slots += n
	}
	out := make([]string, 0, len(order))
	for _, k := range order {
		a := byType[k]
		out = append(out, fmt.Sprintf("%s: %d vehicles, %d quarter-hours in all, are scheduled below the minimum charging power %.2f kW (as quarter-hour means); --export ocpp sends them as the minimum for part of the quarter-hour, the same energy — vehicles that do not resume after a pause (§1.4) need them rounded to 0 or the minimum",
			k, a.vehicles, a.slots, minKW[k]))
	}
	return out
}

func vehicleResults(site Site, d *day, today arrival, flexDs []demand, opt schedule.Schedule, isPri func(demand) bool) []VehicleResult {
	if len(site.Vehicles) == 0 || d.days != 1 {
		return nil
	}
	out := make([]VehicleResult, len(site.Vehicles))
	for gi, v := range site.Vehicles {
		out[gi] = VehicleResult{Name: v.Name, Count: v.N(), NeedKWh: v.NeedKWh(), Met: true}
	}
	// Per vehicle of the group: today's charge from its first vehicle, the
	// energy moved from its first vehicle that is not on a priority
	// charger (priority chargers keep charging in the peaks, so a group
	// whose first vehicle is one would otherwise show nothing moved).
	seen, seenMoved := map[int]bool{}, map[int]bool{}
	for i, x := range d.demands {
		if x.group < 0 {
			continue
		}
		vr := &out[x.group]
		if !seen[x.group] {
			seen[x.group] = true
			vr.TodayKWh = today.gotKWh[i]
		}
		if !seenMoved[x.group] && !isPri(x) {
			seenMoved[x.group] = true
			vr.MovedKWhPerDay = today.inPeakKWh[i]
		}
	}
	seen = map[int]bool{}
	for i, x := range flexDs {
		if seen[x.group] {
			continue
		}
		seen[x.group] = true
		out[x.group].GridAwareKWh = opt.DeliveredKWh[i]
		if opt.DeliveredKWh[i] < x.needKWh-1e-6 {
			out[x.group].Met = false
		}
	}
	for gi := range out {
		if !seen[gi] { // priority vehicles charge on arrival, unlimited
			out[gi].GridAwareKWh = out[gi].TodayKWh
		}
	}
	return out
}

// recommend picks the contract and says why (study §3, §6).
func recommend(r Result, s *scenario.Scenario) Contract {
	minFlex := s.Value(keyMinFlex)
	var c Contract
	var windows []string
	for _, g := range r.GiveUp {
		if g.KW > 0 {
			windows = append(windows, g.Window)
		}
	}
	give := math.Max(r.EveningReductionKW, r.MorningReductionKW)
	c.Reasoning = append(c.Reasoning,
		fmt.Sprintf("today the site charges on arrival; %.1f kWh a day falls in the grid peaks", r.TodayPeakOverlapKWh),
		fmt.Sprintf("charging everything outside the peaks needs at least %.2f kW (exact optimum, proven by a cut bound of %.2f kW)", r.MinNightCapacityKW, r.LowerBoundKW))
	switch {
	case give <= 0:
		c.Form = "none"
		c.Summary = "no flexibility to offer: the site does not charge in the peaks today"
		return c
	case give < minFlex:
		c.Form = "group contract"
		c.Summary = fmt.Sprintf("join a group CBC (or GTO) with neighbours: %.0f kW alone is below the %.0f kW many congestion products accept", give, minFlex)
		c.Reasoning = append(c.Reasoning, fmt.Sprintf("the site can give up %.1f kW, below the %.0f kW minimum of many products (§4.1); a group contract keeps individual capacities and shares the limit (§3, §6)", give, minFlex))
	default:
		c.Form = "CSC time block"
		c.Summary = fmt.Sprintf("CSC time block (CBC-T) in %v: give up %.0f kW", windows, give)
	}
	if len(r.BlockPower) > 0 {
		c.Form += " + block power"
		var steps []string
		for _, b := range r.BlockPower {
			steps = append(steps, fmt.Sprintf("+%.1f kW %s–%s", b.ExtraKW, b.Start, b.End))
		}
		c.Summary += fmt.Sprintf("; in return block power %v (night capacity %.0f → %.0f kW, ~%.0f kW)", steps, r.CapacityKW, r.MinNightCapacityKW, r.RecommendedCapacityKW)
		c.Reasoning = append(c.Reasoning, fmt.Sprintf("the contracted %.0f kW is not enough to charge outside the peaks: the night capacity must rise to %.2f kW (~%.0f kW, §3)", r.CapacityKW, r.MinNightCapacityKW, r.RecommendedCapacityKW))
		if r.Sector == Offices {
			c.Reasoning = append(c.Reasoning, fmt.Sprintf("if block power is not available, the office rule compensates %.0f €/MWh of flex (%s)", r.CompensationEURPerMWh, r.CompensationRule))
		} else {
			c.Reasoning = append(c.Reasoning, fmt.Sprintf("if block power is not available, the study's rule compensates %.0f €/MWh of flex (10 %% of the charging cost ÷ %.1f of %.1f charging hours flexed, §3)", r.CompensationEURPerMWh, r.FlexHours, r.ChargingHours))
		}
	} else {
		c.Reasoning = append(c.Reasoning, fmt.Sprintf("the contracted %.0f kW suffices outside the peaks: no extra night capacity is needed", r.CapacityKW))
		if r.CompensationEURPerMWh > 0 {
			rule := "§3"
			if r.Sector == Offices {
				rule = r.CompensationRule
			}
			c.Reasoning = append(c.Reasoning, fmt.Sprintf("compensation by the study's rule: %.0f €/MWh of flex (%s)", r.CompensationEURPerMWh, rule))
		}
	}
	c.Reasoning = append(c.Reasoning, fmt.Sprintf("%.1f MWh a year moves out of the peaks", r.MovedMWhPerYear))
	return c
}

// contractSchedule solves the flexible charging against the limits of the
// recommended contract: outside the peaks the contracted capacity plus the
// site's block power and the proposed blocks (limitKW, indexed by slot;
// peak slots keep their charging limits). Solve levels the load below that
// profile; when the proposal leaves needs unmet it would raise the profile,
// so Deliver then fills what the contract allows.
func (d *day) contractSchedule(ctx context.Context, prob schedule.Problem, blocks []BlockExtra) (schedule.Schedule, []float64, error) {
	limitKW := make([]float64, dayISPs)
	p := prob
	p.LimitOffsetKW = make([]float64, dayISPs)
	for t := range dayISPs {
		limitKW[t] = d.capacityKW + d.existingKW[t]
		for _, b := range blocks {
			if mask(clockMin(b.Start), clockMin(b.End))[t] {
				limitKW[t] += b.ExtraKW
			}
		}
		p.LimitOffsetKW[t] = limitKW[t] - d.capacityKW
	}
	sc, err := schedule.Solve(ctx, p)
	if err != nil {
		return schedule.Schedule{}, nil, err
	}
	if sc.PeakKW > d.capacityKW+1e-6 {
		if sc, err = schedule.Deliver(ctx, p, d.capacityKW); err != nil {
			return schedule.Schedule{}, nil, err
		}
	}
	return sc, limitKW, nil
}

// timeBlockKW is the limit of the CSC time block the contract sets in
// window w: the plan's highest offtake there, or today's peak minus what
// the site gives up if that is higher (the block gives up what the site
// offers, GiveUp, which may be less than the schedule frees: §3, up to
// 75 %), with the PV output taken out (a limit must hold on a cloudy
// day), plus the headroom for a real meter's noise (contract.Headroom).
// ok is false when that is not below the contracted capacity: the window
// then gets no time block.
// minGiveUpKW is the smallest give-up in a peak that counts: one watt, the
// resolution of a meter reading in Wh per quarter-hour × 4.
const minGiveUpKW = 0.001

func timeBlockKW(r Result, w Window) (float64, bool) {
	planned := plannedKW(r, w.fromMin, w.toMin)
	for i, pw := range r.PeakWindows {
		if pw == w && i < len(r.GiveUp) {
			planned = math.Max(planned, plannedBeforeKW(r, w.fromMin, w.toMin)-r.GiveUp[i].KW)
		}
	}
	return r.headroom.LimitKW(planned, r.CapacityKW)
}

// plannedKW is the plan's highest grid offtake in the local window
// [from, to) minutes with the PV output taken out.
func plannedKW(r Result, from, to int) float64 { return peakNoPV(r, r.AfterKW, from, to) }

// plannedBeforeKW is today's highest grid offtake in the window, PV out.
func plannedBeforeKW(r Result, from, to int) float64 { return peakNoPV(r, r.BeforeKW, from, to) }

func peakNoPV(r Result, kw []float64, from, to int) float64 {
	var planned float64
	for t, in := range mask(from, to) {
		if in {
			v := kw[t]
			if r.pvKW != nil {
				v += r.pvKW[t]
			}
			planned = math.Max(planned, v)
		}
	}
	return planned
}
