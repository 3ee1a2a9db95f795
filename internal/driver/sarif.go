package driver

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/mod/semver"
	"golang.org/x/tools/go/analysis"
	"honnef.co/go/tools/sarif"

	"github.com/bodyclose/bodyclose/internal/analysisutil"
)

// SARIF 2.1.0 for GitHub code scanning, built on honnef.co/go/tools/sarif
// (staticcheck's types). Those types lack four properties GitHub reads or
// the spec defines, which the wrappers below add by embedding, and nothing
// else: result.partialFingerprints, reportingDescriptor.fullDescription,
// run.originalUriBaseIds and invocation.toolExecutionNotifications (with
// its notification objects: honnef's package, v0.8.2, has no type for
// them). Where a wrapper repeats a field of the embedded type (Runs,
// Invocations, Tool, Driver, Rules, Results), encoding/json takes the
// wrapper's, the shallower one.
type (
	sarifLog struct {
		sarif.Log
		Runs []sarifRun `json:"runs"`
	}
	sarifRun struct {
		sarif.Run
		Invocations        []sarifInvocation                 `json:"invocations,omitempty"`
		Tool               sarifTool                         `json:"tool"`
		Results            []sarifResult                     `json:"results"`
		OriginalURIBaseIDs map[string]sarif.ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		sarif.ToolComponent
		Rules []sarifRule `json:"rules"`
	}
	sarifRule struct {
		sarif.ReportingDescriptor
		FullDescription sarif.Message `json:"fullDescription"`
	}
	sarifResult struct {
		sarif.Result
		PartialFingerprints map[string]string `json:"partialFingerprints"`
	}
	// sarifInvocation adds invocation.toolExecutionNotifications (SARIF
	// 2.1.0 §3.20.21): the load errors and warnings of the run, so that
	// executionSuccessful: false comes with its reason.
	sarifInvocation struct {
		sarif.Invocation
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	// sarifNotification is a notification object (§3.58): a message and
	// a level ("error", "warning" or "note"), with the location it
	// names when the line starts with one.
	sarifNotification struct {
		Message   sarif.Message    `json:"message"`
		Level     string           `json:"level"`
		Locations []sarif.Location `json:"locations,omitempty"`
	}
)

// notification turns a line printed on stderr into a SARIF notification:
// "file:line:col: msg" gets a location, "bodyclose: warning: ..." is a
// warning, what -fix says of its work a note, anything else an error.
func notification(dir, line string) sarifNotification {
	n := sarifNotification{Message: sarif.Message{Text: line}, Level: "error"}
	switch {
	case strings.HasPrefix(line, progname+": warning: "):
		n.Level = "warning"
	case strings.HasPrefix(line, progname+": fixed "), strings.HasPrefix(line, progname+": cannot fix "), strings.HasPrefix(line, "\t"):
		n.Level = "note"
	}
	if m := notePosRx.FindStringSubmatch(line); m != nil {
		ln, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		n.Message.Text = m[4]
		n.Locations = []sarif.Location{{PhysicalLocation: sarif.PhysicalLocation{
			ArtifactLocation: artifact(dir, m[1]),
			Region:           sarif.Region{StartLine: ln, StartColumn: col},
		}}}
	}
	return n
}

var notePosRx = regexp.MustCompile(`^([^\s:][^:]*\.go):([0-9]+):([0-9]+): (.*)$`)

// FingerprintKey is the partialFingerprints key of our fingerprint; the same
// value also stands under primaryLocationLineHash, the key GitHub matches
// alerts by (its upload action computes one from the line's text only when
// the key is absent).
const FingerprintKey = "bodyclose/v1"

// srcRoot is the base of the relative URIs, as GitHub expects them.
const srcRoot = "%SRCROOT%"

// printSARIF writes one SARIF run: a rule per analyzer that ran, a result
// per finding. dir is the directory URIs are relative to (the repository
// root when run there, as in CI).
func printSARIF(w io.Writer, dir string, analyzers []*analysis.Analyzer, fs []*Finding, ok bool, notes []string) error {
	version := BuildVersion()
	driver := sarifDriver{
		ToolComponent: sarif.ToolComponent{
			Name:           progname,
			Version:        version,
			InformationURI: "https://" + modulePath,
		},
		Rules: []sarifRule{},
	}
	if semver.IsValid(version) {
		driver.SemanticVersion = strings.TrimPrefix(version, "v")
	}
	for _, a := range analyzers {
		driver.Rules = append(driver.Rules, sarifRule{
			ReportingDescriptor: sarif.ReportingDescriptor{
				ID:                   a.Name,
				ShortDescription:     sarif.Message{Text: analysisutil.Summary(a.Doc)},
				Help:                 sarif.Message{Text: a.Doc + "\n\nDocumentation: " + a.URL, Markdown: "See the [" + a.Name + " documentation](" + a.URL + ")."},
				HelpURI:              a.URL,
				DefaultConfiguration: sarif.ReportingConfiguration{Enabled: true, Level: sarif.Warning},
			},
			FullDescription: sarif.Message{Text: firstParagraph(a.Doc)},
		})
	}
	cols := newColumns()
	results := []sarifResult{}
	prints := fingerprints(fs)
	for i, f := range fs {
		r := sarifResult{
			Result: sarif.Result{
				RuleID:       f.Analyzer.Name,
				Kind:         sarif.Fail,
				Level:        sarif.Warning,
				Message:      sarif.Message{Text: f.Diag.Message},
				Locations:    []sarif.Location{{PhysicalLocation: cols.physical(dir, f.Posn, f.End)}},
				Suppressions: []sarif.Suppression{}, // not suppressed (suppressed findings are not reported)
			},
			PartialFingerprints: map[string]string{FingerprintKey: prints[i], "primaryLocationLineHash": prints[i]},
		}
		for j, rel := range f.Diag.Related {
			posn := f.Pkg.Fset.Position(rel.Pos)
			end := f.Pkg.Fset.Position(cmp.Or(rel.End, rel.Pos))
			// GitHub shows a related location only where the message
			// links to it by id.
			r.Message.Text += fmt.Sprintf("; [%s](%d)", rel.Message, j+1)
			r.RelatedLocations = append(r.RelatedLocations, sarif.Location{
				ID:               j + 1,
				Message:          &sarif.Message{Text: rel.Message},
				PhysicalLocation: cols.physical(dir, posn, end),
			})
		}
		results = append(results, r)
	}
	abs, _ := filepath.Abs(dir)
	inv := sarifInvocation{Invocation: sarif.Invocation{
		Arguments:           os.Args[1:],
		WorkingDirectory:    sarif.ArtifactLocation{URI: fileURI(abs) + "/"},
		ExecutionSuccessful: ok,
	}}
	for _, line := range notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, notification(dir, line))
	}
	run := sarifRun{
		Invocations:        []sarifInvocation{inv},
		Tool:               sarifTool{Driver: driver},
		Results:            results,
		OriginalURIBaseIDs: map[string]sarif.ArtifactLocation{srcRoot: {URI: fileURI(abs) + "/"}},
	}
	log := sarifLog{Log: sarif.Log{Version: sarif.Version, Schema: sarif.Schema}, Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// fingerprints returns a fingerprint per finding, from what identifies it
// in the code rather than where it stands: the rule, the package, the
// function, the variable, and the finding's rank among the findings with
// the same four (in source order). Inserting a line, or editing another
// function, changes none of them.
func fingerprints(fs []*Finding) []string {
	type key struct{ rule, pkg, fn, v string }
	rank := map[key]int{}
	out := make([]string, len(fs))
	// fs is sorted by file and offset: rank in that order.
	for i, f := range fs {
		k := key{f.Analyzer.Name, f.Pkg.PkgPath, f.Func, f.Var}
		n := rank[k]
		rank[k]++
		h := sha256.Sum256([]byte(strings.Join([]string{k.rule, k.pkg, k.fn, k.v, fmt.Sprint(n)}, "\x00")))
		out[i] = hex.EncodeToString(h[:16])
	}
	return out
}

// firstParagraph returns the doc's first paragraph after its summary.
func firstParagraph(doc string) string {
	paras := strings.Split(doc, "\n\n")
	if len(paras) < 2 {
		return analysisutil.Summary(doc)
	}
	return strings.Join(strings.Fields(paras[1]), " ")
}

// fileURI returns a file: URI for an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// columns converts Go's byte columns into SARIF's default column unit,
// UTF-16 code units, reading each file once.
type columns struct {
	lines map[string][]string
}

func newColumns() *columns { return &columns{lines: map[string][]string{}} }

func (c *columns) col(filename string, line, col int) int {
	ls, ok := c.lines[filename]
	if !ok {
		data, err := os.ReadFile(filename)
		if err == nil {
			ls = strings.Split(string(data), "\n")
		}
		c.lines[filename] = ls
	}
	if line < 1 || line > len(ls) || col < 1 {
		return col
	}
	text := ls[line-1]
	if col-1 > len(text) {
		return col
	}
	prefix := text[:col-1]
	if !utf8.ValidString(prefix) {
		return col
	}
	return len(utf16.Encode([]rune(prefix))) + 1
}

// physical returns the SARIF location of the range [posn, end].
func (c *columns) physical(dir string, posn, end token.Position) sarif.PhysicalLocation {
	if !end.IsValid() || end.Filename != posn.Filename {
		end = posn
	}
	// A //line directive without a column maps positions to column 0,
	// which SARIF does not allow: the line's start then, and no end
	// column.
	region := sarif.Region{StartLine: posn.Line, StartColumn: 1, EndLine: end.Line}
	if posn.Column > 0 {
		region.StartColumn = c.col(posn.Filename, posn.Line, posn.Column)
	}
	if end.Column > 0 && posn.Column > 0 {
		region.EndColumn = c.col(end.Filename, end.Line, end.Column)
	}
	return sarif.PhysicalLocation{ArtifactLocation: artifact(dir, posn.Filename), Region: region}
}

// artifact returns the location of a file: relative to dir under
// %SRCROOT% when inside it, else an absolute file: URI.
func artifact(dir, filename string) sarif.ArtifactLocation {
	rel := relPath(dir, filename)
	if filepath.IsAbs(rel) {
		return sarif.ArtifactLocation{URI: fileURI(rel)}
	}
	return sarif.ArtifactLocation{URI: (&url.URL{Path: rel}).EscapedPath(), URIBaseID: srcRoot}
}
