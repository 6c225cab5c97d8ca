package i18n

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// blocktranslateNode is
//
//	{% blocktranslate [count n=expr] [with a=expr …] [context "c"] [trimmed] [asvar name] %}
//	text {{ a }}…{% plural %}plural text {{ n }}…{% endblocktranslate %}
//
// (and {% blocktrans %}). The body holds text and simple variables only;
// its message id is the text with each {{ name }} as %(name)s and percent
// signs doubled, as Django's makemessages writes it.
type blocktranslateNode struct {
	singular, plural string // message ids; plural "" without {% plural %}
	vars             []string
	count            string // the counter's name; "" without count
	names            []string
	vals             []render.Expr // the count first, then the with values
	msgctxt          render.Expr
	asvar            string
	pos              render.Pos
	tag              string
}

const blocktranslateUsage = `{% blocktranslate [count counter=value] [with name=value …] [context "text"] [trimmed] [asvar name] %}…{% endblocktranslate %}`

// compileBlocktranslate compiles the tag under either of its names.
func (l *lib) compileBlocktranslate(call *compiler.TagCall) (render.Node, error) {
	n := &blocktranslateNode{pos: call.Pos(call.Node.Pos), tag: "{% " + call.Name() + " %}"}
	args, err := legacyArgs(call)
	if args == nil && err == nil {
		args, err = call.Args()
	}
	if err != nil {
		return nil, err
	}
	if args.As != "" {
		return nil, call.Errorf(call.Node.Pos, "%s: use asvar, not as; usage: %s", n.tag, blocktranslateUsage)
	}
	trimmed := false
	var with []*parser.Arg
	for i := 0; i < len(args.Args); i++ {
		a := args.Args[i]
		if a.Name != "" {
			return nil, call.Errorf(a.Pos, "%s: %s=… must follow count or with; usage: %s", n.tag, a.Name, blocktranslateUsage)
		}
		next := func() (*parser.Arg, bool) {
			if i+1 < len(args.Args) {
				i++
				return args.Args[i], true
			}
			return nil, false
		}
		switch kw := word(a.Value); kw {
		case "count":
			c, ok := next()
			if !ok || c.Name == "" || n.count != "" {
				return nil, call.Errorf(a.Pos, "%s: count takes one name=value; usage: %s", n.tag, blocktranslateUsage)
			}
			n.count = c.Name
			n.names = append([]string{c.Name}, n.names...)
			n.vals = append([]render.Expr{call.Expr(c.Value)}, n.vals...)
		case "with":
			if with != nil {
				return nil, call.Errorf(a.Pos, "%s: the with option was given more than once", n.tag)
			}
			for i+1 < len(args.Args) && args.Args[i+1].Name != "" {
				c, _ := next()
				with = append(with, c)
			}
			if len(with) == 0 {
				return nil, call.Errorf(a.Pos, "%s: with takes name=value pairs; usage: %s", n.tag, blocktranslateUsage)
			}
		case "context":
			c, ok := next()
			if !ok || c.Name != "" {
				return nil, call.Errorf(a.Pos, "%s: context needs a value; usage: %s", n.tag, blocktranslateUsage)
			}
			n.msgctxt = call.Expr(c.Value)
		case "trimmed":
			trimmed = true
		case "asvar":
			c, ok := next()
			if !ok || c.Name != "" || word(c.Value) == "" {
				return nil, call.Errorf(a.Pos, "%s: asvar needs a name; usage: %s", n.tag, blocktranslateUsage)
			}
			n.asvar = word(c.Value)
		default:
			return nil, call.Errorf(a.Pos, "%s: unknown argument %s; usage: %s", n.tag, a.Value, blocktranslateUsage)
		}
	}
	for _, w := range with {
		n.names = append(n.names, w.Name)
		n.vals = append(n.vals, call.Expr(w.Value))
	}
	undo := call.Bind(n.names...)
	defer undo()
	if n.singular, err = n.message(call, call.Node.Body, trimmed); err != nil {
		return nil, err
	}
	for _, c := range call.Node.Clauses {
		if n.count == "" {
			return nil, call.Errorf(c.Pos, "%s: {%% plural %%} needs count; usage: %s", n.tag, blocktranslateUsage)
		}
		if n.plural, err = n.message(call, c.Body, trimmed); err != nil {
			return nil, err
		}
	}
	if n.count != "" && n.plural == "" {
		return nil, call.Errorf(call.Node.Pos, "%s: count needs a {%% plural %%} form", n.tag)
	}
	if n.asvar != "" {
		call.Bind(n.asvar)
		call.OrderDependent()
	}
	return n, nil
}

