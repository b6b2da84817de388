package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Chart is what rendering needs from a chart directory.
type Chart struct {
	Meta      map[string]interface{}
	Values    map[string]interface{}
	Schema    map[string]interface{}
	Templates map[string]string // "templates/x.yaml" -> source
	Files     Files             // every non-template file, for .Files
}

func loadChart(dir string) (*Chart, error) {
	c := &Chart{Templates: map[string]string{}, Files: Files{}}
	meta, err := readYAMLFile(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	c.Meta = meta
	if c.Values, err = readYAMLFile(filepath.Join(dir, "values.yaml")); err != nil {
		return nil, err
	}
	if raw, err := os.ReadFile(filepath.Join(dir, "values.schema.json")); err == nil {
		if err := json.Unmarshal(raw, &c.Schema); err != nil {
			return nil, fmt.Errorf("values.schema.json: %w", err)
		}
	}
	ignore := readHelmignore(dir)
	err = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if info.IsDir() || rel == "." {
			return nil
		}
		for _, pattern := range ignore {
			if ok, _ := path.Match(pattern, rel); ok {
				return nil
			}
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(rel, "templates/") {
			c.Templates[rel] = string(raw)
		} else {
			c.Files[rel] = raw
		}
		return nil
	})
	return c, err
}

func readHelmignore(dir string) []string {
	raw, err := os.ReadFile(filepath.Join(dir, ".helmignore"))
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func readYAMLFile(p string) (map[string]interface{}, error) {
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return out, nil
}

// mergeValues applies -f files then --set entries over the chart's values (maps merge deeply,
// anything else replaces, as in Helm; a null removes the key).
func mergeValues(base map[string]interface{}, files, sets []string) (map[string]interface{}, error) {
	out := deepCopy(base).(map[string]interface{})
	for _, f := range files {
		v, err := readYAMLFile(f)
		if err != nil {
			return nil, err
		}
		mergeInto(out, v)
	}
	for _, s := range sets {
		eq := strings.Index(s, "=")
		if eq < 1 {
			return nil, fmt.Errorf("--set %q: expected key.path=value", s)
		}
		var value interface{}
		if err := yaml.Unmarshal([]byte(s[eq+1:]), &value); err != nil {
			value = s[eq+1:]
		}
		keys := strings.Split(s[:eq], ".")
		m := out
		for _, k := range keys[:len(keys)-1] {
			next, ok := m[k].(map[string]interface{})
			if !ok {
				next = map[string]interface{}{}
				m[k] = next
			}
			m = next
		}
		m[keys[len(keys)-1]] = value
	}
	return out, nil
}

func mergeInto(dst, src map[string]interface{}) {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		sm, sok := v.(map[string]interface{})
		dm, dok := dst[k].(map[string]interface{})
		if sok && dok {
			mergeInto(dm, sm)
		} else {
			dst[k] = deepCopy(v)
		}
	}
}

func deepCopy(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []interface{}:
		s := make([]interface{}, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	default:
		return v
	}
}

// Files is .Files: the chart's non-template files.
type Files map[string][]byte

// Get returns a file's content as a string ("" when absent), as Helm's .Files.Get.
func (f Files) Get(name string) string { return string(f[name]) }

// GetBytes returns a file's content.
func (f Files) GetBytes(name string) []byte { return f[name] }

// Glob returns the files whose path matches a path.Match pattern (Helm uses gobwas/glob, which
// also knows "**"; this renderer does not).
func (f Files) Glob(pattern string) Files {
	out := Files{}
	for name, raw := range f {
		if ok, _ := path.Match(pattern, name); ok {
			out[name] = raw
		}
	}
	return out
}

// AsConfig renders the files as ConfigMap data: base name -> content, as YAML.
func (f Files) AsConfig() string {
	m := map[string]interface{}{}
	for name, raw := range f {
		m[path.Base(name)] = string(raw)
	}
	return toYAML(m)
}

// Lines splits a file into lines.
func (f Files) Lines(name string) []string {
	return strings.Split(strings.TrimRight(string(f[name]), "\n"), "\n")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
