package flexcall

import (
	"math/rand/v2"
	"strings"
	"testing"

	"gridflex/uftp"
)

const mw = 1_000_000 // W

func eur(a float64) uftp.Amount { return uftp.Amount(a * uftp.AmountScale) }

// TestSettleGolden is the specification's settlement example: baseline
// 10 MW, 2 MW ordered down, 7 €/MW, penalty 11 €/MW; allocations of 7, 8,
// 9, 10 and 11 MW settle at 14, 14, −4, −22 and −33 €.
func TestSettleGolden(t *testing.T) {
	terms := Terms{PricePerMW: eur(7), PenaltyPerMW: eur(11)}
	for _, tc := range []struct {
		actualMW                uftp.Watt
		price, penalty, net     float64
		delivered, deficiencyMW uftp.Watt
	}{
		{7, 14, 0, 14, -3, 0},
		{8, 14, 0, 14, -2, 0},
		{9, 7, 11, -4, -1, 1},
		{10, 0, 22, -22, 0, 2},
		{11, 0, 33, -33, 1, 3},
	} {
		isp, price, penalty := SettleISP(1, 10*mw, -2*mw, tc.actualMW*mw, terms)
		if price != eur(tc.price) || penalty != eur(tc.penalty) || price-penalty != eur(tc.net) {
			t.Errorf("allocation %d MW: price %s penalty %s net %s, want %v %v %v", tc.actualMW, price, penalty, price-penalty, tc.price, tc.penalty, tc.net)
		}
		if isp.DeliveredFlexPower != tc.delivered*mw || isp.PowerDeficiency != tc.deficiencyMW*mw {
			t.Errorf("allocation %d MW: delivered %d W deficiency %d W, want %d MW and %d MW", tc.actualMW, isp.DeliveredFlexPower, isp.PowerDeficiency, tc.delivered, tc.deficiencyMW)
		}
	}
}

// TestSettleProperties: for any numbers, payment never exceeds the ordered
// flex, the deficiency is zero exactly when the order was met, and the
// rule is symmetric in the direction of the order.
func TestSettleProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	terms := Terms{PricePerMW: eur(7), PenaltyPerMW: eur(11)}
	for range 10000 {
		b := uftp.Watt(r.IntN(20 * mw))
		o := uftp.Watt(r.IntN(4*mw) - 2*mw)
		a := uftp.Watt(r.IntN(20 * mw))
		isp, price, penalty := SettleISP(1, b, o, a, terms)
		abs := max(o, -o)
		if price < 0 || price > perMW(abs, terms.PricePerMW) || penalty < 0 {
			t.Fatalf("b=%d o=%d a=%d: price %s penalty %s out of range", b, o, a, price, penalty)
		}
		met := o == 0 || (o < 0 && a-b <= o) || (o > 0 && a-b >= o)
		if met != (isp.PowerDeficiency == 0) {
			t.Fatalf("b=%d o=%d a=%d: deficiency %d, order met %v", b, o, a, isp.PowerDeficiency, met)
		}
		mirror, p2, pen2 := SettleISP(1, b, -o, b-(a-b), terms)
		if p2 != price || pen2 != penalty || mirror.PowerDeficiency != isp.PowerDeficiency {
			t.Fatalf("b=%d o=%d a=%d: not symmetric", b, o, a)
		}
	}
}

// TestSettleAndCheck: the DSO's settlement of an order is accepted by a CSP
// whose meter agrees, and disputed — with the ISP named — when it does not.
func TestSettleAndCheck(t *testing.T) {
	order := testOrder()
	n := uftp.ISPsIn(order.Period)
	baseline := make([]uftp.Watt, n)
	actual := make([]uftp.Watt, n)
	for k := range baseline {
		baseline[k] = 900_000
		actual[k] = 880_000
	}
	for k := 68; k < 76; k++ {
		actual[k] = 650_000 // ordered −300 kW, delivered −250 kW
	}
	terms := Terms{PricePerMW: eur(7), PenaltyPerMW: eur(11)}
	s, err := Settle(order, baseline, actual, terms)
	if err != nil {
		t.Fatal(err)
	}
	// 8 ISPs × (0.25 MW × 7 € − 0.05 MW × 11 €) = 8 × (1.75 − 0.55) = 9.60 €
	if s.Price != eur(14) || s.Penalty != eur(4.4) || s.NetSettlement != eur(9.6) || len(s.ISPs) != 8 {
		t.Errorf("Settle: price %s penalty %s net %s over %d ISPs, want 14, 4.4, 9.6 over 8", s.Price, s.Penalty, s.NetSettlement, len(s.ISPs))
	}
	if v := Check(s, order, actual, terms, 1000); v.Status.Disposition != uftp.Accepted {
		t.Errorf("Check with the same meter data: %v", v.Differences)
	}
	own := append([]uftp.Watt(nil), actual...)
	own[70] = 600_000 // we reduced more in ISP 71
	v := Check(s, order, own, terms, 1000)
	if v.Status.Disposition != uftp.Disputed || !strings.Contains(v.Status.DisputeReason, "ISP 71: allocated 650000 W, our meter reads 600000 W") {
		t.Errorf("Check with another meter reading: %+v", v.Status)
	}
	if v.Expected.NetSettlement <= s.NetSettlement {
		t.Errorf("more delivery should settle higher: expected %s, DSO %s", v.Expected.NetSettlement, s.NetSettlement)
	}
	bad := s
	bad.NetSettlement += eur(1)
	if v := Check(bad, order, actual, terms, 1000); v.Status.Disposition != uftp.Disputed || !strings.Contains(v.Status.DisputeReason, "NetSettlement") {
		t.Errorf("Check of a wrong net amount: %+v", v.Status)
	}
}
