package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

// Capabilities is .Capabilities.
type Capabilities struct {
	APIVersions VersionSet
	KubeVersion KubeVersion
}

// VersionSet is .Capabilities.APIVersions.
type VersionSet []string

// Has reports whether the cluster serves a group/version (or group/version/Kind).
func (v VersionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

// KubeVersion is .Capabilities.KubeVersion.
type KubeVersion struct{ Version, Major, Minor, GitVersion string }

// The built-in API versions Helm assumes without a cluster (`helm template` default set, abridged).
var defaultAPIVersions = []string{
	"v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1",
	"autoscaling/v2", "storage.k8s.io/v1", "apiextensions.k8s.io/v1", "coordination.k8s.io/v1",
}

func newCapabilities(version string, extra []string) Capabilities {
	parts := strings.SplitN(strings.TrimPrefix(version, "v"), ".", 3)
	for len(parts) < 2 {
		parts = append(parts, "0")
	}
	return Capabilities{
		APIVersions: append(append(VersionSet{}, defaultAPIVersions...), extra...),
		KubeVersion: KubeVersion{Version: "v" + strings.TrimPrefix(version, "v"), Major: parts[0], Minor: parts[1], GitVersion: "v" + strings.TrimPrefix(version, "v")},
	}
}

func toYAML(v interface{}) string {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// funcMap is sprig's text functions plus Helm's own; include and tpl are bound per render.
func funcMap(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	includeDepth := 0
	f["include"] = func(name string, data interface{}) (string, error) {
		includeDepth++
		defer func() { includeDepth-- }()
		if includeDepth > 1000 {
			return "", fmt.Errorf("include %q: recursion too deep", name)
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Option("missingkey=zero").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, fmt.Errorf("%s", msg)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return v, nil
	}
	f["fail"] = func(msg string) (string, error) { return "", fmt.Errorf("%s", msg) }
	f["toYaml"] = toYAML
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromYamlArray"] = func(s string) []interface{} {
		var a []interface{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			return []interface{}{err.Error()}
		}
		return a
	}
	f["toJson"] = func(v interface{}) string {
		raw, _ := json.Marshal(v)
		return string(raw)
	}
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	// No cluster: lookup finds nothing, exactly as `helm template` without --dry-run=server.
	f["lookup"] = func(apiVersion, kind, namespace, name string) map[string]interface{} {
		return map[string]interface{}{}
	}
	return f
}

// render executes every template not starting with "_" and returns the documents, each preceded
// by "# Source: <chart>/<template>" like `helm template` (or only NOTES.txt when notes is set).
func render(c *Chart, values, release map[string]interface{}, caps Capabilities, notes bool) (string, error) {
	chartName := fmt.Sprint(c.Meta["name"])
	chartObj := map[string]interface{}{}
	for k, v := range c.Meta {
		// Helm exposes Chart.yaml keys capitalised (.Chart.AppVersion).
		chartObj[strings.ToUpper(k[:1])+k[1:]] = v
	}
	root := template.New("chart").Option("missingkey=zero")
	top := map[string]interface{}{
		"Values": values, "Release": release, "Chart": chartObj, "Capabilities": caps, "Files": c.Files,
	}
	root.Funcs(funcMap(root))
	names := sortedKeys(c.Templates)
	for _, name := range names {
		if _, err := root.New(chartName + "/" + name).Parse(c.Templates[name]); err != nil {
			return "", err
		}
	}
	if notes {
		full := chartName + "/templates/NOTES.txt"
		if _, ok := c.Templates["templates/NOTES.txt"]; !ok {
			return "", nil
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, full, withTemplate(top, full, chartName)); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	var out strings.Builder
	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") || !(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")) {
			continue
		}
		full := chartName + "/" + name
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, full, withTemplate(top, full, chartName)); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		for _, doc := range strings.Split(text, "\n---") {
			doc = strings.TrimPrefix(doc, "---")
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			out.WriteString("---\n# Source: " + full + "\n" + strings.Trim(doc, "\n") + "\n")
		}
	}
	return out.String(), nil
}

// withTemplate is the top-level object with .Template set for one template.
func withTemplate(top map[string]interface{}, full, chartName string) map[string]interface{} {
	data := map[string]interface{}{}
	for k, v := range top {
		data[k] = v
	}
	data["Template"] = map[string]interface{}{"Name": full, "BasePath": chartName + "/templates"}
	return data
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
