package driver

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/suite"
)

// options are the standalone driver's own flags.
type options struct {
	format     string // -f: text, json or sarif
	json       bool   // -json: -f json, as multichecker spells it
	fix        bool   // -fix
	diff       bool   // -diff
	tags       string // -tags
	tests      bool   // -test
	version    bool   // -version
	versionV   string // -V
	printFlags bool   // -flags
}

// triState is a boolean flag that knows whether it was set, as x/tools'
// analysisflags has it: -NAME runs only the named analyzers, -NAME=false
// runs all but those.
type triState int

const (
	unset triState = iota
	setTrue
	setFalse
)

func (ts *triState) IsBoolFlag() bool { return true }

func (ts *triState) Get() any { return *ts != setFalse }

func (ts *triState) String() string {
	if ts != nil && *ts == setFalse {
		return "false"
	}
	return "true"
}

func (ts *triState) Set(s string) error {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false")
	}
	if b {
		*ts = setTrue
	} else {
		*ts = setFalse
	}
	return nil
}

// flagSet builds the command line of the standalone driver: the core flags
// and, for each analyzer, -NAME and its own flags as -NAME.FLAG (the names
// go vet and multichecker use too).
func flagSet(analyzers []*analysis.Analyzer, stderr io.Writer) (*flag.FlagSet, *options, map[*analysis.Analyzer]*triState) {
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	fs.StringVar(&o.format, "f", "text", "output format: text, json or sarif")
	fs.BoolVar(&o.json, "json", false, "same as -f json")
	fs.BoolVar(&o.fix, "fix", false, "apply the suggested fixes, then report the findings left (exit 3 if any)")
	fs.BoolVar(&o.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them")
	fs.StringVar(&o.tags, "tags", "", "comma-separated build tags, as for go build: files behind other tags are not checked")
	fs.BoolVar(&o.tests, "test", true, "also check the packages' tests (each analyzer's -NAME.tests flag still decides for its own findings)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.versionV, "V", "", "print the version in go vet's format and exit (-V=full)")
	fs.BoolVar(&o.printFlags, "flags", false, "print the analyzer flags in JSON (for go vet)")
	enabled := map[*analysis.Analyzer]*triState{}
	for _, a := range analyzers {
		ts := new(triState)
		fs.Var(ts, a.Name, fmt.Sprintf("run the %s analyzer (-%s=false to skip it)", a.Name, a.Name))
		enabled[a] = ts
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	fs.Usage = func() {
		usage(fs.Output(), analyzers)
		fmt.Fprintf(fs.Output(), "\nRun '%s help' for the flags.\n", progname)
	}
	return fs, o, enabled
}

// selectAnalyzers applies the -NAME flags: if any is true, only those run;
// otherwise all but those set false.
func selectAnalyzers(analyzers []*analysis.Analyzer, enabled map[*analysis.Analyzer]*triState) []*analysis.Analyzer {
	var anyTrue bool
	for _, ts := range enabled {
		anyTrue = anyTrue || *ts == setTrue
	}
	var keep []*analysis.Analyzer
	for _, a := range analyzers {
		switch ts := *enabled[a]; {
		case anyTrue && ts == setTrue, !anyTrue && ts != setFalse:
			keep = append(keep, a)
		}
	}
	return keep
}

// usage prints the short help.
func usage(w io.Writer, analyzers []*analysis.Analyzer) {
	var names []string
	for _, a := range analyzers {
		names = append(names, a.Name)
	}
	fmt.Fprintf(w, `Usage: %[1]s [flags] packages...   lint the packages (exit 3 on findings, 1 on errors, 0 when clean)
       %[1]s help [analyzer]          describe the analyzers (%[2]s) and their flags
       go vet -vettool=$(which %[1]s) packages...
`, progname, strings.Join(names, ", "))
}

// FlagNames returns the names of the standalone command's flags (core
// flags, -NAME and -NAME.FLAG for each analyzer of the suite), for the
// test that keeps the documentation in step with them.
func FlagNames() []string {
	fs, _, _ := flagSet(suite.New(suite.Default()), io.Discard)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return names
}

// VetAnalyzers returns the suite's analyzers for go vet's protocol
// (unitchecker), adjusted (suite.Selected) to the -NAME flags in args, the
// same flags unitchecker applies itself when it selects what to run.
func VetAnalyzers(args []string) []*analysis.Analyzer {
	analyzers := suite.New(suite.Default())
	enabled := map[*analysis.Analyzer]*triState{}
	byName := map[string]*triState{}
	for _, a := range analyzers {
		ts := new(triState)
		enabled[a], byName[a.Name] = ts, ts
	}
	for _, arg := range args {
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !strings.HasPrefix(arg, "-") || byName[name] == nil {
			continue
		}
		if !hasValue {
			value = "true"
		}
		_ = byName[name].Set(value) // a bad value is unitchecker's to report
	}
	suite.Selected(selectAnalyzers(analyzers, enabled))
	return analyzers
}
