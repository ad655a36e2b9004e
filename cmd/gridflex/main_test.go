package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs gridflex with args and returns what it wrote to stdout and
// stderr, and its error.
func runCLI(t testing.TB, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	err = root.Execute()
	return out.String(), errb.String(), err
}

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("../shared not present beside the repository (%s): skipping a test on the study's data", dir)
	}
	return dir
}

func TestParamsCommand(t *testing.T) {
	out, _, err := runCLI(t, "params", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var ps []map[string]any
	if err := json.Unmarshal([]byte(out), &ps); err != nil {
		t.Fatalf("params --format json: %v", err)
	}
	if len(ps) < 50 {
		t.Errorf("params lists %d parameters, want the whole scenario", len(ps))
	}
	for _, p := range ps {
		if len(p) != 5 {
			t.Fatalf("param %v: want exactly key, value, unit, source, description", p)
		}
		for _, k := range []string{"key", "value", "unit", "source", "description"} {
			if _, ok := p[k]; !ok {
				t.Fatalf("param %v: missing %q", p, k)
			}
		}
	}
	out, _, err = runCLI(t, "params", "--prefix", "grid.", "--set", "grid.electricity_price=200")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "grid.electricity_price") || !strings.Contains(out, "200") {
		t.Errorf("params --prefix grid. --set price=200:\n%s", out)
	}
}

func TestBadOverridesRefused(t *testing.T) {
	_, _, err := runCLI(t, "params", "--set", "grid.electricty_price=1", "--set", "grid.peak.morning.to=-3")
	if err == nil {
		t.Fatal("params with two bad --set succeeded")
	}
	for _, want := range []string{`did you mean "grid.electricity_price"`, `got -3`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if _, _, err := runCLI(t, "params", "--format", "xml"); err == nil || !strings.Contains(err.Error(), "want one of table, json, csv") {
		t.Errorf("params --format xml: err = %v", err)
	}
}

// TestVersion guards issue 9 item 17: gridflex --version prints the
// version the binary was built as.
func TestVersion(t *testing.T) {
	out, _, err := runCLI(t, "--version")
	if err != nil || !strings.HasPrefix(out, "gridflex ") || len(strings.TrimSpace(out)) <= len("gridflex") {
		t.Errorf("gridflex --version = %q, %v", out, err)
	}
}
