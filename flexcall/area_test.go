package flexcall

import (
	"math"
	"testing"

	"gridflex/area"
	"gridflex/contract"
)

// TestFromArea: the station's capacity and the on-call contracts in force
// on the day become the decision's input; a time-block contract and an
// expired on-call contract are left out.
func TestFromArea(t *testing.T) {
	term := contract.Term{Start: contract.Date{Year: 2026, Month: 1, Day: 1}, End: contract.Date{Year: 2027, Month: 12, Day: 31}}
	onCall := func(ean string, kw, activation, perMWh float64, term contract.Term) *contract.Contract {
		return &contract.Contract{Connection: ean, Term: term,
			Clauses:      []contract.Clause{{Form: contract.OnCall, FlexKW: kw}},
			Compensation: contract.Compensation{ActivationEUR: activation, VariableEURPerMWh: perMWh, ContractedKW: math.NaN()}}
	}
	expired := term
	expired.End = contract.Date{Year: 2026, Month: 2, Day: 28}
	a := &area.Area{Station: area.Station{OfftakeKW: 9000}, Contracts: []*contract.Contract{
		onCall("871685900012636543", 600, 100, 200, term),
		{Connection: "871687120000000011", Term: term, Clauses: []contract.Clause{{Form: contract.TimeBlock, MaxKW: 500}}},
		onCall("871687120000000011", 300, 100, 50, expired),
	}}
	in, err := FromArea(a, testDay, eveningPeak(testDay, 8000, 9500))
	if err != nil {
		t.Fatal(err)
	}
	if in.CapacityKW != 9000 || len(in.Contracts) != 1 || in.Contracts[0].CongestionPoint != "ean.871685900012636543" || in.Contracts[0].MaxKW != 600 {
		t.Fatalf("FromArea = %+v", in)
	}
	d, err := Decide(in)
	if err != nil || len(d.Calls) != 1 || math.Abs(d.CostEUR-(100+2*200)) > 1e-9 {
		t.Errorf("Decide(FromArea) = %+v, %v; want one call at 500 €", d, err)
	}
	a.Contracts[0].Connection = "871685900012636544" // wrong check digit
	if _, err := FromArea(a, testDay, eveningPeak(testDay, 8000, 9500)); err == nil {
		t.Errorf("an EAN with a wrong check digit became a congestion point")
	}
}
