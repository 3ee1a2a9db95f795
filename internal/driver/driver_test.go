package driver_test

import (
	"bytes"
	"encoding/json"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/bodyclose/bodyclose/internal/driver"
)

// repoRoot is the module root, where ./example/... lives.
const repoRoot = "../.."

// run runs the standalone driver in-process in dir.
func run(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	var out, errb bytes.Buffer
	code = driver.Run(dir, args, &out, &errb)
	return out.String(), errb.String(), code
}

// copyModule copies testdata/name into a fresh directory, for tests that
// edit files.
func copyModule(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// exampleFindings are the findings of the shipped example.
var exampleFindings = []string{
	"example/leaky/drain.go:13:15: response body of resp is closed without being read when the function returns early on a bad status",
	"example/leaky/leaky.go:21:15: response body of resp is not closed when the function returns early on a bad status",
	"example/leaky/leaky.go:53:15: response body of resp is never closed",
	"example/leaky/leaky.go:64:16: response body of resp is not closed before the next loop iteration replaces it",
	"example/leaky/pool.go:14:14: http.Client built around a new http.Transport in Lookup is dropped when Lookup returns",
}

// findingLine matches a text finding: "file:line:col: message (analyzer)".
var findingLine = regexp.MustCompile(`^(\S+\.go):(\d+):(\d+): (.*) \((bodyclose|drainbody|clientpertransport)\)$`)

// textFindings returns the finding lines of text output (not the indented
// related positions), and fails on a line that is neither.
func textFindings(t *testing.T, out string) []string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		switch {
		case l == "":
		case strings.HasPrefix(l, "\t"):
			if !regexp.MustCompile(`^\t\S+\.go:\d+:\d+: \S`).MatchString(l) {
				t.Errorf("related line %q is not \\tfile:line:col: message", l)
			}
		case findingLine.MatchString(l):
			lines = append(lines, l)
		default:
			t.Errorf("line %q does not name its analyzer as file:line:col: message (analyzer)", l)
		}
	}
	return lines
}

func TestTextNamesAnalyzer(t *testing.T) {
	out, stderr, code := run(t, repoRoot, "./example/...")
	if code != driver.ExitFindings {
		t.Fatalf("exit %d, want 3\n%s%s", code, out, stderr)
	}
	lines := textFindings(t, out)
	if len(lines) != len(exampleFindings) {
		t.Errorf("%d findings, want %d:\n%s", len(lines), len(exampleFindings), out)
	}
	for i, w := range exampleFindings {
		if i < len(lines) && !strings.HasPrefix(lines[i], w) {
			t.Errorf("finding %d = %q, want prefix %q", i, lines[i], w)
		}
	}
	for _, want := range []string{"(drainbody)", "(bodyclose)", "(clientpertransport)"} {
		if !strings.Contains(out, want) {
			t.Errorf("no finding names %s", want)
		}
	}
}

// TestOnce: a finding in a package that has tests is reported in the
// package and in its test variant; every format shows it once, and every
// format exits 3.
func TestOnce(t *testing.T) {
	dir := filepath.Join("testdata", "variant")
	out, stderr, code := run(t, dir, "./...")
	if code != driver.ExitFindings || len(textFindings(t, out)) != 1 {
		t.Errorf("text: exit %d, findings:\n%s%s", code, out, stderr)
	}
	out, stderr, code = run(t, dir, "-json", "./...")
	if code != driver.ExitFindings {
		t.Errorf("-json: exit %d, want 3\n%s", code, stderr)
	}
	var tree map[string]map[string][]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json: %v\n%s", err, out)
	}
	n := 0
	for pkg, byAnalyzer := range tree {
		for _, ds := range byAnalyzer {
			n += len(ds)
		}
		if strings.Contains(pkg, "[") {
			t.Errorf("-json: finding attributed to the test variant %s", pkg)
		}
	}
	if n != 1 {
		t.Errorf("-json: %d findings, want 1\n%s", n, out)
	}
	out, _, code = run(t, dir, "-f", "sarif", "./...")
	if code != driver.ExitFindings {
		t.Errorf("-f sarif: exit %d, want 3", code)
	}
	if n := len(sarifResults(t, out)); n != 1 {
		t.Errorf("-f sarif: %d results, want 1", n)
	}
}

