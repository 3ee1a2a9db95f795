package resourceclose_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestHarm runs the harm tests of resourceclose and poolpercall
// (testdata/pools/harm): they import fasthttp and gRPC, which the
// linter's own module must not require, so they live in the testdata
// module and run in a go command of their own. Each shows the failure its
// rule prevents: leaked sql.Rows and sql.Tx make the next query wait until
// its deadline (SetMaxOpenConns(1)), sql.Open, fasthttp.Client and
// grpc.NewClient per call cost a connection per call, an unreleased
// fasthttp.Request allocates per call, unclosed ClientConns leave
// goroutines.
func TestHarm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the testdata module's dependencies")
	}
	dir, err := filepath.Abs("../../testdata/pools")
	if err != nil {
		t.Fatal(err)
	}
	// -vet=off: behaviour tests of the libraries; vetting them would
	// analyse gRPC and the rest for vet's facts first.
	cmd := exec.Command("go", "test", "-count=1", "-vet=off", "-v", "./harm/")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("go test ./harm/ in %s: %v", dir, err)
	}
}
