package usecase

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xuri/excelize/v2"

	"gridflex/contract"
	"gridflex/meter"
	"gridflex/scenario"
	"gridflex/series"
)

// repoFile reads a file of the repository for an in-memory fs.FS.
func repoFile(t *testing.T, path string) *fstest.MapFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return &fstest.MapFile{Data: data}
}

// fixedNow is a clock at 15 March 2026, 10:00 in Amsterdam.
func fixedNow() time.Time { return time.Date(2026, 3, 15, 10, 0, 0, 0, series.Amsterdam) }

// TestScanSectors scans a site of every sector from an in-memory file
// system: the registry picks the scan from the sector: key, and the
// contract start follows one rule for all of them (the day asked for,
// else the site's contract.start, else the first of next month).
func TestScanSectors(t *testing.T) {
	plant := repoFile(t, "../plant/testdata/plant.yaml")
	noContract := &fstest.MapFile{Data: bytes.Replace(plant.Data, []byte(`contract: {connection: "871687120000000999", start: 2027-01-01}`), nil, 1)}
	fsys := fstest.MapFS{
		"sites/depot.yaml":         repoFile(t, "../charging/testdata/study.good.yaml"),
		"sites/plant.yaml":         plant,
		"sites/plant-nostart.yaml": noContract,
		"sites/dc.yaml":            repoFile(t, "../datacenter/testdata/colocation.yaml"),
		"sites/office.yaml":        repoFile(t, "../building/testdata/reference.yaml"),
	}
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, series.Amsterdam)
	for _, tc := range []struct {
		site      string
		day       time.Time
		sector    Sector
		charging  bool
		wantStart string
	}{
		{"sites/depot.yaml", time.Time{}, Logistics, true, "2026-04-01"},
		{"sites/depot.yaml", day, Logistics, true, "2026-06-01"},
		{"sites/plant.yaml", time.Time{}, Chemistry, false, "2027-01-01"},
		{"sites/plant.yaml", day, Chemistry, false, "2026-06-01"},
		{"sites/plant-nostart.yaml", time.Time{}, Chemistry, false, "2026-04-01"},
		{"sites/dc.yaml", time.Time{}, Datacenters, false, ""},
		{"sites/office.yaml", day, Offices, false, "2026-06-01"},
	} {
		t.Run(tc.site+" "+tc.wantStart, func(t *testing.T) {
			r, err := Scan(context.Background(), ScanRequest{Scenario: scenario.Default(), Files: fsys, Site: tc.site, Day: tc.day, Now: fixedNow})
			if err != nil {
				t.Fatal(err)
			}
			if r.Sector != tc.sector || (r.Charging != nil) != tc.charging {
				t.Errorf("Scan(%s) = sector %q, charging %v; want %q, %v", tc.site, r.Sector, r.Charging != nil, tc.sector, tc.charging)
			}
			if got := r.ContractStart.Format(time.DateOnly); tc.wantStart != "" && got != tc.wantStart {
				t.Errorf("Scan(%s, day %v).ContractStart = %s, want %s", tc.site, tc.day, got, tc.wantStart)
			}
			if r.Report.Title == "" || max(r.Report.Summary.MorningMW, r.Report.Summary.EveningMW) <= 0 {
				t.Errorf("Scan(%s): report %q with summary %+v, want a title and flex in a peak", tc.site, r.Report.Title, r.Report.Summary)
			}
			if !tc.charging && (r.Report.Contract == nil || r.Report.Contract.File == "") {
				t.Errorf("Scan(%s): no recommended contract in the report", tc.site)
			}
		})
	}
}

func TestScanRefusals(t *testing.T) {
	fsys := fstest.MapFS{
		"hospital.yaml": {Data: []byte("sector: hospitals\nname: x\n")},
		"plant.yaml":    repoFile(t, "../plant/testdata/plant.yaml"),
	}
	for _, tc := range []struct {
		name string
		req  ScanRequest
		want string
	}{
		{"unknown sector lists the registry", ScanRequest{Site: "hospital.yaml"},
			`scan hospital.yaml: sector: want logistics, offices, chemistry or datacenters, got "hospitals"`},
		{"export of a plant", ScanRequest{Site: "plant.yaml", Charging: true}, ErrNotCharging.Error()},
		{"sessions for a plant", ScanRequest{Site: "plant.yaml", Sessions: "s.csv"}, ErrNotCharging.Error()},
		{"missing file", ScanRequest{Site: "nowhere.yaml"}, "scan: open nowhere.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.Files, tc.req.Scenario = fsys, scenario.Default()
			_, err := Scan(context.Background(), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Scan(%+v) = %v, want an error containing %q", tc.req, err, tc.want)
			}
		})
	}
}

// TestCancelled: a cancelled context stops every long job with its error.
func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := scenario.Default()
	if _, err := MonteCarlo(ctx, MonteCarloRequest{Scenario: s, N: 100_000, Seed: 1}); !errors.Is(err, context.Canceled) {
		t.Errorf("MonteCarlo(cancelled) = %v, want context.Canceled", err)
	}
	if _, err := Sensitivity(ctx, SensitivityRequest{Scenario: s}); !errors.Is(err, context.Canceled) {
		t.Errorf("Sensitivity(cancelled) = %v, want context.Canceled", err)
	}
	fsys := bulkFS(t)
	_, err := CheckContracts(ctx, CheckRequest{Files: fsys, Contract: "contracts", Meter: "meter.csv",
		Emit: func(contract.Summary) error { return nil }})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("CheckContracts(cancelled) = %v, want context.Canceled", err)
	}
}

const bulkContract = `connection: "%s"
base_capacity_kw: 500
term: {start: 2026-01-01, end: indefinite}
limits:
  - form: time-block
    days: working
    from: "16:00"
    to: "21:00"
    max_kw: 300
compensation: {fixed_eur_per_kw_year: 20}
sanctions: {yellow_cards: [3, 1], penalty_eur_per_kw: 50}
`

