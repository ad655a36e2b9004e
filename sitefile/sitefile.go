// Package sitefile turns the YAML decoder's errors on a site file into the
// FILE:LINE: messages every site parser reports (report/FORMAT.md), so that
// an unknown key or a wrong type reads like a failed check and is reported
// together with the checks instead of alone.
package sitefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	lineRe    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownRe = regexp.MustCompile(`^field (\S+) not found in type (.+)$`)
	typeRe    = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
)

// DecodeErrors returns one "name:LINE: message" per problem in err, an
// error from yaml.Unmarshal or a yaml.Decoder. partial is true for type
// errors (unknown keys, wrong types), after which the decoder has filled
// what it could: the caller should check the rest and Merge.
// data, the file's text, lets a wrong type name its key.
func DecodeErrors(name string, data []byte, err error) (msgs []string, partial bool) {
	if err == nil {
		return nil, false
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var root yaml.Node
		_ = yaml.Unmarshal(data, &root)
		for _, e := range te.Errors {
			msgs = append(msgs, message(name, &root, e))
		}
		return msgs, true
	}
	return []string{message(name, nil, err.Error())}, false
}

// keyAt is the key whose scalar value stands on line, or "".
func keyAt(n *yaml.Node, line int) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; v.Kind == yaml.ScalarNode && v.Line == line {
				return n.Content[i].Value
			}
		}
	}
	for _, c := range n.Content {
		if k := keyAt(c, line); k != "" {
			return k
		}
	}
	return ""
}

func message(name string, root *yaml.Node, e string) string {
	m := lineRe.FindStringSubmatch(e)
	if m == nil {
		return fmt.Sprintf("%s: %s", name, strings.TrimPrefix(e, "yaml: "))
	}
	msg := m[2]
	if u := unknownRe.FindStringSubmatch(msg); u != nil {
		msg = fmt.Sprintf("%s: unknown key (a typo, or a key of another sector?)", u[1])
	} else if t := typeRe.FindStringSubmatch(msg); t != nil {
		msg = fmt.Sprintf("want %s, got %s %q", kind(t[3]), t[1], t[2])
		if n, _ := strconv.Atoi(m[1]); root != nil {
			if k := keyAt(root, n); k != "" {
				msg = k + ": " + msg
			}
		}
	}
	return fmt.Sprintf("%s:%s: %s", name, m[1], msg)
}

// kind names a Go type for a reader of the site file.
func kind(goType string) string {
	switch strings.TrimLeft(goType, "*[]") {
	case "float64", "float32":
		return "a number"
	case "int", "int64", "int32":
		return "a whole number"
	case "bool":
		return "true or false"
	case "string":
		return "text"
	}
	if strings.HasPrefix(goType, "[]") {
		return "a list"
	}
	return "a mapping"
}

// Merge joins decode errors and the checks run on the partly decoded file,
// ordered by line. A check on a line that already has a decode error is
// dropped: it only sees the zero value the decoder left there.
func Merge(decode, checks []string) error {
	bad := map[int]bool{}
	for _, m := range decode {
		bad[line(m)] = true
	}
	all := slices.Clone(decode)
	for _, m := range checks {
		// A check may hold several lines (a nested parser's error).
		for _, l := range strings.Split(m, "\n") {
			if n := line(l); n == 0 || !bad[n] {
				all = append(all, l)
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	slices.SortStableFunc(all, func(a, b string) int { return line(a) - line(b) })
	return errors.New(strings.Join(all, "\n"))
}

// line is the LINE of "name:LINE: …", 0 when there is none.
func line(msg string) int {
	for rest := msg; ; {
		i := strings.Index(rest, ":")
		if i < 0 {
			return 0
		}
		rest = rest[i+1:]
		j := strings.Index(rest, ":")
		if j < 0 {
			return 0
		}
		if n, err := strconv.Atoi(rest[:j]); err == nil {
			return n
		}
	}
}

// LineOf finds the line of a dotted path with [i] indexes (e.g.
// "processes[2].kw") in a YAML document, or of the deepest part of it that
// exists, so that a check on decoded values can name its line.
func LineOf(root *yaml.Node, path string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, part := range strings.Split(strings.ReplaceAll(path, "[", ".["), ".") {
		if part == "" {
			continue
		}
		var next *yaml.Node
		if strings.HasPrefix(part, "[") {
			var i int
			fmt.Sscanf(part, "[%d]", &i)
			if n.Kind == yaml.SequenceNode && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
			}
		} else if n.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == part {
					next = n.Content[j+1]
					line = n.Content[j].Line
				}
			}
		}
		if next == nil {
			return line
		}
		n = next
		if n.Kind != yaml.ScalarNode {
			line = n.Line
		}
	}
	return line
}

// Decode decodes a site file strictly into v and returns its YAML tree for
// LineOf. Syntax errors and an empty file end decoding with err; unknown keys
// and wrong types come back as decodeErrs, with v filled as far as the
// decoder could, so the caller runs its checks and Merges both.
func Decode(name string, data []byte, v any) (root *yaml.Node, decodeErrs []string, err error) {
	root = &yaml.Node{}
	if err := yaml.Unmarshal(data, root); err != nil {
		msgs, _ := DecodeErrors(name, data, err)
		return nil, nil, errors.New(strings.Join(msgs, "\n"))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("%s: empty site file", name)
		}
		msgs, partial := DecodeErrors(name, data, err)
		if !partial {
			return nil, nil, errors.New(strings.Join(msgs, "\n"))
		}
		decodeErrs = msgs
	}
	return root, decodeErrs, nil
}
