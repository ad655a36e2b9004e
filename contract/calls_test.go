package contract

import (
	"math"
	"strings"
	"testing"
	"time"

	"gridflex/series"
)

const onCall = `
connection: "1"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: on-call, flex_kw: 200}
baseline: {method: mean, days: 10}
compensation: {variable_eur_per_mwh: 100, activation_eur: 250}
sanctions: {yellow_cards: [], penalty_eur_per_kw: 10}
`

// callLoad is March 2026 at 100 kW, with 17:00–19:00 on each working day at
// 200 + day-of-month kW, so each baseline day is recognisable.
func callLoad() series.Series {
	s := flat(2026, 3, 1, 31, 100)
	for d := 1; d <= 31; d++ {
		if wd := (Date{2026, 3, d}).Weekday(); wd != time.Saturday && wd != time.Sunday {
			set(s, 2026, 3, d, 17, 0, 8, float32(200+d))
		}
	}
	set(s, 2026, 3, 30, 17, 0, 8, 150) // the call day: 150 kW
	return s
}

func mustCalls(t *testing.T, name, src string) []Call {
	t.Helper()
	calls, err := ParseCalls(name, []byte(src))
	if err != nil {
		t.Fatalf("ParseCalls:\n%v", err)
	}
	return calls
}

// Worked examples of baseline.md.
func TestOnCallBaselines(t *testing.T) {
	const call = "day,from,to,max_kw,announced\n2026-03-30,17:00,19:00,160,2026-03-29 12:00\n"
	for _, tc := range []struct {
		name      string
		baseline  string
		calls     string
		wantKWh   float64 // baseline energy over the 2-h window
		wantDays  string
		wantNotes string
	}{
		{
			name:     "mean of the previous 10 working days",
			baseline: "{method: mean, days: 10}",
			calls:    call,
			// days 16–20 and 23–27: mean 221.5 kW × 2 h
			wantKWh:  443,
			wantDays: "2026-03-16 … 2026-03-27",
		},
		{
			name:     "high 5 of 10",
			baseline: "{method: high, days: 10, top: 5}",
			calls:    call,
			// days 23–27: mean 225 kW × 2 h
			wantKWh:  450,
			wantDays: "2026-03-23 … 2026-03-27",
		},
		{
			name:     "a day with a call is excluded even if the call did not bind",
			baseline: "{method: mean, days: 10}",
			calls:    call + "2026-03-27,17:00,19:00,160,2026-03-27 08:00\n",
			// days 13, 16–20, 23–26: mean 220.1 kW × 2 h
			wantKWh:  440.2,
			wantDays: "2026-03-13 … 2026-03-26",
		},
		{
			name:      "too few comparable days",
			baseline:  "{method: mean, days: 10, lookback_days: 10}",
			calls:     call,
			wantNotes: "baseline: 6 of 10 comparable days",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustParse(t, strings.Replace(onCall, "{method: mean, days: 10}", tc.baseline, 1))
			r, err := Evaluate(c, Input{Offtake: callLoad(), Calls: mustCalls(t, "calls.csv", tc.calls)})
			if err != nil {
				t.Fatal(err)
			}
			var cr *CallResult
			for i := range r.Calls {
				if r.Calls[i].Call.Day == (Date{2026, 3, 30}) {
					cr = &r.Calls[i]
				}
			}
			if cr == nil || !cr.Binding {
				t.Fatalf("calls = %+v, want the 2026-03-30 call binding", r.Calls)
			}
			if tc.wantNotes != "" {
				if cr.Measured || !strings.Contains(cr.Note, tc.wantNotes) {
					t.Errorf("note = %q measured %v, want %q unmeasured", cr.Note, cr.Measured, tc.wantNotes)
				}
				return
			}
			days := cr.BaselineDays[0].String() + " … " + cr.BaselineDays[len(cr.BaselineDays)-1].String()
			if !near(cr.BaselineKWh, tc.wantKWh) || days != tc.wantDays || !near(cr.LoadKWh, 300) {
				t.Errorf("baseline %g kWh over %s, load %g, want %g over %s, 300", cr.BaselineKWh, days, cr.LoadKWh, tc.wantKWh, tc.wantDays)
			}
			if !near(cr.DeliveredKWh, tc.wantKWh-300) {
				t.Errorf("delivered = %g, want %g", cr.DeliveredKWh, tc.wantKWh-300)
			}
			// €100/MWh on the delivered energy plus €250 for the activation.
			if want := 100*(tc.wantKWh-300)/1000 + 250; !near(r.CompensationEUR, want) {
				t.Errorf("compensation = %g, want %g", r.CompensationEUR, want)
			}
		})
	}
}

