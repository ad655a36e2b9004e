// Package uftptest checks UFTP messages against the official XSDs with
// xmllint (Debian package libxml2-utils), for the tests of every package
// that emits UFTP. It skips, with a message, when xmllint or the schemas in
// ../shared/spec/uftp are absent.
package uftptest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// SpecDir finds ../shared/spec/uftp from a package directory of the
// repository (one or two levels deep) or skips the test.
func SpecDir(t testing.TB) string {
	t.Helper()
	for _, up := range []string{"..", filepath.Join("..", "..")} {
		dir := filepath.Join(up, "..", "shared", "spec", "uftp")
		if _, err := os.Stat(filepath.Join(dir, "SOURCE.txt")); err == nil {
			return dir
		}
	}
	t.Skip("../shared/spec/uftp absent: the UFTP peer suite and XSDs are not available")
	return ""
}

// Xmllint validates XML files against version's schema (UFTP-agr.xsd
// includes every DSO–AGR message, Metering and SignedMessage) and returns
// per file xmllint's complaint, "" when it validates.
func Xmllint(t testing.TB, version string, files []string) map[string]string {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint absent (Debian package libxml2-utils; .ci/run installs it): messages are not checked against the XSDs")
	}
	xsd := filepath.Join(SpecDir(t), "xsd-"+version, "UFTP-agr.xsd")
	out, _ := exec.Command(bin, append([]string{"--noout", "--nonet", "--schema", xsd}, files...)...).CombinedOutput()
	res := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		for _, f := range files {
			switch {
			case line == f+" validates":
				res[f] = ""
			case strings.HasPrefix(line, f+":"):
				res[f] += line + "\n"
			case line == f+" fails to validate" && res[f] == "":
				res[f] = "fails to validate"
			}
		}
	}
	for _, f := range files {
		if _, ok := res[f]; !ok {
			t.Fatalf("xmllint said nothing about %s:\n%s", f, out)
		}
	}
	return res
}

// Valid writes each named XML document to a temporary file and fails the
// test for every one that does not validate against version's schema.
func Valid(t testing.TB, version string, docs map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	var files []string
	for name, data := range docs {
		f := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for f, complaint := range Xmllint(t, version, files) {
		if complaint != "" {
			data, _ := os.ReadFile(f)
			t.Errorf("%s does not validate against xsd-%s:\n%s\n%.2000s", filepath.Base(f), version, complaint, data)
		}
	}
}
