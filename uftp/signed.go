package uftp

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"
)

// Roles a SignedMessage may name (USEF-RoleType).
const (
	RoleAGR = "AGR"
	RoleCRO = "CRO"
	RoleDSO = "DSO"
)

// SignedMessage is the envelope every UFTP message travels in. Body is
// libsodium's crypto_sign output: the 64-byte Ed25519 signature followed
// by the payload XML (base64 in the XML attribute, raw bytes here).
type SignedMessage struct {
	XMLName      xml.Name `xml:"SignedMessage"`
	SenderDomain string   `xml:"SenderDomain,attr"`
	SenderRole   string   `xml:"SenderRole,attr"`
	Body         Base64   `xml:"Body,attr"`
}

// Base64 is an xs:base64Binary attribute value, held decoded.
type Base64 []byte

// UnmarshalXMLAttr implements xml.UnmarshalerAttr; xs:base64Binary allows
// whitespace between the characters.
func (b *Base64) UnmarshalXMLAttr(attr xml.Attr) error {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, attr.Value)
	v, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return fmt.Errorf("attribute %s: not base64: %v", attr.Name.Local, err)
	}
	*b = v
	return nil
}

// MarshalXMLAttr implements xml.MarshalerAttr.
func (b Base64) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: base64.StdEncoding.EncodeToString(b)}, nil
}

// ErrSignature: the Body is not signed by the sender's key (the spec
// answers HTTP 401).
var ErrSignature = errors.New("signature does not verify")

// Seal signs payload as crypto_sign does: signature || payload. Ed25519 is
// deterministic, so the result equals libsodium's byte for byte.
func Seal(payload []byte, key ed25519.PrivateKey) []byte {
	out := make([]byte, 0, ed25519.SignatureSize+len(payload))
	out = append(out, ed25519.Sign(key, payload)...)
	return append(out, payload...)
}

// Open verifies a crypto_sign body with the sender's public key and
// returns the payload (a sub-slice of body).
func Open(body []byte, pub ed25519.PublicKey) ([]byte, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key has %d bytes, want %d", len(pub), ed25519.PublicKeySize)
	}
	if len(body) < ed25519.SignatureSize {
		return nil, fmt.Errorf("%w: body has %d bytes, shorter than a signature", ErrSignature, len(body))
	}
	sig, payload := body[:ed25519.SignatureSize], body[ed25519.SignatureSize:]
	if !ed25519.Verify(pub, payload, sig) {
		return nil, ErrSignature
	}
	return payload, nil
}

// Sign wraps an encoded message in a SignedMessage from the given sender.
func Sign(payload []byte, senderDomain, senderRole string, key ed25519.PrivateKey) *SignedMessage {
	return &SignedMessage{SenderDomain: senderDomain, SenderRole: senderRole, Body: Seal(payload, key)}
}

// Encode writes the envelope as XML.
func (sm *SignedMessage) Encode() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	if err := xml.NewEncoder(&b).Encode(sm); err != nil {
		return nil, fmt.Errorf("encode SignedMessage: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// Validate checks the envelope's own attributes.
func (sm *SignedMessage) Validate() error {
	var errs []error
	if err := checkDomain("SenderDomain", sm.SenderDomain); err != nil {
		errs = append(errs, reject(InvalidSignedMessage, "SenderDomain", "%v", err))
	}
	switch sm.SenderRole {
	case RoleAGR, RoleCRO, RoleDSO:
	default:
		errs = append(errs, reject(InvalidSenderRole, "SenderRole", "%q: want AGR, CRO or DSO", excerpt(sm.SenderRole)))
	}
	return errors.Join(errs...)
}

// Open verifies the envelope with the sender's key, decodes the payload
// and checks that the payload's SenderDomain is the envelope's. The
// payload is returned too: the raw bytes are the evidence to keep.
func (sm *SignedMessage) Open(pub ed25519.PublicKey) (Message, []byte, error) {
	payload, err := Open(sm.Body, pub)
	if err != nil {
		return nil, nil, err
	}
	m, err := Decode(payload)
	if err != nil {
		return nil, payload, err
	}
	if got := m.Head().SenderDomain; got != sm.SenderDomain {
		return m, payload, reject(MismatchSenderDomain, "SenderDomain", "envelope %q, message %q", excerpt(sm.SenderDomain), excerpt(got))
	}
	return m, payload, nil
}

// ParsePublicKey reads a base64 Ed25519 public key (32 bytes), as the UFTP
// participant registry publishes it.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("public key: not base64: %v", err)
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key: %d bytes, want %d", len(b), ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

// ParsePrivateKey reads a base64 Ed25519 private key in libsodium's layout,
// seed (32 bytes) followed by the public key (32 bytes) — the layout of
// crypto/ed25519 too. A key whose second half is not the seed's public key
// is refused: it would sign under a key nobody can verify.
func ParsePrivateKey(s string) (ed25519.PrivateKey, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("private key: not base64 (the value is not repeated here)")
	}
	if len(b) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("private key: %d bytes, want %d (seed and public key)", len(b), ed25519.PrivateKeySize)
	}
	k := ed25519.NewKeyFromSeed(b[:ed25519.SeedSize])
	if !bytes.Equal(k[ed25519.SeedSize:], b[ed25519.SeedSize:]) {
		return nil, fmt.Errorf("private key: its public half does not belong to its seed")
	}
	return k, nil
}
