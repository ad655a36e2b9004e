package server

import (
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"gridflex/series"
)

const rfc3339 = time.RFC3339

// maxMeterPeriod bounds one read-back: a leap year and a day, 35,232 ISPs
// per channel, some 0.6 MB of JSON.
const maxMeterPeriod = 367 * 24 * time.Hour

// MeterData is a connection's readings over a period, one value per ISP
// (kW, mean power), null where missing.
type MeterData struct {
	EAN               string     `json:"ean"`
	From              time.Time  `json:"from"`
	To                time.Time  `json:"to"`
	ResolutionMinutes int        `json:"resolution_minutes"`
	ISPs              int        `json:"isps"`
	MissingISPs       int        `json:"missing_isps"`
	OfftakeKW         []*float64 `json:"offtake_kw"`
	FeedinKW          []*float64 `json:"feedin_kw"`      // empty: no feed-in channel stored
	EstimatedISPs     []int      `json:"estimated_isps"` // indices of estimated readings
}

// period reads ?from=&to= (RFC 3339, ISP-aligned, at most maxMeterPeriod).
func period(r *http.Request) (from, to time.Time, err error) {
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		v := q.Get(p.name)
		if v == "" {
			return from, to, fmt.Errorf("query %s: missing: want an RFC 3339 instant such as 2026-07-01T00:00:00+02:00", p.name)
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return from, to, fmt.Errorf("query %s %q: want an RFC 3339 instant such as 2026-07-01T00:00:00+02:00", p.name, v)
		}
		if t.Truncate(series.ISP) != t {
			return from, to, fmt.Errorf("query %s %q: not on a quarter hour", p.name, v)
		}
		*p.t = t.UTC()
	}
	if !from.Before(to) {
		return from, to, fmt.Errorf("query from %s is not before to %s", from.Format(rfc3339), to.Format(rfc3339))
	}
	if to.Sub(from) > maxMeterPeriod {
		return from, to, fmt.Errorf("period %s–%s longer than %d days: read it in parts", from.Format(rfc3339), to.Format(rfc3339), int(maxMeterPeriod.Hours()/24))
	}
	return from, to, nil
}

func kwOrNull(v float32) *float64 {
	if v != v {
		return nil
	}
	f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(v), 'g', -1, 32), 64)
	return &f
}

// readMeter answers ?format=json (default) or csv.
func (s *Server) readMeter(w http.ResponseWriter, r *http.Request, c *caller) {
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "csv" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("query format %q: want json or csv", format))
		return
	}
	from, to, err := period(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, err := s.store.ReadMeter(r.Context(), c.scope(), r.PathValue("ean"), from, to)
	if err != nil {
		s.writeStoreError(w, r, err)
		return
	}
	if format == "csv" {
		writeMeterCSV(w, m.EAN, m.Offtake, m.Feedin, m.Estimated)
		return
	}
	d := MeterData{EAN: m.EAN, From: from, To: to, ResolutionMinutes: int(series.ISP / time.Minute), ISPs: m.Offtake.Len(),
		MissingISPs: m.Offtake.MissingCount(), OfftakeKW: make([]*float64, m.Offtake.Len()), FeedinKW: make([]*float64, m.Feedin.Len()),
		EstimatedISPs: []int{}}
	for i, v := range m.Offtake.KW {
		d.OfftakeKW[i] = kwOrNull(v)
	}
	for i, v := range m.Feedin.KW {
		d.FeedinKW[i] = kwOrNull(v)
	}
	for i, e := range m.Estimated {
		if e {
			d.EstimatedISPs = append(d.EstimatedISPs, i)
		}
	}
	writeJSON(w, http.StatusOK, d)
}

// writeMeterCSV writes one row per ISP: start and end in UTC, kW, empty
// where missing.
func writeMeterCSV(w http.ResponseWriter, ean string, off, feed series.Series, est []bool) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", ean+".csv"))
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"ean", "interval_start", "interval_end", "offtake_kw", "feedin_kw", "estimated"})
	cell := func(s series.Series, i int) string {
		if i >= s.Len() || math.IsNaN(float64(s.KW[i])) {
			return ""
		}
		return strconv.FormatFloat(float64(s.KW[i]), 'g', -1, 32)
	}
	for i := range off.Len() {
		e := i < len(est) && est[i]
		if err := cw.Write([]string{ean, off.At(i).Format(rfc3339), off.At(i + 1).Format(rfc3339), cell(off, i), cell(feed, i), strconv.FormatBool(e)}); err != nil {
			return // the client went away
		}
	}
	cw.Flush()
}
