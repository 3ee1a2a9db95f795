package gclplugin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"go.yaml.in/yaml/v3"

	"github.com/bodyclose/bodyclose/internal/driver"
	"github.com/bodyclose/bodyclose/internal/readmetest"
)

// The golangci-lint integration test. It is skipped unless
// BODYCLOSE_GOLANGCI=1 (CI's .ci/run sets it): it builds golangci-lint
// v2.15.0 with the plugin, which takes minutes and ~250 module downloads on
// a fresh machine. BODYCLOSE_GOLANGCI_BIN names a binary built before, to
// skip the build while working on the test.
const (
	envEnable = "BODYCLOSE_GOLANGCI"
	envBin    = "BODYCLOSE_GOLANGCI_BIN"
	gclVer    = "v2.15.0"
)

// repoRoot returns the module root of this repository.
func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Dir(strings.TrimSpace(string(out)))
}

// docBlock returns the fenced block of docs/golangci-lint.md whose first
// line is "# name": the configuration files users copy.
func docBlock(t *testing.T, root, name string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(root, "docs", "golangci-lint.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)```yaml\n# " + regexp.QuoteMeta(name) + "\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/golangci-lint.md has no yaml block for %s", name)
	}
	return string(m[1])
}

// buildGolangci builds golangci-lint with the plugin, as the docs'
// .custom-gcl.yml describes it, with the offline script from ../shared.
func buildGolangci(t *testing.T, root string) string {
	t.Helper()
	if bin := os.Getenv(envBin); bin != "" {
		return bin
	}
	script := filepath.Join(root, "..", "shared", "tools", "golangci-custom-offline.sh")
	if _, err := os.Stat(script); err != nil {
		t.Fatalf("%s=1 but %s is missing: the test builds golangci-lint with ../shared/tools/golangci-custom-offline.sh, which CI keeps beside the repository (%v)", envEnable, script, err)
	}
	var custom struct {
		Version string
		Plugins []struct{ Module, Import, Path string }
	}
	if err := yaml.Unmarshal([]byte(docBlock(t, root, ".custom-gcl.yml")), &custom); err != nil || len(custom.Plugins) != 1 {
		t.Fatalf(".custom-gcl.yml in the docs: %v, %d plugins", err, len(custom.Plugins))
	}
	if custom.Version != gclVer || custom.Plugins[0].Module != "github.com/bodyclose/bodyclose" {
		t.Fatalf(".custom-gcl.yml in the docs builds %s with %s, want %s with github.com/bodyclose/bodyclose", custom.Version, custom.Plugins[0].Module, gclVer)
	}
	bin := filepath.Join(t.TempDir(), "golangci-lint-custom")
	start := time.Now()
	cmd := exec.Command(script, custom.Version, custom.Plugins[0].Import, root, bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, out)
	}
	t.Logf("built golangci-lint %s with the plugin in %s", custom.Version, time.Since(start).Round(time.Second))
	return bin
}

// gclIssue is what the test reads of golangci-lint's JSON output.
type gclIssue struct {
	FromLinter string
	Text       string
	Pos        struct {
		Filename     string
		Line, Column int
	}
}

// setupExample copies the shipped example into a module of its own with
// the docs' .golangci.yml.
func setupExample(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(root, "example", "leaky", "*.go"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, filepath.Base(f)), string(b))
	}
	write(t, filepath.Join(dir, "go.mod"), "module example.com/leaky\n\ngo 1.26\n")
	write(t, filepath.Join(dir, ".golangci.yml"), docBlock(t, root, ".golangci.yml"))
	return dir
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// editLine appends text to line n of file.
func editLine(t *testing.T, file string, n int, text string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[n-1] += text
	write(t, file, strings.Join(lines, "\n"))
}

