package building

import "math"

// RC is a one-resistance, one-capacitance (1R1C) thermal model of a
// building: all air and construction mass lumped into one capacitance that
// loses heat to the outdoor air through one conductance (model.md):
//
//	C dT/dt = UA (T_out − T) + Q_gains + Q_hvac
type RC struct {
	UAKWPerK float64 // heat-loss coefficient (transmission + ventilation), kW/K (> 0)
	CKWhPerK float64 // effective heat capacity, kWh/K (> 0)
}

// TauHours is the time constant C ÷ UA in hours.
func (m RC) TauHours() float64 { return m.CKWhPerK / m.UAKWPerK }

// Decay is the factor a = exp(−Δt/τ) by which a temperature difference to
// the equilibrium shrinks over a step of stepHours.
func (m RC) Decay(stepHours float64) float64 { return math.Exp(-stepHours / m.TauHours()) }

// Step returns the indoor temperature after stepHours with constant outdoor
// temperature, gains and HVAC heat (positive heats, negative cools; kW
// thermal). It is the exact solution of the ODE for piecewise-constant
// inputs, not an Euler step, so any step length is stable:
//
//	T(t+Δt) = T_eq + (T(t) − T_eq) e^(−Δt/τ),  T_eq = T_out + (Q_gains + Q_hvac) ÷ UA
func (m RC) Step(tC, outC, gainsKW, hvacKW, stepHours float64) float64 {
	eq := m.Equilibrium(outC, gainsKW+hvacKW)
	return eq + (tC-eq)*m.Decay(stepHours)
}

// Equilibrium is the indoor temperature the building settles at with a
// constant heat input qKW (gains plus HVAC, thermal).
func (m RC) Equilibrium(outC, qKW float64) float64 { return outC + qKW/m.UAKWPerK }
