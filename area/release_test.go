package area

import (
	"reflect"
	"testing"

	"gridflex/contract"
	"gridflex/scenario"
)

func req(id string, kw float64, prio int, date string) Request {
	d, err := contract.ParseDate(date)
	if err != nil {
		panic(err)
	}
	return Request{ID: id, OfftakeKW: kw, Priority: prio, Requested: d}
}

// The queue of testdata/study, checked by hand: B (basic needs) first, then
// the rest by date: C (Feb), A (Mar), D (Sep).
var smallQueue = []Request{
	req("A", 300, 3, "2025-03-01"),
	req("B", 150, 2, "2025-06-01"),
	req("C", 100, 3, "2025-02-01"),
	req("D", 50, 3, "2025-09-01"),
}

func TestOrder(t *testing.T) {
	got := Order(smallQueue)
	if want := []int{1, 2, 0, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("Order = %v, want %v (B, C, A, D)", got, want)
	}
}

func TestAllocateRules(t *testing.T) {
	tests := []struct {
		name    string
		kw      float64
		rule    Rule
		partial bool
		want    []float64 // A, B, C, D
	}{
		{"fcfs whole: A blocks D", 500, FCFS, false, []float64{0, 150, 100, 0}},
		{"first-fit whole: A skipped, D served", 500, FirstFit, false, []float64{0, 150, 100, 50}},
		{"fcfs partial: A gets the rest", 500, FCFS, true, []float64{250, 150, 100, 0}},
		{"first-fit partial: A takes the rest, D nothing", 500, FirstFit, true, []float64{250, 150, 100, 0}},
		{"first-fit whole, little capacity", 160, FirstFit, false, []float64{0, 150, 0, 0}},
		{"fcfs whole, little capacity", 120, FCFS, false, []float64{0, 0, 0, 0}},
		{"first-fit whole, 120 kW: B blocks nothing, C fits", 120, FirstFit, false, []float64{0, 0, 100, 0}},
		{"everything fits", 600, FCFS, false, []float64{300, 150, 100, 50}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Allocate(smallQueue, tc.kw, 0, tc.rule, tc.partial)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Allocate(%g kW, %s, partial %v) = %v, want %v", tc.kw, tc.rule, tc.partial, got, tc.want)
			}
		})
	}
}

func TestReissueOffers(t *testing.T) {
	a := loadArea(t, "testdata/study")
	o, err := NewReleaseOptions(a, scenario.Default())
	if err != nil {
		t.Fatal(err)
	}
	o.Partial = false
	r := Reissue(a, 1000, 200, o)
	type row struct {
		ID       string
		Position int
		AheadKW  float64
		KW       float64
		Status   string
	}
	var got []row
	for _, of := range r.Offers {
		got = append(got, row{of.ID, of.Position, of.AheadOfftakeKW, of.GrantedOfftakeKW, of.Status})
	}
	want := []row{{"B", 1, 0, 150, Granted}, {"C", 2, 150, 100, Granted}, {"A", 3, 250, 0, Waiting}, {"D", 4, 550, 0, Waiting}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Reissue offers = %+v, want %+v", got, want)
	}
	// A waits for 50 kW more than is reissued: new contracts reissue
	// 2/yr × 200 kW × 0.5 = 200 kW a year, so about three months.
	if got := r.Offers[2].Estimate; got != "2026-04-03" {
		t.Errorf("estimate of A = %q, want 2026-04-03 (50 kW short ÷ 200 kW/yr = 92 days)", got)
	}
	// D needs 600 kW in all: beyond 500 + new contracts within the
	// horizon? 100 kW short → half a year.
	if got := r.Offers[3].Estimate; got != "2026-07-03" {
		t.Errorf("estimate of D = %q, want 2026-07-03 (100 kW short ÷ 200 kW/yr = 183 days)", got)
	}
}
