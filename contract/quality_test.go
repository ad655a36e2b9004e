package contract

import (
	"strings"
	"testing"
	"time"

	"gridflex/meter"
)

func TestAssessData(t *testing.T) {
	for _, tc := range []struct {
		name  string
		qs    []meter.Quality
		want  []string // substrings, one per warning, in order
		minut float64
	}{
		{"clean", []meter.Quality{{EAN: "1", Resolution: 15 * time.Minute}}, nil, 15},
		{"hourly", []meter.Quality{{EAN: "1", Resolution: time.Hour}}, []string{"peaks within the hour are not visible"}, 60},
		{"conflicts", []meter.Quality{{EAN: "1", Duplicates: 3, Conflicts: 2}}, []string{"2 conflicting duplicate"}, 15},
		{"gaps", []meter.Quality{{EAN: "1", GapCount: 2, ExpectedISPs: 100, PresentISPs: 90}}, []string{"2 gaps, 10 ISPs"}, 15},
		{"estimated", []meter.Quality{{EAN: "1", Estimated: 4}}, []string{"4 readings flagged estimated"}, 15},
		{"group names members", []meter.Quality{{EAN: "1"}, {EAN: "2", Estimated: 1, Resolution: 30 * time.Minute}},
			[]string{"2: readings every 30 min", "2: 1 readings flagged"}, 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := AssessData(tc.qs)
			if len(d.Warnings) != len(tc.want) || d.ResolutionMinutes != tc.minut {
				t.Fatalf("AssessData(%+v) = %+v, want %d warnings %v at %g min", tc.qs, d, len(tc.want), tc.want, tc.minut)
			}
			for i, w := range tc.want {
				if !strings.Contains(d.Warnings[i], w) {
					t.Errorf("AssessData warning %d = %q, want it to contain %q", i, d.Warnings[i], w)
				}
			}
		})
	}
}
