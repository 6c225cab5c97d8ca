package lsp

import "strings"

// tag is a complete {% %} tag of a document: where it starts ({%) and
// ends (after %}), and its words, whitespace control left out.
type tag struct {
	start, end int
	toks       []token
}

// is reports whether the tag is the named one.
func (t tag) is(name string) bool { return len(t.toks) > 0 && t.toks[0].text == name }

// scan returns the complete {% %} tags of text, in order, leaving out
// those inside {# #} comments and in the bodies of comment and verbatim,
// which are not template syntax. It reads text alone, so that it works
// on a document being typed, whose syntax is broken.
func scan(text string) []tag {
	var out []tag
	skip := "" // the end tag of the comment or verbatim the scan is in
	for off := 0; ; {
		i := strings.IndexByte(text[off:], '{')
		if i < 0 || off+i+1 >= len(text) {
			return out
		}
		open := off + i
		switch text[open+1] {
		case '#':
			j := strings.Index(text[open+2:], "#}")
			if j < 0 {
				return out
			}
			off = open + 2 + j + 2
			continue
		case '%':
		default:
			off = open + 1
			continue
		}
		j := strings.Index(text[open+2:], "%}")
		if j < 0 {
			return out
		}
		cs, ce := trimControl(text, open+2, open+2+j)
		tg := tag{start: open, end: open + 2 + j + 2, toks: tokens(text, cs, ce)}
		off = tg.end
		if skip != "" {
			if tg.is(skip) {
				skip = ""
				out = append(out, tg)
			}
			continue
		}
		if tg.is("comment") || tg.is("verbatim") {
			skip = "end" + tg.toks[0].text
		}
		out = append(out, tg)
	}
}

// defined returns the names that a template's tag defines — {% block x %},
// {% partialdef x %}, {% macro x(…) %} — each with the offset of its
// first definition's name.
func defined(text, tag string) map[string]int {
	out := map[string]int{}
	for _, tg := range scan(text) {
		if tg.is(tag) && len(tg.toks) >= 2 {
			name, _, _ := strings.Cut(tg.toks[1].text, "(")
			if _, dup := out[name]; !dup && name != "" {
				out[name] = tg.toks[1].start
			}
		}
	}
	return out
}

// importTag is an {% import "file" name as alias, … %} of a template.
type importTag struct {
	file  string
	names []importName
}

// importName is a macro an import takes: its name, and the one it is
// bound to, with their offsets.
type importName struct {
	name, as string
	at, asAt int
}

// local is the name the template calls the imported macro by.
func (n importName) local() string {
	if n.as != "" {
		return n.as
	}
	return n.name
}

// imports returns the imports of a template with a literal file name.
func imports(text string) []importTag {
	var out []importTag
	for _, tg := range scan(text) {
		if !tg.is("import") || len(tg.toks) < 3 {
			continue
		}
		file, ok := unquote(tg.toks[1].text)
		if !ok {
			continue
		}
		out = append(out, importTag{file: file, names: importNames(text, tg.toks[1].end, tg.toks[len(tg.toks)-1].end)})
	}
	return out
}

// importNames reads the names of an import, "a as b, c", in
// text[start:end].
func importNames(text string, start, end int) []importName {
	var out []importName
	var words []token // of the current name
	flush := func() {
		switch {
		case len(words) == 1:
			out = append(out, importName{name: words[0].text, at: words[0].start})
		case len(words) == 3 && words[1].text == "as":
			out = append(out, importName{name: words[0].text, at: words[0].start, as: words[2].text, asAt: words[2].start})
		}
		words = words[:0]
	}
	for i := start; i < end; {
		switch c := text[i]; {
		case c == ',':
			flush()
			i++
		case isWord(c):
			j := i
			for j < end && isWord(text[j]) {
				j++
			}
			words = append(words, token{text[i:j], i, j})
			i = j
		default:
			i++
		}
	}
	flush()
	return out
}

// Symbol kinds.
const (
	symbolModule    = 2
	symbolNamespace = 3
	symbolFunction  = 12
)

// documentSymbol is a block, a macro or a partial of a document, with
// those inside it.
type documentSymbol struct {
	Name           string           `json:"name"`
	Detail         string           `json:"detail,omitempty"`
	Kind           int              `json:"kind"`
	Range          span             `json:"range"`
	SelectionRange span             `json:"selectionRange"`
	Children       []documentSymbol `json:"children,omitempty"`
}

// symbolTags are the tags that are symbols, with the tags that end them
// and the kind they have.
var symbolTags = map[string]struct {
	end  string
	kind int
}{
	"block":      {"endblock", symbolNamespace},
	"macro":      {"endmacro", symbolFunction},
	"partialdef": {"endpartialdef", symbolModule},
}

// documentSymbols returns the blocks, macros and partials of a document,
// each with those it holds: a range from its tag to its end tag (to the
// end of the document when it has none), and its name's.
func documentSymbols(text string) []documentSymbol {
	type open struct {
		sym   documentSymbol
		start int
		tag   string
	}
	root := []documentSymbol{}
	var stack []open
	closeTop := func(end int) {
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		o.sym.Range = span{positionOf(text, o.start), positionOf(text, end)}
		if len(stack) == 0 {
			root = append(root, o.sym)
		} else {
			p := &stack[len(stack)-1].sym
			p.Children = append(p.Children, o.sym)
		}
	}
	for _, tg := range scan(text) {
		name := ""
		if len(tg.toks) > 0 {
			name = tg.toks[0].text
		}
		if st, ok := symbolTags[name]; ok && len(tg.toks) >= 2 {
			n, detail := tg.toks[1].text, name
			switch name {
			case "macro":
				if i := strings.IndexByte(n, '('); i >= 0 {
					n = n[:i]
				}
				// The parameters, as written: from the name to the ')'.
				rest := text[tg.toks[1].start+len(n) : tg.toks[len(tg.toks)-1].end]
				if j := strings.IndexByte(rest, ')'); j >= 0 {
					rest = rest[:j+1]
				}
				detail = "macro " + n + strings.TrimSpace(rest)
			case "partialdef":
				detail = "partial"
				if len(tg.toks) > 2 && tg.toks[2].text == "inline" {
					detail = "partial, inline"
				}
			}
			if n == "" {
				continue
			}
			stack = append(stack, open{sym: documentSymbol{Name: n, Detail: detail, Kind: st.kind, SelectionRange: nameSpan(text, tg.toks[1].start, n)}, start: tg.start, tag: name})
			continue
		}
		// An end tag closes the symbol it ends and any left open inside it.
		// {% endblock name %} ends the block of that name.
		for i := len(stack) - 1; i >= 0; i-- {
			if symbolTags[stack[i].tag].end == name && (len(tg.toks) < 2 || tg.toks[1].text == stack[i].sym.Name) {
				for len(stack) > i+1 {
					closeTop(tg.start)
				}
				closeTop(tg.end)
				break
			}
		}
	}
	for len(stack) > 0 {
		closeTop(len(text))
	}
	return root
}
