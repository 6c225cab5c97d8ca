package i18n

import (
	"strings"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// translateNode is {% translate value [context ctx] [noop] [as name] %}.
type translateNode struct {
	value   render.Expr
	msgctxt render.Expr // nil without context
	noop    bool
	as      string
	pos     render.Pos
}

const translateUsage = `{% translate "text" [context "context"] [noop] [as name] %}`

func (l *lib) compileTranslate(call *compiler.TagCall) (render.Node, error) {
	args, err := call.Args()
	if err != nil {
		return nil, err
	}
	n := &translateNode{as: args.As, pos: call.Pos(call.Node.Pos)}
	if len(args.Args) == 0 {
		return nil, call.Errorf(call.Node.Pos, "{%% %s %%} takes at least one argument; usage: %s", call.Name(), translateUsage)
	}
	var value parser.Expr
	for i := 0; i < len(args.Args); i++ {
		a := args.Args[i]
		if a.Name != "" {
			return nil, call.Errorf(a.Pos, "{%% %s %%}: unexpected %s=; usage: %s", call.Name(), a.Name, translateUsage)
		}
		if i == 0 {
			value = a.Value
			continue
		}
		switch word(a.Value) {
		case "noop":
			if n.noop {
				return nil, call.Errorf(a.Pos, "{%% %s %%}: the noop option was given more than once", call.Name())
			}
			n.noop = true
		case "context":
			if n.msgctxt != nil {
				return nil, call.Errorf(a.Pos, "{%% %s %%}: the context option was given more than once", call.Name())
			}
			if i+1 >= len(args.Args) {
				return nil, call.Errorf(a.Pos, "{%% %s %%}: context needs a value; usage: %s", call.Name(), translateUsage)
			}
			i++
			if w := word(args.Args[i].Value); w == "noop" || w == "context" {
				return nil, call.Errorf(args.Args[i].Pos, "{%% %s %%}: %s is an option, not a value for context; usage: %s", call.Name(), w, translateUsage)
			}
			n.msgctxt = call.Expr(args.Args[i].Value)
		default:
			return nil, call.Errorf(a.Pos, "{%% %s %%}: unknown argument %s; usage: %s", call.Name(), a.Value, translateUsage)
		}
	}
	// Django translates the value and then applies its filters:
	// {% translate "Page not found"|upper %} is the upper-cased translation.
	n.value = call.Operand(value, func(x render.Expr) render.Expr {
		return &translatedExpr{x: x, msgctxt: n.msgctxt, noop: n.noop}
	})
	if n.as != "" {
		call.Bind(n.as)       // later nodes read it: it is not a free variable
		call.OrderDependent() // and they must read it after it is set
	}
	return n, nil
}

// translatedExpr is the value of a {% translate %} before its filters:
// the operand translated (its percent signs doubled, as Django's catalogs
// have them), or as it is with noop. A safe operand stays safe.
type translatedExpr struct {
	x, msgctxt render.Expr
	noop       bool
}

func (e *translatedExpr) Eval(s *render.State) (any, *render.Future, error) {
	v, wait, err := e.x.Eval(s)
	if wait != nil || err != nil {
		return nil, wait, err
	}
	if _, missing := v.(render.Undefined); missing {
		v = s.Run.Env.StringIfInvalid
	}
	if e.noop {
		return v, nil, nil
	}
	var msgctxt string
	if e.msgctxt != nil {
		c, wait, err := e.msgctxt.Eval(s)
		if wait != nil || err != nil {
			return nil, wait, err
		}
		msgctxt = render.String(c)
	}
	text := s.Gettext(msgctxt, strings.ReplaceAll(render.String(v), "%", "%%"))
	if _, safe := v.(render.SafeString); safe {
		return render.SafeString(text), nil, nil
	}
	return text, nil, nil
}

// word is the name of a bare variable, or "".
func word(e parser.Expr) string {
	if v, ok := e.(*parser.Variable); ok {
		return v.Name
	}
	return ""
}

func (n *translateNode) Render(s *render.State, out *render.Out) error {
	// Waiting in place: with "as" the node binds a name later nodes
	// read; without, it is one small value (a deferral costs more).
	v, _, err := compiler.Consume(s, out, n.pos, "{% translate %}", n.value, true, n)
	if err != nil {
		return err
	}
	if _, missing := v.(render.Undefined); missing {
		v = s.Run.Env.StringIfInvalid
	}
	// Django restores the doubled percent signs after the filters, noop
	// or not.
	var result any = strings.ReplaceAll(render.String(v), "%%", "%")
	if _, safe := v.(render.SafeString); safe {
		result = render.SafeString(result.(string))
	}
	if n.as != "" {
		s.Scope.Set(n.as, result)
		return nil
	}
	out.WriteValue(s, result)
	return nil
}

// languageNode is {% language code %}…{% endlanguage %}: the body renders
// in that language.
type languageNode struct {
	code    render.Expr
	body    render.Nodes
	ordered bool
	pos     render.Pos
}

func compileLanguage(call *compiler.TagCall) (render.Node, error) {
	code, err := call.OneArg("a language code", `{% language "fr" %}…{% endlanguage %}`)
	if err != nil {
		return nil, err
	}
	body, ordered := call.Ordered(call.Node.Body)
	return &languageNode{code: code, body: body, ordered: ordered, pos: call.Pos(call.Node.Pos)}, nil
}

func (n *languageNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := compiler.Consume(s, out, n.pos, "{% language %}", n.code, n.ordered, n)
	if deferred || err != nil {
		return err
	}
	saved := s.Language
	s.Language = render.String(v)
	err = n.body.Render(s, out)
	s.Language = saved
	return err
}
