package series

import (
	"math"
	"time"
)

// Bucket is a resampled interval. Missing ISPs are counted, never filled:
// KWh sums only the present ISPs, and MeanKW is NaN unless the bucket is
// complete.
type Bucket struct {
	Start, End time.Time // UTC
	ISPs       int       // ISPs in the bucket (4 per hour; 92, 96 or 100 per day)
	Missing    int       // of those, missing or outside the series
	KWh        float64   // energy over the present ISPs
	MaxKW      float64   // highest present ISP; NaN when none is present
}

// Complete reports whether every ISP of the bucket has a value.
func (b Bucket) Complete() bool { return b.Missing == 0 }

// MeanKW is the mean power over the bucket, NaN when incomplete.
func (b Bucket) MeanKW() float64 {
	if b.Missing > 0 || b.ISPs == 0 {
		return math.NaN()
	}
	return b.KWh / b.End.Sub(b.Start).Hours()
}

// Hours resamples to clock hours (UTC hours coincide with Amsterdam hours,
// whose offsets are whole hours). Partial hours at the ends count the ISPs
// outside the series as missing.
func (s Series) Hours() []Bucket {
	if len(s.KW) == 0 {
		return nil
	}
	first := s.Start.Truncate(time.Hour)
	var out []Bucket
	for h := first; h.Before(s.End()); h = h.Add(time.Hour) {
		out = append(out, s.bucket(h, h.Add(time.Hour)))
	}
	return out
}

// Days resamples to Europe/Amsterdam days (92, 96 or 100 ISPs).
func (s Series) Days() []Bucket {
	days := LocalDays(s.Start, s.End())
	out := make([]Bucket, len(days))
	for i, d := range days {
		out[i] = s.bucket(d.Start, d.End)
	}
	return out
}

func (s Series) bucket(from, to time.Time) Bucket {
	b := Bucket{Start: from, End: to, ISPs: int(to.Sub(from) / ISP), MaxKW: math.NaN()}
	lo := int(from.Sub(s.Start) / ISP)
	hi := lo + b.ISPs
	var sum float64
	for i := lo; i < hi; i++ {
		if i < 0 || i >= len(s.KW) || s.KW[i] != s.KW[i] {
			b.Missing++
			continue
		}
		v := float64(s.KW[i])
		sum += v
		if b.MaxKW != b.MaxKW || v > b.MaxKW {
			b.MaxKW = v
		}
	}
	b.KWh = sum / ISPsPerHour
	return b
}
