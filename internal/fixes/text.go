package fixes

// Text: where edits go (lines, indentation, trailing comments) and the
// statements they write.

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ioMark stands for the name of package io in fix text until finish
// knows it.
const ioMark = "\x00"

func fillIO(text, name string) string { return strings.ReplaceAll(text, ioMark, name) }

// source returns the text of the file holding pos (nil when unreadable).
func (b *Builder) source(pos token.Pos) ([]byte, *token.File) {
	tf := b.pass.Fset.File(pos)
	if tf == nil {
		return nil, nil
	}
	if src, ok := b.text[tf]; ok {
		return src, tf
	}
	var src []byte
	if b.pass.ReadFile != nil {
		if data, err := b.pass.ReadFile(tf.Name()); err == nil && len(data) == tf.Size() {
			src = data
		}
	}
	b.text[tf] = src
	return src, tf
}

// indent returns the leading white space of the line of pos.
func (b *Builder) indent(pos token.Pos) string {
	src, tf := b.source(pos)
	if src == nil {
		return b.idx.Indent(pos)
	}
	start := tf.Offset(tf.LineStart(tf.Line(pos)))
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// lines joins the lines of a statement for insertion at indentation ind.
func lines(ind string, ls []string) string { return strings.Join(ls, "\n"+ind) }

// insertBefore writes ls as statements before st.
func (a *acq) insertBefore(e *edits, st ast.Stmt, ls []string) {
	ind := a.b.indent(st.Pos())
	a.addText(e, st.Pos(), st.Pos(), lines(ind, ls)+"\n"+ind, a.b.before(st))
}

// insertAfter writes ls as statements after st, on lines of their own
// (after a comment trailing st).
func (a *acq) insertAfter(e *edits, st ast.Stmt, ls []string) {
	ind := a.b.indent(st.Pos())
	pos := a.lineEnd(st.End())
	a.addText(e, pos, pos, "\n"+ind+lines(ind, ls), a.b.after(st))
}

// addText adds an edit; at is the place where the names it writes must
// resolve.
func (a *acq) addText(e *edits, pos, end token.Pos, text string, at place) {
	if strings.Contains(text, ioMark) {
		e.ioUses = append(e.ioUses, &ioUse{edit: len(e.edits), text: text})
		e.ioAt = append(e.ioAt, at)
	}
	e.edits = append(e.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// lineEnd returns the end of the line of pos when only white space or a
// line comment follows pos on it; else pos.
func (a *acq) lineEnd(pos token.Pos) token.Pos {
	src, tf := a.b.source(pos)
	if src == nil {
		return pos
	}
	off := tf.Offset(pos)
	i := off
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	if i+1 < len(src) && src[i] == '/' && src[i+1] == '/' {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	if i < len(src) && src[i] != '\n' && src[i] != '\r' {
		return pos // more code on the line
	}
	return tf.Pos(i)
}

// remove deletes statement st, with its line (and a comment trailing it)
// when it stands alone on the line: from the end of the line before to
// the end of its own, so that an insertion after st, or before the next
// statement, does not overlap the deletion.
func (a *acq) remove(e *edits, st ast.Stmt) {
	e.removed[st] = true
	start, end := st.Pos(), st.End()
	if src, tf := a.b.source(start); src != nil {
		lineStart := tf.Offset(tf.LineStart(tf.Line(start)))
		le := tf.Offset(a.lineEnd(end))
		if lineStart > 0 && strings.Trim(string(src[lineStart:tf.Offset(start)]), " \t") == "" && (le == len(src) || src[le] == '\n') {
			start, end = tf.Pos(lineStart-1), tf.Pos(le)
		}
	}
	e.edits = append(e.edits, analysis.TextEdit{Pos: start, End: end})
}

// text returns the source text of n.
func (a *acq) text(n ast.Node) (string, bool) {
	src, tf := a.b.source(n.Pos())
	if src == nil {
		return "", false
	}
	return string(src[tf.Offset(n.Pos()):tf.Offset(n.End())]), true
}

// closer writes the statements that close a response.
type closer struct {
	v string // the variable: resp, for the nil guard
	// close is the expression that closes: resp.Body.Close(), d.Close().
	close string
	// drain is the reader to drain first (resp.Body, a holder that is a
	// reader), or "" when no drain is asked for.
	drain string
	// body is set when close is drain's own Close (a body): a deferred
	// close can then take it as an argument.
	body  bool
	guard bool // only when v is not nil
}

// closeLines returns the statements that drain (when asked) and close.
func (c closer) closeLines() []string {
	var ls []string
	if c.drain != "" {
		ls = append(ls, drainText(c.drain))
	}
	return c.guarded(append(ls, c.close))
}

// deferLines returns a defer statement that closes at the function's end;
// byParam passes the body to the deferred function when the defer runs
// (the variable may be assigned again before the function ends). It
// returns nil when byParam is asked of what is not a body.
func (c closer) deferLines(byParam bool) []string {
	var ls []string
	switch {
	case c.drain == "":
		ls = []string{"defer " + c.close}
	case byParam && c.body:
		ls = deferDrainClose("body", ioMark+".ReadCloser", c.drain)
	case byParam:
		return nil
	default:
		ls = []string{
			"defer func() {",
			"\t" + drainText(c.drain),
			"\t_ = " + c.close,
			"}()",
		}
	}
	return c.guarded(ls)
}

func (c closer) guarded(ls []string) []string {
	if !c.guard {
		return ls
	}
	out := []string{"if " + c.v + " != nil {"}
	for _, l := range ls {
		out = append(out, "\t"+l)
	}
	return append(out, "}")
}

// drainText reads body to its end.
func drainText(body string) string {
	return "_, _ = " + ioMark + ".Copy(" + ioMark + ".Discard, " + body + ")"
}

// deferDrainClose defers a function of param (of type typ) that drains
// and closes it, called with arg.
func deferDrainClose(param, typ, arg string) []string {
	return []string{
		"defer func(" + param + " " + typ + ") {",
		"\t" + drainText(param),
		"\t_ = " + param + ".Close()",
		"}(" + arg + ")",
	}
}

// deferDrain defers a function of param (of type typ) that drains it,
// called with arg.
func deferDrain(param, typ, arg string) []string {
	return []string{
		"defer func(" + param + " " + typ + ") {",
		"\t" + drainText(param),
		"}(" + arg + ")",
	}
}
