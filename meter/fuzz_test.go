package meter

import (
	"bytes"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"ean;interval_start;interval_end;offtake_kwh;feedin_kwh;quality\nA;2026-01-01T00:00:00+01:00;2026-01-01T00:15:00+01:00;1;0;M\n",
	"\ufeffEAN;Van;Tot;Afname (kWh);Teruglevering (kWh)\r\n1;01-01-2026 00:00;01-01-2026 00:15;2,5;0,25\r\n",
	"datetime,load [kWh]\n2019-01-01 00:00:00,10\n2019-01-01 01:00:00,20\n",
	",Actual Load\n2023-10-29 02:00:00+02:00,1\n2023-10-29 02:00:00+01:00,2\n",
	"datetime;a_kw;b_kw\n2024-10-27 02:00;1;2\n2024-10-27 02:00;3;4\n",
	"ean,interval_start,offtake_kwh\n1,2026-01-01 00:00,\"2,5\"\n",
	"ean;interval_end;offtake_kwh\nX;2026-01-01T00:15:00Z;1e3\n",
	"datetime;x_kwh\n2024-03-31 02:15;1\n",
	"a;b\n\"x\"\"y\";1\n",
	"Datum;Tijd;Afname (kWh)\n01-01-2026;00:00 - 00:15;1,25\n01-01-2026;0:15;2\n",
}

// FuzzRead: the importer never panics, and every error names the file.
// What it accepts survives a canonical round trip.
func FuzzRead(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), "")
	}
	f.Add([]byte(fuzzSeeds[2]), "MW")
	f.Fuzz(func(t *testing.T, data []byte, unit string) {
		conns, _, err := Read(bytes.NewReader(data), "f.csv", Options{Unit: unit, MaxErrors: 5})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "f.csv") && line != ErrTooManyErrors.Error() {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteCanonical(&buf, conns); err != nil {
			return // names that the canonical format cannot carry
		}
		back, _, err := Read(&buf, "back.csv", Options{})
		if err != nil {
			t.Fatalf("re-reading the canonical output: %v", err)
		}
		for i := range conns {
			if !sameSeries(back[i].Offtake.KW, conns[i].Offtake.KW) {
				t.Fatalf("connection %s changed in a canonical round trip", conns[i].EAN)
			}
		}
	})
}

func sameSeries(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !same32(a[i], b[i]) {
			return false
		}
	}
	return true
}

// FuzzStream: streaming (on three workers) agrees with Read on what it
// accepts; it may refuse more (rows of a connection not together).
func FuzzStream(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("ean;interval_start;offtake_kwh\nA;2026-01-01T00:00:00Z;1,5\nB;2026-01-01T00:00:00Z;1.234\n\nC;2026-01-01T00:00:00Z;2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []Connection
		err := Stream(bytes.NewReader(data), "f.csv", Options{Workers: 3}, func(c Connection) error {
			got = append(got, c)
			return nil
		})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		all, _, err := Read(bytes.NewReader(data), "f.csv", Options{})
		if err != nil || len(all) != len(got) {
			t.Fatalf("Stream gave %d connections, Read %d (%v)", len(got), len(all), err)
		}
		for i := range all {
			if all[i].EAN != got[i].EAN || !sameSeries(all[i].Offtake.KW, got[i].Offtake.KW) || !all[i].Offtake.Start.Equal(got[i].Offtake.Start) {
				t.Fatalf("connection %d: Stream %s, Read %s differ", i, got[i].EAN, all[i].EAN)
			}
		}
	})
}
