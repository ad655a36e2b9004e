package plant

import (
	"math"
	"sort"
)

// ISPs per day of the plan.
const day = 96

// Day is a quarter-hour load profile of one day, kW.
type Day [day]float64

// Max returns the largest value over the ISPs where mask is true.
func (d *Day) Max(mask *[day]bool) float64 {
	m := 0.0
	for i := range d {
		if mask == nil || mask[i] {
			m = max(m, d[i])
		}
	}
	return m
}

// Run is one placed batch run.
type Run struct {
	Batch    int // index into Site.Batches
	StartISP int
	ISPs     int
}

// Plan is the batch schedule before and after moving the runs.
type Plan struct {
	Before, After []Run
	// Stuck lists batches with a run the plan could not move out of the
	// peaks (window, parallel or capacity limits).
	Stuck []int
}

// scheduleBatches places every run of every batch: out of the peaks first,
// then within the contracted capacity, then as close to today's start as
// possible. Larger batches are placed first (they are the hardest to fit).
// It is greedy per run over every feasible start, which is exact for one
// batch per day and a good plan for many; moved runs never overlap more
// than the batch's Parallel allows.
func scheduleBatches(s *Site, load *Day, peak *[day]bool, current [][]int) ([]Run, []int) {
	order := make([]int, len(s.Batches))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return s.Batches[order[a]].KW*s.Batches[order[a]].DurationH > s.Batches[order[b]].KW*s.Batches[order[b]].DurationH
	})
	var runs []Run
	var stuck []int
	for _, bi := range order {
		b := &s.Batches[bi]
		n := isps(b.DurationH)
		from, _ := parseClockDefault(b.Earliest, 0)
		to, _ := parseClockDefault(b.LatestEnd, 1440)
		lo, hi := (from+14)/15, to/15-n // start ISPs
		par := max(b.Parallel, 1)
		var busy [day]int
		inPeak := false
		for r := range b.RunsPerDay {
			best, bestScore := -1, math.Inf(1)
			for st := lo; st <= hi; st++ {
				ok := true
				var peakISPs, over float64
				for k := st; k < st+n; k++ {
					if busy[k] >= par {
						ok = false
						break
					}
					if peak[k] {
						peakISPs++
					}
					over += max(0, load[k]+b.KW-s.CapacityKW) - max(0, load[k]-s.CapacityKW)
				}
				if !ok {
					continue
				}
				score := 1e9*peakISPs*b.KW + 1e3*over + math.Abs(float64(st-current[bi][r]))
				if score < bestScore {
					best, bestScore = st, score
				}
			}
			if best < 0 { // no room: keep today's start
				best = current[bi][r]
				inPeak = true
			}
			for k := best; k < best+n && k < day; k++ {
				busy[k]++
				load[k] += b.KW
				if peak[k] {
					inPeak = true
				}
			}
			runs = append(runs, Run{Batch: bi, StartISP: best, ISPs: n})
		}
		if inPeak {
			stuck = append(stuck, bi)
		}
	}
	sort.Ints(stuck)
	return runs, stuck
}

// currentStarts are today's starts of every run in ISPs: the given starts,
// or the runs back to back from the earliest start.
func currentStarts(s *Site) [][]int {
	out := make([][]int, len(s.Batches))
	for i, b := range s.Batches {
		n := isps(b.DurationH)
		from, _ := parseClockDefault(b.Earliest, 0)
		for r := range b.RunsPerDay {
			st := (from+14)/15 + r*n
			if r < len(b.Starts) {
				m, _ := parseClockDefault(b.Starts[r], 0)
				st = m / 15
			}
			out[i] = append(out[i], min(max(st, 0), day-n))
		}
	}
	return out
}

func isps(hours float64) int { return min(max(int(math.Ceil(hours*4-1e-9)), 1), day) }

func parseClockDefault(s string, def int) (int, error) {
	if s == "" {
		return def, nil
	}
	return parseClock(s)
}

func addRuns(d *Day, s *Site, runs []Run) {
	for _, r := range runs {
		for k := r.StartISP; k < r.StartISP+r.ISPs && k < day; k++ {
			d[k] += s.Batches[r.Batch].KW
		}
	}
}
