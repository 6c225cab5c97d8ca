package lint

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/loader"
	"github.com/braidtpl/braid/parser"
)

// graph builds what the rules about more than one template need: which
// templates are included, and the cycles of includes and of extends.
func (r *run) graph() {
	inc := map[string][]string{} // unconditional includes
	ext := map[string][]string{}
	for name, u := range r.units {
		r.dynamic = r.dynamic || u.info().dynamicInclude
		for _, ref := range u.info().refs {
			if ref.target == "" {
				continue
			}
			switch ref.kind {
			case "include":
				r.included[ref.target] = true
				// "page.html#card" renders only the partial: not a cycle
				// through the whole of page.html.
				if !ref.guarded && ref.partial == "" {
					inc[name] = append(inc[name], ref.target)
				}
			case "extends":
				ext[name] = append(ext[name], ref.target)
			}
		}
		if u.res != nil {
			for _, in := range u.res.Facts.Includes { // inclusion tags' templates too
				if t, err := loader.Resolve(in.Name, name); err == nil {
					r.included[t] = true
				}
			}
		}
	}
	r.incSCC, r.extSCC = cycles(inc), cycles(ext)
}

// cycles returns the nodes of g that are on a cycle, each with the id of
// its strongly connected component (Tarjan's algorithm).
func cycles(g map[string][]string) map[string]int {
	index := map[string]int{}
	low := map[string]int{}
	on := map[string]bool{}
	var stack []string
	out := map[string]int{}
	next, comp := 0, 0
	var visit func(v string)
	visit = func(v string) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range g[v] {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var members []string
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			on[w] = false
			members = append(members, w)
			if w == v {
				break
			}
		}
		if len(members) > 1 || slices.Contains(g[v], v) {
			comp++
			for _, m := range members {
				out[m] = comp
			}
		}
	}
	for _, v := range slices.Sorted(maps.Keys(g)) {
		if _, seen := index[v]; !seen {
			visit(v)
		}
	}
	return out
}

// cyclePath returns a cycle through the edge from → to, along the edges
// of kind inside the component: from, to, …, from.
func (r *run) cyclePath(kind, from, to string, comp map[string]int) []string {
	prev := map[string]string{}
	visited := map[string]bool{to: true}
	queue := []string{to}
	found := to == from
	for len(queue) > 0 && !found {
		v := queue[0]
		queue = queue[1:]
		u := r.units[v]
		if u == nil {
			continue
		}
		for _, ref := range u.info().refs {
			w := ref.target
			if ref.kind != kind || w == "" || kind == "include" && (ref.guarded || ref.partial != "") || comp[w] != comp[from] || visited[w] {
				continue
			}
			visited[w], prev[w] = true, v
			queue = append(queue, w)
			if w == from {
				found = true
				break
			}
		}
	}
	if !found {
		return []string{from, to}
	}
	seg := []string{from}
	for v := from; v != to; v = prev[v] {
		seg = append(seg, prev[v])
	}
	slices.Reverse(seg)
	return append([]string{from}, seg...)
}

var verbs = map[string]string{"include": "includes", "extends": "extends"}

// describeCycle says a cycle in words: "a.html includes b.html, which
// includes a.html".
func describeCycle(kind string, path []string) string {
	v := verbs[kind]
	if len(path) == 2 && path[0] == path[1] {
		return path[0] + " " + v + " itself"
	}
	var b strings.Builder
	b.WriteString(path[0] + " " + v + " " + path[1])
	for _, p := range path[2:] {
		b.WriteString(", which " + v + " " + p)
	}
	return b.String()
}

// refFindings are the findings about the templates u names: missing
// ones, and cycles.
func (r *run) refFindings(u *unit) []Finding {
	var out []Finding
	for _, ref := range u.info().refs {
		tag := "{% " + ref.kind + " \"" + ref.name + "\" %}"
		if ref.err != nil {
			var ne *loader.NameError
			reason := ref.err.Error()
			if errors.As(ref.err, &ne) {
				reason = ne.Reason
			}
			out = append(out, u.finding("missing-template", ref.pos, ref.end, "%s: not a valid template name: %s", tag, reason))
			continue
		}
		shown := strconv.Quote(ref.target)
		if ref.target != ref.name && !strings.Contains(ref.name, "#") {
			shown += " (" + ref.name + " from " + u.name + ")"
		}
		if ref.kind == "ssi" {
			if !r.c.exists(ref.target) {
				out = append(out, u.finding("missing-template", ref.pos, ref.end, "%s: no file %s", tag, shown))
			}
			continue
		}
		if err := r.fail[ref.target]; err != nil {
			if !ref.ifExists && errors.Is(err, fs.ErrNotExist) {
				out = append(out, u.finding("missing-template", ref.pos, ref.end, "%s: template %s not found: rendering fails when it reaches this tag", tag, shown))
			}
			continue
		}
		t := r.units[ref.target]
		if ref.partial != "" && t != nil && t.res != nil && !ref.ifExists {
			if !t.partials[ref.partial] {
				out = append(out, u.finding("missing-template", ref.pos, ref.end, "%s: %q has no partial named %q", tag, ref.target, ref.partial))
			}
		}
		switch {
		case ref.kind == "include" && !ref.guarded && ref.partial == "":
			if c, ok := r.incSCC[u.name]; ok && r.incSCC[ref.target] == c {
				path := r.cyclePath("include", u.name, ref.target, r.incSCC)
				out = append(out, u.finding("include-cycle", ref.pos, ref.end, "%s: %s, with no condition or loop in between: every render recurses until the depth limit", tag, describeCycle("include", path)))
			}
		case ref.kind == "extends":
			if c, ok := r.extSCC[u.name]; ok && r.extSCC[ref.target] == c {
				path := r.cyclePath("extends", u.name, ref.target, r.extSCC)
				out = append(out, u.finding("extends-cycle", ref.pos, ref.end, "%s: %s: none of them can render", tag, describeCycle("extends", path)))
			}
		}
	}
	return out
}

