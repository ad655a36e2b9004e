package yamlnum

import (
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/input"
)

// MaxMagnitude bounds every number in an input file: far above any real
// site or contract (a terawatt, a billion euros), far below where
// arithmetic on it overflows to Inf in a report.
const MaxMagnitude = 1e12

var (
	decimalRe = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
	wholeRe   = regexp.MustCompile(`^[-+]?[0-9]+$`)
)

// Check is the problem with a scalar bound for a number field ("want ...,
// got ..."), or "" when it is a plain decimal number within MaxMagnitude
// (a whole one when whole is set) or null. A mapping or list is left to
// the caller's decoder, which names the kind found.
func Check(n *yaml.Node, whole bool) string {
	want := "a number"
	if whole {
		want = "a whole number"
	}
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	if n.Tag == "!!str" || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return fmt.Sprintf("want %s, got text %s", want, input.Excerpt(n.Value))
	}
	return CheckText(n.Value, whole)
}

// CheckText is Check for the text of a plain scalar (or one side of a
// range written as text, LOW..HIGH): "" when s is a decimal number within
// MaxMagnitude, a whole one when whole is set.
func CheckText(s string, whole bool) string {
	want := "a number"
	if whole {
		want = "a whole number"
	}
	if !decimalRe.MatchString(s) {
		return fmt.Sprintf("want %s written in decimal digits, got %s", want, input.Excerpt(s))
	}
	if whole && !wholeRe.MatchString(s) {
		return fmt.Sprintf("want a whole number, got %s", input.Excerpt(s))
	}
	x, err := strconv.ParseFloat(s, 64)
	mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
	switch {
	case err != nil || math.Abs(x) > MaxMagnitude:
		return fmt.Sprintf("want a magnitude at most %g, got %s", MaxMagnitude, input.Excerpt(s))
	case (x != 0 && math.Abs(x) < 1/MaxMagnitude) || (x == 0 && strings.ContainsAny(mantissa, "123456789")):
		return fmt.Sprintf("want 0 or a magnitude at least %g, got %s", 1/MaxMagnitude, input.Excerpt(s))
	}
	return ""
}

// SecondDocument reads on after the document dec decoded: the line of a
// second YAML document (0 when there is none), or the syntax error after
// the first.
func SecondDocument(dec *yaml.Decoder) (int, error) {
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("after the first YAML document: %v", err)
	}
	return extra.Line, nil
}
