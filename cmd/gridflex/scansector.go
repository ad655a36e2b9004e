package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// runSectorScan runs the scan of a chemistry, datacenter or office
// heating/cooling site; scan.go peeks the site's sector and hands over here.
// format is table|json|md|html; out, when set, is a file to write (a chart or
// a report), written atomically.
func runSectorScan(cmd *cobra.Command, path string, data []byte, format, out string) error {
	return fmt.Errorf("scan %s: chemistry, datacenter and office heating/cooling scans are not part of this build yet", path)
}
