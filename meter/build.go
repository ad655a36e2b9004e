package meter

import (
	"fmt"
	"math"
	"slices"
	"time"

	"gridflex/input"
	"gridflex/series"
)

// maxSpan bounds a connection's period so that one mistyped year cannot
// allocate gigabytes.
const maxSpan = 20 * 366 * 24 * 3600

// build turns a's readings into the connection's series and quality.
func (d *decoder) build(a *acc) (Connection, error) {
	connErr := func(found, want string) error {
		return &Error{File: d.name, Line: a.firstLine, Found: fmt.Sprintf("connection %s: %s", a.ean, found), Want: want}
	}
	var notes []string
	n := len(a.t)
	hasDur := d.lay.end >= 0
	res := int64(d.opts.Resolution / time.Second)
	if hasDur {
		res = mode(a.dur)
	} else if res == 0 {
		res = gridStep(a.t)
		if res == 0 {
			res = 900
			notes = append(notes, "a single reading and no interval_end column: taken as one ISP")
		}
	}
	if !allowedRes[res] {
		return Connection{}, connErr(fmt.Sprintf("an interval of %s", time.Duration(res)*time.Second), "15m, 30m or 1h (or an interval_end column)")
	}
	dur := func(i int) int64 {
		if hasDur {
			return int64(a.dur[i])
		}
		return res
	}
	if d.lay.labelEnd {
		for i := range a.t {
			a.t[i] -= dur(i)
		}
		notes = append(notes, "timestamps mark interval ends")
	}
	lo, hi := a.t[0], a.t[0]+dur(0)
	for i, t := range a.t {
		lo = min(lo, t)
		hi = max(hi, t+dur(i))
	}
	// An expected period widens the series: ISPs of the period without a
	// reading are missing and show as gaps. Readings outside it are kept.
	if !d.opts.From.IsZero() {
		lo = min(lo, d.opts.From.Unix())
	}
	if !d.opts.To.IsZero() {
		hi = max(hi, d.opts.To.Unix())
	}
	if hi-lo > maxSpan {
		return Connection{}, connErr(fmt.Sprintf("a period from %s to %s", time.Unix(lo, 0).UTC().Format(time.DateOnly), time.Unix(hi, 0).UTC().Format(time.DateOnly)), "at most 20 years")
	}
	start := time.Unix(lo, 0).UTC()
	nISP := int((hi - lo) / 900)
	c := Connection{EAN: a.ean, Offtake: series.New(start, nISP), Resolution: time.Duration(res) * time.Second}
	if a.cols.feedin >= 0 {
		c.Feedin = series.New(start, nISP)
	} else {
		c.Feedin = series.Series{Start: start}
	}
	q := Quality{EAN: a.ean, Start: start, End: time.Unix(hi, 0).UTC(), Resolution: c.Resolution,
		Readings: n, ExpectedISPs: nISP, EmptyValues: a.empty}
	seen := make([]uint64, (nISP+63)/64)
	firstLine := func(k int) int {
		// The first reading of ISP k, for duplicate reports (rare path).
		for j, t := range a.t {
			if t <= lo+int64(k)*900 && lo+int64(k)*900 < t+dur(j) {
				return int(a.line[j])
			}
		}
		return 0
	}
	spread := 0
	for i, t := range a.t {
		k0 := int((t - lo) / 900)
		m := int(dur(i) / 900)
		if m > 1 {
			spread++
		}
		var kw [2]float32
		for s := range kw {
			if s == 1 && a.cols.feedin < 0 {
				continue
			}
			kw[s] = d.kwAt(a, s, i, dur(i))
		}
		dup := false
		for k := k0; k < k0+m; k++ {
			if seen[k>>6]&(1<<(k&63)) != 0 {
				if !dup {
					// One duplicate per reading; its other ISPs still count.
					dup = true
					q.Duplicates++
					if !same32(c.Offtake.KW[k], kw[0]) || (a.cols.feedin >= 0 && !same32(c.Feedin.KW[k], kw[1])) {
						q.Conflicts++
					}
					if len(q.DuplicateList) < maxListed {
						q.DuplicateList = append(q.DuplicateList, Duplicate{At: c.Offtake.At(k), FirstLine: firstLine(k), Line: int(a.line[i]),
							FirstKW: float64(c.Offtake.KW[k]), KW: float64(kw[0])})
					}
				}
				continue
			}
			seen[k>>6] |= 1 << (k & 63)
			c.Offtake.KW[k] = kw[0]
			if a.cols.feedin >= 0 {
				c.Feedin.KW[k] = kw[1]
			}
			if len(a.est) > 0 && a.est[i] {
				if c.Estimated == nil {
					c.Estimated = make([]bool, nISP)
				}
				c.Estimated[k] = true
			}
		}
		if len(a.est) > 0 && a.est[i] {
			q.Estimated++
		}
	}
	if spread > 0 {
		notes = append(notes, fmt.Sprintf("%d readings of %d minutes spread over %d ISPs each at the reading's mean power (energy kept; peaks within the reading not visible)",
			spread, res/60, res/900))
	}
	if a.ambiguous > 0 {
		notes = append(notes, fmt.Sprintf("%d local timestamps in a repeated autumn hour resolved by order (first = summer time)", a.ambiguous))
	}
	d.measure(&q, &c, a)
	if d.lay.ean >= 0 {
		if msg := checkEAN(a.ean); msg != "" {
			notes = append(notes, msg)
		}
	}
	q.Notes = notes
	c.Quality = q
	return c, nil
}

