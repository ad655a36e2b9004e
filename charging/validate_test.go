package charging

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gridflex/input"
	"gridflex/scenario"
)

// A sessions file with two columns for one field (two kwh columns, or
// charger and station_id) is refused: which one holds the sessions would
// be a guess.
func TestSessionsDuplicateColumn(t *testing.T) {
	in := "arrival,departure,kwh,charger,delivered_energy (kWh)\n" +
		"2026-01-05T08:00:00+01:00,2026-01-05T17:00:00+01:00,10,A,12\n"
	_, err := ParseSessions("s.csv", strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), `s.csv:1: column 5 "delivered_energy (kWh)": want one kwh column, got a second (first is column 3)`) {
		t.Errorf("ParseSessions(two kwh columns) = %v, want a second kwh column refused", err)
	}
}

// One charger charges one car at a time.
func TestSessionsOverlapOnOneCharger(t *testing.T) {
	in := "arrival,departure,kwh,charger\n" +
		"2026-01-05T08:00:00+01:00,2026-01-05T12:00:00+01:00,10,A\n" +
		"2026-01-05T09:00:00+01:00,2026-01-05T10:00:00+01:00,5,B\n" +
		"2026-01-05T11:00:00+01:00,2026-01-05T13:00:00+01:00,5,A\n" +
		"2026-01-05T12:00:00+01:00,2026-01-05T14:00:00+01:00,5,B\n"
	_, err := ParseSessions("s.csv", strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), `s.csv:4: column "arrival": want an arrival at charger "A" after the session of line 2 left`) ||
		strings.Contains(err.Error(), `charger "B"`) {
		t.Errorf("ParseSessions(overlap on A) = %v, want line 4 refused (and B, back to back, accepted)", err)
	}
}

// A priority charger the sessions never use would silently make no charger
// a priority one.
func TestUnknownPriorityCharger(t *testing.T) {
	in := "arrival,departure,kwh,charger\n" +
		"2026-01-05T08:00:00+01:00,2026-01-05T17:00:00+01:00,10,A\n" +
		"2026-01-05T08:00:00+01:00,2026-01-05T17:00:00+01:00,10,B\n"
	ss, err := ParseSessions("s.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	site := mustSessionsSite(t, "o.yaml", []byte("sector: offices\nname: o\ncapacity_kw: 50\npriority_chargers: [A, Z]\n"))
	_, err = Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss})
	if !errors.Is(err, ErrSite) || !strings.Contains(err.Error(), `o: priority_chargers[1]: want a charger of the sessions or vehicles, got "Z"`) {
		t.Errorf("Scan(priority charger Z) = %v, want priority_chargers[1] refused", err)
	}
	site.PriorityChargers = []string{"A"}
	if _, err := Scan(context.Background(), site, scenario.Default(), Options{Sessions: ss}); err != nil {
		t.Errorf("Scan(priority charger A) = %v", err)
	}
}

// A line over the limit (a gzip of zeros unpacks to one endless line) is
// one error naming the file, line and limit.
func TestSessionsLineLimit(t *testing.T) {
	in := "arrival,departure,kwh,charger\n" + strings.Repeat("0", input.MaxLine+1)
	_, err := ParseSessions("s.csv.gz", input.Lines(strings.NewReader(in), "s.csv.gz", input.MaxLine))
	if !errors.Is(err, input.ErrTooLarge) || !strings.HasPrefix(err.Error(), "s.csv.gz:2: a line larger than 64 KiB") {
		t.Errorf("ParseSessions(endless line) = %v, want s.csv.gz:2: a line larger than 64 KiB", err)
	}
}
