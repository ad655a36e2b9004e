package charging

import "gridflex/contract"

// Options are the inputs of a scan besides the site file; the command reads
// the files and passes their contents.
type Options struct {
	// OtherLoadKW is the site's other load over a typical day (96
	// quarter-hour means in kW, from --meter via TypicalDay); nil uses the
	// site's other_load_kw or zero.
	OtherLoadKW []float64
	// Sessions replace the vehicle types when not nil (--sessions).
	Sessions []Session
}

// Result is the outcome of a scan. Power in kW, energy in kWh or MWh as
// named; profiles are 96 quarter-hours of a typical local day from 00:00.
type Result struct {
	Site       string  `json:"site"`
	Sector     string  `json:"sector"`
	CapacityKW float64 `json:"capacity_kw"`
	// Source says where the demand comes from: "vehicles" or "sessions".
	Source      string   `json:"source"`
	PeakWindows []Window `json:"peak_windows"`

	// Today: charging on arrival at full charger power, limited by the
	// contracted capacity (load balancing), or with the site's today: flat
	// each need spread evenly over its stay (Today).
	Today       string  `json:"today"`
	TodayPeakKW float64 `json:"today_peak_kw"`
	// TodayPeakOverlapKWh is the energy charged inside the peak windows per
	// typical day today.
	TodayPeakOverlapKWh float64 `json:"today_peak_overlap_kwh"`

	// Grid-aware: the exact minimum constant capacity outside the peak
	// windows that charges every vehicle, with its optimality certificate.
	MinNightCapacityKW float64 `json:"min_night_capacity_kw"`
	// LowerBoundKW is the cut bound proving MinNightCapacityKW optimal
	// (equal to it up to float rounding).
	LowerBoundKW float64 `json:"lower_bound_kw"`
	// RecommendedCapacityKW is MinNightCapacityKW rounded up to the step
	// scan.capacity_step_kw (the study: 87 kW → ~90 kW, §3).
	RecommendedCapacityKW float64 `json:"recommended_capacity_kw"`
	// BlockPower is the smallest stepped block-power proposal; empty when
	// the contracted capacity suffices.
	BlockPower []BlockExtra `json:"block_power"`

	EveningReductionKW float64 `json:"evening_reduction_kw"`
	MorningReductionKW float64 `json:"morning_reduction_kw"`
	// GiveUp is what the site can give up in each peak window.
	GiveUp          []GiveUp `json:"give_up"`
	MovedMWhPerYear float64  `json:"moved_mwh_per_year"`
	FlexHours       float64  `json:"flex_hours"`
	ChargingHours   float64  `json:"charging_hours"`
	// CompensationEURPerMWh is the §3 rule with the site's own flex and
	// charging hours; CompensationRuleEURPerMWh with the scenario's
	// (logistics.compensation.*: €111/MWh by default).
	// CompensationRule names the rule behind them: the §3 logistics rule,
	// or for an office charging plaza Table 4.4's (§1.6).
	CompensationRule          string  `json:"compensation_rule"`
	CompensationEURPerMWh     float64 `json:"compensation_eur_per_mwh"`
	CompensationRuleEURPerMWh float64 `json:"compensation_rule_eur_per_mwh"`
	// EURPerYear is what the scan says the flexibility is worth a year:
	// MovedMWhPerYear × CompensationEURPerMWh. The recommended contract
	// pays exactly this as a fixed fee.
	EURPerYear float64  `json:"eur_per_year"`
	Contract   Contract `json:"contract"`

	// Unmet lists every vehicle or session whose need is not met, in each
	// case the scan evaluates; never empty silently.
	Unmet    []Unmet         `json:"unmet"`
	Vehicles []VehicleResult `json:"vehicles,omitempty"`
	Office   *OfficeResult   `json:"office,omitempty"`
	// Daily is, for a sessions file, the minimum capacity of every day on
	// its own (the average day hides the busy days).
	Daily *DailyCapacity `json:"daily,omitempty"`
	Notes []string       `json:"notes,omitempty"`

	BeforeKW []float64 `json:"before_kw"` // site grid profile today
	AfterKW  []float64 `json:"after_kw"`  // site grid profile grid-aware
	// LimitKW is the offtake limit per quarter-hour of the recommended
	// contract, which the schedule follows: the time block (or reduced
	// charging) inside the peaks, never below 0 with PV; the contracted
	// capacity plus block power outside.
	LimitKW []float64 `json:"limit_kw"`
	// extraKW is the block power per quarter-hour above the contracted
	// capacity the schedule uses (held + proposed), for ContractYAML.
	extraKW []float64
	// pvKW is the typical PV output per quarter-hour (nil without PV): a
	// contract limit is set on the plan with it taken out (a cloudy day).
	pvKW []float64
	// headroom and termYears shape the recommended contract
	// (contract.headroom_*, cost.years).
	headroom  contract.Headroom
	termYears int
	// BatteryKW is the battery's grid-side power grid-aware (charging > 0).
	BatteryKW []float64 `json:"battery_kw,omitempty"`
	// Chargers are the grid-aware per-charger schedules (for export).
	Chargers []ChargerSchedule `json:"-"`
}

