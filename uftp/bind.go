package uftp

import (
	"encoding"
	"encoding/xml"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// bind fills the message structs from a scanned tree, reading the same
// struct tags encoding/xml does ("Name,attr" for attributes, "Name" for
// repeated child elements), so the types stay the one description of the
// format.

type fieldKind int

const (
	kindString fieldKind = iota
	kindInt
	kindBool
	kindAttrUnmarshaler // *T implements xml.UnmarshalerAttr
	kindText            // *T implements encoding.TextUnmarshaler (time.Time)
	kindPtrAttr         // *U with *U implementing xml.UnmarshalerAttr (optional powers)
	kindSlice           // []struct: child elements
)

type field struct {
	index []int
	kind  fieldKind
	child *binding // kindSlice: the element type's binding
}

type binding struct {
	attrs map[string]field
	elems map[string]field
}

var (
	bindings         sync.Map // reflect.Type → *binding
	attrUnmarshalerT = reflect.TypeFor[xml.UnmarshalerAttr]()
	textUnmarshalerT = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func bindingOf(t reflect.Type) *binding {
	if b, ok := bindings.Load(t); ok {
		return b.(*binding)
	}
	b := &binding{attrs: map[string]field{}, elems: map[string]field{}}
	collect(b, t, nil)
	bindings.Store(t, b)
	return b
}

func collect(b *binding, t reflect.Type, prefix []int) {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(prefix[:len(prefix):len(prefix)], i)
		tag := f.Tag.Get("xml")
		if f.Anonymous && tag == "" {
			collect(b, f.Type, index)
			continue
		}
		if f.Name == "XMLName" || tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "attr") {
			b.attrs[name] = field{index: index, kind: kindOf(f.Type)}
			continue
		}
		if f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Struct {
			panic(fmt.Sprintf("uftp: field %s: child elements must be slices of structs", f.Name))
		}
		b.elems[name] = field{index: index, kind: kindSlice, child: bindingOf(f.Type.Elem())}
	}
}

func kindOf(t reflect.Type) fieldKind {
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(attrUnmarshalerT):
		return kindAttrUnmarshaler
	case pt.Implements(textUnmarshalerT):
		return kindText
	case t.Kind() == reflect.Pointer && t.Implements(attrUnmarshalerT):
		return kindPtrAttr
	case t.Kind() == reflect.String:
		return kindString
	case t.Kind() == reflect.Bool:
		return kindBool
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		return kindInt
	}
	panic(fmt.Sprintf("uftp: no attribute decoding for %s", t))
}

// binder is the scanner's handler that fills a message: a stack of the
// structs being filled, the root chosen by its element name.
type binder struct {
	root  func(name string) (any, error)
	stack []frame
}

type frame struct {
	v reflect.Value
	b *binding
}

func (d *binder) start(name string, attrs []attr, line int) error {
	var fr frame
	if len(d.stack) == 0 {
		p, err := d.root(name)
		if err != nil {
			return err
		}
		v := reflect.ValueOf(p).Elem()
		fr = frame{v, bindingOf(v.Type())}
	} else {
		top := d.stack[len(d.stack)-1]
		f, ok := top.b.elems[name]
		if !ok {
			return fmt.Errorf("%w: line %d: unknown element %s", ErrSchema, line, name)
		}
		s := top.v.FieldByIndex(f.index)
		if s.Cap() == 0 && name == "ISP" {
			s.Grow(100) // a day has at most 100 ISPs: one allocation
		} else if s.Len() == s.Cap() {
			s.Grow(1)
		}
		s.SetLen(s.Len() + 1)
		fr = frame{s.Index(s.Len() - 1), f.child}
	}
	for _, a := range attrs {
		f, ok := fr.b.attrs[a.name]
		if !ok {
			return fmt.Errorf("%w: line %d: unknown attribute %s on %s", ErrSchema, line, a.name, name)
		}
		if err := setAttr(fr.v.FieldByIndex(f.index), f.kind, a); err != nil {
			return fmt.Errorf("%w: line %d: %s: %v", ErrSchema, line, name, err)
		}
	}
	d.stack = append(d.stack, fr)
	return nil
}

func (d *binder) end() { d.stack = d.stack[:len(d.stack)-1] }

func setAttr(f reflect.Value, kind fieldKind, a attr) error {
	switch kind {
	case kindString:
		f.SetString(a.value())
	case kindInt:
		n, ok := parseInt(a)
		if !ok || f.OverflowInt(n) {
			return fmt.Errorf("attribute %s: %q is not an integer", a.name, excerpt(a.value()))
		}
		f.SetInt(n)
	case kindBool:
		ok, err := strconv.ParseBool(strings.TrimSpace(a.value()))
		if err != nil {
			return fmt.Errorf("attribute %s: %q is not a boolean", a.name, excerpt(a.value()))
		}
		f.SetBool(ok)
	case kindAttrUnmarshaler:
		// The hot types are parsed from the raw bytes; the others through
		// their UnmarshalXMLAttr.
		switch p := f.Addr().Interface().(type) {
		case *Watt:
			n, ok := parseInt(a)
			if !ok {
				return fmt.Errorf("attribute %s: %q is not a whole number of watts", a.name, excerpt(a.value()))
			}
			*p = Watt(n)
			return nil
		case *Count:
			n, ok := parseInt(a)
			if !ok || n < 1 || n > 1<<31-1 {
				return fmt.Errorf("attribute %s: %q is not a positive integer", a.name, excerpt(a.value()))
			}
			*p = Count(n)
			return nil
		case xml.UnmarshalerAttr:
			return p.UnmarshalXMLAttr(xml.Attr{Name: xml.Name{Local: a.name}, Value: a.value()})
		}
	case kindText:
		if err := f.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(a.value())); err != nil {
			return fmt.Errorf("attribute %s: %q: %v", a.name, excerpt(a.value()), err)
		}
	case kindPtrAttr:
		p := reflect.New(f.Type().Elem())
		if err := p.Interface().(xml.UnmarshalerAttr).UnmarshalXMLAttr(xml.Attr{Name: xml.Name{Local: a.name}, Value: a.value()}); err != nil {
			return err
		}
		f.Set(p)
	}
	return nil
}

// parseInt reads an xs:integer as strconv.ParseInt(strings.TrimSpace(v))
// would, without making a string of the raw bytes.
func parseInt(a attr) (int64, bool) {
	if a.hasE {
		n, err := strconv.ParseInt(strings.TrimSpace(a.esc), 10, 64)
		return n, err == nil
	}
	b := a.raw
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	neg := false
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		neg = b[0] == '-'
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 18 { // 18 digits cannot overflow int64
		if len(b) > 18 {
			n, err := strconv.ParseInt(strings.TrimSpace(string(a.raw)), 10, 64)
			return n, err == nil
		}
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
