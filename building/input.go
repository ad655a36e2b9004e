package building

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"gridflex/scenario"
)

// Input is the `building:` mapping of an office site file (FORMAT.md in
// report/ shows a whole site). Every field is optional except the floor
// area; an absent field takes its default from the energy label or the
// scenario (scan.offices.*).
type Input struct {
	FloorAreaM2 float64 `yaml:"floor_area_m2"`
	// Label is the energy label id of the scenario's office universe:
	// a5p a4p a3p a2p a1p a b c d e f g none (§1.1).
	Label               string    `yaml:"label,omitempty"`
	HeatNeedKWhPerM2    *float64  `yaml:"heat_need_kwh_per_m2,omitempty"`
	CoolingNeedKWhPerM2 *float64  `yaml:"cooling_need_kwh_per_m2,omitempty"`
	HeatPumpKW          *float64  `yaml:"heat_pump_kw,omitempty"`
	ChillerKW           *float64  `yaml:"chiller_kw,omitempty"`
	HeatPumpCOP         *float64  `yaml:"heat_pump_cop,omitempty"` // SPF/COP, default offices.heating.spf
	ChillerEER          *float64  `yaml:"chiller_eer,omitempty"`   // SPF/EER, default offices.cooling.spf
	Open                string    `yaml:"open,omitempty"`          // "HH:MM", default scan.offices.open_hour
	Close               string    `yaml:"close,omitempty"`
	ComfortBandC        *float64  `yaml:"comfort_band_c,omitempty"` // ISSO 74 class width: 2.5 or 4
	HeatingBandC        []float64 `yaml:"heating_band_c,omitempty"` // explicit [low, high]
	CoolingBandC        []float64 `yaml:"cooling_band_c,omitempty"` // explicit [low, high]
	ThermalMass         string    `yaml:"thermal_mass,omitempty"`   // light | medium | heavy
	TimeConstantH       *float64  `yaml:"time_constant_h,omitempty"`
	UAKWPerK            *float64  `yaml:"ua_kw_per_k,omitempty"`
	InternalGainsWPerM2 *float64  `yaml:"internal_gains_w_per_m2,omitempty"`
	// WeatherFile is an hourly temperature CSV (path relative to the site
	// file); without it the scan uses the scenario's design days.
	WeatherFile      string `yaml:"weather_file,omitempty"`
	WeatherColumn    string `yaml:"weather_column,omitempty"`    // default: the first column whose name contains "temp"
	IrradianceColumn string `yaml:"irradiance_column,omitempty"` // optional global irradiance, W/m²
	// Owner is "owner-user" or "landlord"; the report shows both rules and
	// marks this one.
	Owner string `yaml:"owner,omitempty"`
}

// Labels are the energy-label ids of the office universe (§1.1).
var Labels = []string{"a5p", "a4p", "a3p", "a2p", "a1p", "a", "b", "c", "d", "e", "f", "g", "none"}

// Office is a fully resolved office: every quantity the thermal model and
// the report need, with where each default came from.
type Office struct {
	FloorAreaM2         float64 `json:"floor_area_m2"`
	Label               string  `json:"label,omitempty"`
	HeatNeedKWhPerM2    float64 `json:"heat_need_kwh_per_m2"`
	CoolingNeedKWhPerM2 float64 `json:"cooling_need_kwh_per_m2"`
	HeatPumpKW          float64 `json:"heat_pump_kw"`
	ChillerKW           float64 `json:"chiller_kw"`
	HeatPumpCOP         float64 `json:"heat_pump_cop"`
	ChillerEER          float64 `json:"chiller_eer"`
	OpenMinute          int     `json:"open_minute"`
	CloseMinute         int     `json:"close_minute"`
	HeatingLoC          float64 `json:"heating_low_c"`
	HeatingHiC          float64 `json:"heating_high_c"`
	CoolingLoC          float64 `json:"cooling_low_c"`
	CoolingHiC          float64 `json:"cooling_high_c"`
	SetbackLoC          float64 `json:"setback_low_c"`
	SetbackHiC          float64 `json:"setback_high_c"`
	Model               RC      `json:"rc"`
	InternalGainsKW     float64 `json:"internal_gains_kw"`
	Owner               string  `json:"owner"`
	// Defaults lists the inputs taken from the label or the scenario.
	Defaults []string `json:"defaults"`
}

