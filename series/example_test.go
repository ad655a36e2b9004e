package series_test

import (
	"fmt"
	"time"

	"gridflex/series"
	"gridflex/series/seriestest"
)

// The autumn DST day has 100 ISPs; resampling counts the missing one.
func ExampleSeries_Days() {
	day := seriestest.LocalMidnight(2024, time.October, 27)
	s := seriestest.MustParse(day, "40x99 _")
	for _, d := range s.Days() {
		fmt.Printf("%s: %d ISPs, %d missing, %.0f kWh\n", d.Start.In(series.Amsterdam).Format(time.DateOnly), d.ISPs, d.Missing, d.KWh)
	}
	// Output: 2024-10-27: 100 ISPs, 1 missing, 990 kWh
}

// Evening peak 16:00–21:00 on working days, evaluated on the local clock.
func ExampleWindow() {
	from, _ := series.ParseClock("16:00")
	to, _ := series.ParseClock("21:00")
	w := series.Window{Days: series.WorkingDays, FromMinute: from, ToMinute: to}
	cal := series.NewCalendar(seriestest.LocalMidnight(2026, time.January, 5), 7*96) // Monday to Sunday
	n := 0
	for _, in := range w.Mask(cal, nil) {
		if in {
			n++
		}
	}
	fmt.Println(n, "ISPs in the window")
	// Output: 100 ISPs in the window
}