// ancestors returns the templates u extends, parent first, and whether
// the chain is known: every template in it found and parsed, none named
// at render time, no cycle.
func (r *run) ancestors(u *unit) ([]*unit, bool) {
	var chain []*unit
	seen := map[string]bool{u.name: true}
	for cur := u; ; {
		inf := cur.info()
		if inf.dynamicExtends && inf.extends == nil {
			return nil, false
		}
		if inf.extends == nil {
			return chain, true
		}
		t := inf.extends.target
		p := r.units[t]
		if t == "" || seen[t] || p == nil || p.tree == nil || !p.parsed {
			return nil, false
		}
		seen[t] = true
		chain = append(chain, p)
		cur = p
	}
}

// blockFindings are block-unknown's: blocks at the top of a child that
// no ancestor has.
func (r *run) blockFindings(u *unit) []Finding {
	inf := u.info()
	if inf.extends == nil || len(inf.top) == 0 {
		return nil
	}
	chain, ok := r.ancestors(u)
	if !ok {
		return nil
	}
	known := map[string]bool{}
	for _, a := range chain {
		maps.Copy(known, a.info().blocks)
	}
	var out []Finding
	for _, b := range inf.top {
		if known[b.Name] {
			continue
		}
		msg := "{%% block %s %%} is in no template %s extends (%s): it never renders"
		if near := nearest(b.Name, slices.Sorted(maps.Keys(known))); near != "" {
			msg += "; did you mean " + near + "?"
		}
		out = append(out, u.finding("block-unknown", u.at(b.Pos), tagEnd(u, u.at(b.Pos)), msg, b.Name, u.name, chainNames(chain)))
	}
	return out
}

func chainNames(chain []*unit) string {
	names := make([]string, len(chain))
	for i, u := range chain {
		names[i] = u.name
	}
	return strings.Join(names, ", ")
}

