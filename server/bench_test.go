package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"testing"
	"time"

	"gridflex/meter"
	"gridflex/series"
	"gridflex/store"
)

// BenchmarkMeterReadBack: a connection-year (35,040 ISPs) read back over
// HTTP on loopback from SQLite, as JSON and as CSV, with its token checked
// and its scope applied: the figure is ISPs per second to the client.
func BenchmarkMeterReadBack(b *testing.B) {
	w := newWorld(b, openSQLite)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).UTC()
	m := meter.Connection{EAN: eanA, Offtake: series.New(start, int(end.Sub(start)/series.ISP))}
	for i := range m.Offtake.KW {
		m.Offtake.KW[i] = float32(200 + i%96)
	}
	sum := sha256.Sum256([]byte("year"))
	if _, err := w.db.ImportMeter(bg, "bench", store.MeterImport{FileName: "year.csv", SHA256: hex.EncodeToString(sum[:]), Connections: []meter.Connection{m}}); err != nil {
		b.Fatal(err)
	}
	w.raw = true
	for _, format := range []string{"json", "csv"} {
		b.Run(format, func(b *testing.B) {
			path := "/api/v1/connections/" + eanA + "/meter?from=" + start.Format(time.RFC3339) + "&to=" + end.Format(time.RFC3339) + "&format=" + format
			var size int
			for b.Loop() {
				r := w.do(b, aUser, "GET", "/api/v1/connections/{ean}/meter", path, nil)
				if r.status != http.StatusOK {
					b.Fatalf("%d %.200s", r.status, r.body)
				}
				size = len(r.body)
			}
			b.ReportMetric(float64(m.Offtake.Len())*float64(b.N)/b.Elapsed().Seconds(), "ISPs/s")
			b.ReportMetric(float64(size), "bytes/year")
		})
	}
}
