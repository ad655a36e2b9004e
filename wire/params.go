package wire

import "gridflex/scenario"

// Param is one parameter as `params --format json` lists it: exactly these
// five fields, a format other tools read. Ranges show in the table and in
// `explain`.
type Param struct {
	Key         string  `json:"key"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Source      string  `json:"source"`
	Description string  `json:"description"`
}

// FromParams is the listing of ps.
func FromParams(ps []scenario.Param) []Param {
	out := make([]Param, len(ps))
	for i, p := range ps {
		out[i] = Param{p.Key, p.Value, p.Unit, p.Source, Describe(p)}
	}
	return out
}

// Describe is the description as listed: a calibrated value says so in
// every format, since the JSON listing has no other field for it.
func Describe(p scenario.Param) string {
	if p.Calibrated {
		return p.Description + " [calibrated to reproduce the study, not printed in it]"
	}
	return p.Description
}