func TestClean(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		out, stderr, code := run(t, repoRoot, "-f", format, "./internal/knowledge")
		if code != driver.ExitClean {
			t.Errorf("-f %s: exit %d on a clean package, want 0\n%s%s", format, code, out, stderr)
		}
	}
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-f", "xml", "./..."},
		{"-json", "-f", "sarif", "./..."},
		{"./...", "-f", "sarif"},
		{"-nosuchflag", "./..."},
		{},
		{"-bodyclose.closers=DrainClose", "./..."},
	} {
		_, stderr, code := run(t, repoRoot, args...)
		if code != driver.ExitError || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want 1 and a message", args, code, stderr)
		}
	}
	_, stderr, _ := run(t, repoRoot, "-bodyclose.closers=DrainClose", "./...")
	if !strings.Contains(stderr, `"DrainClose" is not a function's full name`) {
		t.Errorf("malformed closer: %q", stderr)
	}
}

// TestUnmatchedNames: a configured name that matches no function of the
// program is reported; one that does is not.
func TestUnmatchedNames(t *testing.T) {
	_, stderr, code := run(t, repoRoot, "-bodyclose.closers=example.com/httputil.DrainClose,(*net/http.Response).Write", "-bodyclose.sources=(*net/http.Client).Fetch", "./example/...")
	if code != driver.ExitFindings {
		t.Errorf("exit %d, want 3 (a warning is not an error)", code)
	}
	for _, want := range []string{
		"-bodyclose.closers: example.com/httputil.DrainClose matches no function",
		"-bodyclose.sources: (*net/http.Client).Fetch matches no function",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "Write") {
		t.Errorf("a declared method was reported:\n%s", stderr)
	}
}

func TestTags(t *testing.T) {
	dir := filepath.Join("testdata", "tags")
	out, stderr, code := run(t, dir, "./...")
	if code != driver.ExitClean {
		t.Errorf("without tags: exit %d, want 0 (integration.go is not built)\n%s%s", code, out, stderr)
	}
	out, stderr, code = run(t, dir, "-tags=integration", "./...")
	if code != driver.ExitFindings || !strings.Contains(out, "integration.go:9:15: response body of resp is never closed") {
		t.Errorf("-tags=integration: exit %d, want 3 and the finding in integration.go\n%s%s", code, out, stderr)
	}
}

// TestCgo: a file that uses cgo is the user's code, though the type
// checker sees cgo's output, headed "Code generated by cmd/cgo".
func TestCgo(t *testing.T) {
	if out, err := exec.Command("go", "env", "CGO_ENABLED").Output(); err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Skip("cgo is disabled here (no C compiler)")
	}
	out, stderr, code := run(t, filepath.Join("testdata", "cgo"), "./...")
	if code != driver.ExitFindings || !strings.Contains(out, "cgo.go:13:15: response body of resp is never closed") {
		t.Errorf("exit %d, want 3 and the finding in cgo.go\n%s%s", code, out, stderr)
	}
	// The finding carries no suggested fix: its offsets would be those of
	// cgo's derived file, not of cgo.go (edits past its end).
	out, stderr, code = run(t, filepath.Join("testdata", "cgo"), "-json", "./...")
	if code != driver.ExitFindings || !strings.Contains(out, "response body of resp is never closed") {
		t.Errorf("-json: exit %d, want 3 and the finding\n%s%s", code, out, stderr)
	}
	if strings.Contains(out, "suggested_fixes") || strings.Contains(out, "edits") {
		t.Errorf("-json: a fix offered in a file rewritten by cgo:\n%s", out)
	}
}

