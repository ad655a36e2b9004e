package potential

// Output positions in a model evaluation: the nine measures, the four
// sectors and the two national totals (without and with datacenters).
const (
	outOfficesHeating = iota
	outOfficesCooling
	outOfficesCharging
	outChemistryBatch
	outChemistryCHP
	outChemistryUtilities
	outChemistryContinuous
	outLogisticsCharging
	outDatacentersCooling
	nMeasures

	outOffices = iota - 1
	outChemistry
	outLogistics
	outDatacenters
	outTotal
	outTotalWithDatacenters
	nOut
)

// measureInfo is the descriptive part of a row of Table 0.1 (§5): text the
// study gives for each measure. Numbers never live here; they come from the
// scenario.
type measureInfo struct {
	id, sector, name string
	peaks, season    string
	growth, cost     string
	study            string // the published range (Table 0.1; §4 for datacenters)
	out              int
	brief            Brief
}

// Brief is the short form of a measure's availability and cost, for a
// terminal table of about 120 columns: "am" and "ev" are the morning and
// evening peaks (§0). The full text stays in Measure.
type Brief struct {
	Peaks, Season, Cost string
}

// measures lists the measures in the order of Table 0.1 (the study orders
// them by required compensation); datacenter cooling (§4) comes last and is
// not part of the national total by default.
var measures = []measureInfo{
	{"logistics.charging", "logistics", "grid-aware night charging of electric vans and trucks",
		"evening 16–21 (charge 21:00–07:00)", "all year, working days", "strong", "none to very limited", "154", outLogisticsCharging,
		Brief{"ev 16–21 (charge 21–07)", "working days", "none–very limited"}},
	{"offices.heating", "offices", "grid-aware heating (pre-heating, mostly cold spells)",
		"morning 07–10 (3 h), evening 16–18 (2 h)", "heating season, full on the coldest days", "strong", "very limited", "26–58", outOfficesHeating,
		Brief{"am 07–10, ev 16–18", "heating season", "very limited"}},
	{"offices.cooling", "offices", "grid-aware cooling (pre-cooling, hot spells)",
		"morning (2 h), evening 16–18 (2 h)", "cooling season, hot spells", "limited", "very limited", "205–256", outOfficesCooling,
		Brief{"am 2 h, ev 16–18", "hot spells", "very limited"}},
	{"offices.charging", "offices", "grid-aware EV charging outside the morning peak",
		"morning 08–10, evening 16–18 (less)", "all year, working days", "strong", "very limited", "82–132", outOfficesCharging,
		Brief{"am 08–10, ev 16–18", "working days", "very limited"}},
	{"chemistry.batch", "chemistry", "batch shifting to night",
		"morning or evening, ≥ 24 h notice", "all year, daily", "limited", "limited", "5–78", outChemistryBatch,
		Brief{"am or ev, 24 h notice", "daily", "limited"}},
	{"chemistry.chp", "chemistry", "own generation (CHP in consumption peaks)",
		"morning and evening, daily", "all year, daily", "limited", "limited", "153", outChemistryCHP,
		Brief{"am + ev", "daily", "limited"}},
	{"chemistry.utilities", "chemistry", "smart utilities (N₂ compressors, aerators, pre-heat/cool)",
		"morning and evening, daily", "all year, daily", "limited", "high", "1.5–87", outChemistryUtilities,
		Brief{"am + ev", "daily", "high"}},
	{"chemistry.continuous", "chemistry", "incidental curtailment of continuous production",
		"evening, notice 15 min–48 h", "incidental", "limited", "very high", "39–71", outChemistryContinuous,
		Brief{"ev, 15 min–48 h notice", "incidental", "very high"}},
	{"datacenters.cooling", "datacenters", "flexible cooling (pre-cool, then cut cooling)",
		"up to 120 min per event", "all year", "not quantified", "limited (blocked by the 27 °C set-point rule)", "15–23", outDatacentersCooling,
		Brief{"≤ 120 min per event", "all year", "limited (27 °C rule)"}},
}

// sectorInfo describes how a sector total is formed from its measures.
type sectorInfo struct {
	id, name, rule string
	study          string // the published range (§5; §4 for datacenters)
	out            int
	inTotal        bool // part of the national total by default
}

var sectors = []sectorInfo{
	{"offices", "large offices (§1)", "max(heating, cooling) + charging (§1.5)", "287–388", outOffices, true},
	{"chemistry", "chemical industry (§2)", "batch + chp + utilities + continuous (§2.2)", "199–389", outChemistry, true},
	{"logistics", "logistics depot charging (§3)", "charging (§3)", "154", outLogistics, true},
	{"datacenters", "datacenters (§4)", "cooling (§4); not in the national total unless asked", "15–23", outDatacenters, false},
}

// labels are the energy-label ids of the office universe (§1.1, Table 4.1),
// best first; "none" is the offices without a label.
var labels = [...]string{"a5p", "a4p", "a3p", "a2p", "a1p", "a", "b", "c", "d", "e", "f", "g", "none"}

const nLabels = len(labels)

// MeasureIDs returns the ids of all measures in Table 0.1 order.
func MeasureIDs() []string {
	ids := make([]string, len(measures))
	for i, m := range measures {
		ids[i] = m.id
	}
	return ids
}

// SectorIDs returns the ids of all sectors.
func SectorIDs() []string {
	ids := make([]string, len(sectors))
	for i, s := range sectors {
		ids[i] = s.id
	}
	return ids
}
