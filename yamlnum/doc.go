// Package yamlnum holds the strict number rules every YAML input of
// gridflex shares (site files, contract files, scenario overrides): where
// the YAML decoder is lenient (text "210", !!str 210, 1__5, hex, .inf,
// 2.5 for a count, 1e-400 read as 0, 1e308), a file is refused with the
// field named, so no table, CSV or JSON ever carries Inf or NaN. It also
// refuses a second YAML document, which the decoder would ignore.
package yamlnum