// legacyArgs reads the arguments of a blocktranslate written in Django's
// older form, "with value as name [and value as name …]" and "count value
// as name", as the newer "with name=value …" and "count name=value"; nil,
// nil when the tag does not use it. Errors in such arguments are reported
// at the tag.
func legacyArgs(call *compiler.TagCall) (*parser.TagArgs, error) {
	toks, src := call.Node.Tokens, call.Node.Args
	if len(toks) == 0 {
		return nil, nil
	}
	base := int(toks[0].Pos)
	text := func(from, to int) string { // the source of toks[from:to]
		end := len(src)
		if to < len(toks) {
			end = int(toks[to].Pos) - base
		}
		return strings.TrimSpace(src[int(toks[from].Pos)-base : end])
	}
	ident := func(i int, w string) bool { // "and" is a keyword token
		return i < len(toks) && (toks[i].Kind == parser.IdentToken || toks[i].Kind == parser.KeywordToken) && toks[i].Text == w
	}
	var out []string
	legacy := false
	for i := 0; i < len(toks); {
		if !(ident(i, "with") || ident(i, "count")) {
			out = append(out, text(i, i+1))
			i++
			continue
		}
		kw := toks[i].Text
		out = append(out, kw)
		i++
		for {
			as := -1
			for j := i + 1; j+1 < len(toks); j++ {
				if ident(j, "as") && toks[j+1].Kind == parser.IdentToken {
					as = j
					break
				}
				if toks[j].Kind == parser.IdentToken && (ident(j, "with") || ident(j, "count") || ident(j, "context") ||
					ident(j, "trimmed") || ident(j, "asvar") || ident(j, "and")) || toks[j].Text == "=" {
					break
				}
			}
			if as < 0 {
				break
			}
			legacy = true
			out = append(out, toks[as+1].Text+"="+text(i, as))
			i = as + 2
			if kw != "with" || !ident(i, "and") {
				break
			}
			i++
		}
	}
	if !legacy {
		return nil, nil
	}
	name := call.Name()
	t, err := parser.Parse(call.Template(), "{% "+name+" "+strings.Join(out, " ")+" %}{% end"+name+" %}",
		parser.WithBlockTag(name, "plural"))
	if err != nil {
		return nil, call.Errorf(call.Node.Pos, "%s: %v", "{% "+name+" %}", err)
	}
	tag, ok := t.Body[0].(*parser.TagNode)
	if !ok {
		return nil, call.Errorf(call.Node.Pos, "{%% %s %%}: cannot read its arguments", name)
	}
	return tag.Arguments()
}

// message is the message id of a body, noting its variables.
func (n *blocktranslateNode) message(call *compiler.TagCall, body []parser.Node, trimmed bool) (string, error) {
	var b strings.Builder
	for _, node := range body {
		switch x := node.(type) {
		case *parser.TextNode:
			b.WriteString(strings.ReplaceAll(x.Text, "%", "%%"))
		case *parser.OutputNode:
			v, ok := x.Expr.(*parser.Variable)
			if !ok {
				return "", call.Errorf(x.Pos, "%s allows only simple variables ({{ name }}); bind %s to a name with with", n.tag, x.Expr)
			}
			b.WriteString("%(" + v.Name + ")s")
			if !containsStr(n.vars, v.Name) {
				n.vars = append(n.vars, v.Name)
			}
		case *parser.CommentNode:
		default:
			return "", call.Errorf(node.Position(), "%s allows no tags inside it", n.tag)
		}
	}
	s := b.String()
	if trimmed {
		s = trimWhitespace.ReplaceAllString(strings.TrimSpace(s), " ")
	}
	return s, nil
}

