package seriestest_test

import (
	"fmt"
	"time"

	"gridflex/series/seriestest"
)

func ExampleParse() {
	s, err := seriestest.Parse(seriestest.LocalMidnight(2026, time.January, 5), "100x4 350 _ 0+5x3")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Len(), s.Missing(5), s.KW[8])
	fmt.Println(seriestest.Format(s))
	// Output:
	// 9 true 10
	// 100x4 350 _ 0 5 10
}
