package driver

import (
	"flag"
	"fmt"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// configuredNames returns the function names of the analyzers' list flags
// that name functions (bodyclose's -sources and -closers, resourceclose's
// -pairs), by flag: the
// flags whose value is a comma-separated list of full names.
func configuredNames(analyzers []*analysis.Analyzer) map[string][]string {
	out := map[string][]string{}
	for _, a := range analyzers {
		a.Flags.VisitAll(func(f *flag.Flag) {
			if f.Name != "sources" && f.Name != "closers" && f.Name != "pairs" {
				return
			}
			for _, n := range strings.Split(f.Value.String(), ",") {
				// A pair names two functions: ACQUIRE=RELEASE.
				for _, part := range strings.Split(n, "=") {
					if part = strings.TrimSpace(part); part != "" {
						out["-"+a.Name+"."+f.Name] = append(out["-"+a.Name+"."+f.Name], part)
					}
				}
			}
		})
	}
	return out
}

// unmatchedNames returns a warning for each configured name that matches no
// function or method declared in the loaded packages and their
// dependencies: most often a typo, or a package path that is not the one
// imported.
func unmatchedNames(names map[string][]string, pkgs []*packages.Package) []string {
	if len(names) == 0 {
		return nil
	}
	declared := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types == nil {
			return
		}
		scope := p.Types.Scope()
		for _, n := range scope.Names() {
			switch obj := scope.Lookup(n).(type) {
			case *types.Func:
				declared[obj.FullName()] = true
			case *types.TypeName:
				named, ok := types.Unalias(obj.Type()).(*types.Named)
				if !ok {
					continue
				}
				for m := range named.Methods() {
					declared[m.FullName()] = true
				}
				if iface, ok := named.Underlying().(*types.Interface); ok {
					for m := range iface.ExplicitMethods() {
						declared[m.FullName()] = true
					}
				}
			}
		}
	})
	var out []string
	for _, flagName := range slices.Sorted(maps.Keys(names)) {
		for _, n := range names[flagName] {
			if !declared[n] { // the analysis compares (*types.Func).FullName exactly
				out = append(out, fmt.Sprintf("%s: %s matches no function in the loaded packages or their dependencies", flagName, n))
			}
		}
	}
	return out
}
