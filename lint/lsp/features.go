package lsp

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/braidtpl/braid/lint"
)

// token is a word of a tag, a quoted string kept whole, with its byte
// offsets in the document.
type token struct {
	text       string
	start, end int
}

// tagAt returns the tokens of the {% %} tag that holds off, and where its
// content starts; false when off is in no tag. A tag being typed, with no
// %} yet, runs to the end of its line.
func tagAt(text string, off int) ([]token, int, bool) {
	open := strings.LastIndex(text[:off], "{%")
	if open < 0 || strings.Contains(text[open:off], "%}") {
		return nil, 0, false
	}
	start := open + 2
	end := len(text)
	if i := strings.Index(text[start:], "%}"); i >= 0 {
		end = start + i
	}
	if i := strings.IndexByte(text[start:end], '\n'); i >= 0 && !strings.Contains(text[start:end], "%}") && end == len(text) {
		end = start + i
	}
	start, end = trimControl(text, start, end)
	if off > end {
		return nil, 0, false
	}
	return tokens(text, start, end), start, true
}

// inExpr reports whether off is inside a {{ }}.
func inExpr(text string, off int) bool {
	open := strings.LastIndex(text[:off], "{{")
	return open >= 0 && !strings.Contains(text[open:off], "}}")
}

func tokens(text string, start, end int) []token {
	var out []token
	for i := start; i < end; {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		j := i
		if c == '"' || c == '\'' {
			j++
			for j < end && text[j] != c {
				j++
			}
			if j < end {
				j++
			}
		} else {
			for j < end && !strings.ContainsRune(" \t\r\n", rune(text[j])) {
				j++
			}
		}
		out = append(out, token{text[i:j], i, j})
		i = j
	}
	return out
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordAt returns the bounds of the identifier around off.
func wordAt(text string, off int) (int, int) {
	s, e := off, off
	for s > 0 && isWord(text[s-1]) {
		s--
	}
	for e < len(text) && isWord(text[e]) {
		e++
	}
	return s, e
}

func unquote(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1], true
	}
	return "", false
}

// trimControl leaves out the whitespace control of a tag's content,
// pongo2's {%- and -%}.
func trimControl(text string, start, end int) (int, int) {
	if start < end && text[start] == '-' {
		start++
	}
	if end > start && text[end-1] == '-' {
		end--
	}
	return start, end
}

// namesTemplate reports whether a tag's first token names a template as
// its first argument.
func namesTemplate(tag string) bool {
	switch tag {
	case "extends", "include", "import", "from", "ssi":
		return true
	}
	return false
}

// resolve returns the name a template from names with name: a name that
// starts with "./" or "../" is relative to from's directory, as the
// engine reads it.
func resolve(name, from string) string {
	if strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") {
		return path.Join(path.Dir(from), name)
	}
	return name
}

// parentOf returns the literal name a template extends.
func parentOf(text string) (string, bool) {
	for _, tg := range scan(text) {
		if tg.is("extends") && len(tg.toks) >= 2 {
			return unquote(tg.toks[1].text)
		}
	}
	return "", false
}

// ancestors calls fn with each template name extends, up the chain, with
// its path and text, until fn returns true.
func (s *Server) ancestors(t *tree, name, text string, fn func(name, path, text string) bool) {
	seen := map[string]bool{name: true}
	for len(seen) < 32 {
		parent, ok := parentOf(text)
		if !ok {
			return
		}
		parent = resolve(parent, name)
		if seen[parent] {
			return
		}
		seen[parent] = true
		p, pt, ok := s.find(t, parent)
		if !ok || fn(parent, p, pt) {
			return
		}
		name, text = parent, pt
	}
}

// parentBlock finds the block a child's block overrides.
func (s *Server) parentBlock(t *tree, self, text, block string) (name, file string, pos position, ok bool) {
	s.ancestors(t, self, text, func(n, p, at string) bool {
		if off, found := defined(at, "block")[block]; found {
			name, file, pos, ok = n, p, positionOf(at, off), true
			return true
		}
		return false
	})
	return
}

