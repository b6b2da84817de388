// Command helm-render renders a Helm chart's templates the way `helm template` does, with the same
// engine (Go text/template + sprig) plus Helm's own functions and built-in objects. It exists
// because no helm binary can be installed where NetSwarm's tests run; see README.md for what it
// covers and what it does not.
//
// Usage: helm-render [-f values.yaml]... [--set a.b=c]... [--name R] [--namespace N]
//
//	[--api-versions group/version]... [--kube-version 1.30.0] [--upgrade] [--notes] CHART_DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	var valueFiles, sets, apiVersions multiFlag
	name := flag.String("name", "release", "release name (.Release.Name)")
	namespace := flag.String("namespace", "default", "release namespace (.Release.Namespace)")
	kubeVersion := flag.String("kube-version", "1.30.0", "cluster version (.Capabilities.KubeVersion)")
	upgrade := flag.Bool("upgrade", false, "render as an upgrade (.Release.IsUpgrade)")
	notes := flag.Bool("notes", false, "print the rendered templates/NOTES.txt instead of the manifests")
	flag.Var(&valueFiles, "f", "values file merged over values.yaml (repeatable)")
	flag.Var(&sets, "set", "key.path=value merged last (repeatable)")
	flag.Var(&apiVersions, "api-versions", "extra API version the cluster has, e.g. monitoring.coreos.com/v1 (repeatable)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: helm-render [-f values.yaml] [--set k=v] [--name R] [--namespace N] CHART_DIR")
		os.Exit(2)
	}
	chart, err := loadChart(flag.Arg(0))
	if err != nil {
		fail(err)
	}
	values, err := mergeValues(chart.Values, valueFiles, sets)
	if err != nil {
		fail(err)
	}
	if err := validateSchema(chart.Schema, values); err != nil {
		fail(fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%w", chart.Meta["name"], err))
	}
	release := map[string]interface{}{
		"Name": *name, "Namespace": *namespace, "Service": "Helm", "Revision": 1,
		"IsInstall": !*upgrade, "IsUpgrade": *upgrade,
	}
	out, err := render(chart, values, release, newCapabilities(*kubeVersion, apiVersions), *notes)
	if err != nil {
		fail(err)
	}
	os.Stdout.WriteString(out)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "Error: %v\n", err)
	os.Exit(1)
}
