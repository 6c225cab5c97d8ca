package parser

import (
	"math"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// Position is a place in a template: its name, byte offset, line and column
// (both from 1; the column counts characters, not bytes).
type Position = lexer.Position

// Pos is a place in a template as the tree keeps it: a byte offset into
// the source. [Template.Position] gives its line and column.
type Pos int32

// MaxSourceLen is the longest source Parse reads: offsets are [Pos]es.
const MaxSourceLen = math.MaxInt32

// Span is the source range of a node: Pos is its first byte, EndPos the
// offset just after its last one.
type Span struct {
	Pos    Pos
	EndPos Pos
}

// Position returns where the node starts.
func (s Span) Position() Pos { return s.Pos }

// End returns the offset just after the node.
func (s Span) End() Pos { return s.EndPos }

// lineTable finds the line and column of offsets in a source from where
// its lines start, which it finds on first use: a tree is built without
// lines and columns, which only errors and tools need.
type lineTable struct {
	once   sync.Once
	starts []int32 // offsets of the lines' first bytes
}

// position is the Position of byte offset off in src, named name.
func (lt *lineTable) position(name, src string, off int) Position {
	off = min(max(off, 0), len(src))
	lt.once.Do(func() {
		lt.starts = append(make([]int32, 0, 16), 0)
		for i := 0; ; {
			j := indexNewline(src[i:])
			if j < 0 {
				break
			}
			i += j + 1
			lt.starts = append(lt.starts, int32(i))
		}
	})
	line := sort.Search(len(lt.starts), func(i int) bool { return int(lt.starts[i]) > off }) // >= 1
	start := int(lt.starts[line-1])
	return Position{Filename: name, Offset: off, Line: line, Column: 1 + utf8.RuneCountInString(src[start:off])}
}

// positionIn is the Position of byte offset off in src, named name,
// without a table: for a single error.
func positionIn(name, src string, off int) Position {
	off = min(max(off, 0), len(src))
	start := lastNewline(src[:off]) + 1
	return Position{Filename: name, Offset: off, Line: 1 + countNewlines(src[:start]), Column: 1 + utf8.RuneCountInString(src[start:off])}
}

// Node is an element of a template body: text, an output, a comment or a
// tag. Position and End are byte offsets (see [Template.Position]).
type Node interface {
	Position() Pos
	End() Pos
	// String prints the node back as canonical template source.
	String() string
	node()
}

// Template is a parsed template: its name, source and top-level body.
type Template struct {
	Span
	Name   string
	Source string // the source the tree's offsets are in
	Body   []Node
	lines  lineTable
}

// Position returns the line and column of offset p in the template (p
// clamped to the source), for errors and tools: the first call finds
// where the source's lines start, later ones are a binary search. It is
// safe for concurrent use.
func (t *Template) Position(p Pos) Position {
	return t.lines.position(t.Name, t.Source, int(p))
}

// String prints the template back as canonical source.
func (t *Template) String() string { return Print(t) }

// TextNode is literal text between tags.
type TextNode struct {
	Span
	Text string
}

// OutputNode is {{ expr }}.
type OutputNode struct {
	Span
	Expr Expr
}

// CommentNode is a one-tag comment, {# text #}; Text is kept as written.
type CommentNode struct {
	Span
	Text string
}

// Clause is one branch of a block tag after its first: {% else %},
// {% elif cond %}, {% empty %}, or a custom intermediate tag.
type Clause struct {
	Span
	Name   string  // the intermediate tag's name: "else", "elif", "empty", ...
	Cond   Expr    // the condition of an elif; nil otherwise
	Args   string  // a custom intermediate tag's raw arguments
	Tokens []Token // and their tokens
	Body   []Node
	args   tagArgs
}

// Arg is one argument of a tag: a positional value (Name is empty) or a
// keyword one (name=value).
type Arg struct {
	Span
	Name  string
	Value Expr
}

// TokenKind says what kind of token a [Token] is.
type TokenKind int

// The token kinds inside {{ }} and {% %}.
const (
	IdentToken   TokenKind = iota + 1 // a name: foo, forloop, _
	KeywordToken                      // and or not in is
	StringToken                       // "..." or '...', Text as written with quotes
	IntToken                          // 42
	FloatToken                        // 4.2, 1e3
	PunctToken                        // operators and punctuation: == | : . ( ) ...
)

// Token is one token of a tag's arguments, kept for tags the grammar does
// not know so that their compile function can parse them itself.
type Token struct {
	Kind TokenKind
	Text string // as written in the source
	Pos  Pos
}

// TagNode is a tag the grammar does not know (a custom tag), or a known tag
// whose arguments could not be parsed. Args is the raw argument source and
// Tokens its tokens. A tag registered as a block tag (see [WithBlockTags])
// has a Body up to {% end<name> %} and one Clause per intermediate tag.
// A tag read by its own function ([WithTagParser]) has the parts its
// function read: Body, a Clause for each tag that began a further part,
// EndTag for the tag that ended the last, and Parsed for what the function
// returned.
type TagNode struct {
	Span
	Name    string
	Args    string
	Tokens  []Token
	Block   bool
	Body    []Node
	Clauses []*Clause
	EndTag  *Clause
	Parsed  any
	args    tagArgs
}

// TagArgs are a custom tag's arguments read as Django's simple tags take
// them: filter expressions and name=expression pairs, in order, and an
// optional "as name" at the end.
type TagArgs struct {
	Args []*Arg // positional arguments have no Name
	As   string // "" without "as name"
}

// tagArgs is what reading the arguments as TagArgs gave.
type tagArgs struct {
	v   *TagArgs
	err *Error
}

// Arguments returns the tag's arguments read as TagArgs, or the syntax
// error reading them that way gives (a tag with a syntax of its own can
// ignore it and read Tokens instead).
func (n *TagNode) Arguments() (*TagArgs, error) { return n.args.get() }

// Arguments is TagNode.Arguments for an intermediate tag of a custom
// block tag.
func (c *Clause) Arguments() (*TagArgs, error) { return c.args.get() }

func (a tagArgs) get() (*TagArgs, error) {
	if a.err != nil {
		return nil, a.err
	}
	if a.v == nil {
		return &TagArgs{}, nil
	}
	return a.v, nil
}

// AutoescapeNode is {% autoescape on|off %}…{% endautoescape %}.
type AutoescapeNode struct {
	Span
	On   bool
	Body []Node
}

// BlockNode is {% block name %}…{% endblock [name] %}.
type BlockNode struct {
	Span
	Name    string
	Body    []Node
	EndName string // the name repeated in endblock, if it was
}

// CommentTagNode is {% comment [note] %}…{% endcomment %}; its body is kept raw.
type CommentTagNode struct {
	Span
	Note string // the raw text after "comment" in the opening tag
	Text string // the raw body
}

// CsrfTokenNode is {% csrf_token %}.
type CsrfTokenNode struct{ Span }

// CycleNode is {% cycle v1 v2 … [as name [silent]] %}; a single plain
// variable and no "as" refers to an earlier named cycle.
type CycleNode struct {
	Span
	Values []Expr
	As     string
	Silent bool
}

// DebugNode is {% debug %}.
type DebugNode struct{ Span }

// ExtendsNode is {% extends parent %}.
type ExtendsNode struct {
	Span
	Parent Expr
}

// FilterNode is {% filter f1|f2:arg %}…{% endfilter %}.
type FilterNode struct {
	Span
	Filters []*Filter
	Body    []Node
}

// FirstofNode is {% firstof a b c [as name] %}.
type FirstofNode struct {
	Span
	Values []Expr
	As     string
}

// ForNode is {% for vars in seq [reversed] [sorted] %}…[{% empty %}…]{% endfor %}.
type ForNode struct {
	Span
	Vars     []string
	Seq      Expr
	Reversed bool
	Sorted   bool // pongo2's extension
	Body     []Node
	Empty    *Clause // nil without {% empty %}
}

// IfNode is {% if %}…{% elif %}…{% else %}…{% endif %}.
type IfNode struct {
	Span
	Cond    Expr
	Body    []Node
	Clauses []*Clause // elif and else, in order
}

// IfChangedNode is {% ifchanged [values] %}…[{% else %}…]{% endifchanged %}.
type IfChangedNode struct {
	Span
	Values []Expr
	Body   []Node
	Else   *Clause
}

// IfEqualNode is pongo2's (and old Django's) {% ifequal a b %} or
// {% ifnotequal a b %}, with an optional {% else %}.
type IfEqualNode struct {
	Span
	Not  bool // ifnotequal
	A, B Expr
	Body []Node
	Else *Clause
}

// IncludeNode is {% include name [with k=v …] [only] [if_exists] %}.
type IncludeNode struct {
	Span
	Template Expr
	With     []*Arg
	Only     bool
	IfExists bool // pongo2's extension
}

// LoadNode is {% load lib … %} or {% load name … from lib %}.
type LoadNode struct {
	Span
	Libraries []string
	Names     []string // with "from": the names taken from Libraries[0]
}

// LoremNode is {% lorem [count] [w|p|b] [random] %}.
type LoremNode struct {
	Span
	Count  Expr   // nil: one
	Method string // "w", "p" or "b"; empty means "b"
	Random bool
}

// NowNode is {% now "format" [as name] %}.
type NowNode struct {
	Span
	Format Expr
	As     string
	Fake   bool // pongo2's {% now "…" fake %}: a fixed time, for tests
}

// PartialDefNode is {% partialdef name [inline] %}…{% endpartialdef [name] %}.
type PartialDefNode struct {
	Span
	Name    string
	Inline  bool
	Body    []Node
	EndName string
}

// PartialNode is {% partial name %}.
type PartialNode struct {
	Span
	Name string
}

// QuerystringNode is {% querystring [dict …] [key=value …] [as name] %}.
type QuerystringNode struct {
	Span
	Args []*Arg
	As   string
}

// RegroupNode is {% regroup seq by key as name %}.
type RegroupNode struct {
	Span
	Seq Expr
	By  Expr // a lookup on each item, possibly with filters
	As  string
}

// ResetcycleNode is {% resetcycle [name] %}.
type ResetcycleNode struct {
	Span
	Name string
}

// SpacelessNode is {% spaceless %}…{% endspaceless %}.
type SpacelessNode struct {
	Span
	Body []Node
}

// TemplatetagNode is {% templatetag openblock %} and its kin.
type TemplatetagNode struct {
	Span
	Which string
}

// URLNode is {% url name args… [as var] %}.
type URLNode struct {
	Span
	Name Expr
	Args []*Arg
	As   string
}

// VerbatimNode is {% verbatim [name] %}…{% endverbatim [name] %}; its body is kept raw.
type VerbatimNode struct {
	Span
	Name string
	Text string
}

// WidthratioNode is {% widthratio value max width [as name] %}.
type WidthratioNode struct {
	Span
	Value, Max, Width Expr
	As                string
}

// WithNode is {% with a=b c=d %}…{% endwith %}, or the legacy
// {% with value as name %} (Legacy is then true and Args has one entry).
type WithNode struct {
	Span
	Args   []*Arg
	Legacy bool
	Body   []Node
}

// SetNode is pongo2's {% set name = value %}.
type SetNode struct {
	Span
	Name  string
	Value Expr
}

// MacroNode is pongo2's {% macro name(params) [export] %}…{% endmacro %}.
type MacroNode struct {
	Span
	Name   string
	Params []*Arg // Value is the default, or nil
	Export bool
	Body   []Node
}

// ImportNode is pongo2's {% import "file" name [as alias], … %}.
type ImportNode struct {
	Span
	Template Expr
	Names    []*ImportName
}

// ImportName is one macro an ImportNode takes, with its local name.
type ImportName struct {
	Span
	Name string
	As   string
}

// SSINode is pongo2's {% ssi path [parsed] %}.
type SSINode struct {
	Span
	Path   Expr
	Parsed bool
}

func (*TextNode) node()        {}
func (*OutputNode) node()      {}
func (*CommentNode) node()     {}
func (*TagNode) node()         {}
func (*AutoescapeNode) node()  {}
func (*BlockNode) node()       {}
func (*CommentTagNode) node()  {}
func (*CsrfTokenNode) node()   {}
func (*CycleNode) node()       {}
func (*DebugNode) node()       {}
func (*ExtendsNode) node()     {}
func (*FilterNode) node()      {}
func (*FirstofNode) node()     {}
func (*ForNode) node()         {}
func (*IfNode) node()          {}
func (*IfChangedNode) node()   {}
func (*IfEqualNode) node()     {}
func (*IncludeNode) node()     {}
func (*LoadNode) node()        {}
func (*LoremNode) node()       {}
func (*NowNode) node()         {}
func (*PartialDefNode) node()  {}
func (*PartialNode) node()     {}
func (*QuerystringNode) node() {}
func (*RegroupNode) node()     {}
func (*ResetcycleNode) node()  {}
func (*SpacelessNode) node()   {}
func (*TemplatetagNode) node() {}
func (*URLNode) node()         {}
func (*VerbatimNode) node()    {}
func (*WidthratioNode) node()  {}
func (*WithNode) node()        {}
func (*SetNode) node()         {}
func (*MacroNode) node()       {}
func (*ImportNode) node()      {}
func (*SSINode) node()         {}

// PositionIn is the line and column of offset p in src, a template named
// name, found without a table: for a position or two in a source that
// has no Template.
func PositionIn(name, src string, p Pos) Position { return positionIn(name, src, int(p)) }
