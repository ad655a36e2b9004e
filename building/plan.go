package building

import (
	"fmt"
	"math"

	"gridflex/scenario"
)

// Windows are the local grid-peak windows a day is judged on, in minutes.
type Windows struct {
	MorningFrom, MorningTo int // grid.peak.morning.*
	EveningFrom, EveningTo int // grid.peak.evening.*
}

// PeakWindows reads the grid peaks of s (§0).
func PeakWindows(s *scenario.Scenario) Windows {
	m := func(k string) int { return int(math.Round(s.Value(k) * 60)) }
	return Windows{m("grid.peak.morning.from"), m("grid.peak.morning.to"), m("grid.peak.evening.from"), m("grid.peak.evening.to")}
}

func (w Windows) inPeak(minute int) bool {
	return (minute >= w.MorningFrom && minute < w.MorningTo) || (minute >= w.EveningFrom && minute < w.EveningTo)
}

// Cut is what the grid-aware schedule takes out of one peak window.
type Cut struct {
	Window      string  `json:"window"` // "07:00–10:00"
	FromMinute  int     `json:"from_minute"`
	ToMinute    int     `json:"to_minute"`
	BeforeMaxKW float64 `json:"before_max_kw"`
	AfterMaxKW  float64 `json:"after_max_kw"`
	// KW is the drop of the window's maximum: what the site can promise.
	KW float64 `json:"kw"`
	// KWh is the energy taken out of the window; Hours = KWh ÷ KW is the
	// cut expressed in full-load hours.
	KWh   float64 `json:"kwh"`
	Hours float64 `json:"hours"`
}

// DayResult is one planned day: the energy-minimal schedule ("before") and
// the grid-aware one ("after").
type DayResult struct {
	Name      string  `json:"name"`
	Date      string  `json:"date,omitempty"`
	Mode      Mode    `json:"mode"`
	MeanOutC  float64 `json:"mean_outdoor_c"`
	Morning   Cut     `json:"morning"`
	Evening   Cut     `json:"evening"`
	BeforeKWh float64 `json:"before_kwh"`
	AfterKWh  float64 `json:"after_kwh"`
	// ExtraEnergy is (after − before) ÷ before; the study cites ~1.5 %.
	ExtraEnergy float64 `json:"extra_energy"`
	// Profiles of the reported day per ISP: electric kW and indoor °C at
	// the start of each ISP, local minutes, outdoor °C.
	Minute   []int     `json:"minute,omitempty"`
	OutC     []float64 `json:"outdoor_c,omitempty"`
	BeforeKW []float64 `json:"before_kw,omitempty"`
	AfterKW  []float64 `json:"after_kw,omitempty"`
	BeforeC  []float64 `json:"before_c,omitempty"`
	AfterC   []float64 `json:"after_c,omitempty"`
	// Discomfort is the worst excursion outside the comfort band in opening
	// hours, K, that the plant could not prevent (0 when the band holds).
	Discomfort float64 `json:"discomfort_k"`
}

// softPenaltyPerK makes one kelvin outside the band cost more than any
// plausible energy shift (energies are ≤ 1e6 kWh × peak weight).
const softPenaltyPerK = 1e12

// Plan solves one horizon in one mode for the office. The comfort band
// holds at every instant of opening hours on working days; in heating mode
// the band's upper bound (and in cooling mode its lower bound) is soft,
// because the plant cannot act against it (model.md).
func Plan(o Office, h Horizon, mode Mode, w Windows, peakWeight float64) (DayResult, error) {
	return plan(o, h, mode, w, peakWeight, new(scratch))
}

