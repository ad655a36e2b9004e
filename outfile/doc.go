// Package outfile writes the files gridflex produces: atomically (a
// temporary file in the target directory renamed over the target, so a
// failed or interrupted run leaves the old file or none, never half a file),
// with one permission mode for every output, and never over one of the
// command's own input files.
package outfile
