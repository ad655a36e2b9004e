package server

import (
	"net/http/httptest"
	"net/url"
	"testing"

	"gridflex/series"
)

// FuzzPeriod: whatever the query, period never panics, and a period it
// accepts is on quarter hours, non-empty and at most maxMeterPeriod long.
func FuzzPeriod(f *testing.F) {
	f.Add("2026-07-01T00:00:00+02:00", "2026-07-02T00:00:00+02:00")
	f.Add("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00")
	f.Add("2026-07-01T00:05:00Z", "x")
	f.Add("", "0000-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, from, to string) {
		r := httptest.NewRequest("GET", "/m?"+url.Values{"from": {from}, "to": {to}}.Encode(), nil)
		a, b, err := period(r)
		if err != nil {
			return
		}
		if a.Truncate(series.ISP) != a || b.Truncate(series.ISP) != b || !a.Before(b) || b.Sub(a) > maxMeterPeriod {
			t.Errorf("period(%q, %q) accepted %s–%s", from, to, a, b)
		}
	})
}
