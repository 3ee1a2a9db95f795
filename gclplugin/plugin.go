// Package gclplugin is the golangci-lint v2 module plugin of the bodyclose
// suite. Importing it registers the plugin under the name
// "bodyclosesuite" (Name), which cannot collide with golangci-lint's
// built-in "bodyclose" linter (a plugin of that name would silently
// replace it).
//
// The plugin runs the suite's analyzers (bodyclose, drainbody,
// clientpertransport, resourceclose, poolpercall) as one golangci-lint
// linter. Each finding is one
// golangci-lint issue whose text starts with the analyzer's name
// ("drainbody: response body of resp is closed ..."); its related
// positions are folded into the text, because golangci-lint would turn each
// into an issue of its own.
//
// Settings (linters.settings.custom.bodyclosesuite.settings in
// .golangci.yml); every key is optional, an unknown key or a bad value is
// an error:
//
//	enable: [bodyclose, drainbody]      # run only these (default: all)
//	disable: [clientpertransport]       # run all but these
//	bodyclose:                          # each analyzer's flags, spelled as the binary's
//	  tests: true                       #   -bodyclose.tests
//	  generated: false                  #   -bodyclose.generated
//	  sources: ["(*example.com/sdk.Client).Fetch"]
//	  closers: ["example.com/httputil.DrainClose"]
//	drainbody:
//	  always: false
//	  tests: false
//	clientpertransport:
//	  tests: false
//	  clients: false
//	resourceclose:
//	  pairs: ["(*example.com/pool.Pool).Get=(*example.com/pool.Conn).Put"]
//	poolpercall:
//	  tests: true
//
// See docs/golangci-lint.md for the .custom-gcl.yml that builds
// golangci-lint with the plugin, and for suppression under golangci-lint.
package gclplugin

import (
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/suite"
)

// Name is the plugin's name: the key under linters.settings.custom, the
// linter name in linters.enable and in //nolint:bodyclosesuite.
const Name = "bodyclosesuite"

func init() {
	register.Plugin(Name, New)
}

// plugin is one configured instance: golangci-lint calls New once per run.
type plugin struct {
	analyzers []*analysis.Analyzer
}

// New returns the plugin configured by settings (golangci-lint's decoded
// YAML: nil or a map). It returns an error for an unknown key, an unknown
// analyzer, a value of the wrong type, or a malformed function name.
func New(settings any) (register.LinterPlugin, error) {
	analyzers := suite.New(suite.Default())
	selected, err := configure(analyzers, settings)
	if err != nil {
		return nil, fmt.Errorf("%s settings: %w", Name, err)
	}
	var out []*analysis.Analyzer
	for _, a := range selected {
		out = append(out, foldRelated(a))
	}
	return &plugin{analyzers: out}, nil
}

// BuildAnalyzers returns the configured analyzers.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information, which the SSA form needs.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// configure applies settings to analyzers' flags and returns the enabled
// analyzers.
func configure(analyzers []*analysis.Analyzer, settings any) ([]*analysis.Analyzer, error) {
	if settings == nil {
		return analyzers, nil
	}
	raw, err := register.DecodeSettings[map[string]json.RawMessage](settings)
	if err != nil {
		return nil, err
	}
	byName := map[string]*analysis.Analyzer{}
	var names []string
	for _, a := range analyzers {
		byName[a.Name] = a
		names = append(names, a.Name)
	}
	var enable, disable []string
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		switch key {
		case "enable", "disable":
			var list []string
			if err := json.Unmarshal(raw[key], &list); err != nil {
				return nil, fmt.Errorf("%s: want a list of analyzer names (%s)", key, strings.Join(names, ", "))
			}
			for _, n := range list {
				if byName[n] == nil {
					return nil, fmt.Errorf("%s: no analyzer %q; the analyzers are %s", key, n, strings.Join(names, ", "))
				}
			}
			if key == "enable" {
				enable = list
			} else {
				disable = list
			}
		default:
			a := byName[key]
			if a == nil {
				return nil, fmt.Errorf("unknown key %q: the keys are enable, disable, %s", key, strings.Join(names, ", "))
			}
			if err := setFlags(a, raw[key]); err != nil {
				return nil, fmt.Errorf("%s%w", key, err)
			}
		}
	}
	var out []*analysis.Analyzer
	for _, a := range analyzers {
		if (enable == nil || slices.Contains(enable, a.Name)) && !slices.Contains(disable, a.Name) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("enable and disable leave no analyzer to run")
	}
	return suite.Selected(out), nil
}

// setFlags sets a's flags from one analyzer's settings object: each key
// is a flag name; a boolean goes to a boolean flag, a string or a list of
// strings to a list flag.
func setFlags(a *analysis.Analyzer, raw json.RawMessage) error {
	var values map[string]any
	if err := json.Unmarshal(raw, &values); err != nil {
		return fmt.Errorf(": want a map of %s's settings (%s)", a.Name, flagNames(a))
	}
	for _, key := range slices.Sorted(maps.Keys(values)) {
		f := a.Flags.Lookup(key)
		if f == nil {
			return fmt.Errorf(".%s: unknown setting; %s's settings are %s", key, a.Name, flagNames(a))
		}
		b, isBool := f.Value.(interface{ IsBoolFlag() bool })
		var s string
		switch v := values[key].(type) {
		case bool:
			if !isBool || !b.IsBoolFlag() {
				return fmt.Errorf(".%s: want a list of function names, not %v", key, v)
			}
			s = fmt.Sprint(v)
		case string:
			if isBool && b.IsBoolFlag() {
				return fmt.Errorf(".%s: want true or false, not %q", key, v)
			}
			s = v
		case []any:
			if isBool && b.IsBoolFlag() {
				return fmt.Errorf(".%s: want true or false, not a list", key)
			}
			var items []string
			for _, x := range v {
				xs, ok := x.(string)
				if !ok {
					return fmt.Errorf(".%s: want a list of strings, found %v", key, x)
				}
				items = append(items, xs)
			}
			s = strings.Join(items, ",")
		default:
			return fmt.Errorf(".%s: unexpected value %v", key, v)
		}
		if err := a.Flags.Set(key, s); err != nil {
			return fmt.Errorf(".%s: %v", key, err)
		}
	}
	return nil
}

func flagNames(a *analysis.Analyzer) string {
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	return strings.Join(names, ", ")
}

// foldRelated returns an analyzer that runs a and folds each diagnostic's
// related positions into its message, so that golangci-lint, which makes an
// issue of every related position, shows one issue per finding.
func foldRelated(a *analysis.Analyzer) *analysis.Analyzer {
	w := &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         a.Requires,
		ResultType:       a.ResultType,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: a.RunDespiteErrors,
	}
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Analyzer = w
		p.Report = func(d analysis.Diagnostic) {
			for _, r := range d.Related {
				posn := pass.Fset.Position(r.Pos)
				d.Message += fmt.Sprintf("; %s at %s:%d:%d", r.Message, filepath.Base(posn.Filename), posn.Line, posn.Column)
			}
			d.Related = nil
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return w
}
