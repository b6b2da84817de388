package main

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
)

// validateSchema checks values against values.schema.json, as Helm does before rendering. It knows
// the JSON Schema keywords the NetSwarm chart uses: type, properties, required,
// additionalProperties, enum, minimum, maximum, minLength, pattern, items, minItems. Others
// ($ref, oneOf, allOf, formats...) are ignored, which only makes it more permissive.
func validateSchema(schema map[string]interface{}, values interface{}) error {
	if schema == nil {
		return nil
	}
	var problems []string
	check(schema, values, "", &problems)
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("- %s", strings.Join(problems, "\n- "))
}

func check(s map[string]interface{}, v interface{}, at string, problems *[]string) {
	where := at
	if where == "" {
		where = "(root)"
	}
	add := func(format string, args ...interface{}) {
		*problems = append(*problems, where+": "+fmt.Sprintf(format, args...))
	}
	if t, ok := s["type"]; ok && !typeMatches(t, v) {
		add("invalid type. Expected: %v, given: %s", t, typeName(v))
		return
	}
	if enum, ok := s["enum"].([]interface{}); ok {
		found := false
		for _, e := range enum {
			if fmt.Sprint(e) == fmt.Sprint(v) {
				found = true
			}
		}
		if !found {
			add("must be one of %v", enum)
		}
	}
	if n, ok := number(v); ok {
		if min, ok := number(s["minimum"]); ok && n < min {
			add("must be >= %v", min)
		}
		if max, ok := number(s["maximum"]); ok && n > max {
			add("must be <= %v", max)
		}
	}
	if str, ok := v.(string); ok {
		if min, ok := number(s["minLength"]); ok && float64(len(str)) < min {
			add("string length must be >= %v", min)
		}
		if p, ok := s["pattern"].(string); ok {
			if re, err := regexp.Compile(p); err == nil && !re.MatchString(str) {
				add("does not match pattern %q", p)
			}
		}
	}
	if arr, ok := v.([]interface{}); ok {
		if min, ok := number(s["minItems"]); ok && float64(len(arr)) < min {
			add("array must have at least %v items", min)
		}
		if items, ok := s["items"].(map[string]interface{}); ok {
			for i, x := range arr {
				check(items, x, fmt.Sprintf("%s.%d", at, i), problems)
			}
		}
	}
	obj, ok := v.(map[string]interface{})
	if !ok {
		return
	}
	props, _ := s["properties"].(map[string]interface{})
	if req, ok := s["required"].([]interface{}); ok {
		for _, r := range req {
			if _, present := obj[fmt.Sprint(r)]; !present {
				add("%s is required", r)
			}
		}
	}
	for k, x := range obj {
		child := join(at, k)
		if ps, ok := props[k].(map[string]interface{}); ok {
			check(ps, x, child, problems)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				add("additional property %s is not allowed", k)
			}
		case map[string]interface{}:
			check(ap, x, child, problems)
		}
	}
}

func join(at, k string) string {
	if at == "" {
		return k
	}
	return at + "." + k
}

func number(v interface{}) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func typeName(v interface{}) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []interface{}:
		return "array"
	case map[string]interface{}:
		return "object"
	}
	if n, ok := number(v); ok {
		if n == math.Trunc(n) {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func typeMatches(t interface{}, v interface{}) bool {
	if list, ok := t.([]interface{}); ok {
		for _, x := range list {
			if typeMatches(x, v) {
				return true
			}
		}
		return false
	}
	want := fmt.Sprint(t)
	got := typeName(v)
	return want == got || (want == "number" && got == "integer")
}
