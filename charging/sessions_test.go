package charging

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"gridflex/scenario"
)

func TestParseSessions(t *testing.T) {
	in := "arrival,departure,requested_energy (kWh),delivered_energy (kWh),station_id,session_id\n" +
		"2019-05-01 05:04:06-07:00,2019-05-01 17:56:21-07:00,44.85,44.875,AG-1F11,x\n" +
		"2019-05-01T08:00:00+02:00,2019-05-01T17:00:00+02:00,1,10.5,A,y\n"
	ss, err := ParseSessions("s.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].KWh != 44.875 || ss[0].Charger != "AG-1F11" || ss[1].Arrival.Hour() != 8 {
		t.Fatalf("ParseSessions = %+v", ss)
	}
	if _, off := ss[0].Arrival.Zone(); off != -7*3600 {
		t.Errorf("offset = %d, want the file's −07:00 kept", off)
	}
}

func TestParseSessionsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"header", "a,b\n1,2\n", []string{"s.csv:1: header: want columns arrival, departure, kwh, charger"}},
		{"all rows", "arrival,departure,kwh,charger\n" +
			"2019-05-01 08:00:00,2019-05-01 09:00:00-07:00,1,A\n" +
			"2019-05-01 08:00:00-07:00,2019-05-01 07:00:00-07:00,1,A\n" +
			"2019-05-01 08:00:00-07:00,2019-05-01 09:00:00-07:00,-1,\n",
			[]string{"s.csv:2: column \"arrival\": want a timestamp with UTC offset", "s.csv:3: column \"departure\": want after the arrival",
				"s.csv:4: column \"kwh\"", "s.csv:4: column \"charger\""}},
		{"empty", "", []string{"empty sessions file"}},
		{"no rows", "arrival,departure,kwh,charger\n", []string{"no sessions"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSessions("s.csv", strings.NewReader(tc.in))
			if err == nil {
				t.Fatalf("ParseSessions(%s) = nil error", tc.name)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("ParseSessions(%s) = %v, want it to contain %q", tc.name, err, w)
				}
			}
		})
	}
}

func FuzzParseSessions(f *testing.F) {
	f.Add("arrival,departure,kwh,charger\n2019-05-01 05:04:06-07:00,2019-05-01 17:56:21-07:00,44.8,AG-1F11\n")
	f.Add("arrival,departure,delivered_energy (kWh),station_id,charger_kw\n2019-05-01T08:00:00Z,2019-05-02T08:00:00Z,1e3,\"a,b\",7\n")
	f.Add("arrival,departure,kwh,charger\n\"unterminated\n")
	f.Fuzz(func(t *testing.T, in string) {
		ss, err := ParseSessions("f.csv", strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range ss {
			if !s.Departure.After(s.Arrival) || !(s.KWh >= 0) || s.Charger == "" {
				t.Fatalf("accepted an invalid session %+v", s)
			}
		}
	})
}

// Office §1.4 on three sessions at 3.7 kW: 08–17 with 10 kWh fits in
// 10–16 (22.2 kWh); 08–11 with 8 kWh does not (3.7 kWh); 13–18 with 5 kWh
// does (11.1 kWh). One priority charger of three (share 0.34) goes where it
// rescues a session: all three are served.
func TestOfficeSessions(t *testing.T) {
	tz := time.FixedZone("", 2*3600)
	ss := []Session{
		{Arrival: time.Date(2026, 6, 1, 8, 0, 0, 0, tz), Departure: time.Date(2026, 6, 1, 17, 0, 0, 0, tz), KWh: 10, Charger: "A"},
		{Arrival: time.Date(2026, 6, 1, 8, 0, 0, 0, tz), Departure: time.Date(2026, 6, 1, 11, 0, 0, 0, tz), KWh: 8, Charger: "B"},
		{Arrival: time.Date(2026, 6, 1, 13, 0, 0, 0, tz), Departure: time.Date(2026, 6, 1, 18, 0, 0, 0, tz), KWh: 5, Charger: "C"},
	}
	site := mustSessionsSite(t, "o.yaml", []byte("sector: offices\nname: o\ncapacity_kw: 50\npriority_share: 0.34\nsessions: {}\n"))
	r, err := Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss})
	if err != nil {
		t.Fatal(err)
	}
	o := r.Office
	if o == nil || o.Sessions != 3 || o.FullyServed != 3 || !near(o.ServedShareNoPri, 2.0/3, 1e-9) || len(o.PriorityChargers) != 1 || o.PriorityChargers[0] != "B" {
		t.Fatalf("Office = %+v, want 3 of 3 served with priority charger B, 2/3 without", o)
	}
	// Today all three charge on arrival at 3.7 kW: 08–10 has A and B.
	if !near(o.MorningFlexMax, 3.7, 1e-9) {
		t.Errorf("MorningFlexMax = %v, want 3.7 (A; B is priority)", o.MorningFlexMax)
	}
	// Without priority chargers B is listed as unmet, with the reason.
	site.PriorityShare = new(float64)
	r, err = Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range r.Unmet {
		if strings.HasPrefix(u.Case, CaseOffice) && strings.Contains(u.Vehicle, "B") && near(u.ShortKWh, 8-3.7, 1e-9) {
			found = true
		}
	}
	if !found {
		t.Errorf("Unmet = %+v, want session on B short 4.3 kWh in the office window", r.Unmet)
	}
}