// trimWhitespace is Django's trim_whitespace_re: line breaks and the
// spaces around them become one space.
var trimWhitespace = regexp.MustCompile(`\s*\n\s*`)

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (n *blocktranslateNode) Render(s *render.State, out *render.Out) error {
	ordered := n.asvar != ""
	// The count and with values: pending ones defer the node.
	vals := make([]any, len(n.vals))
	for i, x := range n.vals {
		v, deferred, err := compiler.Consume(s, out, n.pos, n.tag, x, ordered, n)
		if deferred || err != nil {
			return err
		}
		vals[i] = v
	}
	var msgctxt string
	if n.msgctxt != nil {
		c, deferred, err := compiler.Consume(s, out, n.pos, n.tag, n.msgctxt, ordered, n)
		if deferred || err != nil {
			return err
		}
		msgctxt = render.String(c)
	}
	frame := s.Scope.Push(len(n.names))
	for i, name := range n.names {
		frame.Set(name, vals[i])
	}
	saved := s.Scope
	s.Scope = frame
	defer func() { s.Scope = saved }()
	// The body's variables, printed as {{ }} prints them (escaped).
	data := make(map[string]string, len(n.vars))
	for _, name := range n.vars {
		v, deferred, err := compiler.Consume(s, out, n.pos, n.tag, &variable{name}, ordered, n)
		if deferred || err != nil {
			return err
		}
		cap := render.NewCapture()
		cap.WriteValue(s, v)
		data[name] = cap.String()
	}
	var msg string
	if n.count != "" {
		count, err := countOf(vals[0])
		if err != nil {
			return s.Errorf(n.pos, nil, "%s: the count must be a number, not %s", n.tag, render.TypeName(vals[0]))
		}
		msg = s.Ngettext(msgctxt, n.singular, n.plural, count)
	} else {
		msg = s.Gettext(msgctxt, n.singular)
	}
	result, ok := format(msg, data)
	if !ok {
		// Django: a translation that names a variable the message does
		// not have falls back to the message itself.
		src := n.singular
		if n.count != "" && vals[0] != 1 {
			src = n.plural
		}
		result, _ = format(src, data)
	}
	if n.asvar != "" {
		s.Scope = saved
		s.Scope.Set(n.asvar, render.SafeString(result))
		return nil
	}
	out.WriteString(result)
	return nil
}

// variable is a variable of the body: the data's value, or Undefined.
type variable struct{ name string }

func (v *variable) Eval(s *render.State) (any, *render.Future, error) {
	x, ok := s.Scope.Get(v.name)
	if !ok {
		return render.Undefined{Name: v.name}, nil, nil
	}
	if render.LazyShape(x) {
		x = s.LazyFunc(x)
	}
	return s.Settle(x)
}

// countOf is a count as a number: Django refuses anything but a number (a
// string "1" included) and takes int() of it.
func countOf(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case int64:
		return int(x), nil
	case float64:
		return int(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, strconv.ErrSyntax
}

// format is Python's msg % data for %(name)s and %%; ok is false when msg
// names a key data lacks or has another conversion.
func format(msg string, data map[string]string) (string, bool) {
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '%')
		if i < 0 {
			b.WriteString(msg)
			return b.String(), true
		}
		b.WriteString(msg[:i])
		msg = msg[i+1:]
		switch {
		case strings.HasPrefix(msg, "%"):
			b.WriteByte('%')
			msg = msg[1:]
		case strings.HasPrefix(msg, "("):
			end := strings.Index(msg, ")s")
			if end < 0 {
				return "", false
			}
			v, ok := data[msg[1:end]]
			if !ok {
				return "", false
			}
			b.WriteString(v)
			msg = msg[end+2:]
		default:
			return "", false
		}
	}
}
