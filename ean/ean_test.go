package ean

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		wantErr string
	}{
		// Check digits computed by hand with GS1 weights 3,1,3,… from the right.
		{"871685900012636543", ""},
		{"871687120000000011", ""},
		{"871234567890123456", "check digit is 6, want 1"},
		{"871685900012636544", "check digit is 4, want 3"},
		{"87168590001263654", "has 17 characters"},
		{"87168590001263654x", "character 18"},
		{"8716859000126365a3", "character 17"},
		{strings.Repeat("9", 1000), "has 1000 characters"},
	} {
		err := Validate(tc.in)
		if tc.wantErr == "" {
			if err != nil {
				t.Errorf("Validate(%q) = %v, want nil", tc.in, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("Validate(%.20q) = %v, want an error containing %q", tc.in, err, tc.wantErr)
		}
		if err != nil && len(err.Error()) > 120 {
			t.Errorf("Validate error is %d characters long: it echoes the input", len(err.Error()))
		}
	}
}

// TestCompleteRoundTrip: every body completes to a valid EAN, and changing
// any one digit of it makes it invalid (mod 10 with weights 1 and 3 catches
// every single-digit error).
func TestCompleteRoundTrip(t *testing.T) {
	for _, body := range []string{"87168590001263654", "00000000000000000", "87168712000000001", "12345678901234567"} {
		full, err := Complete(body)
		if err != nil {
			t.Fatal(err)
		}
		if err := Validate(full); err != nil {
			t.Fatalf("Complete(%s) = %s is invalid: %v", body, full, err)
		}
		for i := range Length - 1 {
			for d := byte('0'); d <= '9'; d++ {
				if d == full[i] {
					continue
				}
				b := []byte(full)
				b[i] = d
				if Validate(string(b)) == nil {
					t.Fatalf("%s with digit %d changed to %c still validates", full, i+1, d)
				}
			}
		}
	}
}

func TestCongestionPoint(t *testing.T) {
	addr, err := CongestionPoint("871685900012636543")
	if err != nil || addr != "ean.871685900012636543" {
		t.Fatalf("CongestionPoint = %q, %v", addr, err)
	}
	if code, err := ParseCongestionPoint(addr); err != nil || code != "871685900012636543" {
		t.Fatalf("ParseCongestionPoint = %q, %v", code, err)
	}
	for _, bad := range []string{"871685900012636543", "EAN.871685900012636543", "ean.871685900012636544", "ean."} {
		if _, err := ParseCongestionPoint(bad); err == nil {
			t.Errorf("ParseCongestionPoint(%q) accepted", bad)
		}
	}
}

func FuzzValidate(f *testing.F) {
	f.Add("871685900012636543")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if Validate(s) == nil {
			if len(s) != Length {
				t.Fatalf("accepted %q of length %d", s, len(s))
			}
			if full, _ := Complete(s[:Length-1]); full != s {
				t.Fatalf("accepted %q, Complete gives %q", s, full)
			}
		}
	})
}
