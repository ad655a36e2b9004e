package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const studyArea = "../../area/testdata/study/area.yaml"

func TestAreaShowAndRelease(t *testing.T) {
	out, _, err := runCLI(t, "area", "release", studyArea, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rel struct {
		FreedKW      float64 `json:"freed_kw"`
		ReissuableKW float64 `json:"reissuable_kw"`
		Offers       []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"offers"`
	}
	if err := json.Unmarshal([]byte(out), &rel); err != nil {
		t.Fatal(err)
	}
	if rel.FreedKW != 1000 || rel.ReissuableKW != 500 {
		t.Errorf("area release: freed %g, reissuable %g kW, want 1000 and 500 (§6)", rel.FreedKW, rel.ReissuableKW)
	}
	for _, format := range []string{"table", "csv", "md", "html"} {
		for _, sub := range []string{"show", "release"} {
			out, _, err := runCLI(t, "area", sub, studyArea, "--format", format)
			if err != nil || !strings.Contains(out, "871687120000000011") && sub == "show" {
				t.Errorf("area %s --format %s: %v\n%s", sub, format, err, out)
			}
		}
	}
	out, _, err = runCLI(t, "area", "release", studyArea, "--margin", "0.2", "--rule", "first-fit", "--partial", "no", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	// 800 kW reissuable: everything (600 kW) is granted.
	if strings.Count(out, ",granted,") != 4 {
		t.Errorf("area release --margin 0.2: want all four granted, got\n%s", out)
	}
	if _, _, err := runCLI(t, "area", "release", studyArea, "--margin", "1.5"); err == nil {
		t.Error("--margin 1.5 accepted")
	}
}

func TestAreaSimulateAndDemo(t *testing.T) {
	dir := t.TempDir()
	out, _, err := runCLI(t, "area", "simulate", studyArea, "--runs", "50", "--format", "json", "--chart", dir+"/m.svg")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		AtMargin struct {
			Margin float64 `json:"margin"`
			Years  []any   `json:"years"`
		} `json:"at_margin"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.AtMargin.Margin != 0.5 || len(res.AtMargin.Years) != 5 {
		t.Errorf("area simulate: margin %g, %d years, want 0.5 and 5", res.AtMargin.Margin, len(res.AtMargin.Years))
	}
	if _, _, err := runCLI(t, "area", "release", studyArea, "--chart", dir+"/load.png", "--format", "html", "-o", dir+"/r.html"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "area", "demo", "-o", dir+"/demo", "--connections", "30", "--contracts", "5", "--requests", "5"); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runCLI(t, "area", "show", dir+"/demo/area.yaml"); err != nil || !strings.Contains(out, "30 connections, 5 contracts, 5 requests") {
		t.Errorf("area show on a generated demo: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "area", "demo", "-o", dir+"/demo"); err == nil {
		t.Error("area demo into an existing directory succeeded")
	}
}

func TestAreaExport(t *testing.T) {
	out, _, err := runCLI(t, "area", "release", studyArea, "--export", "capaciteitskaart")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ConformsTo  string `json:"conforms_to"`
		EnergyAreas []struct {
			ShortCode string `json:"short_code"`
		} `json:"energy_areas"`
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil || len(m.EnergyAreas) != 1 || m.EnergyAreas[0].ShortCode != "OS STUDY 150/20" {
		t.Errorf("--export capaciteitskaart: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "area", "show", studyArea, "--export", "geojson"); err == nil {
		t.Error("--export geojson accepted")
	}
}
