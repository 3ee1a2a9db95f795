package analysistest_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bodyclose/bodyclose/analysistest"
	"github.com/bodyclose/bodyclose/suite"
)

// TestPools runs the suite over the testdata module that imports the real
// libraries (redigo, go-redis, fasthttp, gRPC) at the versions it
// requires.
func TestPools(t *testing.T) {
	dir, err := filepath.Abs("../testdata/pools")
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, suite.Default(), "./redigo", "./goredis", "./fasthttpc", "./grpcc", "./sqlgen", "./helpers", "./crosspkg")
}

// TestPairs checks a user's own acquire/release pairs
// (-resourceclose.pairs) against their own code, as the package doc
// shows.
func TestPairs(t *testing.T) {
	cfg := suite.Default()
	cfg.ResourceClose.Pairs = []string{
		"(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put",
		"example.com/pool.Lease=example.com/pool.Return",
	}
	analysistest.Run(t, analysistest.TestData(), cfg, "userpool")
}

// TestPairsUnset: without the pairs, nothing is reported.
func TestPairsUnset(t *testing.T) {
	res := analysistest.Run(quiet{t}, analysistest.TestData(), suite.Default(), "userpool")
	for _, r := range res {
		if len(r.Diagnostics) > 0 {
			t.Errorf("without -resourceclose.pairs: %d findings, want none", len(r.Diagnostics))
		}
	}
}

// quiet drops the // want mismatches that TestPairsUnset expects.
type quiet struct{ *testing.T }

func (quiet) Errorf(string, ...any) {}

// TestPairsRepeated: the same acquire named twice, or released two ways,
// still reports its leaks (the kinds merge); a malformed pair given in
// code fails the run instead of being dropped.
func TestPairsRepeated(t *testing.T) {
	cfg := suite.Default()
	cfg.ResourceClose.Pairs = []string{
		"(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put",
		"(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put",
		"example.com/pool.Lease=example.com/pool.Return",
		"example.com/pool.Lease=(*example.com/pool.Conn).Put",
	}
	analysistest.Run(t, analysistest.TestData(), cfg, "userpool")

	for _, bad := range []string{"(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put=x", "(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put x"} {
		cfg.ResourceClose.Pairs = []string{bad}
		rec := &recorder{T: t}
		analysistest.Run(rec, analysistest.TestData(), cfg, "userpool")
		if !strings.Contains(strings.Join(rec.errs, "\n"), "is not a function's full name") {
			t.Errorf("pair %q in code: errors %q, want the flag's rejection", bad, rec.errs)
		}
	}
	cfg.ResourceClose.Pairs = []string{"garbage", "(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"}
	rec := &recorder{T: t}
	analysistest.Run(rec, analysistest.TestData(), cfg, "userpool")
	if !strings.Contains(strings.Join(rec.errs, "\n"), `resourceclose pairs: "garbage": want ACQUIRE=RELEASE`) {
		t.Errorf("a malformed pair in code: errors %q, want one naming it", rec.errs)
	}
}

// recorder keeps the errors a run reports.
type recorder struct {
	*testing.T
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
