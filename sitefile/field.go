package sitefile

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FieldError is one problem with one field of a site: the validation
// result every site parser returns, whatever the file format. Path is the
// field's dotted path with [i] indexes ("batches[1].kw"); a YAML file maps
// it to a line (LineOf), an HTTP API to a JSON pointer.
type FieldError struct {
	Path    string
	Message string
}

func (e FieldError) Error() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Checks collects FieldErrors as a validator finds them.
type Checks []FieldError

// Add records a problem at path.
func (c *Checks) Add(path, format string, args ...any) {
	*c = append(*c, FieldError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Lines renders field errors as "name:LINE: path: message", the line found
// from the path in root (the file's YAML tree; nil gives no line).
func Lines(name string, root *yaml.Node, errs []FieldError) []string {
	out := make([]string, 0, len(errs))
	for _, e := range errs {
		if root == nil {
			out = append(out, fmt.Sprintf("%s: %s", name, e))
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d: %s", name, LineOf(root, e.Path), e))
	}
	return out
}

// Error is an invalid site file: Fields holds the checks on values (and
// the strict number checks) as data, Error() every problem as
// FILE:LINE: lines, decode errors (unknown keys, wrong types) included.
type Error struct {
	File   string
	Fields []FieldError
	lines  []string
}

func (e *Error) Error() string { return strings.Join(e.lines, "\n") }

// Lines are the problems as FILE:LINE: messages, in line order.
func (e *Error) Lines() []string { return slices.Clone(e.lines) }
