package building

import (
	"testing"

	"gridflex/scenario"
	"gridflex/sitefile/sitefiletest"
)

// TestSiteCorpus: testdata/*.good.yaml scan, each # want: line of a
// *.bad.yaml is a whole line of the error (strict numbers, checks and
// decode problems at once).
func TestSiteCorpus(t *testing.T) {
	sitefiletest.Corpus(t, "testdata", func(name string, data []byte) error {
		s, err := ParseSite(name, data)
		if err != nil {
			return err
		}
		if _, err := Resolve(*s.Building, scenario.Default()); err != nil {
			return Lines(name, data, err)
		}
		return nil
	}, "testdata/reference.yaml", "testdata/campus.yaml")
}
