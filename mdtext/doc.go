// Package mdtext makes untrusted text (site, area and contract names, notes)
// literal in the Markdown gridflex writes, so that a name can never start a
// heading, a list, a table row, raw HTML or close a code fence. Every
// Markdown writer (site reports, area reports) uses it.
package mdtext
