// Package readmetest runs the commands of the README and the docs, as
// written, from testscript scripts (github.com/rogpeppe/go-internal's
// testscript). A script says
//
//	readme 3 'bodyclose ./...'
//
// to run the line "bodyclose ./..." with sh, after checking that it
// stands, verbatim, in a ```sh block of one of the documents; the command
// must exit with status 3, and its output is the script's stdout and
// stderr for the lines that follow (stdout 'regexp').
package readmetest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/tools/txtar"
)

// Commands returns the command lines of the ```sh blocks of the Markdown
// files, each without its trailing "# comment", mapped to the file that
// has it.
func Commands(files ...string) (map[string]string, error) {
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		in := false
		for _, line := range strings.Split(string(b), "\n") {
			switch {
			case strings.HasPrefix(line, "```"):
				in = line == "```sh"
			case in:
				if c := stripComment(line); c != "" {
					out[c] = f
				}
			}
		}
	}
	return out, nil
}

// stripComment drops a trailing "# comment" (a # after a space) and
// surrounding space.
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}

// scriptLine matches a readme line of a script: readme EXIT 'command'.
var scriptLine = regexp.MustCompile(`^\s*readme\s+\d+\s+'(.*)'\s*$`)

// ScriptCommands returns the commands the scripts in dir run with readme.
func ScriptCommands(dir string) (map[string]bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, f := range files {
		a, err := txtar.ParseFile(f)
		if err != nil {
			return nil, err
		}
		// The script is the archive's comment; its files follow.
		for _, line := range strings.Split(string(a.Comment), "\n") {
			if m := scriptLine.FindStringSubmatch(line); m != nil {
				out[m[1]] = true
			}
		}
	}
	return out, nil
}

// Cmd returns the readme command for scripts: its arguments are the exit
// status the command must have and the command line, which must stand in
// one of docs (Markdown files).
func Cmd(docs ...string) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: readme EXIT 'command line'")
		}
		want, err := strconv.Atoi(args[0])
		if err != nil {
			ts.Fatalf("readme: exit status %q: %v", args[0], err)
		}
		cmds, err := Commands(docs...)
		if err != nil {
			ts.Fatalf("readme: %v", err)
		}
		if _, ok := cmds[args[1]]; !ok {
			ts.Fatalf("readme: %q is not a command of %s: the documents changed; change the script with them", args[1], strings.Join(docs, ", "))
		}
		err = ts.Exec("sh", "-c", args[1])
		got := 0
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			got = ee.ExitCode()
		case err != nil:
			ts.Fatalf("readme: %v", err)
		}
		if got != want {
			ts.Fatalf("readme: %q exited %d, want %d", args[1], got, want)
		}
	}
}

// GoEnv copies into the script's environment what the go command needs
// from the test's (caches, proxy, toolchain), since testscript starts from
// an empty one, and puts $WORK/bin first on PATH, where GOBIN points.
func GoEnv(env *testscript.Env) error {
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GONOSUMDB", "GOPRIVATE", "GOFLAGS", "GOTOOLCHAIN", "CGO_ENABLED", "CC", "GOLANGCI_LINT_CACHE"} {
		v := os.Getenv(k)
		if v == "" && strings.HasPrefix(k, "GO") && k != "GOLANGCI_LINT_CACHE" {
			out, err := exec.Command("go", "env", k).Output()
			if err != nil {
				return fmt.Errorf("go env %s: %v", k, err)
			}
			v = strings.TrimSpace(string(out))
		}
		if v != "" {
			env.Setenv(k, v)
		}
	}
	bin := filepath.Join(env.WorkDir, "bin")
	env.Setenv("GOBIN", bin)
	env.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return nil
}