// Window is a resolved local time window in minutes of the day.
type Window struct {
	Name       string  `json:"name"`
	From       string  `json:"from"`
	To         string  `json:"to"`
	ChargingKW float64 `json:"charging_kw"`
	fromMin    int
	toMin      int
}

// Minutes is the window in minutes after local midnight; from > to when it
// wraps past midnight.
func (w Window) Minutes() (fromMin, toMin int) { return w.fromMin, w.toMin }

// BlockExtra is one step of a block-power proposal: extra kW in [Start, End).
type BlockExtra struct {
	Start   string  `json:"start"`
	End     string  `json:"end"`
	ExtraKW float64 `json:"extra_kw"`
}

// GiveUp is the reduction a site can offer in one peak window.
type GiveUp struct {
	Window          string  `json:"window"`
	KW              float64 `json:"kw"`
	ShareOfCapacity float64 `json:"share_of_capacity"`
	KWhPerDay       float64 `json:"kwh_per_day"`
}

// Contract is the recommended contract with its reasoning.
type Contract struct {
	Form      string   `json:"form"`
	Summary   string   `json:"summary"`
	Reasoning []string `json:"reasoning"`
}

// Unmet is one vehicle or session whose need is not met in a case.
type Unmet struct {
	Case        string  `json:"case"` // today | grid-aware at capacity | grid-aware | office 10–16
	Vehicle     string  `json:"vehicle"`
	NeedKWh     float64 `json:"need_kwh"`
	DeliveredKW float64 `json:"-"`
	ShortKWh    float64 `json:"short_kwh"`
	Reason      string  `json:"reason"`
}

// VehicleResult is the outcome for one vehicle (or one vehicle of a type).
type VehicleResult struct {
	Name           string  `json:"name"`
	Count          int     `json:"count"`
	NeedKWh        float64 `json:"need_kwh"`
	TodayKWh       float64 `json:"today_kwh"`
	GridAwareKWh   float64 `json:"grid_aware_kwh"`
	MovedKWhPerDay float64 `json:"moved_kwh_per_day"`
	Met            bool    `json:"met"`
}

// OfficeResult is the office analysis of §1.4.
type OfficeResult struct {
	MorningFlexKW  float64 `json:"morning_flex_kw"` // mean non-priority charging 08–10 today
	EveningFlexKW  float64 `json:"evening_flex_kw"` // mean non-priority charging 16–18 today
	MorningFlexMax float64 `json:"morning_flex_max_kw"`
	EveningFlexMax float64 `json:"evening_flex_max_kw"`
	Window         string  `json:"window"` // charging window, e.g. 10:00–16:00
	Sessions       int     `json:"sessions"`
	FullyServed    int     `json:"fully_served"`
	// ServedShare is the share of sessions fully served charging only in
	// the window, priority chargers unrestricted.
	ServedShare      float64  `json:"served_share"`
	ServedShareNoPri float64  `json:"served_share_without_priority"`
	PriorityShare    float64  `json:"priority_share"`
	PriorityChargers []string `json:"priority_chargers"`
	Chargers         int      `json:"chargers"`
	Days             int      `json:"days"`
}

// ChargerSchedule is the grid-aware power of one charger over the typical
// day (96 quarter-hours, kW).
type ChargerSchedule struct {
	ID string
	KW []float64
	// MinKW is the lowest charging power of the vehicles on the charger.
	MinKW float64
}

// DailyCapacity summarises the exact minimum capacity outside the peaks of
// each day of a sessions file, solved day by day (stays cut at midnight).
type DailyCapacity struct {
	Days     int     `json:"days"`
	MedianKW float64 `json:"median_kw"`
	P95KW    float64 `json:"p95_kw"`
	MaxKW    float64 `json:"max_kw"`
	MaxDate  string  `json:"max_date"`
}
