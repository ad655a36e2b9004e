package datacenter

import (
	"testing"

	"gridflex/sitefile/sitefiletest"
)

// TestSiteCorpus: testdata/*.good.yaml parse, each # want: line of a
// *.bad.yaml is a whole line of the error (strict numbers, checks and
// decode problems at once).
func TestSiteCorpus(t *testing.T) {
	sitefiletest.Corpus(t, "testdata", func(name string, data []byte) error {
		_, err := ParseSite(name, data)
		return err
	}, "testdata/colocation.yaml")
}
