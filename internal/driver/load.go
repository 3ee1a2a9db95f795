package driver

import (
	"fmt"
	"go/version"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// load loads the packages named by patterns, with their dependencies in
// full syntax (the facts analyzer runs on them), for the build tags given.
func load(dir string, patterns []string, tags string, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: tests,
	}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("cannot load packages: %s", oneLine(err.Error()))
	}
	return pkgs, nil
}

// loadErrors returns the errors of the packages and their dependencies,
// each once (a file shared by a package and its test variant fails in
// both), in a stable order; or, when the packages need a newer Go than the
// one this program was built with, one line that says so.
func loadErrors(dir string, pkgs []*packages.Package) []string {
	var errs []string
	seen := map[string]bool{}
	var broken []*packages.Package
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) > 0 {
			broken = append(broken, p)
		}
		// After a syntax error the type errors are its echoes (an
		// import "imported and not used" because the function using it
		// did not parse): print the real errors only, as go vet does.
		parseFailed := slices.ContainsFunc(p.Errors, func(e packages.Error) bool {
			return e.Kind == packages.ParseError || e.Kind == packages.ListError
		})
		for _, e := range p.Errors {
			if parseFailed && e.Kind == packages.TypeError {
				continue
			}
			// An error with no position (go list says "-" for the
			// command line: a pattern that matches no directory, no
			// module here) is the command's own.
			msg := progname + ": " + e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = relPos(dir, e.Pos) + ": " + e.Msg
			}
			if !seen[msg] {
				seen[msg] = true
				errs = append(errs, msg)
			}
		}
	})
	if len(errs) == 0 {
		return nil
	}
	if msg := newerGo(dir, pkgs, broken); msg != "" {
		return []string{msg}
	}
	sort.Strings(errs)
	return errs
}

// relPos rewrites the file name of a position "file:line:col" (or
// "file:line", or "file") relative to dir, as findings are printed.
func relPos(dir, pos string) string {
	if m := posRx.FindStringSubmatch(pos); m != nil {
		return relPath(dir, m[1]) + m[2]
	}
	return relPath(dir, pos)
}

var posRx = regexp.MustCompile(`^(.*?)((?::[0-9]+){1,2})$`)

// newerGo returns a one-line explanation when packages fail to type-check
// because they are built for a newer Go than the go/types this program was
// compiled with: either a module's go line says so, or the go command
// switched to a newer toolchain (GOTOOLCHAIN, a toolchain line) whose
// standard library this program cannot read. It returns "" otherwise.
func newerGo(dir string, roots, broken []*packages.Package) string {
	ours := version.Lang(runtime.Version()) // "go1.26"
	if ours == "" {
		return "" // a development toolchain: no comparison
	}
	need, mod := "", ""
	for _, p := range roots {
		if p.Module == nil || p.Module.GoVersion == "" {
			continue
		}
		v := "go" + p.Module.GoVersion
		// Only a newer language version is beyond our go/types: go 1.26.9
		// (or 1.26.0, what go mod init writes) is go1.26 for it.
		if version.Compare(version.Lang(v), ours) > 0 && version.Compare(v, need) > 0 {
			need, mod = v, p.Module.Path
		}
	}
	if need != "" {
		return fmt.Sprintf("%s: module %s says go %s, newer than the %s %s was built with: rebuild %s with Go %s or newer (in its checkout: GOTOOLCHAIN=%s go install ./cmd/bodyclose)",
			progname, mod, strings.TrimPrefix(need, "go"), runtime.Version(), progname, progname, strings.TrimPrefix(version.Lang(need), "go"), toolchainName(need))
	}
	stdBroken := false
	for _, p := range broken {
		if p.Module == nil && !strings.Contains(p.PkgPath, ".") {
			stdBroken = true
		}
	}
	if !stdBroken {
		return ""
	}
	cmd := exec.Command("go", "env", "GOVERSION")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	goVersion := strings.TrimSpace(string(out))
	if version.Compare(version.Lang(goVersion), ours) > 0 {
		return fmt.Sprintf("%s: the go command runs %s here (GOTOOLCHAIN or a toolchain line), newer than the %s %s was built with: rebuild %s with it (in its checkout: GOTOOLCHAIN=%s go install ./cmd/bodyclose)",
			progname, goVersion, runtime.Version(), progname, progname, goVersion)
	}
	return ""
}

// toolchainName returns the name of the first release of Go version v
// ("go1.27" → "go1.27.0"; "go1.27.3" stays).
func toolchainName(v string) string {
	if strings.Count(v, ".") == 1 {
		return v + ".0"
	}
	return v
}

// oneLine folds a multi-line message (go list's stderr) into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
