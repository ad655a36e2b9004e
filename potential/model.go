package potential

import "gridflex/scenario"

// model is the potential model with every parameter key resolved once to its
// position in scenario.Values, so that one evaluation reads a []float64 and
// does no map look-ups or allocations (Monte Carlo evaluates it millions of
// times).
type model struct {
	// Office universe per label (§1.1) and heat-pump shares (§1.2 est. 2).
	areaM2, count, heatKWhPerM2, energyKWhPerM2, coolKWhPerM2, hpShare [nLabels]int

	// Offices, heating (§1.2).
	est1AreaM2, est1HeatMWh, heatBlend, heatFLH, heatSPF, heatFlex int
	// Offices, cooling (§1.3).
	coolActive, coolFLH, coolSPF, coolFlex int
	// Offices, charging (§1.4).
	chargers, chargerFlexShare, kWPerCharger, simultaneity int
	parkingPer100M2, parkingShareLow, parkingShareHigh     int
	leaseCars, plugInShare, largeOfficeShare, evsPerChg    int

	// Chemistry (§2).
	chemElecGWh, chemCapFactor, chemCapMW, chemLowBaseMW  int
	batchWeighted, batchApplicable, batchFlex, batchBlend int
	chpOfferedMW, chpRespondentShare, chpCapMW, chpUnits  int
	utilWeighted, utilApplicable, utilFlex, utilBlend     int
	contWeighted, contCapMW, contFlex, contBlend          int

	// Logistics (§3).
	depotMW, depot2030MW, logisticsShare int

	// Datacenters (§4).
	dcITMW, dcCoolShare, dcRideMin, dcDurationMin int
}

// keys lists every parameter key the model reads; a test checks each exists
// in scenario.Default, and newModel resolves them.
func keys() []string {
	var k []string
	for _, l := range labels {
		u := "offices.universe." + l + "."
		k = append(k, u+"floor_area_m2", u+"count", u+"heat_kwh_per_m2", u+"energy_kwh_per_m2", u+"cooling_kwh_per_m2",
			"offices.heating.heat_pump_share."+l)
	}
	return append(k,
		"offices.heating.est1.floor_area_m2", "offices.heating.est1.heat_mwh", "offices.heating.estimate_blend",
		"offices.heating.full_load_hours", "offices.heating.spf", "offices.heating.flex_share",
		"offices.cooling.active_share", "offices.cooling.full_load_hours", "offices.cooling.spf", "offices.cooling.flex_share",
		"offices.charging.chargers", "offices.charging.flexible_share", "offices.charging.kw_per_charger", "offices.charging.simultaneity",
		"offices.charging.parking.spaces_per_100m2", "offices.charging.parking.charger_share_low", "offices.charging.parking.charger_share_high",
		"offices.charging.fleet.lease_cars", "offices.charging.fleet.plugin_share", "offices.charging.fleet.large_office_share",
		"offices.charging.fleet.evs_per_charger",
		"chemistry.electricity_gwh", "chemistry.capacity_factor", "chemistry.sector_capacity_mw", "chemistry.low_base_mw",
		"chemistry.batch.weighted_share", "chemistry.batch.applicable_share", "chemistry.batch.flex_share", "chemistry.batch.extrapolation_blend",
		"chemistry.chp.offered_mw", "chemistry.chp.respondent_share", "chemistry.chp.capacity_mw", "chemistry.chp.units",
		"chemistry.utilities.weighted_share", "chemistry.utilities.applicable_share", "chemistry.utilities.flex_share", "chemistry.utilities.extrapolation_blend",
		"chemistry.continuous.weighted_share", "chemistry.continuous.capacity_mw", "chemistry.continuous.flex_share", "chemistry.continuous.extrapolation_blend",
		"logistics.depot_demand_mw", "logistics.depot_demand_2030_mw", "logistics.flexible_share",
		"datacenters.it_mw", "datacenters.cooling_share", "datacenters.ride_through_min", "datacenters.flex_duration_min",
	)
}

