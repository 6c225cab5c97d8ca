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

// namesTemplate reports whether a tag's first token names a template as
// its first argument.
func namesTemplate(tag string) bool {
	switch tag {
	case "extends", "include", "import", "from", "ssi":
		return true
	}
	return false
}

// parentOf returns the literal name a template extends.
func parentOf(text string) (string, bool) {
	for off := 0; ; {
		i := strings.Index(text[off:], "{%")
		if i < 0 {
			return "", false
		}
		off += i + 2
		end := strings.Index(text[off:], "%}")
		if end < 0 {
			return "", false
		}
		ts := tokens(text, off, off+end)
		if len(ts) >= 2 && ts[0].text == "extends" {
			return unquote(ts[1].text)
		}
	}
}

// blocks returns the block names of a template, with the offsets of their
// names.
func blocks(text string) map[string]int {
	out := map[string]int{}
	for off := 0; ; {
		i := strings.Index(text[off:], "{%")
		if i < 0 {
			return out
		}
		off += i + 2
		end := strings.Index(text[off:], "%}")
		if end < 0 {
			return out
		}
		ts := tokens(text, off, off+end)
		if len(ts) >= 2 && ts[0].text == "block" {
			if _, dup := out[ts[1].text]; !dup {
				out[ts[1].text] = ts[1].start
			}
		}
	}
}

// ancestors calls fn with each template name extends, up the chain, with
// its path and text, until fn returns true.
func (s *Server) ancestors(text string, fn func(name, path, text string) bool) {
	seen := map[string]bool{}
	for len(seen) < 32 {
		parent, ok := parentOf(text)
		if !ok || seen[parent] {
			return
		}
		seen[parent] = true
		p, t, ok := s.find(parent)
		if !ok || fn(parent, p, t) {
			return
		}
		text = t
	}
}

// parentBlock finds the block a child's block overrides.
func (s *Server) parentBlock(text, block string) (name, file string, pos position, ok bool) {
	s.ancestors(text, func(n, p, t string) bool {
		if off, found := blocks(t)[block]; found {
			name, file, pos, ok = n, p, positionOf(t, off), true
			return true
		}
		return false
	})
	return
}

func (s *Server) hover(ctx context.Context, name, text string, off int) *hover {
	var parts []string
	ts, _, inTag := tagAt(text, off)
	ws, we := wordAt(text, off)
	word := text[ws:we]
	switch {
	case word != "" && ws > 0 && text[ws-1] == '|' && (inTag || inExpr(text, off)):
		if d, ok := filterDocs[word]; ok {
			parts = append(parts, "**"+word+"** (filter)\n\n"+d)
		} else if _, ok := s.cfg.Filters[word]; ok {
			parts = append(parts, "**"+word+"** (filter): the application's, declared in "+lint.ConfigFile+".")
		}
	case inTag && len(ts) > 0 && off >= ts[0].start && off <= ts[0].end:
		if d, ok := tagDocs[ts[0].text]; ok {
			parts = append(parts, "**"+ts[0].text+"** (tag)\n\n"+d)
		} else if _, ok := s.cfg.Tags[ts[0].text]; ok {
			parts = append(parts, "**"+ts[0].text+"** (tag): the application's, declared in "+lint.ConfigFile+".")
		}
	case inTag && len(ts) > 1 && ts[0].text == "block" && off >= ts[1].start && off <= ts[1].end:
		b := ts[1].text
		if pn, _, pos, ok := s.parentBlock(text, b); ok {
			parts = append(parts, fmt.Sprintf("**block %s** overrides block %s of %s (line %d).", b, b, pn, pos.Line+1))
		} else {
			parts = append(parts, fmt.Sprintf("**block %s** is defined in %s; no template it extends has it.", b, name))
		}
	}
	// The findings here: their rules' documentation, as tplcheck -explain
	// prints it.
	p := positionOf(text, off)
	s.mu.Lock()
	diags := s.diags[name]
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

func (s *Server) definition(name, text string, off int) *location {
	ts, _, ok := tagAt(text, off)
	if !ok || len(ts) < 2 {
		return nil
	}
	if namesTemplate(ts[0].text) {
		target, ok := unquote(ts[1].text)
		if !ok {
			return nil
		}
		target, _, _ = strings.Cut(target, "#") // a partial: template#name
		p, _, ok := s.find(target)
		if !ok {
			return nil
		}
		return &location{URI: fileURI(p), Range: span{}}
	}
	if ts[0].text == "block" {
		if _, file, pos, ok := s.parentBlock(text, ts[1].text); ok {
			return &location{URI: fileURI(file), Range: span{pos, position{pos.Line, pos.Character + len(ts[1].text)}}}
		}
	}
	return nil
}

func (s *Server) complete(name, text string, off int) completionList {
	list := completionList{Items: []completionItem{}}
	ws, _ := wordAt(text, off)
	ts, start, inTag := tagAt(text, off)
	if ws > 0 && text[ws-1] == '|' && (inTag || inExpr(text, off)) {
		for _, n := range sortedKeys(filterDocs) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "filter"})
		}
		for n := range s.cfg.Filters {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFunction, Detail: "the application's filter"})
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
		for n := range s.cfg.Tags {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindKeyword, Detail: "the application's tag"})
		}
		return list
	}
	if len(ts) == 0 {
		return list
	}
	switch tag := ts[0].text; {
	case namesTemplate(tag) && i == 1 && i < len(ts) && off > ts[1].start && (ts[1].text[0] == '"' || ts[1].text[0] == '\''):
		for _, n := range s.templates(name) {
			list.Items = append(list.Items, completionItem{Label: n, Kind: kindFile, Detail: "template"})
		}
	case tag == "block" && i <= 1:
		seen := map[string]bool{}
		s.ancestors(text, func(n, _, t string) bool {
			for b := range blocks(t) {
				if !seen[b] {
					seen[b] = true
					list.Items = append(list.Items, completionItem{Label: b, Kind: kindField, Detail: "block of " + n})
				}
			}
			return false
		})
		sort.Slice(list.Items, func(a, b int) bool { return list.Items[a].Label < list.Items[b].Label })
	case tag == "load":
		for _, l := range libraries {
			list.Items = append(list.Items, completionItem{Label: l, Kind: kindModule, Detail: "library"})
		}
		for l := range s.cfg.Libraries {
			list.Items = append(list.Items, completionItem{Label: l, Kind: kindModule, Detail: "the application's library"})
		}
	}
	return list
}

// maxTemplates bounds the template names completion lists.
const maxTemplates = 2000

// templateExts are the extensions of the files completion names.
var templateExts = []string{".html", ".htm", ".tpl", ".txt", ".xml", ".jinja", ".django"}

// templates lists the template names in the tree and the search
// directories, but self.
func (s *Server) templates(self string) []string {
	seen := map[string]bool{self: true}
	var out []string
	walk := func(fsys fs.FS) {
		_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || len(out) >= maxTemplates {
				return fs.SkipDir
			}
			if d.IsDir() {
				if p != "." && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			ext := strings.ToLower(path.Ext(p))
			for _, e := range templateExts {
				if ext == e && !seen[p] {
					seen[p] = true
					out = append(out, p)
				}
			}
			return nil
		})
	}
	walk(s.disk)
	for _, d := range s.search {
		walk(os.DirFS(filepath.Clean(d)))
	}
	s.mu.Lock()
	for n := range s.docs {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	s.mu.Unlock()
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
