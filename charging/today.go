package charging

import "math"

// arrival is the outcome of charging on arrival over the typical day.
type arrival struct {
	loadKW    []float64 // charging per slot
	flexKW    []float64 // charging per slot of the demands marked flexible
	gotKWh    []float64 // per demand
	inPeakKWh []float64 // per demand, charged inside the peak windows
	// kw is the periodic charging per demand and slot (all of a demand's
	// instances on day two), the profile a priority charger follows; only
	// with perDemand.
	kw [][]float64
}

// chargeOnArrival is today's behaviour: every vehicle charges at its full
// power from arrival until its need is met or it leaves; when the vehicles
// together exceed capKW[t] (the contracted capacity minus the other load),
// they share it in proportion to their power (load balancing).
//
// The day repeats: vehicles of yesterday still charge in the early hours of
// today. The simulation runs three consecutive days and reports day two's
// load and the vehicles that arrive on day one (they share every slot of
// their stay with both neighbouring days), which is the periodic state for
// all practical purposes. The day has len(capKW) slots (96 for the typical
// day; 92 or 100 on a real DST day).
func chargeOnArrival(ds []demand, capKW []float64, peak []bool, flexible func(demand) bool, perDemand bool) arrival {
	// Identical vehicles (a type's count) charge identically: simulate one
	// of each with its multiplicity, so a depot of 100,000 vehicles in
	// 1,000 types costs 1,000 (issue 9 item 12).
	type key struct {
		from, to                     int
		maxKW, firstKW, lastKW, need float64
		flex                         bool
	}
	idx := make(map[key]int, len(ds))
	of := make([]int, len(ds))
	var uniq []demand
	var mult []float64
	for i, x := range ds {
		k := key{x.from, x.to, x.maxKW, x.firstKW, x.lastKW, x.needKWh, flexible != nil && flexible(x)}
		j, ok := idx[k]
		if !ok {
			j = len(uniq)
			idx[k] = j
			uniq = append(uniq, x)
			mult = append(mult, 0)
		}
		mult[j]++
		of[i] = j
	}
	u := chargeOnArrivalUnique(uniq, mult, capKW, peak, flexible, perDemand)
	if len(uniq) == len(ds) {
		return u
	}
	out := arrival{loadKW: u.loadKW, flexKW: u.flexKW, gotKWh: make([]float64, len(ds)), inPeakKWh: make([]float64, len(ds))}
	if perDemand {
		out.kw = make([][]float64, len(ds))
	}
	for i, j := range of {
		out.gotKWh[i], out.inPeakKWh[i] = u.gotKWh[j], u.inPeakKWh[j]
		if perDemand {
			out.kw[i] = u.kw[j]
		}
	}
	return out
}

// chargeOnArrivalUnique is chargeOnArrival over distinct demands, demand i
// standing for mult[i] identical vehicles.
func chargeOnArrivalUnique(ds []demand, mult []float64, capKW []float64, peak []bool, flexible func(demand) bool, perDemand bool) arrival {
	const days = 3
	n := len(capKW)
	horizon := (days + 1) * n
	type inst struct {
		d    int
		left float64 // kWh
		day  int
	}
	starts := make([][]int, horizon)
	var insts []inst
	for k := range days {
		for i, x := range ds {
			u := x.from + k*n
			starts[u] = append(starts[u], len(insts))
			insts = append(insts, inst{d: i, left: x.needKWh, day: k})
		}
	}
	out := arrival{loadKW: make([]float64, n), flexKW: make([]float64, n), gotKWh: make([]float64, len(ds)),
		inPeakKWh: make([]float64, len(ds))}
	if perDemand {
		out.kw = make([][]float64, len(ds))
		for i := range out.kw {
			out.kw[i] = make([]float64, n)
		}
	}
	var active []int
	want := []float64{}
	for u := range horizon {
		active = append(active, starts[u]...)
		// Drop instances that left or are full.
		k := 0
		for _, j := range active {
			x := ds[insts[j].d]
			if u < x.to+insts[j].day*n && insts[j].left > 1e-12 {
				active[k] = j
				k++
			}
		}
		active = active[:k]
		want = want[:0]
		var sum float64
		for _, j := range active {
			x := ds[insts[j].d]
			w := min(x.slotKW(u-x.from-insts[j].day*n), insts[j].left*4)
			want = append(want, w)
			sum += w * mult[insts[j].d]
		}
		t := u % n
		f := 1.0
		if c := math.Max(capKW[t], 0); sum > c {
			f = c / sum
		}
		for a, j := range active {
			kw := want[a] * f
			insts[j].left -= kw / 4
			if u >= 2*n && u < 3*n {
				m := mult[insts[j].d]
				out.loadKW[t] += kw * m
				if perDemand {
					out.kw[insts[j].d][t] += kw
				}
				if flexible != nil && flexible(ds[insts[j].d]) {
					out.flexKW[t] += kw * m
				}
			}
			if insts[j].day == 1 {
				out.gotKWh[insts[j].d] += kw / 4
				if peak[t] {
					out.inPeakKWh[insts[j].d] += kw / 4
				}
			}
		}
	}
	return out
}