func newModel(s *scenario.Scenario) *model {
	m := &model{}
	for i, l := range labels {
		u := "offices.universe." + l + "."
		m.areaM2[i] = s.Index(u + "floor_area_m2")
		m.count[i] = s.Index(u + "count")
		m.heatKWhPerM2[i] = s.Index(u + "heat_kwh_per_m2")
		m.energyKWhPerM2[i] = s.Index(u + "energy_kwh_per_m2")
		m.coolKWhPerM2[i] = s.Index(u + "cooling_kwh_per_m2")
		m.hpShare[i] = s.Index("offices.heating.heat_pump_share." + l)
	}
	for _, f := range []struct {
		dst *int
		key string
	}{
		{&m.est1AreaM2, "offices.heating.est1.floor_area_m2"},
		{&m.est1HeatMWh, "offices.heating.est1.heat_mwh"},
		{&m.heatBlend, "offices.heating.estimate_blend"},
		{&m.heatFLH, "offices.heating.full_load_hours"},
		{&m.heatSPF, "offices.heating.spf"},
		{&m.heatFlex, "offices.heating.flex_share"},
		{&m.coolActive, "offices.cooling.active_share"},
		{&m.coolFLH, "offices.cooling.full_load_hours"},
		{&m.coolSPF, "offices.cooling.spf"},
		{&m.coolFlex, "offices.cooling.flex_share"},
		{&m.chargers, "offices.charging.chargers"},
		{&m.chargerFlexShare, "offices.charging.flexible_share"},
		{&m.kWPerCharger, "offices.charging.kw_per_charger"},
		{&m.simultaneity, "offices.charging.simultaneity"},
		{&m.parkingPer100M2, "offices.charging.parking.spaces_per_100m2"},
		{&m.parkingShareLow, "offices.charging.parking.charger_share_low"},
		{&m.parkingShareHigh, "offices.charging.parking.charger_share_high"},
		{&m.leaseCars, "offices.charging.fleet.lease_cars"},
		{&m.plugInShare, "offices.charging.fleet.plugin_share"},
		{&m.largeOfficeShare, "offices.charging.fleet.large_office_share"},
		{&m.evsPerChg, "offices.charging.fleet.evs_per_charger"},
		{&m.chemElecGWh, "chemistry.electricity_gwh"},
		{&m.chemCapFactor, "chemistry.capacity_factor"},
		{&m.chemCapMW, "chemistry.sector_capacity_mw"},
		{&m.chemLowBaseMW, "chemistry.low_base_mw"},
		{&m.batchWeighted, "chemistry.batch.weighted_share"},
		{&m.batchApplicable, "chemistry.batch.applicable_share"},
		{&m.batchFlex, "chemistry.batch.flex_share"},
		{&m.batchBlend, "chemistry.batch.extrapolation_blend"},
		{&m.chpOfferedMW, "chemistry.chp.offered_mw"},
		{&m.chpRespondentShare, "chemistry.chp.respondent_share"},
		{&m.chpCapMW, "chemistry.chp.capacity_mw"},
		{&m.chpUnits, "chemistry.chp.units"},
		{&m.utilWeighted, "chemistry.utilities.weighted_share"},
		{&m.utilApplicable, "chemistry.utilities.applicable_share"},
		{&m.utilFlex, "chemistry.utilities.flex_share"},
		{&m.utilBlend, "chemistry.utilities.extrapolation_blend"},
		{&m.contWeighted, "chemistry.continuous.weighted_share"},
		{&m.contCapMW, "chemistry.continuous.capacity_mw"},
		{&m.contFlex, "chemistry.continuous.flex_share"},
		{&m.contBlend, "chemistry.continuous.extrapolation_blend"},
		{&m.depotMW, "logistics.depot_demand_mw"},
		{&m.depot2030MW, "logistics.depot_demand_2030_mw"},
		{&m.logisticsShare, "logistics.flexible_share"},
		{&m.dcITMW, "datacenters.it_mw"},
		{&m.dcCoolShare, "datacenters.cooling_share"},
		{&m.dcRideMin, "datacenters.ride_through_min"},
		{&m.dcDurationMin, "datacenters.flex_duration_min"},
	} {
		*f.dst = s.Index(f.key)
	}
	return m
}

