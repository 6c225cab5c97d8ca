package parser

import (
	"slices"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar of what stands inside {{ }} and {% %}, read top-down like
// Django's reference: expressions by precedence (lowest first), then the
// arguments of each built-in tag. These structs are participle's parse
// trees only; convert.go turns them into the node types of ast.go.

// gExpr is an expression as participle sees it: operands and the infix
// operators between them, flat. Precedence (Django's: or < and < not <
// comparisons; then pongo2's + - < * / % < ^) is applied by climbing in
// convert.go, which keeps participle's work to three struct levels.
type gExpr struct {
	X   *gOperand `parser:"@@"`
	Ops []*gBinOp `parser:"@@*"`
}

type gBinOp struct {
	Op string    `parser:"@( Op | Sign | Keyword )"`
	Y  *gOperand `parser:"@@"`
}

// gOperand is a primary with its prefix operators, lookups and filters.
// Without prefixes it is also a "term": one space-separated argument of a
// Django tag such as cycle, firstof or url, where no infix operator is taken.
type gOperand struct {
	Pos     lexer.Position
	Prefix  []string   `parser:"@( Not | Sign )*"`
	X       *gPrimary  `parser:"@@"`
	Filters []*gFilter `parser:"( '|' @@ )*"`
}

type gFilter struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Name   string      `parser:"@Ident"`
	Arg    *gFilterArg `parser:"( ':' @@ )?"`
}

// gFilterArg is a filter's argument: a literal or variable, never a
// filter chain of its own (x|default:y|upper filters the default).
type gFilterArg struct {
	Pos lexer.Position
	Ops []string  `parser:"@Sign*"`
	X   *gPrimary `parser:"@@"`
}

// gPrimary is a literal, a variable or a parenthesised expression, then
// lookups, subscripts and calls. (Atom is captured as a string: participle
// would hand a token field the whitespace before it.) _("text") parses as a call of _ and
// becomes a translated string in convert.go.
type gPrimary struct {
	Pos      lexer.Position
	Atom     string     `parser:"(   @( Ident | Lit )"`
	Paren    *gExpr     `parser:"  | '(' @@ ')' )"`
	Suffixes []*gSuffix `parser:"@@*"`
}

type gSuffix struct {
	EndPos lexer.Position
	Key    *string `parser:"(   '.' @( Ident | Keyword | Not | Lit )"`
	Index  *gExpr  `parser:"  | '[' @@ ']'"`
	Call   *gCall  `parser:"  | @@ )"`
}

// gCall is an argument list in parentheses. Its "(" is a Punct token: in
// a tag's space-separated argument list, a "(" after whitespace is an
// ArgParen instead (spacedParens), which only a parenthesised expression
// takes, so "a" (x) there is two arguments and "a"(x) one call.
type gCall struct {
	Open bool     `parser:"@\"(\":Punct"`
	Args []*gExpr `parser:"( @@ ( ',' @@ )* )? ')'"`
}

// gKwarg is name=value in with, include, url and querystring.
type gKwarg struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Name   string `parser:"@Ident '='"`
	Value  *gExpr `parser:"@@"`
}

// gArg is a positional or keyword argument of url and querystring.
type gArg struct {
	Kw  *gKwarg   `parser:"  @@"`
	Pos *gOperand `parser:"| @@"`
}

// Tag arguments, one struct per tag (the tag's name is already read).

type gExprArgs struct {
	X *gExpr `parser:"@@"`
}

type gNameArgs struct {
	Name string `parser:"@( Ident | Keyword )"`
}

type gOptNameArgs struct {
	Name string `parser:"@( Ident | Keyword )?"`
}

type gAutoescapeArgs struct {
	Mode string `parser:"@( 'on' | 'off' )"`
}

type gCycleArgs struct {
	Values []*gOperand `parser:"( (?! 'as' ) @@ )+"`
	As     string      `parser:"( 'as' @Ident"`
	Silent bool        `parser:"  @'silent'? )?"`
}

type gFilterArgs struct {
	Filters []*gFilter `parser:"@@ ( '|' @@ )*"`
}

type gFirstofArgs struct {
	Values []*gOperand `parser:"( (?! 'as' ) @@ )+"`
	As     string      `parser:"( 'as' @Ident )?"`
}

type gForArgs struct {
	Vars []string `parser:"@Ident ( ',' @Ident )*"`
	Seq  *gExpr   `parser:"'in' @@"`
	Opts []string `parser:"@( 'reversed' | 'sorted' )*"`
}