// bulkFS holds a directory of two contracts and one meter file with
// three connections: two with a contract, one without; the load is a
// flat 350 kW, over the 300 kW limit in the evening.
func bulkFS(t *testing.T) fstest.MapFS {
	t.Helper()
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, series.Amsterdam).UTC()
	load := func() series.Series {
		s := series.Series{Start: start, KW: make([]float32, 7*96)}
		for i := range s.KW {
			s.KW[i] = 350
		}
		return s
	}
	var b bytes.Buffer
	if err := meter.WriteCanonical(&b, []meter.Connection{
		{EAN: "871687120000000001", Offtake: load()},
		{EAN: "871687120000000002", Offtake: load()},
		{EAN: "871687120000000003", Offtake: load()},
	}); err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		"contracts/a.yaml": {Data: []byte(strings.Replace(bulkContract, "%s", "871687120000000001", 1))},
		"contracts/b.yaml": {Data: []byte(strings.Replace(bulkContract, "%s", "871687120000000002", 1))},
		"meter.csv":        {Data: b.Bytes()},
	}
}

// TestCheckContractsBulk checks a directory of contracts from an
// in-memory file system: one row per connection in the order read, the
// statuses typed.
func TestCheckContractsBulk(t *testing.T) {
	var rows []contract.Summary
	res, err := CheckContracts(context.Background(), CheckRequest{Files: bulkFS(t), Contract: "contracts", Meter: "meter.csv",
		Emit: func(s contract.Summary) error { rows = append(rows, s); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	if res.One != nil {
		t.Errorf("CheckContracts(directory) = one contract's result, want a bulk check")
	}
	want := []contract.Status{contract.Checked, contract.Checked, contract.NoContract}
	if len(rows) != len(want) {
		t.Fatalf("CheckContracts: %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, r := range rows {
		if r.Status != want[i] {
			t.Errorf("row %d (%s): status %q, want %q", i, r.Connection, r.Status, want[i])
		}
		if r.Status == contract.Checked && r.Violations == 0 {
			t.Errorf("row %d (%s): no violations of the 300 kW evening limit by 350 kW", i, r.Connection)
		}
	}
	// Without Emit, a bulk check is refused rather than returning nothing.
	if _, err := CheckContracts(context.Background(), CheckRequest{Files: bulkFS(t), Contract: "contracts", Meter: "meter.csv"}); !errors.Is(err, ErrBulk) {
		t.Errorf("CheckContracts(directory, no Emit) = %v, want ErrBulk", err)
	}
}

// TestCheckOneContract checks one contract against one meter file in
// full: a single-column meter file is named after the contract.
func TestCheckOneContract(t *testing.T) {
	fsys := bulkFS(t)
	res, err := CheckContracts(context.Background(), CheckRequest{Files: fsys, Contract: "contracts/b.yaml", Meter: "meter.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if res.One == nil || res.One.Result.ID != "871687120000000002" || len(res.One.Result.Violations) == 0 {
		t.Fatalf("CheckContracts(b.yaml) = %+v, want the full result of 871687120000000002 with violations", res.One)
	}
}

// TestCheckContractsBadFile: a contract file in a directory that does not
// parse is a row with status error, and the other contracts are checked.
func TestCheckContractsBadFile(t *testing.T) {
	fsys := bulkFS(t)
	fsys["contracts/c.yaml"] = &fstest.MapFile{Data: []byte("connection: [\n")}
	var rows []contract.Summary
	_, err := CheckContracts(context.Background(), CheckRequest{Files: fsys, Contract: "contracts", Meter: "meter.csv",
		Emit: func(s contract.Summary) error { rows = append(rows, s); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	var checked, failed int
	for _, r := range rows {
		switch r.Status {
		case contract.Checked:
			checked++
		case contract.Failed:
			failed++
			if r.Connection != "contracts/c.yaml" || r.Note == "" {
				t.Errorf("error row %+v: want the file and its message", r)
			}
		}
	}
	if checked != 2 || failed != 1 {
		t.Errorf("CheckContracts with one bad file: %d checked, %d errors; want 2 and 1: %+v", checked, failed, rows)
	}
}

// TestReadMeterDetectsXLSX: a workbook is told by its zip signature when
// its name has no .xlsx extension, and read by meter/xlsx.
func TestReadMeterDetectsXLSX(t *testing.T) {
	x := excelize.NewFile()
	for r, row := range [][]any{{"ean", "interval_start", "offtake_kwh"}, {"A", "2026-01-01T00:00:00+01:00", 1.0}} {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"data.bin": {Data: buf.Bytes()}}
	rep, err := InspectMeter(context.Background(), MeterRequest{Files: fsys, Meter: "data.bin"})
	if err != nil || rep.Format.Kind != "xlsx" || len(rep.Connections) != 1 {
		t.Errorf("InspectMeter(workbook without extension) = %+v, %v; want one connection read as xlsx", rep.Format, err)
	}
	if _, err := InspectMeter(context.Background(), MeterRequest{Files: fsys, Meter: "absent.csv"}); err == nil {
		t.Errorf("InspectMeter(absent) = nil error")
	}
}

// TestScanOfficeCancelled: the building optimiser stops between days when
// the context is cancelled.
func TestScanOfficeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	fsys := fstest.MapFS{"office.yaml": repoFile(t, "../building/testdata/reference.yaml")}
	cancel()
	_, err := Scan(ctx, ScanRequest{Scenario: scenario.Default(), Files: fsys, Site: "office.yaml", Now: fixedNow})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Scan(office, cancelled) = %v, want context.Canceled", err)
	}
}