// trace holds every intermediate of one evaluation, in the units the study
// prints them, so that explain shows the same numbers the model used.
type trace struct {
	// Office universe (§1.1).
	FloorAreaM2, Buildings, CoolingNeedMWh float64
	// CoolingNeedPerM2MWh is Σ area × (energy − heat per m²): explain's
	// cross-check of the cooling column, which the rounded per-m² figures
	// miss by ~1 %.
	CoolingNeedPerM2MWh float64

	// Heating (§1.2).
	Est2AreaM2, Est2BuildingShare, Est2HeatMWh float64
	Est1AreaM2, Est1HeatMWh                    float64
	Est1PeakHeatMW, Est2PeakHeatMW             float64
	Est1ElecMW, Est2ElecMW, HeatElecMW         float64

	// Cooling (§1.3).
	ActiveCoolingMWh, PeakCoolingMW, CoolElecMW float64
	// CooledAreaM2 is active_share × floor area.
	CooledAreaM2 float64

	// Charging (§1.4).
	ParkingSpaces, ChargersParkingLow, ChargersParkingHigh float64
	PlugInEVs, EVsAtLargeOffices, ChargersFleet            float64
	FlexibleChargers                                       float64

	// Chemistry (§2).
	ChemCapacityCheckMW, CHPShareOfSector, CHPMWPerUnit float64
	BatchLowMW, BatchHighMW, UtilLowMW, UtilHighMW      float64
	ContLowMW, ContHighMW                               float64
	LogisticsAt2030MW                                   float64
	DCCoolingMW, DCCutShare                             float64
	Out                                                 [nOut]float64
}

