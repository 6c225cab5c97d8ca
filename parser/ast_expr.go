package parser

// Expr is an expression: a literal, a variable with its lookups, a filter
// chain, or an operator applied to expressions.
type Expr interface {
	Position() Pos // a byte offset, as Node's
	End() Pos
	// String prints the expression back as canonical source.
	String() string
	expr()
}

// StringLit is a string literal; Value is unescaped.
type StringLit struct {
	Span
	Value string
}

// NumberLit is an integer or float literal (negative ones included).
type NumberLit struct {
	Span
	Text    string // canonical spelling
	IsFloat bool
	Int     int64
	Float   float64
}

// BoolLit is True or False (or pongo2's true and false).
type BoolLit struct {
	Span
	Value bool
	Text  string
}

// NoneLit is None (or pongo2's none and nil).
type NoneLit struct {
	Span
	Text string
}

// TransLit is a translated string, _("text").
type TransLit struct {
	Span
	Value string
}

// Variable is a name looked up in the context.
type Variable struct {
	Span
	Name string
}

// Lookup is x.key: a key, attribute, method or index lookup, Django style.
type Lookup struct {
	Span
	X   Expr
	Key string
}

// Index is x[index], pongo2's subscript.
type Index struct {
	Span
	X     Expr
	Index Expr
}

// Call is fn(args), pongo2's function call.
type Call struct {
	Span
	Fn   Expr
	Args []Expr
}

// Filtered is x|filter|filter:arg.
type Filtered struct {
	Span
	X       Expr
	Filters []*Filter
}

// Filter is one filter of a chain: its name and optional argument.
type Filter struct {
	Span
	Name string
	Arg  Expr // nil without ":arg"
}

// Unary is an operator before its operand: "not", "-" or "+".
type Unary struct {
	Span
	Op string
	X  Expr
}

// Binary is an infix operator: or and == != < > <= >= in "not in" is
// "is not" + - * / % ^.
type Binary struct {
	Span
	Op   string
	X, Y Expr
}

func (*StringLit) expr() {}
func (*NumberLit) expr() {}
func (*BoolLit) expr()   {}
func (*NoneLit) expr()   {}
func (*TransLit) expr()  {}
func (*Variable) expr()  {}
func (*Lookup) expr()    {}
func (*Index) expr()     {}
func (*Call) expr()      {}
func (*Filtered) expr()  {}
func (*Unary) expr()     {}
func (*Binary) expr()    {}
