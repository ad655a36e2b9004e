// Package ean validates the 18-digit EAN codes (GS1 GSRN) that identify
// Dutch electricity connections and, in UFTP, congestion points
// ("ean.871685900012636543"). The last digit is a GS1 mod-10 check digit, so
// a mistyped connection is refused before it reaches a store or a contract.
package ean
