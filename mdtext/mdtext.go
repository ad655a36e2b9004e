package mdtext

import (
	"strings"
	"unicode"
)

// Escape makes text (a site name, a note) literal in Markdown: every
// character that could open emphasis, a link, code, raw HTML, an entity
// or a table cell is backslash-escaped (CommonMark allows it before any
// ASCII punctuation), and a line break becomes a space, so a name can
// never start a heading, a list or a new table row. An underscore inside
// a word (a key like congestion_area) cannot open emphasis and is kept.
func Escape(s string) string {
	rs := []rune(s)
	var b strings.Builder
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, r := range rs {
		switch {
		case r == '\r' && i+1 < len(rs) && rs[i+1] == '\n':
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == '_' && word(i-1) && word(i+1):
			b.WriteRune(r)
		case strings.ContainsRune("\\`*_[]<>|~&#", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Fence is a code fence longer than any run of backticks in text, so that
// text (a contract file holding a hostile name) cannot close it.
func Fence(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
