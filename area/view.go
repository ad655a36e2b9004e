package area

import (
	"time"
)

// ReissuedKW is the load per base ISP of what rel grants, by the requests'
// profiles.
func ReissuedKW(a *Area, rel *Release) []float64 {
	out := make([]float64, a.Load.Len())
	for _, o := range rel.Offers {
		if o.GrantedOfftakeKW <= 0 {
			continue
		}
		for t, v := range a.Requests[o.request].Profile.Shape {
			out[t] += o.GrantedOfftakeKW * float64(v)
		}
	}
	return out
}

// LoadWeek is the week of the base year with the highest load after the
// release: hours from its start, the measured load and the load with the
// reissued capacity, in kW.
func LoadWeek(a *Area, rel *Release) (start time.Time, hours, beforeKW, afterKW []float64) {
	r := ReissuedKW(a, rel)
	peak, at := -1.0, 0
	for t, v := range a.Load.KW {
		if x := float64(v) + r[t]; x > peak {
			peak, at = x, t
		}
	}
	const week = 7 * 96
	from := max(0, min(at-week/2, a.Load.Len()-week))
	to := min(from+week, a.Load.Len())
	for t := from; t < to; t++ {
		hours = append(hours, float64(t-from)/4)
		beforeKW = append(beforeKW, float64(a.Load.KW[t]))
		afterKW = append(afterKW, float64(a.Load.KW[t])+r[t])
	}
	return a.Load.At(from), hours, beforeKW, afterKW
}
