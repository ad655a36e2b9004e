package uftp

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The scanner reads the XML subset UFTP messages are written in — a
// declaration, comments, elements with attributes, whitespace — straight
// from the bytes into the message structs (bind.go), several times faster
// than encoding/xml's general tokenizer (BenchmarkSignVerifyValidate). It
// checks well-formedness and the schema table (schema.go) as it goes and
// refuses everything else: declarations (DOCTYPE, ENTITY), processing
// instructions other than the XML declaration, text content, namespaces.
// decodeStd, the same guard over encoding/xml, is its reference: FuzzDecode
// checks that both read every input alike.

// handler receives the elements as they are read: start with the
// element's attributes (valid until the next call), end when it closes.
type handler interface {
	start(name string, attrs []attr, line int) error
	end()
}

// attr is one attribute. raw is the value as written (a sub-slice of the
// input) when it needs no unescaping, so that numbers are parsed without a
// string; value() returns it as a string.
type attr struct {
	name string
	raw  []byte
	esc  string
	hasE bool
}

func (a attr) value() string {
	if a.hasE {
		return a.esc
	}
	if v, ok := values[string(a.raw)]; ok { // no allocation
		return v
	}
	return string(a.raw)
}

// values interns the enumerations and market constants that recur in
// every message.
var values = func() map[string]string {
	m := map[string]string{}
	for _, v := range []string{Available, Requested, Accepted, Rejected, Disputed, ISPDuration, TimeZone, "EUR", V300, V310, ""} {
		m[v] = v
	}
	return m
}()

type scanner struct {
	data  []byte
	pos   int
	line  int
	attrs []attr // scratch for the element being read
	h     handler
}

func (s *scanner) errf(format string, a ...any) error {
	return fmt.Errorf("%w: line %d: %s", ErrSchema, s.line, fmt.Sprintf(format, a...))
}

// scan parses a whole document, handing its elements to h.
func scan(data []byte, h handler) error {
	if err := checkChars(data); err != nil {
		return err
	}
	s := &scanner{data: data, line: 1, h: h, attrs: make([]attr, 0, 16)}
	root := ""
	first := true
	for {
		s.space()
		if s.pos >= len(s.data) {
			if root == "" {
				return fmt.Errorf("%w: no root element", ErrSchema)
			}
			return nil
		}
		if s.data[s.pos] != '<' {
			return s.errf("text %q outside the root element, want none", s.text())
		}
		switch {
		case s.has("<?"):
			if err := s.procInst(first); err != nil {
				return err
			}
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return err
			}
		case s.has("<!"):
			return fmt.Errorf("%w (line %d: %s)", ErrDeclaration, s.line, excerpt(string(s.rest(40))))
		default:
			if root != "" {
				return s.errf("a second root element after %s", root)
			}
			n, err := s.element("", 1)
			if err != nil {
				return err
			}
			root = n
		}
		first = false
	}
}

// checkChars: UTF-8, and only the characters XML 1.0 allows.
func checkChars(data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return fmt.Errorf("%w: line %d: control character %#02x", ErrSchema, line, c)
			}
			if c == '\n' {
				line++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return fmt.Errorf("%w: line %d: invalid UTF-8 or character", ErrSchema, line)
		}
		i += size
	}
	return nil
}

func (s *scanner) has(prefix string) bool { return bytes.HasPrefix(s.data[s.pos:], []byte(prefix)) }

// text is the character data at s.pos, for an error message.
func (s *scanner) text() string {
	t := s.data[s.pos:]
	if i := bytes.IndexByte(t, '<'); i >= 0 {
		t = t[:i]
	}
	return excerpt(string(bytes.TrimSpace(t)))
}

func (s *scanner) rest(n int) []byte { return s.data[s.pos:min(len(s.data), s.pos+n)] }

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '\n':
			s.line++
		case ' ', '\t', '\r':
		default:
			return
		}
		s.pos++
	}
}

// procInst accepts the XML declaration (first thing in the document,
// version 1.0, UTF-8) and nothing else.
func (s *scanner) procInst(first bool) error {
	end := bytes.Index(s.data[s.pos+2:], []byte("?>"))
	if end < 0 {
		return s.errf("unterminated processing instruction")
	}
	end += 2
	body := string(s.data[s.pos+2 : s.pos+end])
	target, content, _ := strings.Cut(body, " ")
	if target != "xml" || !first || s.pos != 0 {
		return s.errf("processing instruction <?%s?>", excerpt(target))
	}
	if v := pseudoAttr(content, "version"); v != "" && v != "1.0" {
		return s.errf("XML version %q, want 1.0", excerpt(v))
	}
	if enc := pseudoAttr(content, "encoding"); enc != "" && !strings.EqualFold(enc, "utf-8") {
		return s.errf("encoding %q, want UTF-8", excerpt(enc))
	}
	s.line += strings.Count(body, "\n")
	s.pos += end + 2
	return nil
}