type gTermsArgs struct {
	Values []*gOperand `parser:"@@*"`
}

type gIfEqualArgs struct {
	A *gOperand `parser:"@@"`
	B *gOperand `parser:"@@"`
}

type gIncludeArgs struct {
	Template *gExpr         `parser:"@@"`
	Opts     []*gIncludeOpt `parser:"@@*"`
}

type gIncludeOpt struct {
	With     []*gKwarg `parser:"(   'with' @@+"`
	Only     bool      `parser:"  | @'only'"`
	IfExists bool      `parser:"  | @'if_exists' )"`
}

type gLibName struct {
	Parts []string `parser:"@( Ident | Keyword ) ( '.' @( Ident | Keyword ) )*"`
}

type gLoadArgs struct {
	Items []*gLibName `parser:"( (?! 'from' ) @@ )+"`
	From  *gLibName   `parser:"( 'from' @@ )?"`
}

type gLoremArgs struct {
	Count  *gOperand `parser:"( (?! 'w' | 'p' | 'b' | 'random' ) @@ )?"`
	Method string    `parser:"@( 'w' | 'p' | 'b' )?"`
	Random bool      `parser:"@'random'?"`
}

type gNowArgs struct {
	Format *gOperand `parser:"@@"`
	Fake   bool      `parser:"@'fake'?"`
	As     string    `parser:"( 'as' @Ident )?"`
}

type gPartialDefArgs struct {
	Name   string `parser:"@( Ident | Keyword )"`
	Inline bool   `parser:"@'inline'?"`
}

type gArgsAs struct {
	Args []*gArg `parser:"( (?! 'as' ) @@ )*"`
	As   string  `parser:"( 'as' @Ident )?"`
}

type gRegroupArgs struct {
	Seq *gOperand `parser:"@@ 'by'"`
	By  *gOperand `parser:"@@ 'as'"`
	As  string    `parser:"@Ident"`
}

type gURLArgs struct {
	Name *gOperand `parser:"@@"`
	Args []*gArg   `parser:"( (?! 'as' ) @@ )*"`
	As   string    `parser:"( 'as' @Ident )?"`
}

// gTagArgs are a custom tag's arguments read the way Django's simple tags
// take them.
type gTagArgs struct {
	Args []*gArg `parser:"( (?! 'as' ) @@ )*"`
	As   string  `parser:"( 'as' @Ident )?"`
}

type gWidthratioArgs struct {
	Value *gOperand `parser:"@@"`
	Max   *gOperand `parser:"@@"`
	Width *gOperand `parser:"@@"`
	As    string    `parser:"( 'as' @Ident )?"`
}

type gWithArgs struct {
	Args   []*gKwarg    `parser:"(   @@+"`
	Legacy *gLegacyWith `parser:"  | @@ )"`
}

// gWithPongo2Args is pongo2's with: several "value as name" pairs.
type gWithPongo2Args struct {
	Args   []*gKwarg      `parser:"(   @@+"`
	Legacy []*gLegacyWith `parser:"  | @@+ )"`
}

type gLegacyWith struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Value  *gOperand `parser:"@@ 'as'"`
	Name   string    `parser:"@Ident"`
}

type gSetArgs struct {
	Name  string `parser:"@Ident '='"`
	Value *gExpr `parser:"@@"`
}

type gMacroArgs struct {
	Name   string    `parser:"@Ident '('"`
	Params []*gParam `parser:"( @@ ( ',' @@ )* )? ')'"`
	Export bool      `parser:"@'export'?"`
}

type gParam struct {
	Pos     lexer.Position
	EndPos  lexer.Position
	Name    string `parser:"@Ident"`
	Default *gExpr `parser:"( '=' @@ )?"`
}

type gImportArgs struct {
	Template *gOperand      `parser:"@@"`
	Names    []*gImportName `parser:"@@ ( ',' @@ )*"`
}

type gImportName struct {
	Pos    lexer.Position
	EndPos lexer.Position
	Name   string `parser:"@Ident"`
	As     string `parser:"( 'as' @Ident )?"`
}

type gSSIArgs struct {
	Path   *gOperand `parser:"@@"`
	Parsed bool      `parser:"@'parsed'?"`
}