// eval evaluates the model at the parameter values v (indexed like
// scenario.Values) into t. It allocates nothing.
func (m *model) eval(v []float64, t *trace) {
	// §1.1 universe; cooling need = area × cooling per m² per label, so that
	// it follows the floor area like heating does (Table 4.1's cooling
	// column ÷ area gives the default per-m² figures).
	t.FloorAreaM2, t.Buildings, t.CoolingNeedMWh, t.CoolingNeedPerM2MWh = 0, 0, 0, 0
	t.Est2AreaM2, t.Est2HeatMWh = 0, 0
	hpBuildings := 0.0
	for i := range nLabels {
		area, share := v[m.areaM2[i]], v[m.hpShare[i]]
		t.FloorAreaM2 += area
		t.Buildings += v[m.count[i]]
		t.CoolingNeedMWh += area * v[m.coolKWhPerM2[i]] / 1000
		t.CoolingNeedPerM2MWh += area * (v[m.energyKWhPerM2[i]] - v[m.heatKWhPerM2[i]]) / 1000
		// §1.2 est. 2: heat-pump area = share × area; heat = area × label heat need.
		t.Est2AreaM2 += share * area
		t.Est2HeatMWh += share * area * v[m.heatKWhPerM2[i]] / 1000
		hpBuildings += share * v[m.count[i]]
	}
	t.Est2BuildingShare = ratio(hpBuildings, t.Buildings)

	// §1.2 heating: peak heat = heat ÷ full-load hours; electric = ÷ SPF;
	// flex = share × electric peak. The blend moves from est. 1 to est. 2.
	flh, spf := v[m.heatFLH], v[m.heatSPF]
	t.Est1AreaM2, t.Est1HeatMWh = v[m.est1AreaM2], v[m.est1HeatMWh]
	t.Est1PeakHeatMW = t.Est1HeatMWh / flh
	t.Est2PeakHeatMW = t.Est2HeatMWh / flh
	t.Est1ElecMW = t.Est1PeakHeatMW / spf
	t.Est2ElecMW = t.Est2PeakHeatMW / spf
	b := v[m.heatBlend]
	t.HeatElecMW = (1-b)*t.Est1ElecMW + b*t.Est2ElecMW
	heating := v[m.heatFlex] * t.HeatElecMW

	// §1.3 cooling.
	t.ActiveCoolingMWh = v[m.coolActive] * t.CoolingNeedMWh
	t.CooledAreaM2 = v[m.coolActive] * t.FloorAreaM2
	t.PeakCoolingMW = t.ActiveCoolingMWh / v[m.coolFLH]
	t.CoolElecMW = t.PeakCoolingMW / v[m.coolSPF]
	cooling := v[m.coolFlex] * t.CoolElecMW

	// §1.4 charging; the two estimation ways inform the chosen charger count.
	t.ParkingSpaces = t.FloorAreaM2 / 100 * v[m.parkingPer100M2]
	t.ChargersParkingLow = t.ParkingSpaces * v[m.parkingShareLow]
	t.ChargersParkingHigh = t.ParkingSpaces * v[m.parkingShareHigh]
	t.PlugInEVs = v[m.leaseCars] * v[m.plugInShare]
	t.EVsAtLargeOffices = t.PlugInEVs * v[m.largeOfficeShare]
	t.ChargersFleet = t.EVsAtLargeOffices / v[m.evsPerChg]
	t.FlexibleChargers = v[m.chargers] * v[m.chargerFlexShare]
	charging := t.FlexibleChargers * v[m.kWPerCharger] * v[m.simultaneity] / 1000

	// §2.2 chemistry: low = base × weighted share of all respondents; high =
	// capacity × share of companies that can × their average flex share.
	t.ChemCapacityCheckMW = ratio(v[m.chemElecGWh]*1000/8760, v[m.chemCapFactor])
	lowBase, capMW := v[m.chemLowBaseMW], v[m.chemCapMW]
	t.BatchLowMW = lowBase * v[m.batchWeighted]
	t.BatchHighMW = capMW * v[m.batchApplicable] * v[m.batchFlex]
	t.UtilLowMW = lowBase * v[m.utilWeighted]
	t.UtilHighMW = capMW * v[m.utilApplicable] * v[m.utilFlex]
	t.ContLowMW = lowBase * v[m.contWeighted]
	t.ContHighMW = v[m.contCapMW] * v[m.contFlex]
	batch := blend(t.BatchLowMW, t.BatchHighMW, v[m.batchBlend])
	chp := v[m.chpOfferedMW] / v[m.chpRespondentShare]
	t.CHPShareOfSector = ratio(chp, v[m.chpCapMW])
	t.CHPMWPerUnit = ratio(v[m.chpCapMW], v[m.chpUnits])
	util := blend(t.UtilLowMW, t.UtilHighMW, v[m.utilBlend])
	cont := blend(t.ContLowMW, t.ContHighMW, v[m.contBlend])

	// §3 logistics.
	logistics := v[m.logisticsShare] * v[m.depotMW]
	t.LogisticsAt2030MW = v[m.logisticsShare] * v[m.depot2030MW]

	// §4 datacenters: cooling = IT × cooling share; cut = ride-through ÷ duration.
	t.DCCoolingMW = v[m.dcITMW] * v[m.dcCoolShare]
	t.DCCutShare = min(1, v[m.dcRideMin]/v[m.dcDurationMin])
	dc := t.DCCutShare * t.DCCoolingMW

	o := &t.Out
	o[outOfficesHeating], o[outOfficesCooling], o[outOfficesCharging] = heating, cooling, charging
	o[outChemistryBatch], o[outChemistryCHP], o[outChemistryUtilities], o[outChemistryContinuous] = batch, chp, util, cont
	o[outLogisticsCharging], o[outDatacentersCooling] = logistics, dc
	// §1.5: heating and cooling happen in different seasons, so they are not added.
	o[outOffices] = max(heating, cooling) + charging
	o[outChemistry] = batch + chp + util + cont
	o[outLogistics] = logistics
	o[outDatacenters] = dc
	o[outTotal] = o[outOffices] + o[outChemistry] + o[outLogistics]
	o[outTotalWithDatacenters] = o[outTotal] + o[outDatacenters]
}

// blend is the point between the low (w = 0) and high (w = 1) estimate.
func blend(low, high, w float64) float64 { return low + w*(high-low) }

// ratio is a ÷ b, or 0 when b is 0 (an empty universe has no shares).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
