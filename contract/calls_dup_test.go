package contract

import (
	"strings"
	"testing"
)

// A calls file with the same column twice is refused (the later one used
// to win silently).
func TestCallsDuplicateColumn(t *testing.T) {
	in := "day,from,to,announced,max_kw,max_kw\n2026-01-05,17:00,19:00,2026-01-04T12:00:00+01:00,10,20\n"
	_, err := ParseCalls("calls.csv", []byte(in))
	if err == nil || !strings.Contains(err.Error(), `calls.csv:1: column 6: want one "max_kw" column, got a second (first is column 5)`) {
		t.Errorf("ParseCalls(two max_kw columns) = %v, want the second refused", err)
	}
}
