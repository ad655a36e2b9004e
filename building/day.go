package building

import (
	"math"

	"gridflex/scenario"
)

// Mode is what the plant does on a day.
type Mode string

// Modes.
const (
	Heating Mode = "heating"
	Cooling Mode = "cooling"
)

// Horizon is the outdoor weather around one reported day, per ISP. The
// optimiser plans the whole horizon (from noon the day before to noon the
// day after, so pre-heating may start the evening before and the day does
// not end with the building run down) and reports [From, To).
type Horizon struct {
	Name        string
	Date        string    // local date of the reported day, or "" for a design day
	OutC        []float64 // outdoor temperature per ISP, °C
	SolarWPerM2 []float64 // solar gains per m² floor per ISP, W/m²
	Minute      []int     // local wall-clock minute at the start of each ISP
	Working     []bool    // the ISP's local day is a working day (occupied)
	From, To    int       // the reported day's ISPs
	// Mode, if set, is the only mode run for the day (design days).
	Mode Mode
}

// DesignDays are the scenario's design days, each as identical working
// days from noon the day before to noon the day after (the middle day
// reported): cold and mild heating days, hot
// and warm cooling days. Outdoor temperature is a cosine with its minimum at
// 05:00 and its maximum at 15:00 local time; the hot design day has solar
// gains as a half sine from 07:00 to 19:00.
func DesignDays(s *scenario.Scenario) []Horizon {
	day := func(name, key string, mode Mode, solarWPerM2 float64) Horizon {
		lo, hi := s.Value("scan.offices."+key+".min_c"), s.Value("scan.offices."+key+".max_c")
		h := Horizon{Name: name, Mode: mode, From: 48, To: 144}
		for k := 48; k < 48+192; k++ {
			m := (k % 96) * 15
			hour := float64(m)/60 + 7.5/60 // temperature at the middle of the ISP
			// cosine through min at 05:00 and max at 15:00 (10 h rise, 14 h fall)
			var x float64
			switch {
			case hour >= 5 && hour < 15:
				x = (1 - math.Cos(math.Pi*(hour-5)/10)) / 2
			default:
				d := math.Mod(hour-15+24, 24)
				x = (1 + math.Cos(math.Pi*d/14)) / 2
			}
			h.OutC = append(h.OutC, lo+(hi-lo)*x)
			sol := 0.0
			if hour > 7 && hour < 19 {
				sol = solarWPerM2 * math.Sin(math.Pi*(hour-7)/12)
			}
			h.SolarWPerM2 = append(h.SolarWPerM2, sol)
			h.Minute = append(h.Minute, m)
			h.Working = append(h.Working, true)
		}
		return h
	}
	solar := s.Value("scan.offices.solar_gains_w_per_m2")
	return []Horizon{
		day("cold day", "cold_day", Heating, 0),
		day("mild day", "mild_day", Heating, 0),
		day("hot day", "hot_day", Cooling, solar),
		day("warm day", "warm_day", Cooling, solar/2),
	}
}