func (s *Server) hover(ctx context.Context, t *tree, name, text string, off int) *hover {
	var parts []string
	ts, _, inTag := tagAt(text, off)
	ws, we := wordAt(text, off)
	word := text[ws:we]
	switch {
	case word != "" && ws > 0 && text[ws-1] == '|' && (inTag || inExpr(text, off)):
		if d, ok := filterDocs[word]; ok {
			parts = append(parts, "**"+word+"** (filter)\n\n"+d)
		} else if _, ok := t.cfg.Filters[word]; ok {
			parts = append(parts, "**"+word+"** (filter): the application's, declared in "+lint.ConfigFile+".")
		} else if lib := t.loaded(text, ws).filters[word]; lib != "" {
			parts = append(parts, "**"+word+"** (filter) of library "+lib+", loaded with {% load "+lib+" %}.")
		}
	case inTag && len(ts) > 0 && off >= ts[0].start && off <= ts[0].end:
		tag := ts[0].text
		if d, ok := tagDocs[tag]; ok {
			parts = append(parts, "**"+tag+"** (tag)\n\n"+d)
		} else if _, ok := t.cfg.Tags[tag]; ok {
			parts = append(parts, "**"+tag+"** (tag): the application's, declared in "+lint.ConfigFile+".")
		} else if lib := t.loaded(text, ts[0].start).tags[tag]; lib != "" {
			parts = append(parts, "**"+tag+"** (tag) of library "+lib+", loaded with {% load "+lib+" %}.")
		}
	case inTag && len(ts) > 1 && ts[0].text == "block" && off >= ts[1].start && off <= ts[1].end:
		b := ts[1].text
		if pn, _, pos, ok := s.parentBlock(t, name, text, b); ok {
			parts = append(parts, fmt.Sprintf("**block %s** overrides block %s of %s (line %d).", b, b, pn, pos.Line+1))
		} else {
			parts = append(parts, fmt.Sprintf("**block %s** is defined in %s; no template it extends has it.", b, name))
		}
	}
	// The findings here: their rules' documentation, as tplcheck -explain
	// prints it.
	p := positionOf(text, off)
	s.mu.Lock()
	diags := s.diags[t.path(name)]
	s.mu.Unlock()
	seen := map[string]bool{}
	for _, d := range diags {
		if !contains(d.Range, p) || seen[d.Code] {
			continue
		}
		seen[d.Code] = true
		if r, ok := lint.RuleByID(d.Code); ok {
			parts = append(parts, fmt.Sprintf("**%s** (%s, %s set): %s\n\n%s", r.ID, r.Severity, r.Set, r.Summary, r.Doc))
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return &hover{Contents: markup{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}}
}

func contains(r span, p position) bool {
	before := func(a, b position) bool { return a.Line < b.Line || a.Line == b.Line && a.Character <= b.Character }
	return before(r.Start, p) && before(p, r.End)
}

// definition answers go-to-definition: from a template's name to the
// file (to its partial, for "name#partial"), from a block to the
// parent's, from a macro's call or an imported macro's name to the
// macro, from a partial to its partialdef.
func (s *Server) definition(t *tree, name, text string, off int) *location {
	ts, _, inTag := tagAt(text, off)
	if inTag && len(ts) >= 2 {
		switch tag := ts[0].text; {
		case tag == "import" && off > ts[1].end:
			target, ok := unquote(ts[1].text)
			if !ok {
				return nil
			}
			for _, in := range importNames(text, ts[1].end, ts[len(ts)-1].end) {
				if off >= in.at && off <= in.at+len(in.name) || in.as != "" && off >= in.asAt && off <= in.asAt+len(in.as) {
					return s.macroIn(t, resolve(target, name), in.name)
				}
			}
			return nil
		case namesTemplate(tag) && off >= ts[1].start && off <= ts[1].end:
			lit, ok := unquote(ts[1].text)
			if !ok {
				return nil
			}
			target, partial, _ := strings.Cut(lit, "#") // a partial: template#name
			if tag == "ssi" {
				target, partial = lit, ""
			}
			p, pt, ok := s.find(t, resolve(target, name))
			if !ok {
				return nil
			}
			l := &location{URI: fileURI(p), Range: span{}}
			if at, ok := defined(pt, "partialdef")[partial]; ok && partial != "" {
				l.Range = nameSpan(pt, at, partial)
			}
			return l
		case tag == "block" && off >= ts[1].start && off <= ts[1].end:
			if _, file, pos, ok := s.parentBlock(t, name, text, ts[1].text); ok {
				return &location{URI: fileURI(file), Range: span{pos, position{pos.Line, pos.Character + len(ts[1].text)}}}
			}
			return nil
		case tag == "partial" && off >= ts[1].start && off <= ts[1].end:
			if at, ok := defined(text, "partialdef")[ts[1].text]; ok {
				return &location{URI: fileURI(t.path(name)), Range: nameSpan(text, at, ts[1].text)}
			}
			return nil
		case tag == "macro" && off >= ts[1].start && off <= ts[1].end:
			return nil // the definition itself
		}
	}
	if !inTag && !inExpr(text, off) {
		return nil
	}
	ws, we := wordAt(text, off)
	if ws == we || ws > 0 && (text[ws-1] == '.' || text[ws-1] == '|') || text[ws] >= '0' && text[ws] <= '9' {
		return nil
	}
	rest := strings.TrimLeft(text[we:], " \t")
	if !strings.HasPrefix(rest, "(") {
		return nil // not a call
	}
	return s.macro(t, name, text, text[ws:we])
}

// macro finds the macro a template calls as word: its own, one it
// imports, one of a template it extends (or one that imports).
func (s *Server) macro(t *tree, name, text, word string) *location {
	var found *location
	look := func(n, p, text string) bool {
		if at, ok := defined(text, "macro")[word]; ok {
			found = &location{URI: fileURI(p), Range: nameSpan(text, at, word)}
			return true
		}
		for _, im := range imports(text) {
			for _, in := range im.names {
				if in.local() == word {
					found = s.macroIn(t, resolve(im.file, n), in.name)
					return found != nil
				}
			}
		}
		return false
	}
	if !look(name, t.path(name), text) {
		s.ancestors(t, name, text, look)
	}
	return found
}

// macroIn returns where the template file defines the macro name; the
// file's start when it does not.
func (s *Server) macroIn(t *tree, file, name string) *location {
	p, text, ok := s.find(t, file)
	if !ok {
		return nil
	}
	l := &location{URI: fileURI(p)}
	if at, ok := defined(text, "macro")[name]; ok {
		l.Range = nameSpan(text, at, name)
	}
	return l
}

// nameSpan is the range of a name that starts at off.
func nameSpan(text string, off int, name string) span {
	return span{positionOf(text, off), positionOf(text, off+len(name))}
}

// libs are the tags and filters of the libraries a template loads
// before some offset, each with the library's name.
type libs struct {
	tags, filters map[string]string
	names         []string // the tags and filters, sorted
}

// loaded returns the tags and filters of the libraries text loads
// before off: all of a library's with {% load lib %}, the ones named
// with {% load a b from lib %}.
func (t *tree) loaded(text string, off int) libs {
	out := libs{tags: map[string]string{}, filters: map[string]string{}}
	for _, tg := range scan(text) {
		if tg.start >= off {
			break
		}
		if !tg.is("load") {
			continue
		}
		words := make([]string, 0, len(tg.toks)-1)
		for _, tk := range tg.toks[1:] {
			words = append(words, tk.text)
		}
		take := func(lib string, only []string) {
			l, ok := t.libs[lib]
			if !ok {
				return
			}
			want := func(n string) bool {
				if only == nil {
					return true
				}
				for _, o := range only {
					if o == n {
						return true
					}
				}
				return false
			}
			for n := range l.Tags {
				if want(n) {
					out.tags[n] = lib
				}
			}
			for n := range l.Filters {
				if want(n) {
					out.filters[n] = lib
				}
			}
		}
		if len(words) >= 3 && words[len(words)-2] == "from" {
			take(words[len(words)-1], words[:len(words)-2])
			continue
		}
		for _, w := range words {
			take(w, nil)
		}
	}
	return out
}

func (s *Server) complete(t *tree, name, text string, off int) completionList {
	list := completionList{Items: []completionItem{}}
	ws, _ := wordAt(text, off)
	ts, start, inTag := tagAt(text, off)
	if ws > 0 && text[ws-1] == '|' && (inTag || inExpr(text, off)) {
		for _, n := range sortedKeys(filterDocs) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "filter"})
		}
		for _, n := range sortedKeys(t.cfg.Filters) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "the application's filter"})
		}
		l := t.loaded(text, ws)
		for _, n := range sortedKeys(l.filters) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "filter of library " + l.filters[n]})
		}
		return list
	}
	if !inTag {
		return list
	}
	// Which token the cursor is in or after.
	i := 0
	for i < len(ts) && ts[i].end < off {
		i++
	}
	if strings.TrimSpace(text[start:off]) == "" || len(ts) > 0 && i == 0 && off >= ts[0].start {
		for _, n := range sortedKeys(tagDocs) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindKeyword, Detail: "tag"})
		}
		for _, n := range sortedKeys(t.cfg.Tags) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindKeyword, Detail: "the application's tag"})
		}
		l := t.loaded(text, start)
		for _, n := range sortedKeys(l.tags) {
			lib := l.tags[n]
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindKeyword, Detail: "tag of library " + lib})
			if d := t.libs[lib].Tags[n]; d.Body {
				for _, im := range d.Intermediates {
					list.Items = append(list.Items, completionItem{Label: im, Kind: kindKeyword, Detail: "tag of library " + lib + ", in {% " + n + " %}"})
				}
				list.Items = append(list.Items, completionItem{Label: "end" + n, Kind: kindKeyword, Detail: "tag of library " + lib + ", the end of {% " + n + " %}"})
			}
		}
		return list
	}
	if len(ts) == 0 {
		return list
	}
	switch tag := ts[0].text; {
	case namesTemplate(tag) && i == 1 && i < len(ts) && off > ts[1].start && (ts[1].text[0] == '"' || ts[1].text[0] == '\''):
		for _, n := range s.templates(t, name) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFile, Detail: "template"})
		}
	case tag == "block" && i <= 1:
		seen := map[string]bool{}
		s.ancestors(t, name, text, func(n, _, at string) bool {
			for b := range defined(at, "block") {
				if !seen[b] {
					seen[b] = true
					list.Items = append(list.Items, completionItem{Label: b, Kind: kindField, Detail: "block of " + n})
				}
			}
			return false
		})
		sort.Slice(list.Items, func(a, b int) bool { return list.Items[a].Label < list.Items[b].Label })
	case tag == "load":
		from := -1
		for j, tk := range ts {
			if j > 0 && tk.text == "from" {
				from = j
			}
		}
		if from > 0 && off < ts[from].start && from+1 < len(ts) {
			// {% load | from lib %}: the library's tags and filters.
			lib := ts[from+1].text
			l := t.libs[lib]
			for _, n := range sortedKeys(l.Tags) {
				list.Items = append(list.Items, completionItem{Label: n, Kind: kindKeyword, Detail: "tag of library " + lib})
			}
			for _, n := range sortedKeys(l.Filters) {
				list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "filter of library " + lib})
			}
			return list
		}
		for _, n := range sortedKeys(t.libs) {
			detail := "library"
			if _, ok := t.cfg.Libraries[n]; ok {
				detail = "the application's library"
			}
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindModule, Detail: detail})
		}
	}
	return list
}

// templates lists the template names in the tree and the search
// directories, but self.
func (s *Server) templates(t *tree, self string) []string {
	seen := map[string]bool{self: true}
	var out []string
	walk := func(fsys fs.FS) {
		walkTemplates(fsys, func(p string, _ fs.DirEntry) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		})
	}
	walk(t.disk)
	for _, d := range t.search {
		walk(os.DirFS(filepath.Clean(d)))
	}
	s.mu.Lock()
	for p := range s.docs {
		if tt, n, ok := s.locateLocked(p); ok && tt == t && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	s.mu.Unlock()
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
