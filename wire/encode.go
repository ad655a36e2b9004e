package wire

import (
	"encoding/json"
	"io"
	"strconv"
)

// Write encodes v as indented JSON followed by a newline, the form every
// command prints.
func Write(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// round2 keeps JSON free of float noise (cents, hundredths of kW/kWh).
func round2(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

// asFloat32 drops the binary noise of a float32 reading widened to float64
// (45.900001525878906 → 45.9). NaN stays NaN.
func asFloat32(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', -1, 32), 64)
	return v
}

// orNull is a pointer to v, or nil (null) when ok is false.
func orNull(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}