// standalone returns the standalone driver's findings in dir as
// "file:line:col analyzer", sorted.
func standalone(dir string) []string {
	var stdout bytes.Buffer
	driver.Run(dir, []string{"./..."}, &stdout, io.Discard)
	var out []string
	for _, l := range strings.Split(stdout.String(), "\n") {
		if m := regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): .* \((\w+)\)$`).FindStringSubmatch(l); m != nil {
			out = append(out, fmt.Sprintf("%s:%s:%s %s", m[1], m[2], m[3], m[4]))
		}
	}
	sort.Strings(out)
	return out
}

func TestGolangci(t *testing.T) {
	if os.Getenv(envEnable) != "1" {
		t.Skipf("set %s=1 to build golangci-lint %s with the plugin and run it (CI does)", envEnable, gclVer)
	}
	root := repoRoot(t)
	bin := buildGolangci(t, root)
	cache := t.TempDir()
	gcl := func(dir string, args ...string) (string, string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+cache, "GOFLAGS=")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out.String(), errb.String(), code
	}
	// issues runs golangci-lint as editors do (golangci-lint-langserver's
	// command line) and returns bodyclosesuite's issues.
	issues := func(dir string) []gclIssue {
		t.Helper()
		out, stderr, _ := gcl(dir, "run", "--output.json.path=stdout", "--show-stats=false", "./...")
		var res struct{ Issues []gclIssue }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("golangci-lint output: %v\n%s\n%s", err, out, stderr)
		}
		var ours []gclIssue
		for _, is := range res.Issues {
			if is.FromLinter == "bodyclosesuite" {
				ours = append(ours, is)
			}
		}
		return ours
	}
	key := func(is gclIssue) string {
		analyzer, _, _ := strings.Cut(is.Text, ":")
		return fmt.Sprintf("%s:%d:%d %s", filepath.Base(is.Pos.Filename), is.Pos.Line, is.Pos.Column, analyzer)
	}
	keys := func(iss []gclIssue) []string {
		var out []string
		for _, is := range iss {
			out = append(out, key(is))
		}
		sort.Strings(out)
		return out
	}

	dir := setupExample(t, root)
	if out, stderr, code := gcl(dir, "config", "verify"); code != 0 {
		t.Errorf("config verify of the docs' .golangci.yml: exit %d\n%s%s", code, out, stderr)
	}

	// The findings: one issue per finding, naming its analyzer, at the
	// standalone driver's positions.
	got := issues(dir)
	want := standalone(dir)
	if len(want) != 5 || strings.Join(keys(got), "\n") != strings.Join(want, "\n") {
		t.Fatalf("golangci-lint issues:\n%s\nwant the standalone findings:\n%s", strings.Join(keys(got), "\n"), strings.Join(want, "\n"))
	}
	for _, is := range got {
		if !regexp.MustCompile(`^(bodyclose|drainbody|clientpertransport): `).MatchString(is.Text) {
			t.Errorf("issue %q does not name its analyzer", is.Text)
		}
	}
	// The command line the VS Code Go extension runs (text, exit 0) shows
	// the same findings; with --fast-only, which golangci-lint's editor
	// advice adds, none (the plugin needs type information): the docs say so.
	vscode := []string{"run", "--issues-exit-code=0", "--output.text.print-issued-lines=false", "--show-stats=false", "--output.text.path=stdout", "./..."}
	out, _, code := gcl(dir, vscode...)
	if n := strings.Count(out, "(bodyclosesuite)\n"); code != 0 || n != 5 {
		t.Errorf("VS Code's command line: exit %d, %d issues of ours, want 0 and 5:\n%s", code, n, out)
	}
	out, _, _ = gcl(dir, append([]string{"run", "--fast-only"}, vscode[1:]...)...)
	if strings.Contains(out, "(bodyclosesuite)") {
		t.Errorf("--fast-only kept the plugin: docs/editors.md says it drops it:\n%s", out)
	}
	for _, is := range got {
		if is.Pos.Line == 21 && !strings.Contains(is.Text, "returns here on a bad status without closing the body at leaky.go:26:3") {
			t.Errorf("related position not folded into %q", is.Text)
		}
	}

	// Next to golangci-lint's built-in bodyclose linter: told apart by the
	// linter's name; with the docs' advice (uniq-by-line: false) none of
	// ours is lost on a line the built-in linter reports too, which
	// golangci-lint's default (one issue per line) does lose.
	both := func(uniq bool) (ours, builtin int) {
		d := setupExample(t, root)
		write(t, filepath.Join(d, ".golangci.yml"), fmt.Sprintf("version: \"2\"\nlinters:\n  default: none\n  enable: [bodyclose, bodyclosesuite]\n  settings:\n    custom:\n      bodyclosesuite:\n        type: module\nissues:\n  uniq-by-line: %v\n", uniq))
		out, _, _ := gcl(d, "run", "--output.json.path=stdout", "--show-stats=false", "./...")
		var res struct{ Issues []gclIssue }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		for _, is := range res.Issues {
			switch is.FromLinter {
			case "bodyclosesuite":
				ours++
			case "bodyclose":
				builtin++
			}
		}
		return ours, builtin
	}
	if ours, builtin := both(false); ours != 5 || builtin == 0 {
		t.Errorf("with the built-in bodyclose and uniq-by-line: false: %d of ours (want 5), %d of the built-in's (want some)", ours, builtin)
	}
	if ours, _ := both(true); ours == 5 {
		t.Errorf("with golangci-lint's default uniq-by-line, no finding of ours was lost: docs/golangci-lint.md's advice is stale")
	}

	// Suppression: //nolint:bodyclosesuite silences the suite on a line;
	// //nolint:bodyclose (the built-in linter's name) does not;
	// //bodyclose:ignore works under golangci-lint too.
	editLine(t, filepath.Join(dir, "leaky.go"), 53, " //nolint:bodyclosesuite // checked by hand")
	editLine(t, filepath.Join(dir, "leaky.go"), 21, " //nolint:bodyclose // the built-in linter's name")
	editLine(t, filepath.Join(dir, "drain.go"), 13, " //bodyclose:ignore drainbody small bodies, measured")
	after := keys(issues(dir))
	wantAfter := []string{"leaky.go:21:15 bodyclose", "leaky.go:64:16 bodyclose", "pool.go:14:14 clientpertransport"}
	if strings.Join(after, "\n") != strings.Join(wantAfter, "\n") {
		t.Errorf("with suppressions:\n%s\nwant:\n%s", strings.Join(after, "\n"), strings.Join(wantAfter, "\n"))
	}

	// Settings change the result, and a bad one is an error that says so.
	dir = setupExample(t, root)
	cfg := filepath.Join(dir, ".golangci.yml")
	base := docBlock(t, root, ".golangci.yml")
	write(t, cfg, strings.Replace(base, "disable: []", "disable: [clientpertransport]", 1))
	if ks := keys(issues(dir)); len(ks) != 4 || strings.Contains(strings.Join(ks, " "), "pool.go") {
		t.Errorf("disable: [clientpertransport]: %v", ks)
	}
	write(t, cfg, strings.Replace(base, "tests: true", "tests: yes", 1))
	if out, stderr, code := gcl(dir, "run", "./..."); code == 0 || !strings.Contains(out+stderr, `bodyclose.tests: want true or false, not "yes"`) {
		t.Errorf("a bad setting: exit %d\n%s%s", code, out, stderr)
	}
	write(t, cfg, base)

	// --fix applies the suggested fixes: Ping's body gets closed (and
	// drained), Latest's deferred close drains first, Status closes before
	// its early return, the poller closes before continue. Only the
	// per-call transport, which has no provable fix, is left.
	if out, stderr, code := gcl(dir, "run", "--fix", "./..."); code == 0 && out == "" && stderr == "" {
		t.Log("golangci-lint --fix printed nothing")
	}
	fixed := keys(issues(dir))
	wantFixed := standalone(dir)
	if strings.Join(fixed, "\n") != "pool.go:14:14 clientpertransport" || strings.Join(fixed, "\n") != strings.Join(wantFixed, "\n") {
		t.Errorf("after --fix:\n%s\nwant:\n%s", strings.Join(fixed, "\n"), strings.Join(wantFixed, "\n"))
	}
	for _, f := range []string{"leaky.go", "drain.go"} {
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if formatted, err := format.Source(b); err != nil || !bytes.Equal(formatted, b) {
			t.Errorf("%s after --fix is not gofmt-clean (%v):\n%s", f, err, b)
		}
	}

	// The README's and the docs' golangci-lint commands, as written.
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			app := filepath.Join(env.WorkDir, "app")
			if err := os.CopyFS(app, os.DirFS(setupExample(t, root))); err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(app, "bin"), 0o755); err != nil {
				return err
			}
			if err := os.Symlink(bin, filepath.Join(app, "bin", "golangci-lint-custom")); err != nil {
				return err
			}
			env.Setenv("GOLANGCI_LINT_CACHE", cache)
			return readmetest.GoEnv(env)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"readme": readmetest.Cmd(filepath.Join(root, "README.md"), filepath.Join(root, "docs", "golangci-lint.md")),
		},
	})
}
