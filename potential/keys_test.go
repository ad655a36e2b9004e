package potential

import (
	"testing"

	"gridflex/scenario"
)

// TestKeysExist checks that every parameter the model reads is defined by
// the built-in scenario (reading an unknown key panics).
func TestKeysExist(t *testing.T) {
	s := scenario.Default()
	for _, k := range keys() {
		if !s.Has(k) {
			t.Errorf("scenario.Default() has no parameter %q read by the potential model", k)
		}
	}
}

// TestKeysCoverModelFile checks the reverse: every parameter in potential.yaml
// is read by the model, so none is dead data.
func TestKeysCoverModelFile(t *testing.T) {
	read := map[string]bool{}
	for _, k := range keys() {
		read[k] = true
	}
	for _, p := range scenario.Default().Params() {
		if p.Model == "potential" && !read[p.Key] {
			t.Errorf("parameter %q in potential.yaml is not read by the model", p.Key)
		}
	}
}