// measure fills the counts that need the finished series.
func (d *decoder) measure(q *Quality, c *Connection, a *acc) {
	s := c.Offtake
	var sumAbs float64
	q.MaxKW = math.NaN()
	for i := 0; i < len(s.KW); {
		if s.KW[i] == s.KW[i] {
			v := float64(s.KW[i])
			q.PresentISPs++
			q.EnergyKWh += v / series.ISPsPerHour
			sumAbs += math.Abs(v)
			if q.MaxKW != q.MaxKW || v > q.MaxKW {
				q.MaxKW = v
			}
			i++
			continue
		}
		j := i
		for j < len(s.KW) && s.KW[j] != s.KW[j] {
			j++
		}
		q.GapCount++
		if len(q.Gaps) < maxListed {
			q.Gaps = append(q.Gaps, Gap{Start: s.At(i), End: s.At(j), ISPs: j - i})
		}
		i = j
	}
	limit := math.Inf(1)
	if q.PresentISPs > 0 && sumAbs > 0 {
		limit = d.opts.spikeFactor() * sumAbs / float64(q.PresentISPs)
	}
	for s, col := range [2]int{a.cols.offtake, a.cols.feedin} {
		if col < 0 {
			continue
		}
		for i, v := range a.v[s] {
			if v != v {
				continue
			}
			kw := float64(d.kwAt(a, s, i, int64(c.Resolution/time.Second)))
			switch {
			case v < 0:
				q.Negative++
			case v == 0 && s == 0:
				q.Zero++ // zero feed-in is normal; zero offtake may be a substitute for missing
			}
			if math.Abs(kw) > limit {
				q.Implausible++
			}
		}
	}
	for _, day := range series.LocalDays(q.Start, q.End) {
		if day.ISPs() == 96 {
			continue
		}
		dd := DSTDay{Date: day.String(), ISPs: day.ISPs()}
		lo, _ := s.Index(day.Start)
		if day.Start.Before(s.Start) {
			lo = 0
		}
		for i := lo; i < len(s.KW) && s.At(i).Before(day.End); i++ {
			if s.KW[i] == s.KW[i] {
				dd.Present++
			}
		}
		q.DST = append(q.DST, dd)
	}
}

// kwAt is reading i of value column s (0 offtake, 1 feed-in) in kW.
func (d *decoder) kwAt(a *acc, s, i int, dur int64) float32 {
	col := a.cols.offtake
	if s == 1 {
		col = a.cols.feedin
	}
	v := a.v[s][i]
	if d.lay.cols[col].unit.energy && d.lay.end < 0 {
		// kWh over an inferred interval → mean kW; ×4, ×2, ×1 are exact.
		v *= float32(3600 / dur)
	}
	return v
}

// checkEAN describes what is wrong with a connection EAN: Dutch connection
// EANs have 18 digits, the last a GS1 check digit. A wrong one is reported,
// not refused: test files and foreign meters use other identifiers.
func checkEAN(ean string) string {
	if len(ean) != 18 {
		return fmt.Sprintf("EAN %s has %d characters, not 18 digits", input.Excerpt(ean), len(ean))
	}
	for i := range len(ean) {
		if ean[i] < '0' || ean[i] > '9' {
			return fmt.Sprintf("EAN %s is not all digits", input.Excerpt(ean))
		}
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := ean[i]
		w := 1
		if i%2 == 0 {
			w = 3 // weights 3,1,3,… from the left for an 18-digit code
		}
		sum += int(c-'0') * w
	}
	want := byte('0' + (10-sum%10)%10)
	if ean[17] != want {
		return fmt.Sprintf("EAN %s fails its check digit (want %c)", ean, want)
	}
	return ""
}

func same32(a, b float32) bool { return a == b || (a != a && b != b) }

// mode is the most frequent value (the resolution of mixed readings).
func mode(xs []int32) int64 {
	var counts [4]int // 900, 1800, 2700, 3600
	for _, x := range xs {
		if k := x/900 - 1; k >= 0 && k < 4 {
			counts[k]++
		}
	}
	best := 0
	for k := range counts {
		if counts[k] > counts[best] {
			best = k
		}
	}
	return int64(best+1) * 900
}

// gridStep infers the interval of readings without an end column: the
// greatest common divisor of the steps between them and one hour, so gaps
// do not lengthen it (readings at 00:00 and 00:45 are quarter hours); 0 for
// a single reading.
func gridStep(t []int64) int64 {
	if !slices.IsSorted(t) {
		t = slices.Clone(t)
		slices.Sort(t)
	}
	var step int64
	for i := 1; i < len(t); i++ {
		if dt := t[i] - t[i-1]; dt > 0 {
			if step == 0 {
				step = gcd(dt, 3600)
			} else {
				step = gcd(step, dt)
			}
		}
	}
	return step
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
