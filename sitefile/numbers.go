package sitefile

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"gridflex/yamlnum"
)

// MaxMagnitude bounds every number in a site file (yamlnum.MaxMagnitude).
const MaxMagnitude = yamlnum.MaxMagnitude

// Numbers checks every scalar decoded into a number field of v (a pointer
// to the struct the file decodes into) strictly, where the YAML decoder is
// lenient: it refuses text ("210", !!str 210), underscores (1__5), hex and
// octal forms, .inf and .nan, a fraction for a whole number (count: 2.5
// would decode as 2), a value that rounds to zero (1e-400) and a magnitude
// above MaxMagnitude (1e308). Each problem names its field by path.
func Numbers(root *yaml.Node, v any) []FieldError {
	if root == nil {
		return nil
	}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	var errs []FieldError
	walk(n, reflect.TypeOf(v), "", &errs)
	return errs
}

func walk(n *yaml.Node, t reflect.Type, path string, errs *[]FieldError) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if ft, ok := field(t, n.Content[i].Value); ok {
				walk(n.Content[i+1], ft, join(path, n.Content[i].Value), errs)
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			walk(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value), errs)
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			return
		}
		for i, c := range n.Content {
			walk(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), errs)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if msg := yamlnum.Check(n, true); msg != "" {
			*errs = append(*errs, FieldError{Path: path, Message: msg})
		}
	case reflect.Float32, reflect.Float64:
		if msg := yamlnum.Check(n, false); msg != "" {
			*errs = append(*errs, FieldError{Path: path, Message: msg})
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// field finds the type of the struct field a key decodes into, looking
// into inline structs as the decoder does.
func field(t reflect.Type, key string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",inline,") {
			it := f.Type
			for it.Kind() == reflect.Pointer {
				it = it.Elem()
			}
			if it.Kind() == reflect.Struct {
				if ft, ok := field(it, key); ok {
					return ft, true
				}
			}
			continue
		}
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if name == key {
			return f.Type, true
		}
	}
	return nil, false
}
