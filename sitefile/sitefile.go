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

	"gridflex/input"
	"gridflex/yamlnum"
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

// keyAt is the key whose scalar value stands on line and reads value, or
// "": several keys may share a line ({count: 1, kw: "2"}), so the line
// alone may name the wrong one.
func keyAt(n *yaml.Node, line int, value string) string {
	if n == nil {
		return ""
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if v := n.Content[i+1]; v.Kind == yaml.ScalarNode && v.Line == line && v.Value == value {
				return n.Content[i].Value
			}
		}
	}
	for _, c := range n.Content {
		if k := keyAt(c, line, value); k != "" {
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
		msg = fmt.Sprintf("want %s, got %s %s", kind(t[3]), t[1], input.Excerpt(t[2]))
		if n, _ := strconv.Atoi(m[1]); root != nil {
			if k := keyAt(root, n, t[2]); k != "" {
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
// ordered by line, at most input.MaxErrors of them. A check on a line that
// already has a decode error is dropped: it only sees the zero value the
// decoder left there.
func Merge(decode, checks []string) error {
	all := mergeLines(decode, checks)
	if len(all) == 0 {
		return nil
	}
	return errors.New(strings.Join(input.Cap(all), "\n"))
}

func mergeLines(decode, checks []string) []string {
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
	slices.SortStableFunc(all, func(a, b string) int { return line(a) - line(b) })
	return all
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

// File is a decoded site file: its YAML tree for line numbers and the
// problems decoding found, to be reported with the checks (Err).
type File struct {
	Name string
	Root *yaml.Node
	// decode are the decoder's messages (unknown keys, wrong types);
	// numbers the strict number checks.
	decode  []string
	numbers []FieldError
}

// Decode decodes a site file strictly into v (a pointer to a struct).
// Syntax errors, an empty file and a second YAML document end decoding
// with err. Unknown keys, wrong types and numbers the strict checks refuse
// (Numbers) are kept in the File, with v filled as far as the decoder
// could, so the caller runs its checks on v and reports all with Err.
func Decode(name string, data []byte, v any) (*File, error) {
	root := &yaml.Node{}
	if err := yaml.Unmarshal(data, root); err != nil {
		msgs, _ := DecodeErrors(name, data, err)
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	f := &File{Name: name, Root: root}
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty site file", name)
		}
		msgs, partial := DecodeErrors(name, data, err)
		if !partial {
			return nil, errors.New(strings.Join(msgs, "\n"))
		}
		f.decode = msgs
	}
	if err := SingleDocument(name, dec); err != nil {
		return nil, err
	}
	f.numbers = Numbers(root, v)
	return f, nil
}

// SingleDocument refuses a second YAML document after the one dec read:
// it would be ignored silently.
func SingleDocument(name string, dec *yaml.Decoder) error {
	line, err := yamlnum.SecondDocument(dec)
	switch {
	case err != nil:
		return fmt.Errorf("%s: %v", name, err)
	case line > 0:
		return fmt.Errorf("%s:%d: a second YAML document (---): want one site per file", name, line)
	}
	return nil
}

// LineOf is the line of path in the file (see LineOf).
func (f *File) LineOf(path string) int { return LineOf(f.Root, path) }

// Err reports the decode problems, the number checks and checks (found on
// the partly decoded value) at once, in line order, at most
// input.MaxErrors of them; nil when there is none. A check on a line that
// already has a decode or number problem is dropped: it only saw the zero
// value the decoder left there.
// nested are FILE:LINE: messages of a nested parser, reported as they are.
func (f *File) Err(checks []FieldError, nested ...string) error {
	decode := withNumbers(f.Name, f.Root, f.numbers, f.decode)
	all := mergeLines(decode, append(Lines(f.Name, f.Root, checks), nested...))
	if len(all) == 0 {
		return nil
	}
	return &Error{File: f.Name, Fields: append(slices.Clone(f.numbers), checks...), lines: input.Cap(all)}
}

// WithNumbers adds the strict number checks (Numbers) on v to a parser's
// decode messages, for a parser that decodes on its own instead of with
// Decode.
func WithNumbers(name string, root *yaml.Node, v any, decode []string) []string {
	return withNumbers(name, root, Numbers(root, v), decode)
}

func withNumbers(name string, root *yaml.Node, numbers []FieldError, decode []string) []string {
	nums := Lines(name, root, numbers)
	// The strict checks name the field of a wrong type better than the
	// decoder's message on the same line.
	bad := map[int]bool{}
	for _, m := range nums {
		bad[line(m)] = true
	}
	for _, m := range decode {
		if !bad[line(m)] {
			nums = append(nums, m)
		}
	}
	return nums
}
