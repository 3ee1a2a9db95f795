package bodyclose_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/bodyclose/bodyclose/passes/bodyclose"
)

// corpusScore counts labelled functions by outcome.
type corpusScore struct{ tp, fp, fn, tn int }

func (s corpusScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s corpusScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// runCorpus runs analyzer a over the corpus module in dir and scores every
// function labelled "// corpus:leak" or "// corpus:ok" on its func line.
// Wrong answers are listed in the returned misses.
func runCorpus(t *testing.T, dir string, a *analysis.Analyzer) (map[string]*corpusScore, []string) {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("corpus does not type-check")
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, &checker.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]*corpusScore{}
	var misses []string
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, f := range act.Package.Syntax {
			labels := funcLabels(fset, f)
			for _, fd := range labels.order {
				want := labels.leak[fd]
				got := false
				for _, d := range act.Diagnostics {
					if d.Pos >= fd.Pos() && d.Pos < fd.End() {
						got = true
					}
				}
				s := scores[act.Package.PkgPath]
				if s == nil {
					s = new(corpusScore)
					scores[act.Package.PkgPath] = s
				}
				name := fmt.Sprintf("%s.%s", act.Package.PkgPath, funcName(fd))
				switch {
				case want && got:
					s.tp++
				case want && !got:
					s.fn++
					misses = append(misses, "missed leak: "+name)
				case !want && got:
					s.fp++
					misses = append(misses, "false alarm: "+name)
				default:
					s.tn++
				}
			}
		}
	}
	sort.Strings(misses)
	return scores, misses
}

type labelled struct {
	order []*ast.FuncDecl
	leak  map[*ast.FuncDecl]bool
}

func funcLabels(fset *token.FileSet, f *ast.File) labelled {
	l := labelled{leak: map[*ast.FuncDecl]bool{}}
	byLine := map[int]string{}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "// corpus:") {
				byLine[fset.Position(c.Pos()).Line] = strings.TrimPrefix(c.Text, "// corpus:")
			}
		}
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok {
			continue
		}
		switch byLine[fset.Position(fd.Pos()).Line] {
		case "leak":
			l.leak[fd] = true
		case "ok":
		default:
			continue
		}
		l.order = append(l.order, fd)
	}
	return l
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv != nil && len(fd.Recv.List) == 1 {
		return fmt.Sprintf("(%s).%s", typeString(fd.Recv.List[0].Type), fd.Name.Name)
	}
	return fd.Name.Name
}

func typeString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return "*" + typeString(e.X)
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return typeString(e.X)
	}
	return "?"
}

// TestCorpus scores bodyclose on our own corpus of realistic functions
// (testdata/corpus) and fails below the targets of the foundation issue
// (precision 0.90, recall 0.85) and of the ownership issue (0.97 / 0.95).
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a module")
	}
	scores, misses := runCorpus(t, "../../testdata/corpus", bodyclose.Analyzer)
	var total corpusScore
	var names []string
	for p := range scores {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		s := scores[p]
		t.Logf("%-10s tp=%d fp=%d fn=%d tn=%d precision=%.2f recall=%.2f", p, s.tp, s.fp, s.fn, s.tn, s.precision(), s.recall())
		total.tp += s.tp
		total.fp += s.fp
		total.fn += s.fn
		total.tn += s.tn
	}
	t.Logf("%-10s tp=%d fp=%d fn=%d tn=%d precision=%.3f recall=%.3f (%d functions)", "TOTAL",
		total.tp, total.fp, total.fn, total.tn, total.precision(), total.recall(), total.tp+total.fp+total.fn+total.tn)
	for _, m := range misses {
		t.Log(m)
	}
	if total.precision() < 0.97 || total.recall() < 0.95 {
		t.Errorf("corpus: precision %.3f (want >= 0.97), recall %.3f (want >= 0.95)", total.precision(), total.recall())
	}
}