// pseudoAttr finds name="value" or name='value' in an XML declaration.
func pseudoAttr(content, name string) string {
	i := strings.Index(content, name+"=")
	if i < 0 || len(content) < i+len(name)+2 {
		return ""
	}
	rest := content[i+len(name)+1:]
	q := rest[0]
	if q != '"' && q != '\'' {
		return ""
	}
	v, _, _ := strings.Cut(rest[1:], string(q))
	return v
}

func (s *scanner) comment() error {
	body := s.data[s.pos+4:]
	end := bytes.Index(body, []byte("--"))
	if end < 0 {
		return s.errf("unterminated comment")
	}
	if end+2 >= len(body) || body[end+2] != '>' {
		return s.errf(`"--" inside a comment`)
	}
	s.line += bytes.Count(body[:end], []byte("\n"))
	s.pos += 4 + end + 3
	return nil
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':' || c >= utf8.RuneSelf
}

func (s *scanner) name() string {
	start := s.pos
	for s.pos < len(s.data) && isNameByte(s.data[s.pos]) {
		s.pos++
	}
	if n, ok := names[string(s.data[start:s.pos])]; ok { // no allocation
		return n
	}
	return string(s.data[start:s.pos])
}

// names interns the element and attribute names of the schema table: a
// FlexRequest repeats the same six names 96 times.
var names = func() map[string]string {
	m := map[string]string{}
	for k, spec := range schema {
		m[k.local] = k.local
		for _, a := range append(spec.required[:len(spec.required):len(spec.required)], spec.optional...) {
			m[a] = a
		}
	}
	return m
}()

