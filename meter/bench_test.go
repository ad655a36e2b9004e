package meter

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"testing"
	"time"

	"gridflex/series"
)

// canonicalGen produces a canonical file of conns connection-years on the
// fly, deterministic and without holding it in memory. Timestamps are
// formatted once; values follow a cheap deterministic pattern.
type canonicalGen struct {
	stamps  [][]byte // "start;end" per ISP of 2025
	conns   int
	conn, i int
	buf     []byte
	ean     []byte
	pos     int
	header  bool
}

func newCanonicalGen(conns int) *canonicalGen {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, series.Amsterdam)
	n := int(time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).Sub(start) / series.ISP)
	g := &canonicalGen{conns: conns, stamps: make([][]byte, n)}
	for i := range g.stamps {
		t := start.Add(time.Duration(i) * series.ISP)
		b := appendStamp(nil, t)
		b = append(b, ';')
		g.stamps[i] = appendStamp(b, t.Add(series.ISP))
	}
	return g
}

func (g *canonicalGen) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if g.pos == len(g.buf) {
			if !g.fill() {
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
		}
		c := copy(p[n:], g.buf[g.pos:])
		g.pos += c
		n += c
	}
	return n, nil
}

// fill renders the next 1,000 rows.
func (g *canonicalGen) fill() bool {
	g.buf, g.pos = g.buf[:0], 0
	if !g.header {
		g.header = true
		g.buf = append(g.buf, canonicalHeader+"\n"...)
	}
	for k := 0; k < 1000 && g.conn < g.conns; k++ {
		if g.i == 0 || len(g.ean) == 0 {
			g.ean = fmt.Appendf(g.ean[:0], "8716871200%08d;", g.conn)
		}
		g.buf = append(g.buf, g.ean...)
		g.buf = append(g.buf, g.stamps[g.i]...)
		x := (g.i*7919 + g.conn*104729) % 100000
		g.buf = append(g.buf, ';')
		g.buf = strconv.AppendInt(g.buf, int64(x/1000), 10)
		g.buf = append(g.buf, '.')
		g.buf = append(g.buf, byte('0'+x/100%10), byte('0'+x/10%10), byte('0'+x%10))
		if x%5 == 0 {
			g.buf = append(g.buf, ";1.250;M\n"...)
		} else {
			g.buf = append(g.buf, ";0.000;M\n"...)
		}
		if g.i++; g.i == len(g.stamps) {
			g.i, g.conn = 0, g.conn+1
		}
	}
	return len(g.buf) > 0
}

// BenchmarkReadCanonical: importing the canonical CSV held in memory
// (target ≥ 100 MB/s on one core).
func BenchmarkReadCanonical(b *testing.B) {
	data, err := io.ReadAll(newCanonicalGen(10))
	if err != nil {
		b.Fatal(err)
	}
	isps := 0
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		conns, _, err := Read(bytes.NewReader(data), "bench.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		isps += len(conns) * conns[0].Offtake.Len()
	}
	b.ReportMetric(float64(isps)/b.Elapsed().Seconds(), "ISPs/s")
}

// BenchmarkStreamConnections streams 100 connection-years generated on
// the fly and reports the peak live heap, which must not grow with the
// number of connections.
func BenchmarkStreamConnections(b *testing.B) {
	gen := newCanonicalGen(100)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) { benchStream(b, gen, workers) })
	}
}

func benchStream(b *testing.B, gen *canonicalGen, workers int) {
	conns := gen.conns
	var size int64
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		*gen = canonicalGen{stamps: gen.stamps, conns: conns}
		cr := &countingReader{r: gen}
		var ms runtime.MemStats
		err := Stream(cr, "bench.csv", Options{Workers: workers}, func(c Connection) error {
			if c.Quality.PresentISPs == 0 {
				return fmt.Errorf("empty connection %s", c.EAN)
			}
			if c.EAN[len(c.EAN)-1] == '0' { // sample every tenth connection
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		size += cr.n
	}
	b.ReportMetric(float64(size)/1e6/b.Elapsed().Seconds(), "MB/s")
	b.ReportMetric(float64(conns*b.N)/b.Elapsed().Seconds(), "connection-years/s")
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func BenchmarkParseStamp(b *testing.B) {
	s := []byte("2026-01-01T00:15:00+01:00")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseStamp(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadDutchExport: the common portal variant — semicolons,
// decimal comma, local day-first timestamps without offset (zone look-ups
// and the repeated October hour by order), kWh columns, 10 connection-years.
func BenchmarkReadDutchExport(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("EAN;Van;Tot;Afname (kWh);Teruglevering (kWh)\n")
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, series.Amsterdam)
	n := int(time.Date(2026, 1, 1, 0, 0, 0, 0, series.Amsterdam).Sub(start) / series.ISP)
	stamps := make([]string, n+1)
	for i := range stamps {
		stamps[i] = start.Add(time.Duration(i) * series.ISP).In(series.Amsterdam).Format("02-01-2006 15:04")
	}
	for c := range 10 {
		for i := range n {
			x := (i*7919 + c*104729) % 100000
			fmt.Fprintf(&buf, "8716871200%08d;%s;%s;%d,%03d;0\n", c, stamps[i], stamps[i+1], x/1000, x%1000)
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		conns, _, err := Read(bytes.NewReader(data), "nl.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if q := conns[0].Quality; q.PresentISPs != n || q.Duplicates != 0 {
			b.Fatalf("quality %+v", q)
		}
	}
}
