package series

import "math"

// KWhToKW converts energy per ISP to mean power over the ISP: kW = kWh × 4.
func KWhToKW(kwh float64) float64 { return kwh * ISPsPerHour }

// KWToKWh converts mean power over an ISP to energy per ISP: kWh = kW ÷ 4.
func KWToKWh(kw float64) float64 { return kw / ISPsPerHour }

// nan32 is the missing marker.
var nan32 = float32(math.NaN())

// NaN returns the missing marker, for callers that build series by hand.
func NaN() float32 { return nan32 }

// MissingCount is the number of missing intervals.
func (s Series) MissingCount() int {
	n := 0
	for _, v := range s.KW {
		if v != v {
			n++
		}
	}
	return n
}

// TotalKWh is the energy over the present intervals and the number of
// missing ones; the caller decides what an incomplete total means.
func (s Series) TotalKWh() (kwh float64, missing int) {
	var sum float64
	for _, v := range s.KW {
		if v != v {
			missing++
			continue
		}
		sum += float64(v)
	}
	return sum / ISPsPerHour, missing
}

// MaxKW is the highest present value and its index; -1 when every
// interval is missing.
func (s Series) MaxKW() (kw float64, i int) {
	i = -1
	for j, v := range s.KW {
		if v == v && (i < 0 || float64(v) > kw) {
			kw, i = float64(v), j
		}
	}
	return kw, i
}