// element reads an element at s.pos ('<') and its content; depth counts
// from 1 at the root.
func (s *scanner) element(parent string, depth int) (string, error) {
	if depth > MaxDepth {
		return "", fmt.Errorf("%w: more than %d levels at line %d", ErrTooDeep, MaxDepth, s.line)
	}
	s.pos++ // '<'
	line, name := s.line, s.name()
	if name == "" {
		return "", s.errf("%q is not an element", excerpt(string(s.rest(20))))
	}
	spec, err := s.lookup(parent, name)
	if err != nil {
		return "", err
	}
	var seen uint64
	s.attrs = s.attrs[:0]
	for {
		hadSpace := s.pos < len(s.data) && isSpace(s.data[s.pos])
		s.space()
		if s.pos >= len(s.data) {
			return "", s.errf("unexpected end of input in %s", name)
		}
		c := s.data[s.pos]
		if c == '/' || c == '>' {
			break
		}
		if !hadSpace {
			return "", s.errf("want space before attribute in %s", name)
		}
		a, err := s.attribute(name)
		if err != nil {
			return "", err
		}
		if strings.HasPrefix(a.name, "xmlns:") || a.name == "xmlns" {
			if a.name == "xmlns" && a.value() != "" {
				return "", s.errf("element %s in namespace %q, want no namespace", name, excerpt(a.value()))
			}
			continue
		}
		i := index(spec.required, spec.optional, a.name)
		if i < 0 {
			return "", s.errf("unknown attribute %s on %s", excerpt(a.name), name)
		}
		if seen&(1<<i) != 0 {
			return "", s.errf("attribute %s repeated on %s", a.name, name)
		}
		seen |= 1 << i
		s.attrs = append(s.attrs, a)
	}
	if err := s.h.start(name, s.attrs, line); err != nil {
		return "", err
	}
	for i, name := range spec.required {
		if seen&(1<<i) == 0 {
			return "", s.errf("%s lacks the required attribute %s", name, name)
		}
	}
	if s.data[s.pos] == '/' {
		if s.pos+1 >= len(s.data) || s.data[s.pos+1] != '>' {
			return "", s.errf("want /> in %s", name)
		}
		s.pos += 2
		s.h.end()
		return name, nil
	}
	s.pos++ // '>'
	for {
		s.space()
		if s.pos >= len(s.data) {
			return "", s.errf("unexpected end of input inside %s", name)
		}
		if s.data[s.pos] != '<' {
			return "", s.errf("text %q in %s, want none", s.text(), name)
		}
		switch {
		case s.has("</"):
			s.pos += 2
			if end := s.name(); end != name {
				return "", s.errf("element <%s> closed by </%s>", name, excerpt(end))
			}
			s.space()
			if s.pos >= len(s.data) || s.data[s.pos] != '>' {
				return "", s.errf("want > after </%s", name)
			}
			s.pos++
			s.h.end()
			return name, nil
		case s.has("<!--"):
			if err := s.comment(); err != nil {
				return "", err
			}
		case s.has("<![CDATA["):
			end := bytes.Index(s.data[s.pos:], []byte("]]>"))
			if end < 0 || len(bytes.TrimSpace(s.data[s.pos+9:s.pos+end])) > 0 {
				return "", s.errf("text in %s, want none", name)
			}
			s.line += bytes.Count(s.data[s.pos:s.pos+end], []byte("\n"))
			s.pos += end + 3
		case s.has("<!"):
			return "", fmt.Errorf("%w (line %d: %s)", ErrDeclaration, s.line, excerpt(string(s.rest(40))))
		case s.has("<?"):
			return "", s.errf("processing instruction in %s", name)
		default:
			if _, err := s.element(name, depth+1); err != nil {
				return "", err
			}
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *scanner) lookup(parent, name string) (elemSpec, error) {
	spec, ok := schema[elemKey{parent, name}]
	if ok {
		return spec, nil
	}
	if strings.Contains(name, ":") {
		return spec, s.errf("element %s in a namespace, want no namespace", excerpt(name))
	}
	if parent == "" {
		return spec, fmt.Errorf("%w: unknown message %q", ErrSchema, excerpt(name))
	}
	return spec, s.errf("unknown element %s in %s", excerpt(name), parent)
}

// attribute reads name="value" and unescapes the value.
func (s *scanner) attribute(elem string) (attr, error) {
	name := s.name()
	if name == "" {
		return attr{}, s.errf("%q is not an attribute of %s", excerpt(string(s.rest(20))), elem)
	}
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != '=' {
		return attr{}, s.errf("attribute %s of %s has no value", excerpt(name), elem)
	}
	s.pos++
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != '"' && s.data[s.pos] != '\'' {
		return attr{}, s.errf("attribute %s of %s: want a quoted value", excerpt(name), elem)
	}
	q := s.data[s.pos]
	end := bytes.IndexByte(s.data[s.pos+1:], q)
	if end < 0 {
		return attr{}, s.errf("attribute %s of %s: unterminated value", excerpt(name), elem)
	}
	raw := s.data[s.pos+1 : s.pos+1+end]
	s.line += bytes.Count(raw, []byte("\n"))
	s.pos += end + 2
	if bytes.IndexByte(raw, '<') >= 0 {
		return attr{}, s.errf("attribute %s of %s: '<' in a value", name, elem)
	}
	if bytes.IndexAny(raw, "&\r") < 0 {
		return attr{name: name, raw: raw}, nil
	}
	v, err := unescape(raw)
	if err != nil {
		return attr{}, s.errf("attribute %s of %s: %v", name, elem, err)
	}
	return attr{name: name, esc: v, hasE: true}, nil
}

// unescape resolves the predefined entities and character references and
// turns \r\n and \r into \n. Like encoding/xml (decodeStd) it keeps
// other white space as written rather than mapping it to spaces as XML
// attribute-value normalisation would; UFTP values that could hold it are
// free text.
func unescape(raw []byte) (string, error) {
	if bytes.IndexAny(raw, "&\r") < 0 {
		return string(raw), nil
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
			b.WriteByte('\n')
		case '&':
			end := bytes.IndexByte(raw[i:], ';')
			if end < 0 {
				return "", fmt.Errorf("unterminated entity")
			}
			ent := string(raw[i+1 : i+end])
			i += end
			switch ent {
			case "lt":
				b.WriteByte('<')
			case "gt":
				b.WriteByte('>')
			case "amp":
				b.WriteByte('&')
			case "apos":
				b.WriteByte('\'')
			case "quot":
				b.WriteByte('"')
			default:
				r, ok := charRef(ent)
				if !ok {
					return "", fmt.Errorf("entity &%s; (only the predefined ones and character references)", excerpt(ent))
				}
				b.WriteRune(r)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func charRef(ent string) (rune, bool) {
	if !strings.HasPrefix(ent, "#") {
		return 0, false
	}
	var n uint64
	var err error
	if strings.HasPrefix(ent, "#x") {
		n, err = strconv.ParseUint(ent[2:], 16, 32)
	} else {
		n, err = strconv.ParseUint(ent[1:], 10, 32)
	}
	r := rune(n)
	ok := err == nil && (r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF)
	return r, ok
}

// index numbers the required attributes first, then the optional ones.
func index(required, optional []string, name string) int {
	for i, s := range required {
		if s == name {
			return i
		}
	}
	for i, s := range optional {
		if s == name {
			return len(required) + i
		}
	}
	return -1
}
