package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gridflex/meter"
)

// TestCSVForMachinesEverywhere guards issue 9 item 16: every command with
// tables has --format csv, and its CSV is for machines: snake_case headers
// without currency symbols, plain numbers with a decimal point, no
// thousands separators, no currency signs, no exponents.
func TestCSVForMachinesEverywhere(t *testing.T) {
	dir := t.TempDir()
	c := writeFile(t, dir, "minimal.yaml", minimalContract)
	m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
	curve := filepath.Join(t.TempDir(), "curve.csv")
	header := regexp.MustCompile(`^[a-z0-9_]+$`)
	bad := regexp.MustCompile(`€|^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?e[+-]?\d+$`)
	for _, args := range [][]string{
		{"potential"}, {"params"}, {"explain"}, {"explain", "offices.heating"}, {"explain", "battery"}, {"sensitivity"},
		{"compensation"}, {"compensation", "office", "--floor-area", "12345"}, {"unlock", "--offer", "300"},
		{"curve", "-o", curve}, {"meter", "inspect", m}, {"meter", "inspect", dir},
		{"contract", "check", "--contract", c, "--meter", m},
	} {
		name := strings.Join(args, " ")
		var out string
		var err error
		if args[0] == "curve" {
			_, _, err = runCLI(t, args...)
			b, _ := os.ReadFile(curve)
			out = string(b)
		} else {
			out, _, err = runCLI(t, append(args, "--format", "csv")...)
		}
		if err != nil {
			t.Errorf("%s --format csv: %v", name, err)
			continue
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) < 2 {
			t.Errorf("%s --format csv: %v, %d rows:\n%.300s", name, err, len(rows), out)
			continue
		}
		for _, h := range rows[0] {
			if !header.MatchString(h) {
				t.Errorf("%s: header %q is not snake_case", name, h)
			}
		}
		for _, r := range rows[1:] {
			for i, cell := range r {
				col := rows[0][min(i, len(rows[0])-1)]
				if bad.MatchString(cell) && !strings.Contains(cell, " ") {
					t.Errorf("%s: column %s holds %q: not a plain number", name, col, cell)
				}
			}
		}
	}
}