// grammar is one participle parser, built once when the package loads and
// only read afterwards, so one serves every goroutine.
type grammar[G any] struct {
	p *participle.Parser[G]
	// list: the tag's arguments are a space-separated list of values, in
	// which a "(" after whitespace opens the next value (spacedParens).
	list bool
	// hand, if set, reads the grammar without participle (hand.go); when
	// it declines, participle reads it.
	hand func([]token) (*G, bool)
}

// withHand gives g a hand-written reader.
func withHand[G any](g grammar[G], hand func([]token) (*G, bool)) grammar[G] {
	g.hand = hand
	return g
}

func build[G any]() grammar[G] {
	return grammar[G]{p: participle.MustBuild[G](
		participle.Lexer(tagLexer{}),
		participle.Elide("Whitespace"),
		participle.UseLookahead(4),
	)}
}

// buildList builds the grammar of a tag whose arguments are a
// space-separated list of values (cycle, firstof, url, custom tags…).
func buildList[G any]() grammar[G] {
	g := build[G]()
	g.list = true
	return g
}

// parse runs the grammar over one tag's tokens (ending in EOF).
func (g grammar[G]) parse(toks []token) (*G, error) {
	if g.list {
		toks = spacedParens(toks)
	}
	if g.hand != nil {
		if v, ok := g.hand(toks); ok {
			return v, nil
		}
	}
	return g.participle(toks)
}

// participle runs participle's parser of the grammar (after spacedParens).
func (g grammar[G]) participle(toks []token) (*G, error) {
	peek, err := lexer.Upgrade(&sliceLexer{toks: toks}, tokSpace)
	if err != nil {
		return nil, err
	}
	return g.p.ParseFromLexer(peek)
}

// spacedParens returns toks with every "(" that follows whitespace outside
// brackets retyped as an ArgParen. In a space-separated argument list a
// call's "(" follows its callee directly, and a "(" after a space opens
// the next argument, a parenthesised value: {% cycle "a" (x) %} has two
// values, {% cycle f(x) %} one. (Django has no calls at all. Inside
// brackets, and in the expressions of {{ }}, if, set, with and include,
// f (x) is a call, as in pongo2.) Print writes calls without a space and
// arguments with one, so both read back the same. toks is copied only
// when a token changes.
func spacedParens(toks []token) []token {
	depth := 0
	var out []token
	for i, t := range toks {
		if t.Type != tokPunct {
			continue
		}
		switch t.Value {
		case "(":
			if depth == 0 && i > 0 && toks[i-1].Type == tokSpace {
				if out == nil {
					out = slices.Clone(toks)
				}
				out[i].Type = tokArgParen
			}
			depth++
		case "[":
			depth++
		case ")", "]":
			depth = max(depth-1, 0)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

var (
	exprGrammar       = withHand(build[gExprArgs](), handExpr)
	nameGrammar       = withHand(build[gNameArgs](), handName)
	optNameGrammar    = withHand(build[gOptNameArgs](), handOptName)
	autoescapeGrammar = build[gAutoescapeArgs]()
	cycleGrammar      = withHand(buildList[gCycleArgs](), handCycle)
	filterGrammar     = build[gFilterArgs]()
	firstofGrammar    = withHand(buildList[gFirstofArgs](), handFirstof)
	forGrammar        = withHand(build[gForArgs](), handFor)
	withPongo2Grammar = build[gWithPongo2Args]()
	termsGrammar      = buildList[gTermsArgs]()
	ifEqualGrammar    = buildList[gIfEqualArgs]()
	includeGrammar    = withHand(build[gIncludeArgs](), handInclude)
	loadGrammar       = build[gLoadArgs]()
	loremGrammar      = buildList[gLoremArgs]()
	nowGrammar        = buildList[gNowArgs]()
	partialDefGrammar = build[gPartialDefArgs]()
	argsAsGrammar     = buildList[gArgsAs]()
	regroupGrammar    = buildList[gRegroupArgs]()
	urlGrammar        = withHand(buildList[gURLArgs](), handURL)
	tagArgsGrammar    = withHand(buildList[gTagArgs](), handTagArgs)
	widthratioGrammar = buildList[gWidthratioArgs]()
	withGrammar       = withHand(build[gWithArgs](), handWith)
	setGrammar        = withHand(build[gSetArgs](), handSet)
	macroGrammar      = build[gMacroArgs]()
	importGrammar     = buildList[gImportArgs]()
	ssiGrammar        = buildList[gSSIArgs]()
)
