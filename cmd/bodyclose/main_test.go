package main_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bin is the bodyclose binary, built once by TestMain (empty with -short).
var bin string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		if !testingShort() {
			dir, err := os.MkdirTemp("", "bodyclose-bin")
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			defer os.RemoveAll(dir)
			bin = filepath.Join(dir, "bodyclose")
			if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
				return 1
			}
		}
		return m.Run()
	}())
}

// testingShort reports -short before flag parsing has happened in m.Run.
func testingShort() bool {
	for _, a := range os.Args[1:] {
		if a == "-test.short" || a == "-test.short=true" {
			return true
		}
	}
	return false
}

func tool(t *testing.T) string {
	t.Helper()
	if bin == "" {
		t.Skip("builds and runs the binary")
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

func TestStandalone(t *testing.T) {
	cmd := exec.Command(tool(t), "./example/...")
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
	if n := strings.Count(string(out), "\nexample/") + 1; n != len(wantFindings) {
		t.Errorf("%d findings, want %d (the Fixed functions must stay quiet):\n%s", n, len(wantFindings), out)
	}
}

// TestVettool: go vet runs the same analyzers through unitchecker, with
// analyzer flags, and keys its cache on -V=full.
func TestVettool(t *testing.T) {
	bin := tool(t)
	vet := func(args ...string) (string, int) {
		cmd := exec.Command("go", append([]string{"vet", "-vettool=" + bin}, args...)...)
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		return string(out), exitCode(err)
	}
	out, code := vet("./example/...")
	if code != 1 {
		t.Fatalf("go vet exit code %d, want 1 (as vet does with findings)\n%s", code, out)
	}
	for _, w := range wantFindings {
		if !strings.Contains(out, w) {
			t.Errorf("go vet output lacks %q:\n%s", w, out)
		}
	}
	// An analyzer flag, as the docs spell it, reaches unitchecker.
	out, _ = vet("-clientpertransport=false", "./example/...")
	if strings.Contains(out, "pool.go:14:14") || !strings.Contains(out, "leaky.go:21:15") {
		t.Errorf("go vet -clientpertransport=false:\n%s", out)
	}
}

// TestVetProtocol checks the two questions go vet asks the tool before
// running it: -V=full (one line, "PROG version devel ... buildID=HASH",
// now with our module version) and -flags (JSON).
func TestVetProtocol(t *testing.T) {
	bin := tool(t)
	out, err := exec.Command(bin, "-V=full").Output()
	f := strings.Fields(string(out))
	if err != nil || len(f) < 4 || f[1] != "version" || f[2] != "devel" ||
		!regexp.MustCompile(`^buildID=[0-9a-f]{64}$`).MatchString(f[len(f)-1]) ||
		!strings.Contains(string(out), "github.com/bodyclose/bodyclose@") {
		t.Errorf("-V=full: %v %q", err, out)
	}
	out, err = exec.Command(bin, "-flags").Output()
	var flags []struct {
		Name  string
		Bool  bool
		Usage string
	}
	if err != nil || json.Unmarshal(out, &flags) != nil {
		t.Fatalf("-flags: %v\n%s", err, out)
	}
	names := map[string]bool{}
	for _, f := range flags {
		names[f.Name] = true
	}
	for _, want := range []string{"bodyclose", "bodyclose.tests", "bodyclose.sources", "drainbody.always", "clientpertransport.clients", "json"} {
		if !names[want] {
			t.Errorf("-flags lacks %s", want)
		}
	}
}

// TestVetAlone: with bodyclose turned off under go vet, drainbody reports
// the retry loop's close that it leaves to bodyclose otherwise.
func TestVetAlone(t *testing.T) {
	bin := tool(t)
	const drain = "leaky.go:64:16: response body of resp is closed before anything is read from it"
	for _, tc := range []struct {
		flags []string
		want  bool
	}{
		{nil, false},
		{[]string{"-bodyclose=false"}, true},
		{[]string{"-drainbody"}, true},
		{[]string{"-drainbody", "-bodyclose"}, false},
	} {
		args := append([]string{"vet", "-vettool=" + bin}, tc.flags...)
		cmd := exec.Command("go", append(args, "./example/...")...)
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "GOFLAGS=")
		out, _ := cmd.CombinedOutput()
		if got := strings.Contains(string(out), drain); got != tc.want {
			t.Errorf("go vet %v: drain finding reported = %v, want %v\n%s", tc.flags, got, tc.want, out)
		}
	}
}