func TestOnCallLateAndLimit(t *testing.T) {
	c := mustParse(t, onCall)
	calls := mustCalls(t, "calls.yaml", `
calls:
  - {day: 2026-03-30, from: "17:00", to: "19:00", max_kw: 140, announced: "2026-03-29T18:00:00+02:00"}
  - {day: 2026-03-31, from: "17:00", to: "18:00", max_kw: 100, announced: "2026-03-31 09:00"}
`)
	r, err := Evaluate(c, Input{Offtake: callLoad(), Calls: calls})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Calls[0].Binding || r.Calls[1].Binding || !strings.Contains(r.Calls[1].Reason, "announced too late") {
		t.Fatalf("calls = %+v, want the first binding, the second late", r.Calls)
	}
	// The binding call limits 17:00–19:00 to 140 kW; the load is 150.
	checkViolations(t, r.Violations, []wantViolation{{local(2026, 3, 30, 17, 0), local(2026, 3, 30, 19, 0), 10, 20, "penalty"}})
}

func TestVolumeCallShortfall(t *testing.T) {
	c := mustParse(t, onCall)
	calls := mustCalls(t, "calls.csv", "day;from;to;volume_kwh;announced\n2026-03-30;17:00;19:00;200;2026-03-29 12:00\n")
	r, err := Evaluate(c, Input{Offtake: callLoad(), Calls: calls})
	if err != nil {
		t.Fatal(err)
	}
	// Delivered 443 − 300 = 143 kWh of 200: a shortfall of 57 kWh over 2 h.
	if len(r.Violations) != 1 || !r.Violations[0].Volume || !near(r.Violations[0].ExcessKWh, 57) || !near(r.Violations[0].MaxExcessKW, 28.5) {
		t.Errorf("violations = %+v, want one volume shortfall of 57 kWh", r.Violations)
	}
}

func TestTDTR(t *testing.T) {
	c := mustParse(t, `
connection: "1"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - {form: tdtr, firm_share: 0.999, limited_kw: 100}
`)
	// Budget: (1 − 0.999) × 8760 h = 8.76 h in 2026.
	calls := mustCalls(t, "calls.csv", `day,from,to,announced
2026-03-10,16:00,20:00,2026-03-09 15:00
2026-03-11,16:00,20:00,2026-03-10 18:00
2026-03-12,16:00,20:00,2026-03-11 12:00
2026-03-13,16:00,20:00,2026-03-12 12:00
`)
	r, err := Evaluate(c, Input{Offtake: flat(2026, 3, 1, 31, 90), Calls: calls})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, cr := range r.Calls {
		if cr.Binding {
			got = append(got, "binding")
		} else {
			got = append(got, cr.Reason[:strings.Index(cr.Reason, " ")])
		}
	}
	if strings.Join(got, ",") != "binding,announced,binding,over" {
		t.Errorf("calls = %v, want binding, announced too late (22 h < 24 h), binding, over the budget", got)
	}
	if !near(r.TDTRLimitedHours[0], 8) {
		t.Errorf("limited hours = %g, want 8", r.TDTRLimitedHours[0])
	}
	if math.Abs(r.FreedKWh-2*4*400) > 1e-6 {
		t.Errorf("freed = %g kWh, want 3200 (two 4-h limitations of 400 kW)", r.FreedKWh)
	}
}

