package ean

import (
	"fmt"
	"strings"
)

// Length is the number of digits of a connection EAN (GS1 GSRN).
const Length = 18

// CheckDigit returns the GS1 mod-10 check digit of the digits in body
// (every digit but the check digit): weights 3 and 1 alternate from the
// right, starting with 3.
func CheckDigit(body string) (byte, error) {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		c := body[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("character %d is %q: want a digit", i+1, c)
		}
		d := int(c - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10), nil
}

// Validate reports why s is not an 18-digit EAN with a correct check digit.
// The message quotes at most Length+2 characters of s, so an attacker's
// megabyte never reaches a log.
func Validate(s string) error {
	if len(s) != Length {
		return fmt.Errorf("EAN %s has %d characters: want %d digits", excerpt(s), len(s), Length)
	}
	want, err := CheckDigit(s[:Length-1])
	if err != nil {
		return fmt.Errorf("EAN %s: %v", excerpt(s), err)
	}
	if got := s[Length-1]; got < '0' || got > '9' {
		return fmt.Errorf("EAN %s: character %d is %q: want a digit", excerpt(s), Length, got)
	} else if got != want {
		return fmt.Errorf("EAN %s: check digit is %c, want %c (a typing error?)", s, got, want)
	}
	return nil
}

// Complete returns the 18-digit EAN whose first 17 digits are body.
func Complete(body string) (string, error) {
	if len(body) != Length-1 {
		return "", fmt.Errorf("EAN body %s has %d characters: want %d digits", excerpt(body), len(body), Length-1)
	}
	d, err := CheckDigit(body)
	if err != nil {
		return "", err
	}
	return body + string(d), nil
}

// CongestionPoint returns the UFTP entity address of a congestion point
// ("ean." followed by the EAN) after validating the EAN.
func CongestionPoint(s string) (string, error) {
	if err := Validate(s); err != nil {
		return "", err
	}
	return "ean." + s, nil
}

// ParseCongestionPoint validates a UFTP congestion point address and
// returns its EAN.
func ParseCongestionPoint(addr string) (string, error) {
	code, ok := strings.CutPrefix(addr, "ean.")
	if !ok {
		return "", fmt.Errorf("congestion point %s: want \"ean.\" followed by 18 digits", excerpt(addr))
	}
	if err := Validate(code); err != nil {
		return "", err
	}
	return code, nil
}

func excerpt(s string) string {
	const max = Length + 2
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
