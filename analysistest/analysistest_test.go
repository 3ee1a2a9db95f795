package analysistest_test

import (
	"path/filepath"
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
