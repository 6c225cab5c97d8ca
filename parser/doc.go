// Package parser turns Django template source into a positioned syntax tree.
//
// It accepts the whole Django template language (every built-in tag, the
// expression syntax of {{ }} and {% if %}) plus the pongo2 extensions its
// users rely on: arithmetic, function calls, subscripts, set, macro, import,
// ifequal, ssi and sorted loops. A tag the grammar does not know becomes a
// [TagNode] with its raw argument tokens, so an engine can add custom tags
// without a grammar change; [WithBlockTags] tells the parser which of those
// take a body.
//
// The document is split by a hand-written state-function lexer (lex.go),
// which also keeps {% verbatim %} and {% comment %} bodies raw; tag arguments
// and expressions are parsed with participle grammars (grammar.go) and
// converted to the node types of ast.go; block structure, error recovery
// and the nesting limit live in parse.go.
//
// Deliberate differences from Django's own lexer: a tag may span lines
// (pongo2 allows it, Django prints such a tag as text), and an opening
// "{{", "{%" or "{#" without its closing delimiter is a syntax error instead
// of literal text, because in practice it is always a typo.
//
// Calls come from pongo2 (Django has none). In a tag whose arguments are a
// space-separated list of values (cycle, firstof, url, querystring, custom
// tags…), a "(" that follows whitespace opens the next argument and a call's
// "(" follows its callee directly: {% cycle "a" (x) %} has two values,
// {% cycle f(x) %} one. In {{ }}, if, set, with and include, and inside any
// brackets, f (x) is a call, as in pongo2.
//
// The package knows nothing of values, filters' meanings or rendering: it
// only says what the source is and where each part of it is.
package parser
