package building

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"gridflex/charging"
	"gridflex/scenario"
)

// §1.7: the 60,000 m² campus with a 1 MW heat pump on aquifer storage and a
// 1.5 MW charging plaza reaches ≈ 2.5 MW of flex in the largest peak with
// comfort kept: HVAC off (1 MW) plus the plaza off except priority chargers.
func TestCampusGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/campus.yaml")
	if err != nil {
		t.Fatal(err)
	}
	site, err := ParseSite("campus.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s := scenario.Default()
	o, err := Resolve(*site.Building, s)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Scan(context.Background(), o, s, DesignDays(s))
	if err != nil {
		t.Fatal(err)
	}
	cr, err := charging.Scan(context.Background(), site.Site, s, charging.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hvac := max(r.Heating.MorningKW, r.Cooling.MorningKW) // not added, §1.5
	total := hvac + cr.MorningReductionKW
	t.Logf("campus: HVAC %.0f kW + charging %.0f kW = %.0f kW in the morning peak", hvac, cr.MorningReductionKW, total)
	if math.Abs(hvac-1000) > 50 {
		t.Errorf("HVAC cut = %v kW, want ≈ 1,000 (§1.7)", hvac)
	}
	if math.Abs(total-2500) > 250 {
		t.Errorf("campus morning flex = %v kW, want ≈ 2,500 (§1.7)", total)
	}
	for _, d := range r.Days {
		if d.Discomfort > 0.01 {
			t.Errorf("%s: discomfort %v K, want comfort kept", d.Name, d.Discomfort)
		}
	}
}

func TestParseSiteErrors(t *testing.T) {
	src := `sector: offices
name: x
capacity_kw: 300
building:
  floor_area_m2: -5
  thermal_mass: granite
  label: q
`
	site, err := ParseSite("bad.yaml", []byte(src))
	if err != nil {
		t.Fatalf("ParseSite: %v", err)
	}
	_, err = Resolve(*site.Building, scenario.Default())
	err = Lines("bad.yaml", []byte(src), err)
	for _, want := range []string{"bad.yaml:5: building.floor_area_m2", "bad.yaml:6: building.thermal_mass", "bad.yaml:7: building.label"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %q", err, want)
		}
	}
	if _, err := ParseSite("typo.yaml", []byte("sector: offices\ncapacity_kw: 1\nbuilding: {floor_area: 10}\n")); err == nil || !strings.Contains(err.Error(), "floor_area") {
		t.Errorf("unknown key: err = %v, want it named", err)
	}
	if _, err := ParseSite("nob.yaml", []byte("sector: offices\ncapacity_kw: 1\n")); err == nil || !strings.Contains(err.Error(), "building") {
		t.Errorf("no building: err = %v", err)
	}
}

func FuzzParseSite(f *testing.F) {
	for _, name := range []string{"testdata/reference.yaml", "testdata/campus.yaml"} {
		data, _ := os.ReadFile(name)
		f.Add(data)
	}
	f.Add([]byte("sector: offices\ncapacity_kw: 5\nbuilding: {floor_area_m2: 100, label: g, comfort_band_c: 4}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		site, err := ParseSite("fuzz.yaml", data)
		if err != nil || site.Building == nil {
			return
		}
		in := *site.Building
		if in.FloorAreaM2 > 1e6 {
			return
		}
		if _, err := Resolve(in, scenario.Default()); err != nil {
			_ = Lines("fuzz.yaml", data, err)
		}
	})
}

func FuzzParseWeather(f *testing.F) {
	var b strings.Builder
	b.WriteString("datetime,air_temperature [degC],glbl_irad_amt [W/m2]\n")
	for h := range 96 {
		b.WriteString("2019-01-0" + string(rune('1'+h/24)) + " " + twoDigits(h%24) + ":00:00,5.5,0\n")
	}
	f.Add(b.String())
	f.Add("time,temp\n2019-01-01T00:00:00Z,1\n")
	f.Fuzz(func(t *testing.T, src string) {
		w, err := ParseWeather("fuzz.csv", strings.NewReader(src), "", "")
		if err != nil {
			return
		}
		for _, h := range w.Horizons(0.02) {
			if len(h.OutC) != len(h.Minute) || h.From < 0 || h.To > len(h.OutC) || h.From >= h.To {
				t.Fatalf("bad horizon %s: %d values, [%d, %d)", h.Name, len(h.OutC), h.From, h.To)
			}
		}
	})
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// The weather parser reports bad rows with their lines.
func TestParseWeatherErrors(t *testing.T) {
	src := "datetime,temp\n2019-01-01 00:00:00,1\n2019-01-01 01:00:00,x\n2019-01-01 03:00:00,2\n"
	_, err := ParseWeather("w.csv", strings.NewReader(src), "", "")
	for _, want := range []string{"w.csv:3: column temp", "w.csv:4: column datetime: want 2019-01-01 02:00:00"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v\nwant it to contain %q", err, want)
		}
	}
}

// A weather year gives one horizon per working day, noon to noon, and the
// DST days have 92 and 100 ISPs.
func TestWeatherHorizons(t *testing.T) {
	var b strings.Builder
	b.WriteString("datetime,temp\n")
	for h := range 24 * 365 {
		b.WriteString(hourUTC(h) + ",5\n")
	}
	wx, err := ParseWeather("year.csv", strings.NewReader(b.String()), "", "")
	if err != nil {
		t.Fatal(err)
	}
	hs := wx.Horizons(0)
	if len(hs) < 255 || len(hs) > 262 {
		t.Errorf("%d working-day horizons in a year, want ≈ 260", len(hs))
	}
	for _, h := range hs {
		n := h.To - h.From
		switch h.Date {
		case "2019-03-31", "2019-10-27":
			t.Errorf("%s is a Sunday but has a horizon", h.Date)
		}
		if n != 96 && n != 92 && n != 100 {
			t.Errorf("%s: %d ISPs", h.Date, n)
		}
		if h.Minute[0] != 12*60 {
			t.Errorf("%s: horizon starts at minute %d, want noon", h.Date, h.Minute[0])
		}
	}
}

func hourUTC(h int) string {
	return "2019-" + twoDigits(monthOf(h)) + "-" + twoDigits(dayOf(h)) + " " + twoDigits(h%24) + ":00:00"
}

var monthDays = []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func monthOf(h int) int {
	d := h / 24
	for m, n := range monthDays {
		if d < n {
			return m + 1
		}
		d -= n
	}
	return 12
}

func dayOf(h int) int {
	d := h / 24
	for _, n := range monthDays {
		if d < n {
			return d + 1
		}
		d -= n
	}
	return 31
}
