package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gridflex/meter"
)

// copyTo copies a file of the repository into dir and returns its path.
func copyTo(t *testing.T, dir, src, name string) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, dir, name, string(data))
}

// link makes name in dir a symbolic link to target and returns its path:
// an output named differently from an input is still that input.
func link(t *testing.T, dir, name, target string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOutputNeverOverwritesAnInput runs every command that writes files
// with -o naming one of its own inputs (directly, through a link, or as a
// file of an export directory): each is refused, names the input, and
// leaves it as it was (issue 9, item 10).
func TestOutputNeverOverwritesAnInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup writes the inputs into dir and returns the arguments and
		// the input that -o hits.
		setup func(t *testing.T, dir string) (args []string, input string)
	}{
		{"sensitivity -o the scenario (a link)", func(t *testing.T, dir string) ([]string, string) {
			sc := copyTo(t, dir, "../../scenario/testdata/override.good.yaml", "s.yaml")
			return []string{"sensitivity", "--scenario", sc, "-o", link(t, dir, "tornado.svg", sc)}, sc
		}},
		{"curve -o the scenario (a link)", func(t *testing.T, dir string) ([]string, string) {
			sc := copyTo(t, dir, "../../scenario/testdata/override.good.yaml", "s.yaml")
			return []string{"curve", "--scenario", sc, "-o", link(t, dir, "curve.csv", sc)}, sc
		}},
		{"scan -o the charging site (a link)", func(t *testing.T, dir string) ([]string, string) {
			site := copyTo(t, dir, "../../charging/testdata/study.good.yaml", "site.yaml")
			return []string{"scan", site, "-o", link(t, dir, "site.html", site)}, site
		}},
		{"scan --export contract -o the site", func(t *testing.T, dir string) ([]string, string) {
			site := copyTo(t, dir, "../../charging/testdata/study.good.yaml", "site.yaml")
			return []string{"scan", site, "--export", "contract", "-o", site}, site
		}},
		{"scan --export ocpp -o the directory of its inputs", func(t *testing.T, dir string) ([]string, string) {
			// An export is written as a new directory, so it can never
			// hold an input (outfile.WriteDir).
			site := copyTo(t, dir, "../../charging/testdata/study.good.yaml", "site.yaml")
			sc := copyTo(t, dir, "../../scenario/testdata/override.good.yaml", "grid_limit.csv")
			return []string{"scan", site, "--scenario", sc, "--export", "ocpp", "-o", dir, "--date", "2026-03-02"}, sc
		}},
		{"scan of a plant -o the site (a link)", func(t *testing.T, dir string) ([]string, string) {
			site := copyTo(t, dir, "../../plant/testdata/plant.yaml", "plant.yaml")
			return []string{"scan", site, "-o", link(t, dir, "report.md", site)}, site
		}},
		{"contract check -o the meter file", func(t *testing.T, dir string) ([]string, string) {
			c := writeFile(t, dir, "contract.yaml", minimalContract)
			m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
			return []string{"contract", "check", "--contract", c, "--meter", m, "-o", m}, m
		}},
		{"contract check -o the contract file", func(t *testing.T, dir string) ([]string, string) {
			c := writeFile(t, dir, "contract.yaml", minimalContract)
			m := writeMeter(t, dir, "meter.csv", meter.Connection{EAN: "871687120000000001", Offtake: minimalLoad()})
			return []string{"contract", "check", "--contract", c, "--meter", m, "-o", c}, c
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args, input := tc.setup(t, dir)
			before, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			_, _, err = runCLI(t, args...)
			if err == nil || !strings.Contains(err.Error(), "refusing to overwrite an input") && !strings.Contains(err.Error(), "want a new or empty directory") {
				t.Fatalf("%v: err = %v, want a refusal to overwrite the input %s", args, err, input)
			}
			after, err := os.ReadFile(input)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(before, after) {
				t.Errorf("%v changed the input %s", args, input)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".json") {
					t.Errorf("%v left %s: want no partial output", args, e.Name())
				}
			}
		})
	}
}

// TestDeviceInputRefused: the command line's files are regular files;
// /dev/zero as a meter file is refused before it is read.
func TestDeviceInputRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("/dev/zero absent")
	}
	_, _, err := runCLI(t, "meter", "inspect", "/dev/zero")
	if err == nil || !strings.Contains(err.Error(), "want a regular file") {
		t.Errorf("meter inspect /dev/zero = %v, want a refusal naming a regular file", err)
	}
}
