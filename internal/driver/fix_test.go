package driver

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// fixFixture is a file on disk and findings whose fixes edit it.
type fixFixture struct {
	file string
	tf   *token.File
	pkg  *packages.Package
}

func newFixFixture(t *testing.T, src string) *fixFixture {
	t.Helper()
	file := filepath.Join(t.TempDir(), "x.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	tf := fset.AddFile(file, -1, len(src))
	tf.SetLinesForContent([]byte(src))
	return &fixFixture{file: file, tf: tf, pkg: &packages.Package{Fset: fset}}
}

// finding returns a finding whose one fix replaces [start, end) with text,
// for each (start, end, text) triple.
func (x *fixFixture) finding(msg string, edits ...any) *Finding {
	var tes []analysis.TextEdit
	for i := 0; i < len(edits); i += 3 {
		tes = append(tes, analysis.TextEdit{Pos: x.tf.Pos(edits[i].(int)), End: x.tf.Pos(edits[i+1].(int)), NewText: []byte(edits[i+2].(string))})
	}
	d := analysis.Diagnostic{Pos: x.tf.Pos(0), Message: msg}
	if len(tes) > 0 {
		d.SuggestedFixes = []analysis.SuggestedFix{{Message: "fix", TextEdits: tes}}
	}
	return &Finding{Analyzer: &analysis.Analyzer{Name: "test"}, Pkg: x.pkg, Diag: d, Posn: x.pkg.Fset.Position(d.Pos)}
}

const fixSrc = "package x\n\nfunc f() {\n\ta := 1\n\t_ = a\n}\n"

func TestPlanFixes(t *testing.T) {
	x := newFixFixture(t, fixSrc)
	at := strings.Index(fixSrc, "a := 1")
	a := x.finding("a", at, at+len("a := 1"), "a := 9")
	same := x.finding("same edit again (package and test variant)", at, at+len("a := 1"), "a := 9")
	overlap := x.finding("overlaps", at+2, at+len("a := 1\n\t_"), ":= 2\n\t_")
	insert := x.finding("inserts before", at-1, at-1, "\t// one\n")
	none := x.finding("no fix")
	later := x.finding("later, unformatted", len(fixSrc)-2, len(fixSrc)-2, "\n\t\t\t_ = 1\n")
	p := planFixes([]*Finding{a, same, overlap, insert, none, later})
	if got := names(p.fixed); got != "a,same edit again (package and test variant),inserts before,later, unformatted" {
		t.Errorf("fixed = %s", got)
	}
	if got := names(p.conflict); got != "overlaps" {
		t.Errorf("conflicts = %s", got)
	}
	if got := names(p.noFix); got != "no fix" {
		t.Errorf("noFix = %s", got)
	}
	contents, errs, _ := p.apply()
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := "package x\n\nfunc f() {\n\t// one\n\ta := 9\n\t_ = a\n\n\t_ = 1\n}\n"
	if got := string(contents[x.file]); got != want {
		t.Errorf("fixed file:\n%s\nwant (gofmt-clean, the shared edit once):\n%s", got, want)
	}
}

// A fix that breaks the syntax is reported, and its file left alone.
func TestPlanFixesBadResult(t *testing.T) {
	x := newFixFixture(t, fixSrc)
	at := strings.Index(fixSrc, "}")
	p := planFixes([]*Finding{x.finding("breaks", at, at+1, "")})
	contents, errs, _ := p.apply()
	if errs[x.file] == nil || contents[x.file] != nil {
		t.Errorf("errs %v, contents %q: want an error and no content", errs, contents[x.file])
	}
	if len(p.fixed) != 0 || len(p.skipped) != 1 || !strings.Contains(p.skipped[0].why, "does not parse") {
		t.Errorf("fixed %d, skipped %+v", len(p.fixed), p.skipped)
	}
}

func names(fs []*Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Diag.Message)
	}
	return strings.Join(out, ",")
}
