package building

import (
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"gridflex/scenario"
)

// repoRoot walks up to go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

// The office scan on real buildings: Cambridge University Estates hourly
// gas (heating) meters of 2019 with the Met Office Bedford weather of 2019
// (../shared/data/cambridge-buildings, SOURCE.txt). The buildings heat with
// gas boilers; the test asks what a heat pump replacing the boiler could cut
// in the grid peaks. Calibration (assumptions of this test, not of the
// scan): heat = gas × 0.9 boiler efficiency; UA = annual heat ÷ heating
// degree-hours to a 15.5 °C balance point; heat-pump electric power = the
// 99th percentile of hourly heat ÷ SPF; floor area = annual heat ÷ the
// reference 55 kWh/m²; internal gains in opening hours = UA × (20 − 15.5) K,
// the gains the balance point implies. Windows are Dutch (Europe/Amsterdam); UK local time
// is one hour behind, so 07–10 here is 06–09 in Cambridge.
func TestCambridgeBuildings(t *testing.T) {
	root := filepath.Join(repoRoot(t), "..", "shared", "data", "cambridge-buildings")
	if _, err := os.Stat(filepath.Join(root, "SOURCE.txt")); err != nil {
		t.Skip("../shared not present: ", err)
	}
	if testing.Short() {
		t.Skip("a year of days per building")
	}
	s := scenario.Default()
	wf, err := os.Open(filepath.Join(root, "aux", "metoffice_bedford_weather_2019.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer wf.Close()
	w, err := ParseWeather("metoffice_bedford_weather_2019.csv", wf, "air_temperature [degC]", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(w.TempC) != 8760 {
		t.Fatalf("weather hours = %d, want 8760", len(w.TempC))
	}
	days := w.Horizons(0)
	for _, id := range []string{"b8", "b22"} {
		t.Run(id, func(t *testing.T) {
			gas := readColumn(t, filepath.Join(root, "gas", "UCam_Building_"+id+"_gas_2019.csv"))
			if len(gas) != len(w.TempC) {
				t.Fatalf("%d gas hours, %d weather hours", len(gas), len(w.TempC))
			}
			var annual, degreeHours, peakShare float64
			heat := make([]float64, len(gas))
			for h, g := range gas {
				heat[h] = 0.9 * g
				annual += heat[h]
				degreeHours += math.Max(0, 15.5-w.TempC[h])
				if hr := h % 24; hr >= 6 && hr < 9 { // Amsterdam 07–10 in UTC (winter)
					peakShare += heat[h]
				}
			}
			peakShare /= annual
			sorted := append([]float64(nil), heat...)
			sort.Float64s(sorted)
			p99 := sorted[len(sorted)*99/100]
			ua := annual / degreeHours
			hp := p99 / s.Value("offices.heating.spf")
			area := annual / s.Value("offices.compensation.heating.thermal_kwh_per_m2")
			zero := 0.0
			gains := ua * (20 - 15.5) / area * 1e3
			o, err := Resolve(Input{FloorAreaM2: area, UAKWPerK: &ua, HeatPumpKW: &hp, ChillerKW: &zero, InternalGainsWPerM2: &gains}, s)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Scan(context.Background(), o, s, days)
			if err != nil {
				t.Fatal(err)
			}
			var cutKWh, sumMorning, sumEvening float64
			full, discomfort := 0, 0
			for _, d := range r.Days {
				cutKWh += d.Morning.KWh + d.Evening.KWh
				sumMorning += d.Morning.KW
				sumEvening += d.Evening.KW
				if d.Morning.KW >= 0.9*hp {
					full++
				}
				if d.Discomfort > 0.05 {
					discomfort++
				}
			}
			n := float64(len(r.Days))
			t.Logf("%s: heat %.1f MWh/yr (%.0f m² at 55 kWh/m²), UA %.2f kW/K, heat pump %.1f kW electric; gas heat in 07–10 NL today: %.1f %%",
				id, annual/1e3, area, ua, hp, peakShare*100)
			t.Logf("%s: %d working days with heating, %d infeasible; morning cut max %.1f kW, mean %.1f kW (full cut on %d days); evening cut max %.1f kW, mean %.1f kW",
				id, len(r.Days), len(r.Infeasible), r.Heating.MorningKW, sumMorning/n, full, r.Heating.EveningKW, sumEvening/n)
			t.Logf("%s: %.1f MWh/yr moved out of the peaks; extra electricity %.2f %% (study ~1.5 %%); days with discomfort > 0.05 K: %d",
				id, cutKWh/1e3, r.Heating.ExtraEnergy*100, discomfort)
			if len(r.Days) < 100 || r.Heating.MorningKW <= 0 || discomfort > 0 {
				t.Errorf("%s: %d days, morning cut %v kW, %d days outside the band", id, len(r.Days), r.Heating.MorningKW, discomfort)
			}
		})
	}
}

func readColumn(t *testing.T, path string) []float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	if _, err := cr.Read(); err != nil {
		t.Fatal(err)
	}
	var out []float64
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, v)
	}
	return out
}