// TestLoadError: a package that does not type-check gets its error once
// (not once per variant), and none of the internal analyzers' names.
func TestLoadError(t *testing.T) {
	out, stderr, code := run(t, filepath.Join("testdata", "broken"), "./...")
	if code != driver.ExitError {
		t.Errorf("exit %d, want 1", code)
	}
	const typeErr = "broken.go:7:22: cannot use 1 (untyped int constant) as string value in argument to http.Get"
	if strings.Count(stderr, typeErr) != 1 {
		t.Errorf("the type error appears %d times, want 1:\n%s", strings.Count(stderr, typeErr), stderr)
	}
	for _, internal := range []string{"httpfacts", "ctrlflow", "failed prerequisites", "analysis skipped"} {
		if strings.Contains(stderr, internal) {
			t.Errorf("stderr mentions %q:\n%s", internal, stderr)
		}
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n") + 1; n != 1 {
		t.Errorf("%d lines of errors, want 1:\n%s", n, stderr)
	}
	if out != "" {
		t.Errorf("stdout: %q", out)
	}
	// A syntax error: its errors only, not the type errors that echo it
	// ("net/http" imported and not used), with the path relative to
	// the working directory like findings.
	// (Written here: a file that does not parse would trip gofmt -l.)
	syn := copyModule(t, "broken")
	if err := os.MkdirAll(filepath.Join(syn, "syn"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(syn, "syn", "syn.go"), []byte("package syn\n\nimport \"net/http\"\n\nfunc X( {\n\thttp.Get(\"x\")\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = run(t, syn, "./syn")
	want := "syn/syn.go:5:9: expected ')', found '{'\nsyn/syn.go:7:1: expected declaration, found '}'\n"
	if code != driver.ExitError || stderr != want {
		t.Errorf("a syntax error: exit %d, stderr\n%s\nwant exit 1 and\n%s", code, stderr, want)
	}
	// Errors without a position (go list's "-") are the command's own.
	_, stderr, code = run(t, filepath.Join("testdata", "broken"), "./nope/...")
	if code != driver.ExitError || !strings.HasPrefix(stderr, "bodyclose: ") || strings.Contains(stderr, "-: ") {
		t.Errorf("a pattern that matches nothing: exit %d, %q", code, stderr)
	}
}

// TestNewerGo: a module that says go 1.27, linted by a build of Go 1.26,
// gets one line that says so, whether the go command refuses it
// (GOTOOLCHAIN=local) or switches to a newer toolchain.
func TestNewerGo(t *testing.T) {
	dir := filepath.Join("testdata", "newgo")
	check := func(toolchain string) {
		t.Setenv("GOTOOLCHAIN", toolchain)
		_, stderr, code := run(t, dir, "./...")
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if code != driver.ExitError || len(lines) != 1 || !strings.Contains(stderr, "1.27") {
			t.Errorf("GOTOOLCHAIN=%s: exit %d, %d lines, want 1 and one line naming 1.27:\n%s", toolchain, code, len(lines), stderr)
		}
	}
	check("local")
	if os.Getenv("BODYCLOSE_NO_GO127") == "" {
		check("go1.27.3")
	}
}

// TestPatchGoTypeError: a module whose go line is a patch release of the
// Go we were built with (go mod init writes "go 1.26.8", tidy "1.26.0")
// is not newer: its type error is printed, not a request to rebuild.
func TestPatchGoTypeError(t *testing.T) {
	for _, goLine := range []string{"1.26.0", "1.26.8"} {
		dir := t.TempDir()
		write := func(name, text string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
				t.Fatal(err)
			}
		}
		if !strings.HasPrefix(runtime.Version(), "go1.26") {
			t.Skipf("built with %s: the case is about go1.26 patch releases", runtime.Version())
		}
		write("go.mod", "module plain\n\ngo "+goLine+"\n")
		write("p.go", "package plain\n\nfunc F() { undefinedX() }\n")
		t.Setenv("GOTOOLCHAIN", "local")
		_, stderr, code := run(t, dir, "./...")
		if code != driver.ExitError || !strings.Contains(stderr, "undefined: undefinedX") || strings.Contains(stderr, "rebuild") {
			t.Errorf("go %s: exit %d, want 1 and the type error, not a rebuild request:\n%s", goLine, code, stderr)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, repoRoot, "-version")
	if code != 0 || !strings.HasPrefix(out, "bodyclose github.com/bodyclose/bodyclose ") || !strings.Contains(out, "built with go1.") {
		t.Errorf("-version: exit %d, %q", code, out)
	}
	out, _, code = run(t, repoRoot, "-V=full")
	// go vet parses: "PROG version devel ... buildID=HEX" (cmd/go's toolID).
	f := strings.Fields(out)
	if code != 0 || len(f) < 4 || f[1] != "version" || f[2] != "devel" ||
		!regexp.MustCompile(`^buildID=[0-9a-f]{64}$`).MatchString(f[len(f)-1]) ||
		!strings.Contains(out, "github.com/bodyclose/bodyclose@") || strings.Count(out, "\n") != 1 {
		t.Errorf("-V=full: exit %d, %q", code, out)
	}
}

func TestHelp(t *testing.T) {
	out, _, code := run(t, repoRoot, "help")
	if code != 0 || !strings.Contains(out, "bodyclose            Check that HTTP response bodies are closed on every path.") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	for _, name := range []string{"bodyclose", "drainbody", "clientpertransport"} {
		out, _, code := run(t, repoRoot, "help", name)
		if code != 0 {
			t.Errorf("help %s: exit %d", name, code)
		}
		first, _, _ := strings.Cut(out, "\n")
		if !regexp.MustCompile(`^` + name + `: [A-Z][^/]*\.$`).MatchString(first) {
			t.Errorf("help %s: first line %q is not NAME: a sentence", name, first)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "// ") || strings.TrimSpace(l) == "//" {
				t.Errorf("help %s: line %q keeps a comment marker", name, l)
			}
		}
		if !strings.Contains(out, "-"+name+".tests") {
			t.Errorf("help %s: flags not listed as -%s.NAME", name, name)
		}
	}
	if _, stderr, code := run(t, repoRoot, "help", "nosuch"); code != 1 || !strings.Contains(stderr, `no analyzer "nosuch"`) {
		t.Errorf("help nosuch: exit %d, %q", code, stderr)
	}
}

// TestFix: -fix applies the fixes, says how many it fixed and which
// findings it left, and exits 3 while any is left.
func TestFix(t *testing.T) {
	dir := copyModule(t, "fixmod")
	out, stderr, code := run(t, dir, "-fix", "./...")
	if code != driver.ExitClean || !strings.Contains(stderr, "fixed 2 of 2 findings in 1 files; 0 left") || out != "" {
		t.Errorf("-fix: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	fixed, _ := os.ReadFile(filepath.Join(dir, "fixmod.go"))
	if formatted, err := formatSource(fixed); err != nil || !bytes.Equal(formatted, fixed) {
		t.Errorf("fixed file is not gofmt-clean (%v):\n%s", err, fixed)
	}
	if _, _, code := run(t, dir, "./..."); code != driver.ExitClean {
		t.Errorf("after -fix: exit %d, want 0", code)
	}

	// A finding without a fix is left, and said so.
	dir = copyModule(t, "svc")
	out, stderr, code = run(t, dir, "-fix", "./...")
	if code != driver.ExitFindings {
		t.Errorf("-fix on svc: exit %d, want 3 (findings without a fix remain)", code)
	}
	if !regexp.MustCompile(`fixed \d+ of 6 findings in \d+ files; \d+ left`).MatchString(stderr) ||
		!strings.Contains(stderr, "no fix suggested: pool/pool.go:10:31") {
		t.Errorf("-fix on svc: stderr lacks the summary or the unfixed finding:\n%s", stderr)
	}
	if len(textFindings(t, out)) == 0 {
		t.Errorf("-fix on svc: the findings left are not printed:\n%s", out)
	}
}

func TestDiff(t *testing.T) {
	dir := copyModule(t, "fixmod")
	before, _ := os.ReadFile(filepath.Join(dir, "fixmod.go"))
	out, stderr, code := run(t, dir, "-diff", "./...")
	if code != driver.ExitFindings {
		t.Errorf("-diff: exit %d, want 3 (nothing was fixed)", code)
	}
	if !strings.Contains(out, "--- a/fixmod.go") || !strings.Contains(out, "+\tdefer func() {") || !strings.Contains(stderr, "2 of 2 findings have a fix") {
		t.Errorf("-diff output:\n%s\n%s", out, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "fixmod.go"))
	if !bytes.Equal(before, after) {
		t.Error("-diff changed the file")
	}
}

// sarifResult is what the tests read of a SARIF result.
type sarifResult struct {
	RuleID    string `json:"ruleId"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

func sarifResults(t *testing.T, out string) []sarifResult {
	t.Helper()
	var log struct {
		Runs []struct {
			Results []sarifResult `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF: %v, %d runs\n%s", err, len(log.Runs), out)
	}
	return log.Runs[0].Results
}

// TestSARIF checks -f sarif on the shipped example and on a module of our
// own against the fields GitHub code scanning reads.
func TestSARIF(t *testing.T) {
	for _, c := range []struct {
		dir, pattern string
		n            int
	}{
		{repoRoot, "./example/...", len(exampleFindings)},
		{filepath.Join("testdata", "svc"), "./...", 6},
		// Non-ASCII before the finding (SARIF counts UTF-16 columns), and
		// a //line directive without a column (Go says column 0).
		{filepath.Join("testdata", "odd"), "./...", 2},
	} {
		out, stderr, code := run(t, c.dir, "-f", "sarif", c.pattern)
		if code != driver.ExitFindings {
			t.Errorf("%s: exit %d, want 3\n%s", c.dir, code, stderr)
		}
		for _, e := range checkSARIF([]byte(out), c.dir) {
			t.Errorf("%s: %s", c.dir, e)
		}
		rs := sarifResults(t, out)
		if len(rs) != c.n {
			t.Errorf("%s: %d results, want %d", c.dir, len(rs), c.n)
		}
		seen := map[string]bool{}
		for _, r := range rs {
			fp := r.PartialFingerprints[driver.FingerprintKey]
			if seen[fp] {
				t.Errorf("%s: fingerprint %s shared by two results", c.dir, fp)
			}
			seen[fp] = true
		}
	}
}

// TestSARIFLoadError: a load error makes the run unsuccessful and is
// named in the invocation's toolExecutionNotifications, with its location.
func TestSARIFLoadError(t *testing.T) {
	dir := filepath.Join("testdata", "broken")
	out, stderr, code := run(t, dir, "-f", "sarif", ".")
	if code != driver.ExitError {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	for _, e := range checkSARIF([]byte(out), dir) {
		t.Error(e)
	}
	var log struct {
		Runs []struct {
			Invocations []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Level   string `json:"level"`
					Message struct {
						Text string `json:"text"`
					} `json:"message"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Region struct {
								StartLine int `json:"startLine"`
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("no run with one invocation (%v):\n%s", err, out)
	}
	inv := log.Runs[0].Invocations[0]
	if inv.ExecutionSuccessful {
		t.Error("executionSuccessful: true after a load error")
	}
	if len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("%d notifications, want 1 (the type error):\n%s", len(inv.ToolExecutionNotifications), out)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || !strings.Contains(n.Message.Text, "cannot use 1 (untyped int constant) as string value") || len(n.Locations) != 1 ||
		n.Locations[0].PhysicalLocation.ArtifactLocation.URI != "broken.go" || n.Locations[0].PhysicalLocation.Region.StartLine != 7 {
		t.Errorf("notification %+v, want the type error at broken.go:7", n)
	}
	// A clean run has none.
	out, _, _ = run(t, filepath.Join("testdata", "svc"), "-f", "sarif", "./...")
	if strings.Contains(out, "toolExecutionNotifications") {
		t.Errorf("notifications in a run without errors:\n%s", out)
	}
}

// TestSARIFStable: ruleIds and fingerprints are the same after a blank line is inserted at the top of every file (which moves
// every finding one line down).
func TestSARIFStable(t *testing.T) {
	dir := copyModule(t, "svc")
	key := func(out string) ([]string, []int) {
		var keys []string
		var lines []int
		for _, r := range sarifResults(t, out) {
			keys = append(keys, r.RuleID+" "+r.PartialFingerprints[driver.FingerprintKey]+" "+r.PartialFingerprints["primaryLocationLineHash"])
			lines = append(lines, r.Locations[0].PhysicalLocation.Region.StartLine)
		}
		sort.Strings(keys)
		return keys, lines
	}
	// (Two runs give byte-identical SARIF: TestDeterminism.)
	out1, _, _ := run(t, dir, "-f", "sarif", "./...")
	k1, l1 := key(out1)
	for _, f := range []string{"client/client.go", "pool/pool.go"} {
		p := filepath.Join(dir, f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append([]byte("\n"), b...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out3, _, _ := run(t, dir, "-f", "sarif", "./...")
	k3, l3 := key(out3)
	if strings.Join(k1, "\n") != strings.Join(k3, "\n") {
		t.Errorf("a blank line at the top changed ruleIds or fingerprints:\n%s\n--\n%s", strings.Join(k1, "\n"), strings.Join(k3, "\n"))
	}
	for i := range l1 {
		if i < len(l3) && l3[i] != l1[i]+1 {
			t.Errorf("result %d: line %d after the insertion, want %d (the test must move the findings)", i, l3[i], l1[i]+1)
		}
	}
}

func formatSource(b []byte) ([]byte, error) { return format.Source(b) }

// TestMismatchedPairs: a -resourceclose.pairs pair whose functions exist
// but cannot make a pair is warned about (a newcomer's trial: they were
// accepted without a word, and every acquisition then reported).
func TestMismatchedPairs(t *testing.T) {
	_, stderr, code := run(t, repoRoot,
		"-resourceclose.pairs=(*net/http.Client).Get=(*net/http.Client).CloseIdleConnections,"+
			"(*net/http.Client).CloseIdleConnections=(*net/http.Response).Write,"+
			"(*net/http.Client).Get=(*net/http.Response).Write,"+
			"net/http.NewRequest=(*net/http.Client).Do,"+
			"net/http.Get=fmt.Println",
		"./example/...")
	if code != driver.ExitFindings {
		t.Errorf("exit %d, want 3 (a warning is not an error)", code)
	}
	for _, want := range []string{
		"(*net/http.Client).CloseIdleConnections cannot be given what (*net/http.Client).Get returns (*net/http.Response)",
		"(*net/http.Client).CloseIdleConnections returns nothing to release",
		// A method is given its receiver: Do takes the request as an
		// argument, not as what it is a method of.
		"(*net/http.Client).Do cannot be given what net/http.NewRequest returns (*net/http.Request)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// A method of the result's type, a function whose first parameter
	// takes it (...any): no warning.
	for _, quiet := range []string{"(*net/http.Response).Write cannot", "fmt.Println cannot"} {
		if strings.Contains(stderr, quiet) {
			t.Errorf("stderr warns %q:\n%s", quiet, stderr)
		}
	}
}