func plan(o Office, h Horizon, mode Mode, w Windows, peakWeight float64, sc *scratch) (DayResult, error) {
	n := len(h.OutC)
	p := Problem{
		Model:           o.Model,
		StepHours:       0.25,
		OutC:            h.OutC,
		GainsKW:         make([]float64, n),
		LoC:             make([]float64, n+1),
		HiC:             make([]float64, n+1),
		WeightPerKWh:    make([]float64, n),
		SoftPenaltyPerK: softPenaltyPerK,
	}
	lo, hi := o.HeatingLoC, o.HeatingHiC
	p.MaxKW, p.ThermalPerKW = o.HeatPumpKW, o.HeatPumpCOP
	if mode == Cooling {
		lo, hi = o.CoolingLoC, o.CoolingHiC
		p.MaxKW, p.ThermalPerKW = o.ChillerKW, -o.ChillerEER
	}
	soft := make([]float64, n+1)
	occupied := func(k int) bool { // instant k: start of ISP k (k = n: end of the last)
		if k == n {
			return h.Working[n-1] && h.Minute[n-1]+15 >= o.OpenMinute && h.Minute[n-1]+15 <= o.CloseMinute
		}
		return h.Working[k] && h.Minute[k] >= o.OpenMinute && h.Minute[k] <= o.CloseMinute
	}
	// The side the plant cannot act on is soft everywhere, and its hard
	// bound lies beyond anything the building reaches with the plant off
	// (the outdoor temperature, plus the gains when heating), so a cold
	// night never makes a chiller's day infeasible.
	outLo, outHi := math.Inf(1), math.Inf(-1)
	for k := range n {
		outLo = min(outLo, h.OutC[k])
		outHi = max(outHi, h.OutC[k]+(o.InternalGainsKW+solarKW(h, o, k))/o.Model.UAKWPerK)
	}
	for k := range n + 1 {
		if mode == Heating {
			p.LoC[k], p.HiC[k], soft[k] = o.SetbackLoC, max(o.SetbackHiC, outHi+0.5), o.SetbackHiC
			if occupied(k) {
				p.LoC[k], soft[k] = lo, hi
			}
		} else {
			p.LoC[k], p.HiC[k], soft[k] = min(o.SetbackLoC, outLo-0.5), o.SetbackHiC, o.SetbackLoC
			if occupied(k) {
				p.HiC[k], soft[k] = hi, lo
			}
		}
	}
	if mode == Heating {
		p.SoftHiC = soft
	} else {
		p.SoftLoC = soft
	}
	for k := range n {
		if h.Working[k] && h.Minute[k] >= o.OpenMinute && h.Minute[k] < o.CloseMinute {
			p.GainsKW[k] = o.InternalGainsKW
		}
		p.GainsKW[k] += solarKW(h, o, k)
	}
	// NaN soft bounds compare false, so they never cost.
	for k := range n {
		p.WeightPerKWh[k] = 1
	}
	before, err := sc.solve(p)
	if err != nil {
		return DayResult{}, fmt.Errorf("%s, %s, energy-minimal: %w", h.Name, mode, err)
	}
	for k := range n {
		if w.inPeak(h.Minute[k]) {
			p.WeightPerKWh[k] = 1 + peakWeight
		}
	}
	after, err := sc.solve(p)
	if err != nil {
		return DayResult{}, fmt.Errorf("%s, %s, grid-aware: %w", h.Name, mode, err)
	}

	r := DayResult{Name: h.Name, Date: h.Date, Mode: mode}
	for k := h.From; k < h.To; k++ {
		r.Minute = append(r.Minute, h.Minute[k])
		r.OutC = append(r.OutC, h.OutC[k])
		r.BeforeKW = append(r.BeforeKW, before.KW[k])
		r.AfterKW = append(r.AfterKW, after.KW[k])
		r.BeforeC = append(r.BeforeC, before.TC[k])
		r.AfterC = append(r.AfterC, after.TC[k])
		r.MeanOutC += h.OutC[k] / float64(h.To-h.From)
		r.BeforeKWh += before.KW[k] / 4
		r.AfterKWh += after.KW[k] / 4
		if occupied(k) {
			// The hard side of the band, and the soft side only where the
			// grid-aware schedule is worse than the plant could help anyway.
			if mode == Heating {
				r.Discomfort = max(r.Discomfort, lo-after.TC[k], after.TC[k]-max(hi, before.TC[k]))
			} else {
				r.Discomfort = max(r.Discomfort, after.TC[k]-hi, min(lo, before.TC[k])-after.TC[k])
			}
		}
	}
	if r.BeforeKWh > 0 {
		r.ExtraEnergy = (r.AfterKWh - r.BeforeKWh) / r.BeforeKWh
	}
	r.Morning = cut(r, w.MorningFrom, w.MorningTo)
	// The office's evening peak ends when it closes: later the plant is off
	// in both schedules (§1.2: 16–18).
	r.Evening = cut(r, w.EveningFrom, min(w.EveningTo, o.CloseMinute))
	return r, nil
}

func solarKW(h Horizon, o Office, k int) float64 {
	if h.SolarWPerM2 == nil {
		return 0
	}
	return h.SolarWPerM2[k] * o.FloorAreaM2 / 1e3
}

// needed reports whether the plant must run at all on the horizon: whether
// the building with the plant off, starting at the far side of the band
// (the warmest comfortable temperature when asking about heating) and held
// inside the setback range by the other system, leaves the comfort band on
// this mode's side in opening hours.
func needed(o Office, h Horizon, mode Mode) bool {
	t := o.HeatingHiC
	if mode == Cooling {
		t = o.CoolingLoC
	}
	for k := range h.OutC {
		gains := solarKW(h, o, k)
		open := h.Working[k] && h.Minute[k] >= o.OpenMinute && h.Minute[k] < o.CloseMinute
		if open {
			gains += o.InternalGainsKW
		}
		t = min(max(o.Model.Step(t, h.OutC[k], gains, 0, 0.25), o.SetbackLoC), o.SetbackHiC)
		if open && ((mode == Heating && t < o.HeatingLoC) || (mode == Cooling && t > o.CoolingHiC)) {
			return true
		}
	}
	return false
}

func cut(r DayResult, from, to int) Cut {
	c := Cut{Window: hhmm(from) + "–" + hhmm(to), FromMinute: from, ToMinute: to}
	for i, m := range r.Minute {
		if m < from || m >= to {
			continue
		}
		c.BeforeMaxKW = max(c.BeforeMaxKW, r.BeforeKW[i])
		c.AfterMaxKW = max(c.AfterMaxKW, r.AfterKW[i])
		c.KWh += (r.BeforeKW[i] - r.AfterKW[i]) / 4
	}
	c.KW = max(c.BeforeMaxKW-c.AfterMaxKW, 0)
	if c.KW > 1e-9 {
		c.Hours = max(c.KWh, 0) / c.KW
	}
	return c
}
