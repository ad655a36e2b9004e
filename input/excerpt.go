package input

import (
	"strconv"
	"unicode/utf8"
)

// Excerpt quotes at most ExcerptBytes of s, cut at a rune boundary and
// marked with "…" when cut, so an error never echoes a whole file (a
// scenario whose base is /etc/passwd once printed all of it).
func Excerpt(s string) string {
	if len(s) <= ExcerptBytes {
		return strconv.Quote(s)
	}
	cut := ExcerptBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
