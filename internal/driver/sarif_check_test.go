package driver_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// checkSARIF checks a SARIF log structurally against what GitHub code
// scanning reads ("SARIF support for code scanning": the sarifLog, run,
// toolComponent, reportingDescriptor, result, location and
// physicalLocation objects) and against the SARIF 2.1.0 schema's
// constraints on those properties (types, enums, minimums). dir is the
// directory %SRCROOT% stands for: every relative URI must name a file
// there. It returns every problem found.
func checkSARIF(data []byte, dir string) []string {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if log["version"] != "2.1.0" {
		bad("version = %v, want 2.1.0", log["version"])
	}
	if s, _ := log["$schema"].(string); !strings.Contains(s, "sarif-schema-2.1.0") {
		bad("$schema = %q", s)
	}
	runs, ok := log["runs"].([]any)
	if !ok || len(runs) == 0 {
		return append(errs, "runs: want a non-empty array")
	}
	for ri, r := range runs {
		run, _ := r.(map[string]any)
		p := fmt.Sprintf("runs[%d]", ri)
		driver := obj(obj(run, "tool"), "driver")
		if driver == nil {
			bad("%s.tool.driver missing", p)
			continue
		}
		if str(driver, "name") == "" {
			bad("%s.tool.driver.name missing", p)
		}
		rules, _ := driver["rules"].([]any)
		ruleIDs := map[string]bool{}
		for i, x := range rules {
			rule, _ := x.(map[string]any)
			q := fmt.Sprintf("%s.tool.driver.rules[%d]", p, i)
			id := str(rule, "id")
			if id == "" {
				bad("%s.id missing", q)
			}
			if ruleIDs[id] {
				bad("%s.id %q repeated", q, id)
			}
			ruleIDs[id] = true
			if name, ok := rule["name"]; ok && name == id {
				bad("%s.name equals id (SARIF forbids)", q)
			}
			for _, m := range []string{"shortDescription", "fullDescription", "help"} {
				if str(obj(rule, m), "text") == "" {
					bad("%s.%s.text missing", q, m)
				}
			}
			if u := str(rule, "helpUri"); u != "" {
				if pu, err := url.Parse(u); err != nil || !pu.IsAbs() {
					bad("%s.helpUri %q is not an absolute URI", q, u)
				}
			}
			if dc := obj(rule, "defaultConfiguration"); dc != nil {
				checkLevel(bad, q+".defaultConfiguration.level", dc["level"])
			}
		}
		if bases := obj(run, "originalUriBaseIds"); bases != nil {
			for k, v := range bases {
				u := str(v.(map[string]any), "uri")
				if !strings.HasSuffix(u, "/") {
					bad("%s.originalUriBaseIds[%s].uri %q must end in /", p, k, u)
				}
			}
		}
		for i, x := range anySlice(run["invocations"]) {
			inv, _ := x.(map[string]any)
			q := fmt.Sprintf("%s.invocations[%d]", p, i)
			if _, ok := inv["executionSuccessful"].(bool); !ok {
				bad("%s.executionSuccessful: want a boolean", q)
			}
			for j, y := range anySlice(inv["toolExecutionNotifications"]) {
				n, _ := y.(map[string]any)
				nq := fmt.Sprintf("%s.toolExecutionNotifications[%d]", q, j)
				if str(obj(n, "message"), "text") == "" {
					bad("%s.message.text missing", nq)
				}
				checkLevel(bad, nq+".level", n["level"])
				for k, l := range anySlice(n["locations"]) {
					checkLocation(bad, fmt.Sprintf("%s.locations[%d]", nq, k), l, dir)
				}
			}
		}
		results, ok := run["results"].([]any)
		if !ok {
			bad("%s.results: want an array", p)
		}
		for i, x := range results {
			res, _ := x.(map[string]any)
			q := fmt.Sprintf("%s.results[%d]", p, i)
			if id := str(res, "ruleId"); !ruleIDs[id] {
				bad("%s.ruleId %q names no rule", q, id)
			}
			checkLevel(bad, q+".level", res["level"])
			if k, ok := res["kind"]; ok && !oneOf(k, "notApplicable", "pass", "fail", "review", "open", "informational") {
				bad("%s.kind %v", q, k)
			}
			text := str(obj(res, "message"), "text")
			if text == "" {
				bad("%s.message.text missing", q)
			}
			locs, _ := res["locations"].([]any)
			if len(locs) == 0 || len(locs) > 10 {
				bad("%s.locations: %d, want 1 to 10", q, len(locs))
			}
			for j, l := range locs {
				checkLocation(bad, fmt.Sprintf("%s.locations[%d]", q, j), l, dir)
			}
			fp := obj(res, "partialFingerprints")
			if len(fp) == 0 {
				bad("%s.partialFingerprints missing", q)
			}
			for k, v := range fp {
				if s, ok := v.(string); !ok || s == "" {
					bad("%s.partialFingerprints[%s] = %v", q, k, v)
				}
			}
			ids := map[float64]bool{}
			for j, l := range anySlice(res["relatedLocations"]) {
				lq := fmt.Sprintf("%s.relatedLocations[%d]", q, j)
				checkLocation(bad, lq, l, dir)
				id, ok := l.(map[string]any)["id"].(float64)
				if !ok || id < 0 || ids[id] {
					bad("%s.id %v: want a unique integer >= 0", lq, l.(map[string]any)["id"])
				}
				ids[id] = true
				if str(obj(l.(map[string]any), "message"), "text") == "" {
					bad("%s.message.text missing", lq)
				}
			}
			// A link [text](id) in the message must name a related location.
			for _, m := range regexp.MustCompile(`\]\((\d+)\)`).FindAllStringSubmatch(text, -1) {
				var id float64
				fmt.Sscan(m[1], &id)
				if !ids[id] {
					bad("%s.message links to related location %s, which is missing", q, m[1])
				}
			}
			if s, ok := res["suppressions"]; ok {
				if _, isArr := s.([]any); !isArr {
					bad("%s.suppressions: want an array, got %v", q, s)
				}
			}
		}
	}
	return errs
}

