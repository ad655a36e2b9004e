package area

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"gridflex/scenario"
)

const capacityMapDir = "../../shared/spec/capaciteitskaart"

func capacityMapSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	fn := filepath.Join(capacityMapDir, "im_capaciteitskaart.schema.json")
	data, err := os.ReadFile(fn)
	if err != nil {
		t.Skipf("../shared/spec/capaciteitskaart absent (%v): skipping the capacity-map schema check", err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("im_capaciteitskaart.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("im_capaciteitskaart.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return s.Validate(inst)
}

// The export validates against the grid operators' capacity-map JSON
// Schema (im-capaciteitskaart v1.3.0), for the study area and the demo.
func TestCapacityMapExportValidates(t *testing.T) {
	s := capacityMapSchema(t)
	// The schema accepts the official example and refuses a broken export,
	// so a pass means something.
	ex, err := os.ReadFile(filepath.Join(capacityMapDir, "example_dso-20250110.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := validate(t, s, ex); err != nil {
		t.Fatalf("official example does not validate: %v", err)
	}
	sc := scenario.Default()
	for _, dir := range []string{"testdata/study", "testdata/demo"} {
		a := loadArea(t, dir)
		f := Free(a, sc)
		o, _ := NewReleaseOptions(a, sc)
		rel := Reissue(a, f.FreedKW, f.MeanFreedKW(), o)
		m := ExportCapacityMap(a, rel, "gridflex test")
		data, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(t, s, data); err != nil {
			t.Errorf("%s: export does not validate: %v\n%s", dir, err, data)
		}
		ea := m.EnergyAreas[0]
		if ea.DemandAlleviationYear != a.Reinforcement.Date.Year || ea.DemandRequestsInQueue == 0 || ea.DemandConstraint != "red" {
			t.Errorf("%s: energy area %+v: want alleviation in %d, a queue and colour red", dir, ea, a.Reinforcement.Date.Year)
		}
		bad := m
		bad.EnergyAreas = []MapEnergyArea{ea}
		bad.EnergyAreas[0].DemandConstraint = "purple"
		data, _ = json.Marshal(bad)
		if validate(t, s, data) == nil {
			t.Error("an export with constraint purple validates")
		}
	}
}

// Study area, margin 0.5: 500 kW reissued, B, C and 250 kW of A granted;
// left in the queue: 50 kW of A and D's 50 kW.
func TestCapacityMapFigures(t *testing.T) {
	a := loadArea(t, "testdata/study")
	sc := scenario.Default()
	o, _ := NewReleaseOptions(a, sc)
	rel := Reissue(a, 1000, 200, o)
	ea := ExportCapacityMap(a, rel, "t").EnergyAreas[0]
	if ea.DemandAvailableMW != 0 || ea.DemandQueueMW != 0.1 || ea.DemandRequestsInQueue != 2 {
		t.Errorf("energy area: available %g MW, queue %g MW in %d requests, want 0, 0.1, 2", ea.DemandAvailableMW, ea.DemandQueueMW, ea.DemandRequestsInQueue)
	}
}
