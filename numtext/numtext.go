// Package numtext writes numbers as the study prints them in its English
// restatement (thousands separated by commas). It is a leaf package so that
// domain packages composing explanatory sentences (compensation's bases and
// findings) need no rendering code; package table forwards to it.
package numtext

import (
	"fmt"
	"strings"
)

// Num formats v with the given number of decimals and a thousands
// separator. A negative value that rounds to zero is printed without sign.
func Num(v float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}
