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
	declared := declaredFuncs(pkgs)
	var out []string
	for _, flagName := range slices.Sorted(maps.Keys(names)) {
		for _, n := range names[flagName] {
			if declared[n] == nil { // the analysis compares (*types.Func).FullName exactly
				out = append(out, fmt.Sprintf("%s: %s matches no function in the loaded packages or their dependencies", flagName, n))
			}
		}
	}
	return out
}

// declaredFuncs returns the functions and methods declared in the loaded
// packages and their dependencies, by full name.
func declaredFuncs(pkgs []*packages.Package) map[string]*types.Func {
	declared := map[string]*types.Func{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Types == nil {
			return
		}
		scope := p.Types.Scope()
		for _, n := range scope.Names() {
			switch obj := scope.Lookup(n).(type) {
			case *types.Func:
				declared[obj.FullName()] = obj
			case *types.TypeName:
				named, ok := types.Unalias(obj.Type()).(*types.Named)
				if !ok {
					continue
				}
				for m := range named.Methods() {
					declared[m.FullName()] = m
				}
				if iface, ok := named.Underlying().(*types.Interface); ok {
					for m := range iface.ExplicitMethods() {
						declared[m.FullName()] = m
					}
				}
			}
		}
	})
	return declared
}

// mismatchedPairs returns a warning for each acquire/release pair of
// resourceclose's -pairs whose two functions are both declared but cannot
// make a pair: an acquire with no result (nothing to release), or a
// release that cannot be given the acquire's first result (neither a
// method of its type nor a function whose first parameter takes it).
// The analysis would follow the result and report it never released.
func mismatchedPairs(analyzers []*analysis.Analyzer, pkgs []*packages.Package) []string {
	var pairs []string
	for _, a := range analyzers {
		if f := a.Flags.Lookup("pairs"); f != nil && a.Name == "resourceclose" {
			for _, p := range strings.Split(f.Value.String(), ",") {
				if p = strings.TrimSpace(p); p != "" {
					pairs = append(pairs, p)
				}
			}
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	declared := declaredFuncs(pkgs)
	var out []string
	for _, p := range pairs {
		an, rn, _ := strings.Cut(p, "=")
		acq, rel := declared[strings.TrimSpace(an)], declared[strings.TrimSpace(rn)]
		if acq == nil || rel == nil {
			continue // unmatchedNames says so
		}
		res := acq.Signature().Results()
		if res.Len() == 0 {
			out = append(out, fmt.Sprintf("-resourceclose.pairs: %s: %s returns nothing to release", p, acq.FullName()))
			continue
		}
		if t := res.At(0).Type(); !canRelease(rel, t) {
			out = append(out, fmt.Sprintf("-resourceclose.pairs: %s: %s cannot be given what %s returns (%s)", p, rel.FullName(), acq.FullName(), t))
		}
	}
	return out
}

// canRelease reports whether rel can be given a value of type t: a method
// of t (or of what t points to, or of an interface t implements), or a
// function whose first parameter t is assignable to.
func canRelease(rel *types.Func, t types.Type) bool {
	sig := rel.Signature()
	if recv := sig.Recv(); recv != nil {
		rt := recv.Type()
		if types.IsInterface(rt) {
			return types.Implements(t, rt.Underlying().(*types.Interface)) || types.Implements(types.NewPointer(t), rt.Underlying().(*types.Interface))
		}
		return types.Identical(deref(rt), deref(t))
	}
	if sig.Params().Len() == 0 {
		return false
	}
	pt := sig.Params().At(0).Type()
	if sig.Variadic() && sig.Params().Len() == 1 {
		pt = pt.(*types.Slice).Elem()
	}
	return types.AssignableTo(t, pt)
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
