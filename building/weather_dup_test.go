package building

import (
	"strings"
	"testing"
)

// Two temperature (or time) columns are refused, not the first one taken.
func TestWeatherDuplicateColumn(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"time,temp_min,temp_max\n2026-01-01 00:00:00,1,2\n", "w.csv:1: column 3 \"temp_max\": want one temperature (name one with weather_column) column, got a second (first is column 2)"},
		{"time,timestamp,temp\n2026-01-01 00:00:00,2026-01-01 00:00:00,2\n", "w.csv:1: column 2 \"timestamp\": want one time column, got a second (first is column 1)"},
	} {
		_, err := ParseWeather("w.csv", strings.NewReader(tc.in), "", "")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseWeather(%q) = %v, want %s", tc.in, err, tc.want)
		}
	}
	if _, err := ParseWeather("w.csv", strings.NewReader("time,temp_min,temp_max\n2026-01-01 00:00:00,1,2\n"), "temp_max", ""); err != nil && strings.Contains(err.Error(), "column") {
		t.Errorf("ParseWeather(weather_column temp_max) = %v, want the named column taken", err)
	}
}
