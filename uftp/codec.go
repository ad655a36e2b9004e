package uftp

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
)

// Bounds on what Decode reads. The largest DSO–AGR message, a FlexSettlement
// of a month with 31 days × 100 ISPs per order, stays far below 1 MiB. The
// schemas nest at most 4 deep and the guard refuses any element that is not
// in the schema table under its parent, so MaxDepth is a second line that
// only a change of the table could reach. The scanner (scan.go) enforces
// all of them.
const (
	MaxMessageBytes = 1 << 20
	MaxDepth        = 8
)

// Decode errors; each returned error wraps one of them.
var (
	// ErrTooLarge: the input exceeds MaxMessageBytes.
	ErrTooLarge = errors.New("message too large")
	// ErrDeclaration: a DOCTYPE or ENTITY declaration, the vehicle of XML
	// external entity (XXE) attacks. UFTP messages never need one, so it is
	// refused before anything is resolved or fetched.
	ErrDeclaration = errors.New("DOCTYPE/ENTITY declarations are not allowed")
	// ErrTooDeep: elements nested deeper than MaxDepth.
	ErrTooDeep = errors.New("elements nested too deep")
	// ErrSchema: the XML is not a message of the UFTP schemas (unknown
	// element or attribute, missing required attribute, text content,
	// malformed value or XML).
	ErrSchema = errors.New("not a valid UFTP message")
)

// Decode reads one payload message. It refuses (see the errors above)
// rather than skips whatever the schemas do not allow; it does not apply
// the protocol rules, which Validate does.
func Decode(data []byte) (Message, error) {
	var m Message
	err := decode(data, func(name string) (any, error) {
		m = newMessage(name)
		if m == nil {
			return nil, fmt.Errorf("%w: unknown message %q", ErrSchema, excerpt(name))
		}
		return m, nil
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// DecodeSigned reads a SignedMessage envelope.
func DecodeSigned(data []byte) (*SignedMessage, error) {
	var sm SignedMessage
	err := decode(data, func(name string) (any, error) {
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

func decode(data []byte, root func(name string) (any, error)) error {
	if len(data) > MaxMessageBytes {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), MaxMessageBytes)
	}
	return scan(data, &binder{root: root, stack: make([]frame, 0, MaxDepth)})
}

// Encode writes a message as UTF-8 XML with a declaration, ready to be
// sealed. It writes what it is given; Validate it first.
func Encode(m Message) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encode %s: %w", m.Name(), err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}
