package meter

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gridflex/series"
	"gridflex/series/seriestest"
)

// randomConnection has missing ISPs, estimated flags and a span over both
// DST changes when long enough.
func randomConnection(r *rand.Rand, ean string, n int) Connection {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(366*96)) * series.ISP)
	c := Connection{EAN: ean, Offtake: series.New(start, n), Feedin: series.New(start, n), Resolution: series.ISP}
	for i := 0; i < n; i++ {
		if r.IntN(30) == 0 {
			continue
		}
		c.Offtake.KW[i] = float32(r.NormFloat64() * 300)
		c.Feedin.KW[i] = float32(math.Abs(r.NormFloat64())) * float32(r.IntN(2))
		if r.IntN(50) == 0 {
			if c.Estimated == nil {
				c.Estimated = make([]bool, n)
			}
			c.Estimated[i] = true
		}
	}
	// The first and last ISP carry values so the span is the series' span
	// even when every other ISP is missing.
	c.Offtake.KW[0], c.Offtake.KW[n-1] = 1, 2
	return c
}

func TestCanonicalRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	conns := []Connection{
		randomConnection(r, "871687120000000001", 96*400),
		randomConnection(r, "871687120000000002", 7),
		{EAN: "no-feedin", Offtake: seriestest.MustParse(jan1, "1.1 _ 3.3333333 1e-7 -0 123456.79"), Resolution: series.ISP},
	}
	var buf bytes.Buffer
	if err := WriteCanonical(&buf, conns); err != nil {
		t.Fatal(err)
	}
	got, rep, err := Read(bytes.NewReader(buf.Bytes()), "rt.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(conns) {
		t.Fatalf("round trip: %d connections, want %d", len(got), len(conns))
	}
	for i, c := range conns {
		g := got[i]
		if g.EAN != c.EAN || !seriestest.Equal(g.Offtake, c.Offtake) {
			t.Errorf("round trip %s: offtake differs (%d vs %d ISPs)", c.EAN, g.Offtake.Len(), c.Offtake.Len())
		}
		wantFeed := c.Feedin
		if wantFeed.Len() == 0 {
			wantFeed = series.New(c.Offtake.Start, c.Offtake.Len()) // a blank column reads back as missing
		}
		if !seriestest.Equal(g.Feedin, wantFeed) {
			t.Errorf("round trip %s: feed-in differs", c.EAN)
		}
		if (c.Estimated == nil) != (g.Estimated == nil) || (c.Estimated != nil && !equalBools(c.Estimated, g.Estimated)) {
			t.Errorf("round trip %s: estimated flags differ", c.EAN)
		}
		if q := g.Quality; q.Duplicates != 0 || q.ExpectedISPs != c.Offtake.Len() {
			t.Errorf("round trip %s: quality %+v", c.EAN, q)
		}
	}
	if rep.Format.Timestamps != "with UTC offset" || rep.Format.Separator != ";" {
		t.Errorf("format = %+v", rep.Format)
	}
	if !strings.HasPrefix(buf.String(), canonicalHeader+"\n871687120000000001;") {
		t.Errorf("output starts %q", buf.String()[:80])
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWriteCanonicalRefusesBadEAN(t *testing.T) {
	for _, ean := range []string{"", "a;b", "a\nb", " a", `a"`} {
		c := Connection{EAN: ean, Offtake: seriestest.MustParse(jan1, "1")}
		if err := WriteCanonical(&bytes.Buffer{}, []Connection{c}); err == nil {
			t.Errorf("WriteCanonical(EAN %q) = nil, want error", ean)
		}
	}
}

func FuzzCanonicalRoundTrip(f *testing.F) {
	f.Add(float32(1), float32(0), uint8(0))
	f.Add(float32(0.1), float32(1e-7), uint8(3))
	f.Add(float32(math.MaxFloat32/8), float32(-1e-40), uint8(255))
	f.Fuzz(func(t *testing.T, a, b float32, mask uint8) {
		if math.IsInf(float64(a), 0) || math.IsInf(float64(b), 0) || math.Abs(float64(a)) > 1e29 || math.Abs(float64(b)) > 1e29 {
			return
		}
		c := Connection{EAN: "E", Offtake: series.New(jan1, 8), Feedin: series.New(jan1, 8)}
		for i := range 8 {
			if mask&(1<<i) == 0 || i == 0 {
				c.Offtake.KW[i], c.Feedin.KW[i] = a*float32(i+1), b
			}
		}
		var buf bytes.Buffer
		if err := WriteCanonical(&buf, []Connection{c}); err != nil {
			t.Fatal(err)
		}
		got, _, err := Read(&buf, "f.csv", Options{})
		if err != nil {
			t.Fatalf("Read(WriteCanonical(%v, %v)): %v", a, b, err)
		}
		if !seriestest.Equal(got[0].Offtake, c.Offtake) || !seriestest.Equal(got[0].Feedin, c.Feedin) {
			t.Errorf("round trip of %v, %v: %s / %s", a, b, seriestest.Format(got[0].Offtake), seriestest.Format(got[0].Feedin))
		}
	})
}

// Stream on several workers hands out the same connections, in file
// order, as Read; errors are the same.
func TestStreamParallelMatchesRead(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var conns []Connection
	for i := range 40 {
		conns = append(conns, randomConnection(r, fmt.Sprintf("8716871200000000%02d", i), 1+r.IntN(3*96)))
	}
	var buf bytes.Buffer
	if err := WriteCanonical(&buf, conns); err != nil {
		t.Fatal(err)
	}
	want, _, err := Read(bytes.NewReader(buf.Bytes()), "p.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 7} {
		var got []Connection
		err := Stream(bytes.NewReader(buf.Bytes()), "p.csv", Options{Workers: workers}, func(c Connection) error {
			got = append(got, c)
			return nil
		})
		if err != nil || len(got) != len(want) {
			t.Fatalf("Stream(workers %d) = %d connections, %v; want %d", workers, len(got), err, len(want))
		}
		for i := range want {
			if got[i].EAN != want[i].EAN || !seriestest.Equal(got[i].Offtake, want[i].Offtake) || !seriestest.Equal(got[i].Feedin, want[i].Feedin) {
				t.Errorf("Stream(workers %d)[%d] = %s, want %s", workers, i, got[i].EAN, want[i].EAN)
			}
		}
	}
	// A bad value in the 30th connection: both name the same line, and
	// nothing is handed out after it.
	lines := strings.Split(buf.String(), "\n")
	bad := 0
	for i, l := range lines {
		if strings.HasPrefix(l, "871687120000000029;") {
			bad = i
			lines[i] = strings.Replace(l, ";M", ";Q", 1)
			if !strings.Contains(lines[i], ";Q") {
				lines[i] = l[:strings.LastIndexByte(l, ';')] + ";Q"
			}
			break
		}
	}
	broken := strings.Join(lines, "\n")
	_, _, readErr := Read(strings.NewReader(broken), "p.csv", Options{})
	for _, workers := range []int{1, 3} {
		n := 0
		err := Stream(strings.NewReader(broken), "p.csv", Options{Workers: workers}, func(Connection) error { n++; return nil })
		if err == nil || readErr == nil || err.Error() != readErr.Error() || !strings.Contains(err.Error(), fmt.Sprintf("p.csv:%d:", bad+1)) {
			t.Errorf("Stream(workers %d) error = %v, Read error = %v, want line %d", workers, err, readErr, bad+1)
		}
		if n > 29 {
			t.Errorf("Stream(workers %d) handed out %d connections, want at most 29", workers, n)
		}
	}
}
