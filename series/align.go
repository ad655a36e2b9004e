package series

import (
	"fmt"
	"time"
)

// Slice returns the intervals in [from, to), both ISP-aligned; intervals of
// the range outside s are missing. The result does not share memory with s.
func (s Series) Slice(from, to time.Time) Series {
	if to.Before(from) {
		panic(fmt.Sprintf("series: slice end %s before start %s", to, from))
	}
	out := New(from, int(to.Sub(from)/ISP))
	off := int(from.Sub(s.Start) / ISP)
	for i := range out.KW {
		if j := i + off; j >= 0 && j < len(s.KW) {
			out.KW[i] = s.KW[j]
		}
	}
	return out
}

// Align returns a and b over the union of their spans, missing where a
// series has no interval. An empty series does not widen the span.
func Align(a, b Series) (Series, Series) {
	from, to := span(a, b)
	return a.Slice(from, to), b.Slice(from, to)
}

func span(ss ...Series) (from, to time.Time) {
	first := true
	for _, s := range ss {
		if len(s.KW) == 0 {
			continue
		}
		if first || s.Start.Before(from) {
			from = s.Start
		}
		if first || s.End().After(to) {
			to = s.End()
		}
		first = false
	}
	return from, to
}

// Sum adds series interval by interval over the union of their spans; an
// interval is missing when any member lacks it (a group limit cannot be
// checked on part of the group).
func Sum(ss ...Series) Series {
	from, to := span(ss...)
	out := New(from, int(to.Sub(from)/ISP))
	for i := range out.KW {
		out.KW[i] = 0
	}
	for _, s := range ss {
		if len(s.KW) == 0 {
			continue
		}
		off := int(s.Start.Sub(from) / ISP)
		for i := range out.KW {
			j := i - off
			if j < 0 || j >= len(s.KW) {
				out.KW[i] = nan32
				continue
			}
			out.KW[i] += s.KW[j]
		}
	}
	return out
}
