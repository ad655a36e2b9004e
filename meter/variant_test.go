package meter

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

// variant is one way an exporter may write the same readings.
type variant struct {
	sep     byte
	decimal byte
	local   bool // wall clock without offset
	kw      bool // kW columns instead of kWh
	wide    bool
	bom     bool
	crlf    bool
}

func (v variant) String() string {
	return fmt.Sprintf("sep=%q dec=%q local=%v kW=%v wide=%v bom=%v crlf=%v", v.sep, v.decimal, v.local, v.kw, v.wide, v.bom, v.crlf)
}

// render writes conns (same start and length) in variant v.
func render(conns []Connection, v variant) string {
	var b strings.Builder
	nl := "\n"
	if v.crlf {
		nl = "\r\n"
	}
	if v.bom {
		b.WriteString("\ufeff")
	}
	unit := "kwh"
	if v.kw {
		unit = "kw"
	}
	sep := string(v.sep)
	stamp := func(t time.Time) string {
		if v.local {
			return t.In(series.Amsterdam).Format("2006-01-02 15:04")
		}
		return t.In(series.Amsterdam).Format(time.RFC3339)
	}
	num := func(kw float32) string {
		if kw != kw {
			return ""
		}
		x := float64(kw)
		if !v.kw {
			x /= series.ISPsPerHour
		}
		s := strconv.FormatFloat(x, 'f', -1, 64)
		if v.decimal == ',' {
			s = strings.Replace(s, ".", ",", 1)
			if v.sep == ',' {
				s = `"` + s + `"`
			}
		}
		return s
	}
	s0 := conns[0].Offtake
	if v.wide {
		b.WriteString("datetime")
		for _, c := range conns {
			b.WriteString(sep + c.EAN + "_" + unit)
		}
		b.WriteString(nl)
		for i := range s0.KW {
			b.WriteString(stamp(s0.At(i)))
			for _, c := range conns {
				b.WriteString(sep + num(c.Offtake.KW[i]))
			}
			b.WriteString(nl)
		}
		return b.String()
	}
	b.WriteString("ean" + sep + "interval_start" + sep + "offtake_" + unit + nl)
	for _, c := range conns {
		for i := range c.Offtake.KW {
			b.WriteString(c.EAN + sep + stamp(c.Offtake.At(i)) + sep + num(c.Offtake.KW[i]) + nl)
		}
	}
	return b.String()
}

// Property: every variant of the same readings imports to the same
// series (to float32 precision), across the autumn DST change.
func TestVariantsAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	start := time.Date(2024, 10, 26, 20, 0, 0, 0, series.Amsterdam).UTC()
	for trial := range 64 {
		v := variant{sep: ";,\t"[r.IntN(3)], decimal: ".,"[r.IntN(2)], local: r.IntN(2) == 0, kw: r.IntN(2) == 0,
			wide: r.IntN(2) == 0, bom: r.IntN(2) == 0, crlf: r.IntN(2) == 0}
		n := 40 + r.IntN(60)
		var conns []Connection
		for k := range 1 + r.IntN(3) {
			c := Connection{EAN: fmt.Sprintf("87168712000000%04d", k), Offtake: series.New(start, n)}
			for i := range c.Offtake.KW {
				if r.IntN(12) > 0 || i == 0 || i == n-1 {
					c.Offtake.KW[i] = float32(math.Round(r.Float64()*4e5)) / 100 // 0–4000 kW, 0.01 kW steps
				}
			}
			conns = append(conns, c)
		}
		if v.decimal == ',' {
			conns[0].Offtake.KW[0] = 0.5 // at least one decimal mark, seen first
		}
		text := render(conns, v)
		got, rep, err := Read(strings.NewReader(text), "v.csv", Options{Decimal: 0})
		if err != nil {
			t.Fatalf("trial %d (%s): %v", trial, v, err)
		}
		if len(got) != len(conns) {
			t.Fatalf("trial %d (%s): %d connections, want %d", trial, v, len(got), len(conns))
		}
		for k, c := range conns {
			g := got[k]
			wantEAN := c.EAN
			if v.wide && len(conns) == 1 {
				wantEAN = "v" // a single value column is named after the file
			}
			if g.EAN != wantEAN || !g.Offtake.Start.Equal(c.Offtake.Start) || g.Offtake.Len() != n {
				t.Fatalf("trial %d (%s): connection %s from %s × %d, want %s from %s × %d", trial, v, g.EAN, g.Offtake.Start, g.Offtake.Len(), wantEAN, start, n)
			}
			for i, want := range c.Offtake.KW {
				have := g.Offtake.KW[i]
				if (want != want) != (have != have) || math.Abs(float64(have-want)) > 1e-6*math.Max(1, float64(want)) {
					t.Fatalf("trial %d (%s): %s ISP %d = %v, want %v", trial, v, c.EAN, i, have, want)
				}
			}
			if q := g.Quality; q.Duplicates != 0 || len(q.DST) != 1 || q.DST[0].ISPs != 100 {
				t.Errorf("trial %d (%s): duplicates %d, DST %+v", trial, v, q.Duplicates, q.DST)
			}
		}
		if rep.Format.BOM != v.bom || rep.Format.Separator != map[byte]string{';': ";", ',': ",", '\t': "tab"}[v.sep] {
			t.Errorf("trial %d (%s): format %+v", trial, v, rep.Format)
		}
	}
}
