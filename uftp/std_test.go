package uftp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// decodeStd is Decode on encoding/xml: the reference the scanner is
// fuzzed against (FuzzDecode). A guard over the token stream applies the
// same schema table and refusals.
func decodeStd(data []byte) (Message, error) {
	var m Message
	err := decodeRoot(data, func(name string) (any, error) {
		m = newMessage(name)
		if m == nil {
			return nil, fmt.Errorf("%w: unknown message %q", ErrSchema, excerpt(name))
		}
		return m, nil
	})
	return m, err
}

// decodeSignedStd is DecodeSigned on encoding/xml.
func decodeSignedStd(data []byte) (*SignedMessage, error) {
	var sm SignedMessage
	err := decodeRoot(data, func(name string) (any, error) {
		if name != "SignedMessage" {
			return nil, fmt.Errorf("%w: root element is %q, want SignedMessage", ErrSchema, excerpt(name))
		}
		return &sm, nil
	})
	if err != nil {
		return nil, err
	}
	return &sm, nil
}

// decodeRoot runs the guarded tokenizer up to the root element, lets pick
// choose the value for it, decodes it and checks that nothing follows.
func decodeRoot(data []byte, pick func(name string) (any, error)) error {
	if len(data) > MaxMessageBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), MaxMessageBytes)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	// No CharsetReader: UTF-8 (and its US-ASCII subset) only, as UFTP
	// requires. No Entity map: only the five predefined entities.
	g := &guard{d: d}
	// One token decoder for the whole input: it keeps its own element
	// stack, so it must see the root's start element itself.
	td := xml.NewTokenDecoder(g)
	var start xml.StartElement
	for {
		tok, err := td.Token()
		if err == io.EOF {
			return fmt.Errorf("%w: no root element", ErrSchema)
		}
		if err != nil {
			return wrapSchema(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			start = se
			break
		}
	}
	v, err := pick(start.Name.Local)
	if err != nil {
		return err
	}
	if err := td.DecodeElement(v, &start); err != nil {
		return wrapSchema(err)
	}
	for {
		tok, err := td.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return wrapSchema(err)
		}
		if _, ok := tok.(xml.StartElement); ok {
			return fmt.Errorf("%w: a second root element after %s", ErrSchema, start.Name.Local)
		}
	}
}

// wrapSchema marks an error of encoding/xml or of an attribute's parser as
// a schema error, leaving the guard's own errors as they are.
func wrapSchema(err error) error {
	for _, e := range []error{ErrTooLarge, ErrDeclaration, ErrTooDeep, ErrSchema} {
		if errors.Is(err, e) {
			return err
		}
	}
	return fmt.Errorf("%w: %v", ErrSchema, err)
}

// guard is the token stream encoding/xml decodes from: it refuses
// declarations, deep nesting, text content, and elements and attributes
// the schema does not have, so that decoding is strict in one pass.
type guard struct {
	d     *xml.Decoder
	stack []string // local names of the open elements
	root  bool     // the root element was seen
}

func (g *guard) Token() (xml.Token, error) {
	tok, err := g.d.Token()
	if err != nil {
		if err == io.EOF {
			if len(g.stack) > 0 {
				return nil, fmt.Errorf("%w: unexpected end of input inside %s", ErrSchema, g.stack[len(g.stack)-1])
			}
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%w: line %d: %v", ErrSchema, g.line(), err)
	}
	switch t := tok.(type) {
	case xml.Directive:
		return nil, fmt.Errorf("%w (line %d: <!%s>)", ErrDeclaration, g.line(), excerpt(string(t)))
	case xml.StartElement:
		if len(g.stack) >= MaxDepth {
			return nil, fmt.Errorf("%w: more than %d levels at line %d", ErrTooDeep, MaxDepth, g.line())
		}
		if err := g.check(t); err != nil {
			return nil, err
		}
		g.stack = append(g.stack, t.Name.Local)
	case xml.EndElement:
		g.stack = g.stack[:len(g.stack)-1]
	case xml.CharData:
		if len(bytes.TrimSpace(t)) > 0 {
			where := "outside the root element"
			if len(g.stack) > 0 {
				where = "in " + g.stack[len(g.stack)-1]
			}
			return nil, fmt.Errorf("%w: line %d: text %q %s, want none", ErrSchema, g.line(), excerpt(string(bytes.TrimSpace(t))), where)
		}
	case xml.ProcInst:
		if t.Target != "xml" {
			return nil, fmt.Errorf("%w: line %d: processing instruction <?%s?>", ErrSchema, g.line(), excerpt(t.Target))
		}
	}
	return tok, nil
}

func (g *guard) line() int {
	line, _ := g.d.InputPos()
	return line
}

// check compares an element with the schema table.
func (g *guard) check(t xml.StartElement) error {
	parent := ""
	if len(g.stack) > 0 {
		parent = g.stack[len(g.stack)-1]
	}
	if parent == "" {
		if g.root {
			return fmt.Errorf("%w: line %d: a second root element %s", ErrSchema, g.line(), excerpt(t.Name.Local))
		}
		g.root = true
	}
	if t.Name.Space != "" {
		return fmt.Errorf("%w: line %d: element %s in namespace %q, want no namespace", ErrSchema, g.line(), t.Name.Local, excerpt(t.Name.Space))
	}
	spec, ok := schema[elemKey{parent, t.Name.Local}]
	if !ok {
		if parent == "" {
			return fmt.Errorf("%w: unknown message %q", ErrSchema, excerpt(t.Name.Local))
		}
		return fmt.Errorf("%w: line %d: unknown element %s in %s", ErrSchema, g.line(), excerpt(t.Name.Local), parent)
	}
	var seen uint64
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			continue
		}
		i := index(spec.required, spec.optional, a.Name.Local)
		if a.Name.Space != "" || i < 0 {
			return fmt.Errorf("%w: line %d: unknown attribute %s on %s", ErrSchema, g.line(), excerpt(a.Name.Local), t.Name.Local)
		}
		if seen&(1<<i) != 0 {
			return fmt.Errorf("%w: line %d: attribute %s repeated on %s", ErrSchema, g.line(), a.Name.Local, t.Name.Local)
		}
		seen |= 1 << i
	}
	for i, name := range spec.required {
		if seen&(1<<i) == 0 {
			return fmt.Errorf("%w: line %d: %s lacks the required attribute %s", ErrSchema, g.line(), t.Name.Local, name)
		}
	}
	return nil
}