func checkLocation(bad func(string, ...any), q string, l any, dir string) {
	loc, _ := l.(map[string]any)
	phys := obj(loc, "physicalLocation")
	art := obj(phys, "artifactLocation")
	u := str(art, "uri")
	if u == "" {
		bad("%s.physicalLocation.artifactLocation.uri missing", q)
		return
	}
	pu, err := url.Parse(u)
	switch {
	case err != nil:
		bad("%s uri %q: %v", q, u, err)
	case str(art, "uriBaseId") != "":
		if pu.IsAbs() || strings.HasPrefix(u, "/") {
			bad("%s uri %q with a uriBaseId must be relative", q, u)
		} else if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(pu.Path))); err != nil {
			bad("%s uri %q: no such file under %s", q, u, dir)
		}
	case !pu.IsAbs():
		bad("%s uri %q is relative but has no uriBaseId", q, u)
	}
	reg := obj(phys, "region")
	sl, _ := reg["startLine"].(float64)
	sc, _ := reg["startColumn"].(float64)
	el, _ := reg["endLine"].(float64)
	ec, _ := reg["endColumn"].(float64)
	if sl < 1 || sc < 1 {
		bad("%s.region %v: want startLine and startColumn >= 1", q, reg)
	}
	for _, k := range []string{"endLine", "endColumn"} {
		if v, ok := reg[k]; ok && v.(float64) < 1 {
			bad("%s.region.%s = %v: want >= 1 or absent", q, k, v)
		}
	}
	if el != 0 && el < sl || el == sl && ec != 0 && ec < sc {
		bad("%s.region %v ends before it starts", q, reg)
	}
}

func checkLevel(bad func(string, ...any), q string, v any) {
	if v != nil && !oneOf(v, "none", "note", "warning", "error") {
		bad("%s = %v", q, v)
	}
}

func oneOf(v any, allowed ...string) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, a := range allowed {
		if s == a {
			return true
		}
	}
	return false
}

func obj(m map[string]any, key string) map[string]any {
	if m == nil {
		return nil
	}
	o, _ := m[key].(map[string]any)
	return o
}

func str(m map[string]any, key string) string {
	if m == nil {
		return ""
	}
	s, _ := m[key].(string)
	return s
}

func anySlice(v any) []any {
	s, _ := v.([]any)
	return s
}
