package driver

import (
	"bytes"
	"cmp"
	"encoding/gob"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/bodyclose/bodyclose/suite"
)

// TestDeterminism: the same packages give byte-identical output (text,
// JSON and SARIF) and facts (every fact of every package, the corpus's
// and all its dependencies', gob-encoded as the vet drivers encode them)
// from one run to the next and across GOMAXPROCS values. The packages are
// loaded once; each run builds its own SSA and facts.
func TestDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses the corpus and its dependencies three times")
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "corpus"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := load(dir, []string{"./..."}, "", true)
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first []byte
	var firstProcs int
	for i, procs := range []int{4, 1, 4} {
		runtime.GOMAXPROCS(procs)
		analyzers := suite.Selected(suite.New(suite.Default()))
		g, err := checker.Analyze(analyzers, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		fs, errs := findings(g)
		if len(errs) > 0 {
			t.Fatalf("analysis errors: %v", errs)
		}
		if len(fs) == 0 {
			t.Fatal("no findings in the corpus: nothing compared")
		}
		var out bytes.Buffer
		for _, format := range []string{"text", "json", "sarif"} {
			if err := printFindings(&out, dir, format, analyzers, fs, true, nil); err != nil {
				t.Fatal(err)
			}
		}
		n := encodeFacts(t, g, &out)
		if n == 0 {
			t.Fatal("no facts: nothing compared")
		}
		if i == 0 {
			first, firstProcs = out.Bytes(), procs
			t.Logf("%d findings, %d facts, %d bytes", len(fs), n, len(first))
			continue
		}
		if !bytes.Equal(out.Bytes(), first) {
			t.Errorf("run %d (GOMAXPROCS=%d) differs from run 1 (GOMAXPROCS=%d) at byte %d of %d",
				i+1, procs, firstProcs, firstDiff(out.Bytes(), first), len(first))
		}
	}
}

// encodeFacts writes every object and package fact of g's actions, sorted
// by package, object path and fact type, each gob-encoded, and returns
// their number.
func encodeFacts(t *testing.T, g *checker.Graph, w *bytes.Buffer) int {
	type entry struct {
		key string
		val []byte
	}
	var all []entry
	seen := map[string]bool{}
	add := func(key string, fact any) {
		if seen[key] {
			return // the same fact seen through several actions
		}
		seen[key] = true
		var b bytes.Buffer
		if err := gob.NewEncoder(&b).Encode(fact); err != nil {
			t.Fatalf("encoding %s: %v", key, err)
		}
		all = append(all, entry{key, b.Bytes()})
	}
	for act := range g.All() {
		for _, f := range act.AllObjectFacts() {
			path, err := objectpath.For(f.Object)
			if err != nil {
				continue // not addressable from outside: never exported
			}
			add(fmt.Sprintf("%s %s %s", f.Object.Pkg().Path(), path, reflect.TypeOf(f.Fact)), f.Fact)
		}
		for _, f := range act.AllPackageFacts() {
			add(fmt.Sprintf("%s %s", f.Package.Path(), reflect.TypeOf(f.Fact)), f.Fact)
		}
	}
	slices.SortFunc(all, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	for _, e := range all {
		fmt.Fprintf(w, "%s\n%x\n", e.key, e.val)
	}
	return len(all)
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
