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
	for i := 0; i < len(args.Args); i++ {
		a := args.Args[i]
		if a.Name != "" {
			return nil, call.Errorf(a.Pos, "{%% %s %%}: unexpected %s=; usage: %s", call.Name(), a.Name, translateUsage)
		}
		if i == 0 {
			n.value = call.Expr(a.Value)
			continue
		}
		switch word(a.Value) {
		case "noop":
			n.noop = true
		case "context":
			if i+1 >= len(args.Args) {
				return nil, call.Errorf(a.Pos, "{%% %s %%}: context needs a value; usage: %s", call.Name(), translateUsage)
			}
			i++
			n.msgctxt = call.Expr(args.Args[i].Value)
		default:
			return nil, call.Errorf(a.Pos, "{%% %s %%}: unknown argument %s; usage: %s", call.Name(), a.Value, translateUsage)
		}
	}
	if n.as != "" {
		call.Bind(n.as)       // later nodes read it: it is not a free variable
		call.OrderDependent() // and they must read it after it is set
	}
	return n, nil
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
	var msgctxt string
	if n.msgctxt != nil {
		c, _, err := compiler.Consume(s, out, n.pos, "{% translate %}", n.msgctxt, true, n)
		if err != nil {
			return err
		}
		msgctxt = render.String(c)
	}
	if _, missing := v.(render.Undefined); missing {
		v = s.Run.Env.StringIfInvalid
	}
	text := render.String(v)
	_, safe := v.(render.SafeString)
	if !n.noop {
		// Django doubles the percent signs of a message (its catalogs
		// have them so), translates, and restores them.
		text = strings.ReplaceAll(s.Gettext(msgctxt, strings.ReplaceAll(text, "%", "%%")), "%%", "%")
	}
	var result any = text
	if safe {
		result = render.SafeString(text)
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
