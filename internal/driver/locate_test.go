package driver

import (
	"io"
	"path/filepath"
	"testing"

	"github.com/bodyclose/bodyclose/suite"
)

// TestLocate checks what the SARIF fingerprints are built from: the
// function and the variable of each finding of testdata/svc.
func TestLocate(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and analyses packages")
	}
	as := suite.New(suite.Default())
	dir, _ := filepath.Abs(filepath.Join("testdata", "svc"))
	fs, code := analyze(dir, []string{"./..."}, &options{tests: true}, as, as, io.Discard)
	if code != ExitClean {
		t.Fatalf("analyze: code %d", code)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Analyzer.Name+" "+f.Pkg.PkgPath+" "+f.Func+" "+f.Var)
	}
	want := []string{
		"bodyclose example.com/svc/client (*API).Get resp",
		"bodyclose example.com/svc/client Twice resp",
		"bodyclose example.com/svc/client Twice resp",
		"bodyclose example.com/svc/client Hooks$1 r",
		"clientpertransport example.com/svc/pool Fetch c",
		"drainbody example.com/svc/pool Status resp",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d: %q, want %q", i, got[i], want[i])
		}
	}
	prints := fingerprints(fs)
	if prints[1] == prints[2] {
		t.Error("the two findings of Twice share a fingerprint")
	}
}