// Resolve fills every absent input from the label data and the scenario and
// checks the result; all problems are reported at once. The heat-loss
// coefficient follows from the heat need: the annual peak heat demand (heat
// need ÷ full-load hours, §1.2) is the loss at the design outdoor
// temperature to the lower comfort bound (model.md).
func Resolve(in Input, s *scenario.Scenario) (Office, error) {
	var errs FieldErrors
	bad := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	o := Office{FloorAreaM2: in.FloorAreaM2, Label: in.Label, Owner: in.Owner}
	if !(in.FloorAreaM2 > 0) || math.IsInf(in.FloorAreaM2, 0) {
		bad("floor_area_m2", "want a floor area > 0 m², got %g", in.FloorAreaM2)
	}
	def := func(what string) { o.Defaults = append(o.Defaults, what) }
	pick := func(field string, v *float64, fallback float64, from string, positive bool) float64 {
		if v == nil {
			def(field + " from " + from)
			return fallback
		}
		if math.IsNaN(*v) || math.IsInf(*v, 0) || *v < 0 || (positive && *v == 0) {
			want := "≥ 0"
			if positive {
				want = "> 0"
			}
			bad(field, "want %s, got %g", want, *v)
		}
		return *v
	}
	heatFLH, coolFLH := s.Value("offices.heating.full_load_hours"), s.Value("offices.cooling.full_load_hours")
	o.HeatPumpCOP = pick("heat_pump_cop", in.HeatPumpCOP, s.Value("offices.heating.spf"), "offices.heating.spf", true)
	o.ChillerEER = pick("chiller_eer", in.ChillerEER, s.Value("offices.cooling.spf"), "offices.cooling.spf", true)

	// Heat and cooling need: the label's row of Table 4.1, else the
	// reference office of Table 4.4.
	heatNeed, coolNeed := s.Value("offices.compensation.heating.thermal_kwh_per_m2"), s.Value("offices.compensation.cooling.thermal_kwh_per_m2")
	needFrom := "the reference office (§1.6)"
	hpWPerM2, chWPerM2 := s.Value("offices.compensation.heating.flex_w_per_m2"), s.Value("offices.compensation.cooling.flex_w_per_m2")
	powerFrom := "offices.compensation.*.flex_w_per_m2 (§1.6, Table 4.4)"
	switch {
	case in.Label == "":
	case !slices.Contains(Labels, in.Label):
		bad("label", "want one of %s, got %q", strings.Join(Labels, " "), in.Label)
	default:
		h := s.Value("offices.universe." + in.Label + ".heat_kwh_per_m2")
		e := s.Value("offices.universe." + in.Label + ".energy_kwh_per_m2")
		if h > 0 {
			heatNeed, coolNeed = h, max(e-h, 0)
			needFrom = "label " + in.Label + " (§1.1)"
			// Plant power as Table 4.4 derives it: need ÷ full-load hours ÷ SPF.
			hpWPerM2 = heatNeed / heatFLH / o.HeatPumpCOP * 1e3
			chWPerM2 = coolNeed / coolFLH / o.ChillerEER * 1e3
			powerFrom = "label " + in.Label + " need ÷ full-load hours ÷ SPF (§1.2, §1.3)"
		}
	}
	o.HeatNeedKWhPerM2 = pick("heat_need_kwh_per_m2", in.HeatNeedKWhPerM2, heatNeed, needFrom, false)
	o.CoolingNeedKWhPerM2 = pick("cooling_need_kwh_per_m2", in.CoolingNeedKWhPerM2, coolNeed, needFrom, false)
	o.HeatPumpKW = pick("heat_pump_kw", in.HeatPumpKW, hpWPerM2*in.FloorAreaM2/1e3, powerFrom, false)
	o.ChillerKW = pick("chiller_kw", in.ChillerKW, chWPerM2*in.FloorAreaM2/1e3, powerFrom, false)

	o.OpenMinute = clock(in.Open, s.Value("scan.offices.open_hour"), "open", bad, def)
	o.CloseMinute = clock(in.Close, s.Value("scan.offices.close_hour"), "close", bad, def)
	if o.CloseMinute <= o.OpenMinute {
		bad("close", "want a closing time after the opening time %s, got %s", hhmm(o.OpenMinute), hhmm(o.CloseMinute))
	}

	band := pick("comfort_band_c", in.ComfortBandC, s.Value("scan.offices.comfort_band_c"), "scan.offices.comfort_band_c (§1.8)", true)
	o.HeatingLoC = s.Value("scan.offices.heating_low_c")
	o.HeatingHiC = o.HeatingLoC + band
	o.CoolingHiC = s.Value("scan.offices.cooling_high_c")
	o.CoolingLoC = o.CoolingHiC - band
	explicit := func(field string, v []float64, lo, hi *float64) {
		if v == nil {
			return
		}
		if len(v) != 2 || !(v[1] > v[0]) {
			bad(field, "want [low, high] with high > low, got %v", v)
			return
		}
		*lo, *hi = v[0], v[1]
	}
	explicit("heating_band_c", in.HeatingBandC, &o.HeatingLoC, &o.HeatingHiC)
	explicit("cooling_band_c", in.CoolingBandC, &o.CoolingLoC, &o.CoolingHiC)
	o.SetbackLoC, o.SetbackHiC = s.Value("scan.offices.setback_low_c"), s.Value("scan.offices.setback_high_c")
	if o.SetbackLoC > min(o.HeatingLoC, o.CoolingLoC) || o.SetbackHiC < max(o.HeatingHiC, o.CoolingHiC) {
		bad("comfort_band_c", "the comfort bands [%g, %g] and [%g, %g] °C must lie inside the setback range [%g, %g] °C (scan.offices.setback_*)",
			o.HeatingLoC, o.HeatingHiC, o.CoolingLoC, o.CoolingHiC, o.SetbackLoC, o.SetbackHiC)
	}

	var tau float64
	switch {
	case in.TimeConstantH != nil:
		tau = pick("time_constant_h", in.TimeConstantH, 0, "", true)
		if in.ThermalMass != "" {
			bad("thermal_mass", "give thermal_mass or time_constant_h, not both")
		}
	case in.ThermalMass == "" || in.ThermalMass == "medium":
		if in.ThermalMass == "" {
			def("thermal_mass medium")
		}
		tau = s.Value("scan.offices.tau_medium_h")
	case in.ThermalMass == "light":
		tau = s.Value("scan.offices.tau_light_h")
	case in.ThermalMass == "heavy":
		tau = s.Value("scan.offices.tau_heavy_h")
	default:
		bad("thermal_mass", "want light, medium or heavy, got %q", in.ThermalMass)
	}
	// UA: peak heat demand (need ÷ full-load hours) is the loss at the
	// design temperature to the lower heating bound.
	designDT := o.HeatingLoC - s.Value("scan.offices.design_outdoor_c")
	uaFallback := o.HeatNeedKWhPerM2 / heatFLH * in.FloorAreaM2 / designDT
	if !(designDT > 0) {
		bad("heating_band_c", "the lower heating bound %g °C must lie above scan.offices.design_outdoor_c", o.HeatingLoC)
	}
	o.Model.UAKWPerK = pick("ua_kw_per_k", in.UAKWPerK, uaFallback, "heat need ÷ full-load hours ÷ (lower bound − design outdoor temperature)", true)
	if !(o.Model.UAKWPerK > 0) && in.UAKWPerK == nil && in.FloorAreaM2 > 0 {
		bad("heat_need_kwh_per_m2", "a heat need of %g kWh/m² gives no heat-loss coefficient; give ua_kw_per_k", o.HeatNeedKWhPerM2)
	}
	o.Model.CKWhPerK = o.Model.UAKWPerK * tau
	gains := pick("internal_gains_w_per_m2", in.InternalGainsWPerM2, s.Value("scan.offices.internal_gains_w_per_m2"), "scan.offices.internal_gains_w_per_m2", false)
	o.InternalGainsKW = gains * in.FloorAreaM2 / 1e3
	switch in.Owner {
	case "":
		o.Owner = "owner-user"
		def("owner owner-user")
	case "owner-user", "landlord":
	default:
		bad("owner", "want owner-user or landlord, got %q", in.Owner)
	}
	if len(errs) > 0 {
		return o, errs
	}
	return o, nil
}

// FieldError is a problem with one field of the `building:` mapping.
type FieldError struct {
	Field string // yaml key inside building:
	Msg   string
}

func (e FieldError) Error() string { return "building." + e.Field + ": " + e.Msg }

// FieldErrors are all problems of one Input; the site parser adds lines.
type FieldErrors []FieldError

func (es FieldErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

func clock(v string, fallbackHour float64, field string, bad func(string, string, ...any), def func(string)) int {
	if v == "" {
		def(field + " from scan.offices." + field + "_hour")
		return int(math.Round(fallbackHour * 60))
	}
	var h, m int
	if n, err := fmt.Sscanf(v, "%d:%d", &h, &m); err != nil || n != 2 || len(v) != 5 || h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m > 0) {
		bad(field, "want a local time HH:MM, got %q", v)
		return 0
	}
	return h*60 + m
}

func hhmm(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }
