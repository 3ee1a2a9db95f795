// Package driver is the standalone front end of the bodyclose command: it
// loads packages with go/packages, runs the suite with x/tools'
// go/analysis/checker, and prints each finding once, as text (naming its
// analyzer), JSON (go vet's shape) or SARIF 2.1.0 (GitHub code scanning);
// it applies suggested fixes (-fix) or shows them (-diff), and sets the
// exit code. go vet's protocol (-V=full, -flags, a *.cfg argument) is
// unitchecker's: the command dispatches to it before calling Main.
package driver

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"

	"github.com/bodyclose/bodyclose/suite"
)

// Exit codes, as staticcheck and multichecker use them.
const (
	ExitClean    = 0 // no findings
	ExitError    = 1 // bad flags, packages that do not load, analysis errors
	ExitFindings = 3 // findings (in every output format)
)

// Main runs the standalone command on args (without the program name),
// in the current directory, and returns the exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	dir, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitError
	}
	return Run(dir, args, stdout, stderr)
}

// Run is Main in directory dir.
func Run(dir string, args []string, stdout, stderr io.Writer) int {
	return run(dir, args, suite.New(suite.Default()), stdout, stderr)
}

// run is Run with the analyzers of the suite given (tests add one that
// panics, to see the internal error reach the exit code).
func run(dir string, args []string, analyzers []*analysis.Analyzer, stdout, stderr io.Writer) int {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	fs, o, enabled := flagSet(analyzers, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitError // the flag package printed the error and the usage
	}
	switch {
	case o.version:
		printVersion(stdout)
		return ExitClean
	case o.versionV != "":
		if o.versionV != "full" {
			fmt.Fprintf(stderr, "%s: unsupported flag value -V=%s (use -V=full, or -version)\n", progname, o.versionV)
			return ExitError
		}
		if err := PrintVetVersion(stdout); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return ExitClean
	}
	rest := fs.Args()
	if len(rest) > 0 && rest[0] == "help" {
		return help(stdout, stderr, fs, analyzers, rest[1:])
	}
	if len(rest) == 0 {
		fs.Usage()
		return ExitError
	}
	if o.json {
		if o.format != "text" && o.format != "json" {
			fmt.Fprintf(stderr, "%s: -json and -f %s contradict each other\n", progname, o.format)
			return ExitError
		}
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(stderr, "%s: unknown output format -f %s: use text, json or sarif\n", progname, o.format)
		return ExitError
	}
	for _, p := range rest {
		if strings.HasPrefix(p, "-") {
			fmt.Fprintf(stderr, "%s: flag %s after the package patterns: put flags first (%s -f sarif ./...)\n", progname, p, progname)
			return ExitError
		}
	}
	selected := suite.Selected(selectAnalyzers(analyzers, enabled))
	if len(selected) == 0 {
		fmt.Fprintf(stderr, "%s: every analyzer is disabled\n", progname)
		return ExitError
	}

	// The error lines are printed as they come and kept for SARIF's
	// toolExecutionNotifications.
	rec := &lineRecorder{w: stderr}
	fs1, code := analyze(dir, rest, o, analyzers, selected, rec)
	if code == ExitError && fs1 == nil && (o.format != "sarif" || o.fix || o.diff) {
		return ExitError
	}
	// (SARIF always gets its log: a run that failed says why in it.)
	if !o.fix && !o.diff {
		if err := printFindings(stdout, dir, o.format, selected, fs1, code != ExitError, rec.lines); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", progname, err)
			return ExitError
		}
		return exitCode(code, fs1)
	}
	return fix(dir, rest, o, analyzers, selected, fs1, code, stdout, rec)
}

// lineRecorder passes what is written to w and keeps it, line by line.
type lineRecorder struct {
	w     io.Writer
	lines []string
	part  string
}

func (r *lineRecorder) Write(p []byte) (int, error) {
	r.part += string(p)
	for {
		i := strings.IndexByte(r.part, '\n')
		if i < 0 {
			break
		}
		r.lines = append(r.lines, r.part[:i])
		r.part = r.part[i+1:]
	}
	return r.w.Write(p)
}

// analyze loads the packages and runs the selected analyzers; it prints
// load and analysis errors to stderr, each once, and returns the findings
// and ExitError if there were errors (the findings of the packages that
// did load are still returned).
func analyze(dir string, patterns []string, o *options, all, selected []*analysis.Analyzer, stderr io.Writer) ([]*Finding, int) {
	pkgs, err := load(dir, patterns, o.tags, o.tests)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return nil, ExitError
	}
	code := ExitClean
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "%s: no packages match %s\n", progname, strings.Join(patterns, " "))
		return nil, ExitError
	}
	if errs := loadErrors(dir, pkgs); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, e)
		}
		code = ExitError
	}
	for _, w := range append(unmatchedNames(configuredNames(all), pkgs), mismatchedPairs(all, pkgs)...) {
		fmt.Fprintf(stderr, "%s: warning: %s\n", progname, w)
	}
	g, err := checker.Analyze(selected, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return nil, ExitError
	}
	fs, errs := findings(g)
	for _, e := range errs {
		fmt.Fprintf(stderr, "%s: %s\n", progname, e)
		code = ExitError
	}
	return fs, code
}

// printFindings prints fs in the chosen format.
// notes are the error and warning lines printed on stderr (SARIF lists
// them as the invocation's toolExecutionNotifications).
func printFindings(w io.Writer, dir, format string, analyzers []*analysis.Analyzer, fs []*Finding, ok bool, notes []string) error {
	switch format {
	case "json":
		return printJSON(w, fs)
	case "sarif":
		return printSARIF(w, dir, analyzers, fs, ok, notes)
	}
	printText(w, dir, fs)
	return nil
}

// exitCode combines the error state with the findings.
func exitCode(code int, fs []*Finding) int {
	if code == ExitError {
		return ExitError
	}
	if len(fs) > 0 {
		return ExitFindings
	}
	return ExitClean
}

// fix applies (-fix) or shows (-diff) the suggested fixes of fs. After
// -fix it analyses the packages again and reports the findings left, so
// that what it prints is what the fixed code has.
func fix(dir string, patterns []string, o *options, all, selected []*analysis.Analyzer, fs []*Finding, code int, stdout, stderr io.Writer) int {
	plan := planFixes(fs)
	contents, fileErrs, old := plan.apply()
	for _, file := range slices.Sorted(maps.Keys(fileErrs)) {
		fmt.Fprintf(stderr, "%s: cannot fix %s: %v\n", progname, relPath(dir, file), fileErrs[file])
		code = ExitError
	}
	if o.diff {
		printDiff(stdout, dir, old, contents)
		fmt.Fprintf(stderr, "%s: %d of %d findings have a fix (shown above, not applied)\n", progname, len(plan.fixed), len(fs))
		reportUnfixed(stderr, dir, plan)
		return exitCode(code, fs)
	}
	if err := writeFiles(contents); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitError
	}
	left, code2 := fs, code
	if len(plan.fixed) > 0 {
		left, code2 = analyze(dir, patterns, o, all, selected, stderr)
		if code == ExitError {
			code2 = ExitError
		}
	}
	fmt.Fprintf(stderr, "%s: fixed %d of %d findings in %d files; %d left\n", progname, len(plan.fixed), len(fs), len(contents), len(left))
	reportUnfixed(stderr, dir, plan)
	var notes []string
	if rec, ok := stderr.(*lineRecorder); ok {
		notes = rec.lines
	}
	if err := printFindings(stdout, dir, o.format, selected, left, code2 != ExitError, notes); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progname, err)
		return ExitError
	}
	return exitCode(code2, left)
}

// reportUnfixed says why each finding with no applied fix was left.
func reportUnfixed(w io.Writer, dir string, plan *fixPlan) {
	for _, f := range plan.conflict {
		fmt.Fprintf(w, "%s: not fixed (its fix overlaps another fix; run -fix again): %s\n", progname, describe(dir, f))
	}
	for _, s := range plan.skipped {
		fmt.Fprintf(w, "%s: not fixed (%s): %s\n", progname, s.why, describe(dir, s.f))
	}
	for _, f := range plan.noFix {
		fmt.Fprintf(w, "%s: no fix suggested: %s\n", progname, describe(dir, f))
	}
}
