package driver

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
)

// help prints the help of the command (no args) or of the named analyzers.
// It returns the exit code: 1 for an unknown analyzer.
func help(w, stderr io.Writer, fs *flag.FlagSet, analyzers []*analysis.Analyzer, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(w, "%s reports HTTP response bodies not closed on every path, bodies closed\nbefore they are read to the end, and transports built per call.\n\n", progname)
		usage(w, analyzers)
		fmt.Fprintf(w, "\nAnalyzers:\n\n")
		for _, a := range analyzers {
			fmt.Fprintf(w, "  %-20s %s\n", a.Name, analysisutil.Summary(a.Doc))
		}
		fmt.Fprintf(w, "\nAll analyzers run by default; -NAME runs only the named ones, -NAME=false\nskips one.\n\nFlags:\n\n")
		core := flag.NewFlagSet("", flag.ContinueOnError)
		fs.VisitAll(func(f *flag.Flag) {
			if !strings.Contains(f.Name, ".") && !isAnalyzerName(analyzers, f.Name) {
				core.Var(f.Value, f.Name, f.Usage)
			}
		})
		core.SetOutput(w)
		core.PrintDefaults()
		fmt.Fprintf(w, "\nSuppress one finding with a comment on its line or the line above:\n\n\t//bodyclose:ignore <analyzer> <reason>\n\nRun '%s help <analyzer>' for an analyzer's rules and flags.\n", progname)
		return 0
	}
	code := 0
	for _, name := range args {
		var a *analysis.Analyzer
		for _, x := range analyzers {
			if x.Name == name {
				a = x
			}
		}
		if a == nil {
			var names []string
			for _, x := range analyzers {
				names = append(names, x.Name)
			}
			fmt.Fprintf(stderr, "%s: no analyzer %q; the analyzers are %s\n", progname, name, strings.Join(names, ", "))
			code = 1
			continue
		}
		summary, body, _ := strings.Cut(a.Doc, "\n\n")
		fmt.Fprintf(w, "%s: %s\n", a.Name, analysisutil.Summary(summary))
		first := true
		af := flag.NewFlagSet(a.Name, flag.ContinueOnError)
		a.Flags.VisitAll(func(f *flag.Flag) {
			if first {
				fmt.Fprintf(w, "\nFlags:\n\n")
				first = false
			}
			af.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
		af.SetOutput(w)
		af.PrintDefaults()
		if body != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(body))
		}
		fmt.Fprintf(w, "\nDocumentation: %s\n", a.URL)
	}
	return code
}

func isAnalyzerName(analyzers []*analysis.Analyzer, name string) bool {
	for _, a := range analyzers {
		if a.Name == name {
			return true
		}
	}
	return false
}
