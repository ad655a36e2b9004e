package ocpp

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/charging"
	"gridflex/scenario"
	"gridflex/series"
)

// exportDay scans a site file and exports date as Export does.
func exportDay(t *testing.T, yaml string, date time.Time) (charging.DaySchedule, []File) {
	t.Helper()
	site, err := charging.ParseSite("depot.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	s := scenario.Default()
	r, err := charging.Scan(context.Background(), site, s, charging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := charging.ScheduleDay(context.Background(), site, s, charging.Options{}, r, date)
	if err != nil {
		t.Fatal(err)
	}
	cs := make([]Charger, len(ds.Chargers))
	for i, c := range ds.Chargers {
		cs[i] = Charger{ID: c.ID, KW: c.KW, MinKW: c.MinKW}
	}
	files, err := Export(ds.Day.Start, cs, ds.LimitKW)
	if err != nil {
		t.Fatal(err)
	}
	return ds, files
}

// profiles decodes the exported requests by charger id (via the manifest).
func profiles(t *testing.T, files []File) map[string]SetChargingProfileRequest {
	t.Helper()
	byName := map[string][]byte{}
	for _, f := range files {
		byName[f.Name] = f.Data
	}
	rows, err := csv.NewReader(strings.NewReader(string(byName[Manifest]))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]SetChargingProfileRequest{}
	for _, row := range rows[1:] {
		var req SetChargingProfileRequest
		if err := json.Unmarshal(byName[row[1]], &req); err != nil {
			t.Fatalf("%s: %v", row[1], err)
		}
		if _, dup := out[row[0]]; dup {
			t.Fatalf("charger %q twice in the manifest", row[0])
		}
		out[row[0]] = req
	}
	if n := len(files) - 2; n != len(out) {
		t.Fatalf("%d profile files, %d in the manifest", n, len(out))
	}
	return out
}

const dstDepot = `sector: logistics
name: dst depot
capacity_kw: 400
vehicles:
  - {name: tractor, count: 4, energy_kwh_per_day: 450, arrival: "18:00", departure: "06:00", charger_kw: 90}
  - {name: box truck, count: 3, energy_kwh_per_day: 210, arrival: "20:00", departure: "05:30", charger_kw: 44}
  - {name: weekday van, count: 2, energy_kwh_per_day: 60, arrival: "19:00", departure: "07:00", charger_kw: 11, days: [mon, tue, wed, thu, fri]}
`

// TestExportDeliversNeedOnDSTDays: on the spring (92 ISPs) and autumn (100
// ISPs) clock changes and on an ordinary day, every exported profile
// carries exactly its vehicle's need (to the whole-watt rounding of the
// limits), follows the real elapsed seconds of the day and stays within
// the grid limit. Before the fix the 96-value typical day was mapped by
// wall clock: 382.5 kWh of 450 on 2027-03-28, 517.5 on 2026-10-25.
func TestExportDeliversNeedOnDSTDays(t *testing.T) {
	need := map[string]float64{"tractor": 450, "box truck": 210, "weekday van": 60}
	for _, tc := range []struct {
		date string
		isps int
		vans bool // a weekday
	}{
		{"2027-03-28", 92, false},
		{"2026-10-25", 100, false},
		{"2026-06-03", 96, true},
		{"2027-03-29", 96, true},
	} {
		t.Run(tc.date, func(t *testing.T) {
			date, _ := time.ParseInLocation(time.DateOnly, tc.date, series.Amsterdam)
			ds, files := exportDay(t, dstDepot, date)
			if ds.Day.ISPs() != tc.isps || len(ds.LimitKW) != tc.isps {
				t.Fatalf("day %s: %d ISPs, %d limits; want %d", ds.Day, ds.Day.ISPs(), len(ds.LimitKW), tc.isps)
			}
			if len(ds.Unmet) > 0 {
				t.Errorf("unmet on %s: %+v", tc.date, ds.Unmet)
			}
			reqs := profiles(t, files)
			wantN := 7
			if tc.vans {
				wantN = 9
			}
			if len(reqs) != wantN {
				t.Fatalf("%d profiles, want %d", len(reqs), wantN)
			}
			sum := make([]float64, tc.isps)
			for id, req := range reqs {
				cs := req.ChargingProfile.ChargingSchedule[0]
				if cs.Duration != tc.isps*900 {
					t.Errorf("%s: duration %d s, want %d", id, cs.Duration, tc.isps*900)
				}
				typ := strings.SplitN(id, " #", 2)[0]
				// Whole watts: at most 0.5 W off in each ISP.
				if got := req.KWh(); math.Abs(got-need[typ]) > 0.5*float64(tc.isps)/4/1000 {
					t.Errorf("%s on %s: profile carries %.3f kWh, want %g", id, tc.date, got, need[typ])
				}
				for i := range sum {
					for _, p := range cs.ChargingSchedulePeriod {
						if p.StartPeriod <= i*900 && p.StartPeriod < (i+1)*900 {
							if next := nextStart(cs, p); next > i*900 {
								sum[i] += p.Limit / 1000 * float64(min(next, (i+1)*900)-max(p.StartPeriod, i*900)) / 900
							}
						}
					}
				}
			}
			for i, kw := range sum {
				if kw > ds.LimitKW[i]+0.01 {
					t.Errorf("ISP %d: profiles sum to %.3f kW above the grid limit %.3f", i, kw, ds.LimitKW[i])
				}
			}
		})
	}
}

func nextStart(cs ChargingSchedule, p Period) int {
	ps := cs.ChargingSchedulePeriod
	for k := range ps {
		if ps[k] == p && k+1 < len(ps) {
			return ps[k+1].StartPeriod
		}
	}
	return cs.Duration
}

// TestExportNoProfileOnDaysOff: a vehicle with days: [mon..fri] gets no
// profile on a Sunday and is named as idle.
func TestExportNoProfileOnDaysOff(t *testing.T) {
	sunday := time.Date(2026, 6, 7, 0, 0, 0, 0, series.Amsterdam)
	ds, files := exportDay(t, dstDepot, sunday)
	for id := range profiles(t, files) {
		if strings.HasPrefix(id, "weekday van") {
			t.Errorf("profile for %s on a Sunday", id)
		}
	}
	if strings.Join(ds.Idle, ",") != "weekday van #1,weekday van #2" {
		t.Errorf("idle = %v, want the two weekday vans", ds.Idle)
	}
}

// TestExportOneProfilePerCharger: charger ids that differ only after
// sanitising or in case get their own files; a repeated id is an error.
func TestExportOneProfilePerCharger(t *testing.T) {
	day := time.Date(2026, 6, 3, 0, 0, 0, 0, series.Amsterdam)
	kw := func(v float64) []float64 {
		x := make([]float64, 96)
		for i := range x {
			x[i] = v
		}
		return x
	}
	cs := []Charger{{ID: "t #1", KW: kw(1)}, {ID: "t_#1", KW: kw(2)}, {ID: "T  1", KW: kw(3)}, {ID: "chargers.csv", KW: kw(4)}}
	files, err := Export(day, cs, kw(10))
	if err != nil {
		t.Fatal(err)
	}
	reqs := profiles(t, files)
	for i, c := range cs {
		if got := reqs[c.ID].KWh(); math.Abs(got-float64(i+1)*24) > 1e-9 {
			t.Errorf("charger %q: %v kWh, want %v", c.ID, got, float64(i+1)*24)
		}
	}
	if _, err := Export(day, []Charger{cs[0], cs[0]}, kw(10)); err == nil {
		t.Error("Export(same id twice) = nil error, want one")
	}
}

// TestScanExportValidates: every file of the study depot's export (§3)
// validates against the OCPP 2.0.1 schema, each truck's profile carrying
// its 290 kWh.
func TestScanExportValidates(t *testing.T) {
	schema := loadSchema(t)
	_, files := exportDay(t, "sector: logistics\nname: depot\ncapacity_kw: 80\nvehicles:\n  - {name: truck, count: 3, energy_kwh_per_day: 290, arrival: \"19:00\", departure: \"07:00\", charger_kw: 50}\n",
		time.Date(2026, 6, 3, 0, 0, 0, 0, series.Amsterdam))
	reqs := profiles(t, files)
	if len(reqs) != 3 {
		t.Fatalf("profiles = %d, want 3", len(reqs))
	}
	for id, req := range reqs {
		data, _ := req.JSON()
		var doc any
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if errs := validate(schema, schema, doc, "$"); len(errs) > 0 {
			t.Fatalf("charger %s: %s", id, strings.Join(errs, "\n"))
		}
		if math.Abs(req.KWh()-290) > 1e-6 {
			t.Errorf("charger %s: profile carries %v kWh, want 290", id, req.KWh())
		}
	}
}