// nearest returns the name among names closest to s, if it is close: an
// edit distance of at most 2, and less than half its length.
func nearest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := distance(s, n); d < bestD && d*2 < len(s) {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance of a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// rules maps the codes of braid's errors to the rules that report them;
// errors without a code are syntax errors.
var codeRules = map[string]string{
	parser.CodeInvalidUTF8:         "bad-input",
	parser.CodeExtendsFirst:        "extends-first",
	parser.CodeBlockDuplicate:      "block-duplicate",
	parser.CodeEndblockMismatch:    "endblock-mismatch",
	compiler.CodeUnknownTag:        "unknown-tag",
	compiler.CodeUnknownFilter:     "unknown-filter",
	compiler.CodeFilterArg:         "filter-arg",
	compiler.CodeLoadUnknown:       "load-unknown",
	compiler.CodeResetcycleUnknown: "resetcycle-unknown",
}

// check returns every finding about u, before filtering.
func (r *run) check(u *unit) []Finding {
	start := parser.Position{Line: 1, Column: 1}
	switch {
	case u.big != nil:
		return []Finding{u.finding("bad-input", start, parser.Position{}, "%v: not read", u.big)}
	case u.nul >= 0:
		pos := positionAt(u.src, u.nul)
		f := u.finding("bad-input", pos, parser.Position{}, "a NUL byte: this is a binary file, not a template")
		f.Source = "" // binary: not worth showing
		return []Finding{f}
	}
	var out []Finding
	var unknownLibs []*parser.LoadNode
	for _, e := range u.errs {
		if e.Code == compiler.CodeUnknownTag || e.Code == compiler.CodeUnknownFilter {
			unknownLibs = r.unknownLoads(u)
			break
		}
	}
	for _, e := range u.errs {
		rule := codeRules[e.Code]
		if rule == "" {
			rule = "syntax"
		}
		msg := e.Msg
		if rule == "unknown-tag" || rule == "unknown-filter" {
			// After a {% load %} of a library tplcheck does not know, the
			// tags and filters it does not know are likely that library's.
			for _, l := range unknownLibs {
				if int(l.Pos) < e.Pos.Offset {
					msg += fmt.Sprintf(" (perhaps of %q, loaded at %d:%d, which is not registered: declare the library in %s)", l.Libraries[0], u.at(l.Pos).Line, u.at(l.Pos).Column, ConfigFile)
					break
				}
			}
		}
		end := e.EndPos
		if end.Line == 0 {
			end = spanEnd(u, e.Pos)
		}
		f := u.finding(rule, e.Pos, end, "%s", msg)
		if rule == "bad-input" {
			f.Source = ""
		}
		out = append(out, f)
	}
	out = endTags(out)
	if u.tree == nil {
		if len(out) == 0 {
			out = append(out, u.finding("syntax", start, parser.Position{}, "the template could not be read"))
		}
		return out
	}
	out = append(out, r.refFindings(u)...)
	out = append(out, r.blockFindings(u)...)
	out = append(out, r.walk(u).findings...)
	if u.res != nil {
		for _, ip := range u.res.Facts.InPlace {
			if ip.Tag != "for" {
				continue
			}
			cause := ip.Cause
			out = append(out, u.finding("sequential-loop", ip.Pos, tagEnd(u, ip.Pos),
				"{%% for %%} renders in template order in a concurrent render, waiting for its sequence in place: it holds {%% %s %%} at %d:%d, which %s",
				cause.Tag, cause.Pos.Line, cause.Pos.Column, cause.Why))
		}
	}
	return out
}

// positionAt is the position of the byte offset off of src.
func positionAt(src string, off int) parser.Position {
	line := strings.Count(src[:off], "\n") + 1
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return parser.Position{Line: line, Column: len([]rune(src[start:off])) + 1, Offset: off}
}

// unknownLoads returns the {% load %} tags of u that load a library the
// checker does not know, each with that library first.
func (r *run) unknownLoads(u *unit) []*parser.LoadNode {
	if u.tree == nil {
		return nil
	}
	var out []*parser.LoadNode
	var walk func(ns []parser.Node)
	walk = func(ns []parser.Node) {
		for _, n := range ns {
			if l, ok := n.(*parser.LoadNode); ok {
				for _, lib := range l.Libraries {
					if _, known := r.c.copts.Libraries[lib]; !known {
						out = append(out, &parser.LoadNode{Span: l.Span, Libraries: []string{lib}})
						break
					}
				}
			}
			for _, b := range bodies(n) {
				walk(b)
			}
		}
	}
	walk(u.tree.Body)
	return out
}

// exists reports whether a source has the file name.
func (c *Checker) exists(name string) bool {
	for _, src := range c.srcs {
		if _, err := fs.Stat(src, name); !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// endTags folds the unknown-tag finding of an {% endX %} into that of
// the unknown {% X %} before it: a tag with a body the checker was not
// told about.
func endTags(fs []Finding) []Finding {
	open := map[string]int{} // unknown tag name → its finding
	out := fs[:0]
	for _, f := range fs {
		if f.Rule != "unknown-tag" {
			out = append(out, f)
			continue
		}
		name := unknownTagName(f.Message)
		if i, ok := open[strings.TrimPrefix(name, "end")]; ok && strings.HasPrefix(name, "end") {
			out[i].Message += fmt.Sprintf(" (with a body up to {%% %s %%} at %d:%d: declare it with \"body\": true)", name, f.Line, f.Column)
			continue
		}
		if name != "" {
			open[name] = len(out)
		}
		out = append(out, f)
	}
	return out
}

// unknownTagName is the tag of the compiler's "unknown tag {% name %}".
func unknownTagName(msg string) string {
	rest, ok := strings.CutPrefix(msg, "unknown tag {% ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, " ")
	return name
}

// spanEnd is where what starts at pos ends, for errors that do not say:
// the tag, when a tag starts there, else the name.
func spanEnd(u *unit, pos parser.Position) parser.Position {
	if pos.Offset < 0 || pos.Offset >= len(u.src) {
		return parser.Position{}
	}
	rest := u.src[pos.Offset:]
	if strings.HasPrefix(rest, "{%") {
		return tagEnd(u, pos)
	}
	n := 0
	for n < len(rest) && (rest[n] == '_' || rest[n] >= 'a' && rest[n] <= 'z' || rest[n] >= 'A' && rest[n] <= 'Z' || rest[n] >= '0' && rest[n] <= '9') {
		n++
	}
	if n == 0 {
		return parser.Position{}
	}
	return parser.Position{Line: pos.Line, Column: pos.Column + n, Offset: pos.Offset + n}
}
