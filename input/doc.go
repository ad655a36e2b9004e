// Package input opens the files gridflex reads with a bound on every one of
// them: a size limit per kind of file (also after gzip decompression), a
// length limit per line, regular files only (no devices, FIFOs or
// directories, so /dev/zero or a named pipe cannot grow memory without
// end), short excerpts of offending input in error messages, and an error
// list that stops after 20 problems. The limits are a documented table
// (limits.go, README "Input limits"); every limit is checked while reading
// and fails with an error naming the file and the limit, never by silent
// truncation.
package input
