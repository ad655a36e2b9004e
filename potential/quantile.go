package potential

import "math"

// percentiles returns the p-quantiles of xs (ps ascending, each in [0, 1])
// by linear interpolation between order statistics (Hyndman & Fan type 7,
// as numpy's default). It reorders xs. Selection instead of a full sort
// keeps a million samples per output in linear time.
func percentiles(xs []float32, ps ...float64) [3]float64 {
	var out [3]float64
	n := len(xs)
	lo := 0
	for i, p := range ps {
		h := p * float64(n-1)
		k := int(math.Floor(h))
		// Quantiles ascend, so the k-th order statistic lies at or after
		// the previous one: select within xs[lo:] only.
		selectKth(xs[lo:], k-lo)
		lo = k
		x := float64(xs[k])
		if frac := h - float64(k); frac > 0 && k+1 < n {
			// The next order statistic is the minimum of the part after k.
			next := xs[k+1]
			for _, y := range xs[k+2:] {
				next = min(next, y)
			}
			x += frac * (float64(next) - x)
		}
		out[i] = x
	}
	return out
}

// selectKth reorders xs so that xs[k] is the k-th smallest, everything
// before it ≤ it and everything after ≥ it (Hoare's quickselect with a
// median-of-three pivot; deterministic).
func selectKth(xs []float32, k int) {
	lo, hi := 0, len(xs)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		// Median of three into xs[mid].
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}