// §3 rule: the flexed share of the charging hours is at most 1. Short
// sessions spread over both peaks charge in more peak quarter-hours than
// any one session stays, so the raw flex hours exceed the charging hours;
// the compensation must not fall below cost share × price.
func TestSessionsFlexShareCapped(t *testing.T) {
	tz := time.FixedZone("", 1*3600)
	var ss []Session
	for i, h := range []int{7, 8, 9, 16, 17, 18, 19, 20} {
		ss = append(ss, Session{Arrival: time.Date(2026, 3, 2, h, 0, 0, 0, tz), Departure: time.Date(2026, 3, 2, h+1, 0, 0, 0, tz),
			KWh: 5, Charger: string(rune('A' + i))})
	}
	site := mustSessionsSite(t, "l.yaml", []byte("sector: logistics\nname: l\ncapacity_kw: 100\nsessions: {charger_kw: 11}\n"))
	s := scenario.Default()
	r, err := Scan(context.Background(), site, s, Options{Sessions: ss})
	if err != nil {
		t.Fatal(err)
	}
	if r.FlexHours > r.ChargingHours+1e-9 {
		t.Errorf("Scan(spread sessions).FlexHours = %v, want ≤ ChargingHours %v", r.FlexHours, r.ChargingHours)
	}
	if want := s.Value(keyPrice) * s.Value(keyCostShare); r.CompensationEURPerMWh < want-1e-9 {
		t.Errorf("Scan(spread sessions).CompensationEURPerMWh = %v, want ≥ %v (share capped at 1)", r.CompensationEURPerMWh, want)
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "capped at 1") }) {
		t.Errorf("Scan(spread sessions).Notes = %q, want a note on the capped share", r.Notes)
	}
}

// TestOfficeShortStayServedInRealMinutes: a session without a whole clock
// quarter-hour inside it (15:01:30–15:25:28, 2.06 kWh at 6.6 kW) charges
// its need in its real 23 minutes inside the 10–16 window; it was counted
// as not served (issue 9 item 6). The grid-aware schedule charges it too.
func TestOfficeShortStayServedInRealMinutes(t *testing.T) {
	tz := time.FixedZone("", 2*3600)
	ss := []Session{
		{Arrival: time.Date(2026, 6, 1, 15, 1, 30, 0, tz), Departure: time.Date(2026, 6, 1, 15, 25, 28, 0, tz), KWh: 2.06, Charger: "A", ChargerKW: 6.6},
		{Arrival: time.Date(2026, 6, 1, 15, 1, 30, 0, tz), Departure: time.Date(2026, 6, 1, 15, 25, 28, 0, tz), KWh: 2.6, Charger: "B", ChargerKW: 6.6},
	}
	site := mustSessionsSite(t, "o.yaml", []byte("sector: offices\nname: o\ncapacity_kw: 50\npriority_share: 0\nsessions: {}\n"))
	r, err := Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss})
	if err != nil {
		t.Fatal(err)
	}
	if o := r.Office; o == nil || o.Sessions != 2 || o.FullyServed != 1 {
		t.Fatalf("Office = %+v, want 1 of 2 served (2.06 kWh fits 6.6 kW × 23 min = 2.53 kWh, 2.6 does not)", r.Office)
	}
	for _, u := range r.Unmet {
		if strings.Contains(u.Vehicle, "(A,") {
			t.Errorf("unmet %+v: session A charges 2.06 of 2.53 possible kWh", u)
		}
		if strings.Contains(u.Vehicle, "(B,") && u.Case == CaseToday && !near(u.ShortKWh, 2.6-6.6*23/60, 1e-9) {
			t.Errorf("unmet %+v: want B short 2.6 − 6.6 kW × 23 min today", u)
		}
	}
	var got float64
	for _, c := range r.Chargers {
		if c.ID == "A" {
			for _, kw := range c.KW {
				got += kw / 4
			}
			// 15:02–15:15 and 15:15–15:25: 13 and 10 minutes at 6.6 kW.
			if c.KW[60] > 6.6*13/15+1e-9 || c.KW[61] > 6.6*10/15+1e-9 {
				t.Errorf("charger A at 15:00, 15:15 = %v, %v kW; want ≤ 5.72, 4.4 (its minutes)", c.KW[60], c.KW[61])
			}
		}
	}
	if !near(got, 2.06, 1e-3) {
		t.Errorf("charger A schedule = %v kWh, want 2.06", got)
	}
}
