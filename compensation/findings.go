package compensation

import (
	"fmt"
	"strings"

	"gridflex/numtext"
	"gridflex/scenario"
)

// The defaults reproduce the figures the study prints (study-model.md,
// introduction). Where the study's own inputs give a different figure, the
// default is marked calibrated and the difference is a Finding, shown by
// `gridflex explain` and the compensation table instead of being hidden.

// Finding is a place where the study's own numbers contradict a figure it
// prints.
type Finding struct {
	// ID is the measure or reference the finding concerns.
	ID string `json:"id"`
	// Key is the parameter whose default follows the printed figure.
	Key  string `json:"key"`
	Text string `json:"text"`
}

// Explanation is the derivation of a compensation reference: its inputs,
// each step at the structural and the incidental hours basis next to what
// the study prints, and the findings.
type Explanation struct {
	Scenario string            `json:"scenario"`
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Formula  string            `json:"formula"`
	Inputs   []ExplainInput    `json:"inputs"`
	Steps    []ExplainStep     `json:"steps"`
	Findings []Finding         `json:"findings"`
	Hours    map[string]string `json:"hours"` // column → hours basis, for people
}

// ExplainInput is one parameter a derivation reads.
type ExplainInput struct {
	Key        string  `json:"key"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Source     string  `json:"source"`
	Calibrated bool    `json:"calibrated,omitempty"`
}

// ExplainStep is one intermediate. Structural and Incidental are equal
// where the step does not depend on the hours basis.
type ExplainStep struct {
	Name       string  `json:"name"`
	Formula    string  `json:"formula"`
	Unit       string  `json:"unit"`
	Structural float64 `json:"structural"`
	Incidental float64 `json:"incidental"`
	Study      string  `json:"study,omitempty"`
}

// ExplainIDs are the ids Explain accepts.
func ExplainIDs() []string { return []string{"battery"} }

// batteryFigures are the battery reference's intermediates at one hours
// basis, from the scenario's inputs.
type batteryFigures struct {
	energyMWh, eurPerKWh             float64
	capex, opexPrinted, opexPhysical float64 // €/MWh incl. margin
	total, totalPhysical             float64
}

func batteryAt(s *scenario.Scenario, hours float64) batteryFigures {
	c := costs(s, hours)
	mw, capexEUR := s.Value(keyBatteryMW), s.Value(keyBatteryCAPEX)
	var f batteryFigures
	f.energyMWh = mw * s.Value(keyBatteryHours)
	if f.energyMWh > 0 {
		f.eurPerKWh = capexEUR / (f.energyMWh * 1e3)
	}
	f.capex, _ = Battery(capexEUR, mw, 0, c)
	f.opexPrinted, _ = Battery(0, mw, s.Value(keyBatteryOPEX), c)
	f.opexPhysical, _ = Battery(0, mw, batteryLossEURPerMWh(s), c)
	f.total = f.capex + f.opexPrinted
	f.totalPhysical = f.capex + f.opexPhysical
	return f
}

// batteryLossEURPerMWh is the electricity lost per MWh delivered, before
// margin: a round trip η needs 1/η MWh charged per MWh discharged, so
// (1/η − 1) MWh is bought at the loss price (§2.3). An efficiency of 0
// stores nothing; the loss is then reported as 0, not infinite, and the
// finding says so.
func batteryLossEURPerMWh(s *scenario.Scenario) float64 {
	eta := s.Value(keyBatteryEfficiency)
	if !(eta > 0) {
		return 0
	}
	return (1/eta - 1) * s.Value(keyBatteryLossPrice)
}

// Findings lists every contradiction between the study's inputs and the
// figures it prints, computed from s so that they follow changed inputs.
func Findings(s *scenario.Scenario) []Finding {
	var out []Finding
	st := batteryAt(s, s.Value(keyHoursStructural))
	inc := batteryAt(s, s.Value(keyHoursIncidental))
	mw, dur := s.Value(keyBatteryMW), s.Value(keyBatteryHours)
	bare := s.Value(keyBatteryBareEURPerKWh)
	margin := s.Value(keyMargin)
	h1, h2 := numtext.Num(s.Value(keyHoursStructural), 0), numtext.Num(s.Value(keyHoursIncidental), 0)
	if bare > 0 && st.eurPerKWh < bare {
		out = append(out, Finding{ID: "battery", Key: keyBatteryCAPEX, Text: fmt.Sprintf(
			"§2.3 (study §5.7): €%s for %g MW × %g h (%g MWh) is €%.0f/kWh, below the study's own bare battery cost of €%g/kWh "+
				"(its installed cost, \"€1‥/kWh\" with digits lost, is higher still). At €%g/kWh the CAPEX alone would be €%s. "+
				"Read as €160/kWh installed (€65 bare + \"9‥\" installation), the CAPEX buys %.1f MWh, e.g. 1 MW × 4 h, not %g MW × %g h. "+
				"The default keeps the printed CAPEX because the printed €35 and €140 need it.",
			numtext.Num(s.Value(keyBatteryCAPEX), 0), mw, dur, st.energyMWh, st.eurPerKWh, bare, bare, numtext.Num(bare*st.energyMWh*1e3, 0),
			s.Value(keyBatteryCAPEX)/160e3, mw, dur)})
	}
	if eta := s.Value(keyBatteryEfficiency); eta > 0 {
		out = append(out, Finding{ID: "battery", Key: keyBatteryOPEX, Text: fmt.Sprintf(
			"§2.3: the printed OPEX €%.0f/MWh (input %s = %.2f before margin) does not follow from the study's own inputs: "+
				"a round trip of %.0f %% loses 1/%.2f − 1 = %.3f MWh per MWh delivered, at €%.0f/MWh that is €%.1f/MWh including the %.0f %% margin. "+
				"Four times the loss counted on the charged energy (4 × %.0f %% × €%.0f × %.2f = €%.0f) comes close to the printed figure, "+
				"as if the 4 h duration entered twice. With the round-trip OPEX the battery needs €%.0f/MWh at %s h/yr instead of €%.0f.",
			st.opexPrinted, keyBatteryOPEX, s.Value(keyBatteryOPEX), 100*eta, eta, 1/eta-1, s.Value(keyBatteryLossPrice), st.opexPhysical, 100*margin,
			100*(1-eta), s.Value(keyBatteryLossPrice), 1+margin, 4*(1-eta)*s.Value(keyBatteryLossPrice)*(1+margin),
			st.totalPhysical, h1, st.total)})
	} else {
		out = append(out, Finding{ID: "battery", Key: keyBatteryEfficiency, Text: "§2.3: a round-trip efficiency of 0 stores nothing; the round-trip OPEX is undefined and shown as 0."})
	}
	out = append(out, Finding{ID: "battery", Key: keyBatteryOPEX, Text: fmt.Sprintf(
		"§2.3: the study prints €140/MWh at 1,040 h/yr, reproduced as CAPEX €%.1f + OPEX €%.1f = €%.1f at %s h/yr. "+
			"It prints €290/MWh at 250 h/yr; its own arithmetic gives CAPEX €%.1f + OPEX €%.1f = €%.1f at %s h/yr. "+
			"€290 is reproduced only by adding the 250 h CAPEX to the whole 1,040 h figure, which already holds CAPEX: "+
			"€%.1f + €%.1f = €%.1f, the capital counted twice. gridflex uses €%.1f.",
		st.capex, st.opexPrinted, st.total, h1, inc.capex, inc.opexPrinted, inc.total, h2,
		inc.capex, st.total, inc.capex+st.total, inc.total)})

	printed := s.Value(keyBatchPrintedCAPEX)
	if printed > 0 {
		got, _ := BatchCAPEX(printed, costs(s, s.Value(keyHoursStructural)))
		want, _ := BatchCAPEX(s.Value(keyBatchCAPEX), costs(s, s.Value(keyHoursStructural)))
		out = append(out, Finding{ID: "chemistry.batch", Key: keyBatchCAPEX, Text: fmt.Sprintf(
			"§2.3 (study §5.3): the study prints the weighted CAPEX of batch shifting as \"€1.5…\" million per MW (digits lost; %s = €%s). "+
				"By its own formula that gives €%.0f/MWh at %s h/yr, not the printed €70. The default %s = €%s/MW is calibrated to "+
				"reproduce the €70 (€%.1f/MWh); set it to %s to follow the printed CAPEX instead.",
			keyBatchPrintedCAPEX, numtext.Num(printed, 0), got, h1, keyBatchCAPEX, numtext.Num(s.Value(keyBatchCAPEX), 0), want, numtext.Num(printed, 0))})
	}
	return out
}

// FindingsFor returns the texts of the findings about id.
func FindingsFor(s *scenario.Scenario, id string) []string {
	var out []string
	for _, f := range Findings(s) {
		if f.ID == id {
			out = append(out, f.Text)
		}
	}
	return out
}

// Explain returns the derivation of the compensation reference id
// (ExplainIDs).
func Explain(s *scenario.Scenario, id string) (Explanation, error) {
	if id != "battery" {
		return Explanation{}, fmt.Errorf("explain %q: unknown compensation id: want one of %s", id, strings.Join(ExplainIDs(), ", "))
	}
	st := batteryAt(s, s.Value(keyHoursStructural))
	inc := batteryAt(s, s.Value(keyHoursIncidental))
	e := Explanation{
		Scenario: s.Name, ID: id, Name: "battery as an alternative to process flex (§2.3, study §5.7)",
		Formula: "(CAPEX + years × OPEX) × (1 + margin) ÷ (MW × hours per year × years), OPEX = €/MWh delivered × MWh per year",
		Hours: map[string]string{
			"structural": numtext.Num(s.Value(keyHoursStructural), 0) + " h/yr",
			"incidental": numtext.Num(s.Value(keyHoursIncidental), 0) + " h/yr",
		},
	}
	for _, k := range []string{keyBatteryCAPEX, keyBatteryMW, keyBatteryHours, keyBatteryBareEURPerKWh, keyBatteryOPEX,
		keyBatteryEfficiency, keyBatteryLossPrice, keyYears, keyMargin, keyHoursStructural, keyHoursIncidental} {
		p := s.Param(k)
		e.Inputs = append(e.Inputs, ExplainInput{Key: k, Value: p.Value, Unit: p.Unit, Source: p.Source, Calibrated: p.Calibrated})
	}
	same := func(name, formula, unit string, v float64, study string) ExplainStep {
		return ExplainStep{Name: name, Formula: formula, Unit: unit, Structural: v, Incidental: v, Study: study}
	}
	e.Steps = []ExplainStep{
		same("stored energy", "power × duration", "MWh", st.energyMWh, "4 MW × 4 h"),
		same("CAPEX per kWh stored", "CAPEX ÷ stored energy", "EUR/kWh", st.eurPerKWh, "bare €65; installed higher"),
		{Name: "CAPEX recovery", Formula: "CAPEX × (1 + margin) ÷ (MW × hours × years)", Unit: "EUR/MWh", Structural: st.capex, Incidental: inc.capex, Study: "35 (1,040 h)"},
		same("OPEX as printed", "opex_eur_per_mwh × (1 + margin)", "EUR/MWh", st.opexPrinted, "105"),
		same("OPEX from the round trip", "(1/η − 1) × loss price × (1 + margin)", "EUR/MWh", st.opexPhysical, "not printed"),
		{Name: "total, as printed OPEX", Formula: "CAPEX recovery + OPEX as printed", Unit: "EUR/MWh", Structural: st.total, Incidental: inc.total, Study: "140 (1,040 h); 290 (250 h)"},
		{Name: "total, capital counted twice", Formula: "CAPEX recovery + the 1,040 h total", Unit: "EUR/MWh", Structural: st.capex + st.total, Incidental: inc.capex + st.total, Study: "290 (250 h)"},
		{Name: "total, round-trip OPEX", Formula: "CAPEX recovery + OPEX from the round trip", Unit: "EUR/MWh", Structural: st.totalPhysical, Incidental: inc.totalPhysical},
	}
	for _, f := range Findings(s) {
		if f.ID == id {
			e.Findings = append(e.Findings, f)
		}
	}
	return e, nil
}
