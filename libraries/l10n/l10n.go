// Package l10n is Django's l10n template library ({% load l10n %}): the
// localize and unlocalize filters and the {% localize on|off %} tag, on
// braid's public tag-library API.
//
// braid formats values as Django does for its default locale and
// settings (en, no thousand separator), where localized and unlocalized
// output are the same text: so {% localize %} changes nothing yet, and
// both filters give the value as that text. Locale formats for other
// languages would make them differ.
package l10n

import (
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/render"
)

// Library returns the library.
func Library() *compiler.Library {
	return &compiler.Library{
		Tags: map[string]compiler.Tag{
			"localize": compiler.BlockTag{Body: true, Compile: compileLocalize},
		},
		Filters: map[string]*render.Filter{
			"localize":   {Fn: localize, Arg: render.ArgNone},
			"unlocalize": {Fn: localize, Arg: render.ArgNone},
		},
	}
}

// localize is Django's str(formats.localize(value)): numbers and
// datetimes as the template prints them (a datetime in its own zone: the
// filters do not convert it), other values as text, a safe string safe.
func localize(_ *render.State, in, _ any) (any, error) {
	switch v := in.(type) {
	case render.SafeString:
		return v, nil
	case float64:
		return render.LocalizeFloat(v), nil
	case time.Time:
		return filters.DateFormat(v, "N j, Y, P"), nil
	case render.ZonedTime:
		return filters.DateFormat(v.Time, "N j, Y, P"), nil
	case render.Undefined:
		return "", nil
	}
	return render.String(in), nil
}

// localizeNode is {% localize on|off %}…{% endlocalize %}.
type localizeNode struct{ body render.Nodes }

func compileLocalize(call *compiler.TagCall) (render.Node, error) {
	switch call.Node.Args {
	case "", "on", "off":
	default:
		return nil, call.Errorf(call.Node.Pos, "{%% localize %%}: the argument must be on or off, not %q", call.Node.Args)
	}
	return localizeNode{call.Nodes(call.Node.Body)}, nil
}

func (n localizeNode) Render(s *render.State, out *render.Out) error { return n.body.Render(s, out) }
