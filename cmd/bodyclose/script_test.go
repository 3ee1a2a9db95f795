package main_test

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/bodyclose/bodyclose/internal/readmetest"
)

// TestREADME runs the README's commands as written, from
// testdata/script/readme.txtar: the first screen in the repository, then
// the install line, the standalone command in each form, go vet and SARIF
// in a module of the user's. (Its golangci-lint commands run in
// gclplugin's TestGolangci, which builds golangci-lint.)
func TestREADME(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the README's commands")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			return readmetest.GoEnv(env)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"readme": readmetest.Cmd(filepath.Join(repo, "README.md")),
		},
	})
}

// notScripted are README commands no script runs, and why.
var notScripted = map[string]string{
	"go test ./...":        "the command this test runs in (.ci/run runs it)",
	"golangci-lint custom": "clones golangci-lint from GitHub; TestGolangci builds the same binary from the module proxy",
}

// TestREADMEScripted: every command of the README's sh blocks is run by
// a script (here or in gclplugin), or listed in notScripted with a reason,
// so a command added to the README without a test fails here.
func TestREADMEScripted(t *testing.T) {
	cmds, err := readmetest.Commands("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	scripted := map[string]bool{}
	for _, dir := range []string{"testdata/script", "../../gclplugin/testdata/script"} {
		s, err := readmetest.ScriptCommands(dir)
		if err != nil {
			t.Fatal(err)
		}
		for c := range s {
			scripted[c] = true
		}
	}
	var missing []string
	for c := range cmds {
		if !scripted[c] && notScripted[c] == "" {
			missing = append(missing, c)
		}
	}
	sort.Strings(missing)
	for _, c := range missing {
		t.Errorf("README command %q is run by no script", c)
	}
	if len(cmds) < 10 {
		t.Errorf("only %d commands found in the README: the parser lost some", len(cmds))
	}
}