// Baseline ISPs are found by wall-clock time; on DST days a missing wall
// time reads the hour after, a repeated one its second occurrence.
func TestValuesOnDST(t *testing.T) {
	for _, tc := range []struct {
		name string
		day  Date
		want float64 // ISP index, as the value
	}{
		{"ordinary day 02:00", Date{2026, 3, 28}, 8},
		{"spring forward: 02:00 does not exist, 03:00 is ISP 8", Date{2026, 3, 29}, 8},
		{"fall back: second 02:00 (CET) is ISP 12", Date{2026, 10, 25}, 12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := flat(tc.day.Year, tc.day.Month, tc.day.Day, 1, 0)
			for i := range s.KW {
				s.KW[i] = float32(i)
			}
			got, ok := valuesOn(s, tc.day, []int{0}, []int{120}, nil)
			if !ok || got[0] != tc.want {
				t.Errorf("valuesOn(%s, 02:00) = %v %v, want %g", tc.day, got, ok, tc.want)
			}
		})
	}
}

func TestFeedin(t *testing.T) {
	c := mustParse(t, `
connection: "1"
base_capacity_kw: 500
feedin_capacity_kw: 200
term: {start: 2026-01-01}
limits:
  - {form: time-block, days: all, from: "11:00", to: "15:00", max_kw: 500, feedin_max_kw: 100}
`)
	off := flat(2026, 6, 1, 1, 10)
	feed := flat(2026, 6, 1, 1, 0)
	set(feed, 2026, 6, 1, 10, 0, 8, 150) // 10:00–12:00: fine until 11:00, then 50 over
	set(feed, 2026, 6, 1, 16, 0, 1, 230) // 30 over the feed-in GTV
	r, err := Evaluate(c, Input{Offtake: off, Feedin: feed})
	if err != nil {
		t.Fatal(err)
	}
	checkViolations(t, r.Violations, []wantViolation{
		{local(2026, 6, 1, 11, 0), local(2026, 6, 1, 12, 0), 50, 50, "yellow card"},
		{local(2026, 6, 1, 16, 0), local(2026, 6, 1, 16, 15), 30, 7.5, "none"},
	})
	for _, v := range r.Violations {
		if v.Direction != Feedin {
			t.Errorf("direction = %s, want feedin", v.Direction)
		}
	}
	if _, err := Evaluate(c, Input{Offtake: off, Feedin: flat(2026, 6, 2, 1, 0)}); err == nil {
		t.Error("Evaluate with misaligned feed-in = nil error, want ErrMisaligned")
	}
}

// Issue 9 item 7: a call in the hour the clocks skip (29 March 2026,
// 02:00–03:00) was accepted as binding and paid its activation fee; it is
// refused with its line and the reason.
func TestCallInSkippedHourRefused(t *testing.T) {
	for _, tc := range []struct{ name, row, want string }{
		{"from in the gap", "2026-03-29,02:15,04:00,100,2026-03-27 12:00", "c.csv:2: column 2 (from): 02:15 does not exist on 2026-03-29"},
		{"to in the gap", "2026-03-29,01:00,02:30,100,2026-03-27 12:00", "c.csv:2: column 3 (to): 02:30 does not exist on 2026-03-29"},
		{"wraps into the gap", "2026-03-28,23:00,02:45,100,2026-03-27 12:00", "02:45 does not exist on 2026-03-29"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCalls("c.csv", []byte("day,from,to,max_kw,announced\n"+tc.row+"\n"))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseCalls = %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// The hour exists on other days, and 03:00 exists on the spring day.
	for _, row := range []string{"2026-03-30,02:15,04:00,100,2026-03-27 12:00", "2026-03-29,03:00,04:00,100,2026-03-27 12:00",
		"2026-10-25,02:15,02:45,100,2026-10-23 12:00"} {
		if _, err := ParseCalls("c.csv", []byte("day,from,to,max_kw,announced\n"+row+"\n")); err != nil {
			t.Errorf("ParseCalls(%s) = %v, want it accepted", row, err)
		}
	}
}
