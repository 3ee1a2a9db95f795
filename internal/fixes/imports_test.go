package fixes

import (
	"go/format"
	"go/parser"
	"go/token"
	"sort"
	"testing"
)

// TestAddImport: the import joins the file's group of standard-library
// imports in order; a lone import becomes a group; cgo's import "C" is
// left alone; a file without imports gets one after its package clause.
func TestAddImport(t *testing.T) {
	for _, tc := range []struct{ name, src, spec, want string }{
		{"none", "package p\n\nfunc f() {}\n", `"io"`,
			"package p\n\nimport \"io\"\n\nfunc f() {}\n"},
		{"lone before", "package p\n\nimport \"net/http\"\n\nvar _ http.Client\n", `"io"`,
			"package p\n\nimport (\n\t\"io\"\n\t\"net/http\"\n)\n\nvar _ http.Client\n"},
		{"lone after", "package p\n\nimport \"fmt\"\n\nvar _ = fmt.Sprint\n", `"io"`,
			"package p\n\nimport (\n\t\"fmt\"\n\t\"io\"\n)\n\nvar _ = fmt.Sprint\n"},
		{"groups", "package p\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\n\t\"example.com/x\"\n)\n", `io2 "io"`,
			"package p\n\nimport (\n\t\"fmt\"\n\tio2 \"io\"\n\t\"net/http\"\n\n\t\"example.com/x\"\n)\n"},
		{"third party first", "package p\n\nimport (\n\t\"example.com/x\"\n\n\t\"net/http\"\n)\n", `"io"`,
			"package p\n\nimport (\n\t\"example.com/x\"\n\n\t\"io\"\n\t\"net/http\"\n)\n"},
		{"cgo", "package p\n\n// #include <stdio.h>\nimport \"C\"\n\nimport \"net/http\"\n", `"io"`,
			"package p\n\n// #include <stdio.h>\nimport \"C\"\n\nimport (\n\t\"io\"\n\t\"net/http\"\n)\n"},
		{"cgo only", "package p\n\n// #include <stdio.h>\nimport \"C\"\n\nfunc f() {}\n", `"io"`,
			"package p\n\n// #include <stdio.h>\nimport \"C\"\n\nimport \"io\"\n\nfunc f() {}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "p.go", tc.src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			edits := addImport(f, "io", tc.spec)
			sort.SliceStable(edits, func(i, j int) bool { return edits[i].Pos < edits[j].Pos })
			tf := fset.File(f.Pos())
			out, last := "", 0
			for _, e := range edits {
				out += tc.src[last:tf.Offset(e.Pos)] + string(e.NewText)
				last = tf.Offset(e.End)
			}
			out += tc.src[last:]
			got, err := format.Source([]byte(out))
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if string(got) != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
