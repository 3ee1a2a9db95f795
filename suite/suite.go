// Package suite assembles the analyzers that ship together, sharing one
// facts analyzer so that function summaries are computed once per package.
// The binary (cmd/bodyclose) and the golangci-lint plugin (gclplugin)
// build on it.
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/bodyclose/bodyclose/internal/httpfacts"
	"github.com/bodyclose/bodyclose/passes/bodyclose"
	"github.com/bodyclose/bodyclose/passes/clientpertransport"
	"github.com/bodyclose/bodyclose/passes/drainbody"
	"github.com/bodyclose/bodyclose/passes/poolpercall"
	"github.com/bodyclose/bodyclose/passes/resourceclose"
)

// Config configures the whole suite.
type Config struct {
	Bodyclose          bodyclose.Config
	Drainbody          drainbody.Config
	ClientPerTransport clientpertransport.Config
	ResourceClose      resourceclose.Config
	PoolPerCall        poolpercall.Config
}

// Default is the configuration the binary starts from.
func Default() Config {
	return Config{Bodyclose: bodyclose.DefaultConfig, Drainbody: drainbody.DefaultConfig,
		ResourceClose: resourceclose.DefaultConfig, PoolPerCall: poolpercall.DefaultConfig}
}

// New returns the suite's analyzers, each with its own flags, all sharing
// one httpfacts analyzer (configured by bodyclose's -sources and -closers
// and resourceclose's -pairs).
func New(cfg Config) []*analysis.Analyzer {
	kc := &httpfacts.Config{Sources: cfg.Bodyclose.Sources, Closers: cfg.Bodyclose.Closers, Pairs: cfg.ResourceClose.Pairs}
	facts := httpfacts.New(kc)
	return []*analysis.Analyzer{
		bodyclose.NewWithFacts(cfg.Bodyclose, facts, kc),
		drainbody.NewWithFacts(cfg.Drainbody, facts),
		clientpertransport.NewWithFacts(cfg.ClientPerTransport, facts),
		resourceclose.NewWithFacts(cfg.ResourceClose, facts, kc),
		poolpercall.NewWithFacts(cfg.PoolPerCall, facts),
	}
}

// Selected adjusts the analyzers of New to the subset of them that a
// driver runs: when bodyclose is not among them, drainbody reports the
// responses it would otherwise leave to bodyclose (its -alone flag), so
// that turning one analyzer off never silently loses the other's findings.
// It returns selected.
func Selected(selected []*analysis.Analyzer) []*analysis.Analyzer {
	var drain *analysis.Analyzer
	bodyclose := false
	for _, a := range selected {
		switch a.Name {
		case "drainbody":
			drain = a
		case "bodyclose":
			bodyclose = true
		}
	}
	if drain != nil && !bodyclose {
		if f := drain.Flags.Lookup("alone"); f != nil {
			_ = f.Value.Set("true")
		}
	}
	return selected
}
