package main_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildTool builds the bodyclose binary once for the end-to-end tests.
func buildTool(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "bodyclose")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// wantFindings are the leaks the README's first command shows.
var wantFindings = []string{
	"leaky.go:21:15: response body of resp is not closed when the function returns early on a bad status",
	"leaky.go:53:15: response body of resp is never closed",
	"leaky.go:64:16: response body of resp is not closed before the next loop iteration replaces it",
	"pool.go:14:14: http.Client built around a new http.Transport in Lookup is dropped when Lookup returns",
	"drain.go:13:15: response body of resp is closed without being read when the function returns early on a bad status",
}

// countFindings counts the diagnostic lines (not their related lines) of
// text output.
func countFindings(out string) int {
	n := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, ".go:") && !strings.Contains(line, ": \t") {
			n++
		}
	}
	return n
}

func TestStandalone(t *testing.T) {
	bin := buildTool(t)
	cmd := exec.Command(bin, "./example/...")
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 3 {
		t.Fatalf("exit code %d, want 3 (findings)\n%s", code, out)
	}
	for _, w := range wantFindings {
		if !strings.Contains(string(out), w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if n := countFindings(string(out)); n != len(wantFindings) {
		t.Errorf("%d findings, want %d (the Fixed functions must stay quiet):\n%s", n, len(wantFindings), out)
	}
}

func TestStandaloneJSON(t *testing.T) {
	bin := buildTool(t)
	cmd := exec.Command(bin, "-json", "./example/...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if code := exitCode(err); code != 0 {
		t.Fatalf("-json exit code %d, want 0\n%s", code, out)
	}
	// {"pkg": {"bodyclose": [ {posn, message, related}, ... ]}}
	var tree map[string]map[string][]struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
		Related []struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
		} `json:"related"`
	}
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, out)
	}
	var n int
	for _, byAnalyzer := range tree {
		for _, d := range byAnalyzer["bodyclose"] {
			n++
			if len(d.Related) != 1 {
				t.Errorf("%s: %d related positions, want 1", d.Posn, len(d.Related))
			}
		}
		n += len(byAnalyzer["clientpertransport"]) + len(byAnalyzer["drainbody"])
	}
	if n != len(wantFindings) {
		t.Errorf("%d findings in JSON, want %d\n%s", n, len(wantFindings), out)
	}
}

func TestStandaloneClean(t *testing.T) {
	bin := buildTool(t)
	cmd := exec.Command(bin, "./internal/knowledge")
	cmd.Dir = "../.."
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 0 {
		t.Fatalf("exit code %d on a clean package, want 0\n%s", code, out)
	}
}

func TestVettool(t *testing.T) {
	bin := buildTool(t)
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./example/...")
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if code := exitCode(err); code != 1 {
		t.Fatalf("go vet exit code %d, want 1 (as vet does with findings)\n%s", code, out)
	}
	for _, w := range wantFindings {
		if !strings.Contains(string(out), w) {
			t.Errorf("go vet output lacks %q:\n%s", w, out)
		}
	}
}

// TestFixOnePass: one -fix pass over a module with a bodyclose and a
// drainbody finding leaves no finding of either.
func TestFixOnePass(t *testing.T) {
	bin := buildTool(t)
	dir := t.TempDir()
	for _, name := range []string{"go.mod", "fixmod.go"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixmod", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GOTOOLCHAIN=local")
		out, err := cmd.CombinedOutput()
		return string(out), exitCode(err)
	}
	if out, code := run("./..."); code != 3 || countFindings(out) != 2 {
		t.Fatalf("before -fix: exit %d, %d findings, want 3 and 2\n%s", code, countFindings(out), out)
	}
	if out, code := run("-fix", "./..."); code != 0 && code != 3 {
		t.Fatalf("-fix: exit %d\n%s", code, out)
	}
	if out, code := run("./..."); code != 0 {
		fixed, _ := os.ReadFile(filepath.Join(dir, "fixmod.go"))
		t.Fatalf("after -fix: exit %d, want 0\n%s\n%s", code, out, fixed)
	}
}
