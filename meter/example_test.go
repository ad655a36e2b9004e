package meter_test

import (
	"fmt"
	"strings"

	"gridflex/meter"
)

// A Dutch portal export: semicolons, decimal comma, local time.
func ExampleRead() {
	in := "EAN;Van;Tot;Afname (kWh);Teruglevering (kWh)\n" +
		"871687120000000001;27-10-2024 02:45;27-10-2024 02:00;1,5;0\n" + // 02:45 summer time → 02:00 winter time
		"871687120000000001;27-10-2024 02:00;27-10-2024 02:15;2,5;0\n"
	conns, rep, err := meter.Read(strings.NewReader(in), "export.csv", meter.Options{})
	if err != nil {
		panic(err)
	}
	c := conns[0]
	fmt.Println(c.EAN, c.Offtake.Start, c.Offtake.KW, rep.Format.Decimal)
	fmt.Println(c.Quality.Notes[0])
	// Output:
	// 871687120000000001 2024-10-27 00:45:00 +0000 UTC [6 10] ,
	// 2 local timestamps in a repeated autumn hour resolved by order (first = summer time)
}
