package flexcall_test

import (
	"fmt"

	"gridflex/flexcall"
	"gridflex/uftp"
)

// The settlement rule for one ISP: baseline 10 MW, 2 MW ordered down,
// 7 €/MW delivered, 11 €/MW penalty, 9 MW allocated.
func ExampleSettleISP() {
	terms := flexcall.Terms{PricePerMW: 7 * uftp.AmountScale, PenaltyPerMW: 11 * uftp.AmountScale}
	isp, price, penalty := flexcall.SettleISP(69, 10_000_000, -2_000_000, 9_000_000, terms)
	fmt.Printf("delivered %d W, deficiency %d W: %s − %s = %s EUR\n", isp.DeliveredFlexPower, isp.PowerDeficiency, price, penalty, price-penalty)
	// Output: delivered -1000000 W, deficiency 1000000 W: 7 − 11 = -4 EUR
}
