package usecase

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/area"
	"gridflex/contract"
	"gridflex/scenario"
)

// area/testdata/demo is what `gridflex area demo` writes with the default
// options: the committed files are regenerated, never edited.
func TestDemoCommitted(t *testing.T) {
	files, err := AreaDemo(context.Background(), scenario.Default(), area.DefaultDemo)
	if err != nil {
		t.Fatal(err)
	}
	dir := os.DirFS("../area/testdata/demo")
	n := 0
	for _, pat := range []string{"*.yaml", "contracts/*.yaml", "sites/*.yaml"} {
		m, _ := fs.Glob(dir, pat)
		n += len(m)
	}
	if n != len(files) {
		t.Errorf("area/testdata/demo has %d files, the generator writes %d (regenerate: gridflex area demo -o DIR)", n, len(files))
	}
	for name, want := range files {
		b, err := os.ReadFile(filepath.Join("../area/testdata/demo", name))
		if err != nil || !bytes.Equal(b, want) {
			t.Errorf("area/testdata/demo/%s differs from the generator's output (err %v): regenerate with gridflex area demo", name, err)
		}
	}
}

// Every demo contract is a scan's recommendation: re-scanning the shipped
// site files gives the contracts the demo scales, and the contracts move
// when the scan's inputs move.
func TestDemoContractsFromScans(t *testing.T) {
	sc := scenario.Default()
	files, err := AreaDemo(context.Background(), sc, area.DefaultDemo)
	if err != nil {
		t.Fatal(err)
	}
	sites, scanned := 0, map[string]*contract.Contract{}
	for name := range files {
		if strings.HasPrefix(name, "sites/") {
			sites++
			r, err := Scan(context.Background(), ScanRequest{Scenario: sc, Files: os.DirFS("../area/testdata/demo"), Site: name, Day: demoScanDay})
			if err != nil {
				t.Fatalf("scan %s: %v", name, err)
			}
			b, err := ContractExport(r)
			if err != nil {
				t.Fatalf("scan %s --export contract: %v", name, err)
			}
			if scanned[name], err = contract.Parse(name, b, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	// A connection of its archetype's size files the scan's limits as
	// they are (factor 1: no "×" in the name).
	unscaled := 0
	for name, b := range files {
		if !strings.HasPrefix(name, "contracts/") {
			continue
		}
		k, err := contract.Parse(name, b, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, site, ok := strings.Cut(k.Name, "the recommended contract of ")
		if !ok {
			t.Errorf("%s: name %q does not say which scan it comes from", name, k.Name)
			continue
		}
		if strings.Contains(site, "×") {
			continue
		}
		unscaled++
		want := scanned[site]
		if want == nil || len(want.Clauses) != len(k.Clauses) {
			t.Errorf("%s: %d clauses, the scan of %s recommends %v", name, len(k.Clauses), site, want)
			continue
		}
		for i := range want.Clauses {
			if k.Clauses[i].MaxKW != want.Clauses[i].MaxKW || k.Clauses[i].FlexKW != want.Clauses[i].FlexKW {
				t.Errorf("%s clause %d: %g kW (flex %g), the scan of %s: %g (flex %g)", name, i, k.Clauses[i].MaxKW, k.Clauses[i].FlexKW, site, want.Clauses[i].MaxKW, want.Clauses[i].FlexKW)
			}
		}
	}
	if unscaled == 0 {
		t.Error("no demo contract at its archetype's size: the check above checked nothing")
	}
	if sites != 9 {
		t.Errorf("demo ships %d site files, want 9 (4 depots, 4 offices, the chemical plant)", sites)
	}
	chem := string(files["contracts/c001.yaml"])
	if !strings.Contains(chem, "sites/chemical-plant.yaml") || !strings.Contains(chem, "base_capacity_kw: 12000") {
		t.Errorf("c001 is not the chemical plant's scanned contract:\n%s", chem)
	}
	moved := sc.With("contract.headroom_share", 0.2)
	other, err := AreaDemo(context.Background(), moved, area.DefaultDemo)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other["contracts/c001.yaml"], files["contracts/c001.yaml"]) {
		t.Error("the chemical plant's contract did not move with contract.headroom_share")
	}
}
