package mdtext

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Reference office", "Reference office"},
		{"congestion_area", "congestion_area"},
		{"a|b", `a\|b`},
		{"x\n# heading", `x \# heading`},
		{"<script>", `\<script\>`},
		{"*bold* [link](u) `code` ~s~ &amp;", `\*bold\* \[link\](u) \` + "`" + `code\` + "`" + ` \~s\~ \&amp;`},
		{"_lead", `\_lead`},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFenceLongerThanAnyRun: a contract file's fence is never closed by
// backticks inside the file.
func TestFenceLongerThanAnyRun(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{{"plain", 3}, {"a ``` b", 4}, {"`````", 6}, {"` `` `", 3}} {
		if got := len(Fence(tc.text)); got != tc.want {
			t.Errorf("Fence(%q) has %d backticks, want %d", tc.text, got, tc.want)
		}
	}
}

// FuzzEscape: an escaped text is one line and every Markdown-active
// character in it is preceded by a backslash.
func FuzzEscape(f *testing.F) {
	f.Add("depot\n# h | <b>")
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if strings.ContainsAny(out, "\n\r") {
			t.Fatalf("Escape(%q) = %q spans lines", s, out)
		}
		rs := []rune(out)
		for i, r := range rs {
			if strings.ContainsRune("`*[]<>|~&#", r) && (i == 0 || rs[i-1] != '\\') {
				t.Fatalf("Escape(%q) = %q leaves %q unescaped at %d", s, out, r, i)
			}
		}
	})
}
