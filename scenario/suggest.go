package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// unknownKey phrases the error for a key the scenario does not define, with
// the closest keys as suggestions.
func unknownKey(s *Scenario, key string) string {
	sug := suggest(s.Keys(), key)
	if len(sug) == 0 {
		return fmt.Sprintf("unknown key %q (see `gridflex params` for the list)", key)
	}
	return fmt.Sprintf("unknown key %q: did you mean %s?", key, strings.Join(quoteAll(sug), " or "))
}

// suggest returns up to three keys close to key: keys that end with what
// the user wrote after its last dot (a missing prefix is the usual slip),
// then keys within a small edit distance.
func suggest(keys []string, key string) []string {
	type cand struct {
		k string
		d int
	}
	var cs []cand
	tail := key[strings.LastIndex(key, ".")+1:]
	limit := max(2, len(key)/4)
	for _, k := range keys {
		switch d := editDistance(k, key); {
		case d <= limit:
			cs = append(cs, cand{k, d})
		case tail != "" && strings.HasSuffix(k, "."+tail) && !strings.Contains(key, "."):
			cs = append(cs, cand{k, limit + 1})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].k)
	}
	return out
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
