package gclplugin_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/bodyclose/bodyclose/gclplugin"
)

func TestRegistered(t *testing.T) {
	if gclplugin.Name == "bodyclose" {
		t.Fatal("the plugin's name collides with golangci-lint's built-in bodyclose linter")
	}
	newPlugin, err := register.GetPlugin(gclplugin.Name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 5 {
		t.Fatalf("BuildAnalyzers: %d analyzers, %v", len(as), err)
	}
	if err := analysis.Validate(as); err != nil {
		t.Error(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %s", p.GetLoadMode())
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, c := range []struct {
		settings map[string]any
		want     string
	}{
		{map[string]any{"bodyclos": map[string]any{}}, `unknown key "bodyclos"`},
		{map[string]any{"enable": []any{"bodyclose", "leaks"}}, `enable: no analyzer "leaks"`},
		{map[string]any{"disable": "drainbody"}, "disable: want a list of analyzer names"},
		{map[string]any{"disable": []any{"bodyclose", "drainbody", "clientpertransport", "resourceclose", "poolpercall"}}, "leave no analyzer"},
		{map[string]any{"resourceclose": map[string]any{"pairs": []any{"(*example.com/pool.Pool).Get"}}}, "resourceclose.pairs: "},
		{map[string]any{"resourceclose": map[string]any{"pairs": []any{"Get=Put"}}}, "is not a full function name"},
		{map[string]any{"bodyclose": map[string]any{"test": true}}, "bodyclose.test: unknown setting; bodyclose's settings are closers, debug, generated, sources, tests"},
		{map[string]any{"bodyclose": map[string]any{"tests": "yes"}}, `bodyclose.tests: want true or false, not "yes"`},
		{map[string]any{"bodyclose": map[string]any{"sources": true}}, "bodyclose.sources: want a list of function names"},
		{map[string]any{"bodyclose": map[string]any{"closers": []any{"DrainClose"}}}, `bodyclose.closers: "DrainClose" is not a function's full name`},
		{map[string]any{"drainbody": []any{"always"}}, "drainbody: want a map"},
	} {
		_, err := gclplugin.New(c.settings)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.settings, err, c.want)
		}
	}
}

// lint runs the plugin's analyzers, configured by settings, on the shipped
// example, and returns the diagnostics as "analyzer: file:line: message".
func lint(t *testing.T, settings any) []string {
	return lintDir(t, "../example/leaky", settings)
}

// lintDir is lint on the package (and its tests) in dir.
func lintDir(t *testing.T, dir string, settings any) []string {
	t.Helper()
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	p, err := gclplugin.New(settings)
	if err != nil {
		t.Fatal(err)
	}
	as, _ := p.BuildAnalyzers()
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: true}, ".")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatal("example does not load")
	}
	g, err := checker.Analyze(as, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, act := range g.Roots {
		for _, d := range act.Diagnostics {
			if len(d.Related) > 0 {
				t.Errorf("%s: related positions left unfolded", d.Message)
			}
			posn := act.Package.Fset.Position(d.Pos)
			file := posn.Filename[strings.LastIndex(posn.Filename, "/")+1:]
			out = append(out, act.Analyzer.Name+": "+file+":"+strconv.Itoa(posn.Line)+": "+d.Message)
		}
	}
	return out
}

// TestOneIssuePerFinding: golangci-lint makes an issue of each related
// position; the plugin folds them into the finding's message.
func TestOneIssuePerFinding(t *testing.T) {
	got := lint(t, nil)
	if len(got) != 5 {
		t.Fatalf("%d diagnostics, want 5:\n%s", len(got), strings.Join(got, "\n"))
	}
	want := "bodyclose: leaky.go:21: response body of resp is not closed when the function returns early on a bad status (possible connection leak); returns here on a bad status without closing the body at leaky.go:26:3"
	found := false
	for _, g := range got {
		found = found || g == want
	}
	if !found {
		t.Errorf("no diagnostic %q in:\n%s", want, strings.Join(got, "\n"))
	}
}

// TestSettingsApply: a setting changes what is reported.
func TestSettingsApply(t *testing.T) {
	count := func(settings any, analyzer string) int {
		n := 0
		for _, d := range lint(t, settings) {
			if strings.HasPrefix(d, analyzer+":") {
				n++
			}
		}
		return n
	}
	if n := count(map[string]any{"disable": []any{"clientpertransport"}}, "clientpertransport"); n != 0 {
		t.Errorf("disable: [clientpertransport]: %d findings of it", n)
	}
	if n := count(map[string]any{"enable": []any{"drainbody"}}, "bodyclose"); n != 0 {
		t.Errorf("enable: [drainbody]: %d bodyclose findings", n)
	}
	// An analyzer's own setting reaches it through its flag.
	leaks := func(settings any) int { return len(lintDir(t, "testdata/settings", settings)) }
	if n := leaks(nil); n != 1 {
		t.Errorf("default: %d findings in the test file, want 1", n)
	}
	if n := leaks(map[string]any{"bodyclose": map[string]any{"tests": false}}); n != 0 {
		t.Errorf("bodyclose.tests: false: %d findings in the test file, want 0", n)
	}
}
