// Package tz is Django's tz template library ({% load tz %}): the
// timezone and localtime tags, which set the time zone datetimes are shown
// in for their body, get_current_timezone, and the localtime, utc and
// timezone filters.
//
// It is written on braid's public tag-library API (package compiler). Time
// zones are looked up by name with time.LoadLocation, which needs the
// system's zoneinfo or a program that imports time/tzdata.
package tz

import (
	"fmt"
	"strings"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Library returns the library.
func Library() *compiler.Library {
	return &compiler.Library{
		Tags: map[string]compiler.Tag{
			"timezone":             compiler.BlockTag{Body: true, Compile: compileTimezone},
			"localtime":            compiler.BlockTag{Body: true, Compile: compileLocaltime},
			"get_current_timezone": compiler.BlockTag{Stateful: true, Compile: compileGetCurrent},
		},
		Filters: map[string]*render.Filter{
			"localtime": {Fn: localtimeFilter, Arg: render.ArgNone},
			"utc":       {Fn: utcFilter, Arg: render.ArgNone},
			"timezone":  {Fn: timezoneFilter, Arg: render.ArgRequired},
		},
	}
}

// zone turns a tag's or filter's argument into a time zone: a
// *time.Location, or a name for time.LoadLocation. None (nil) is the
// engine's default zone, as deactivating the current one is in Django.
func zone(s *render.State, v any) (*time.Location, error) {
	switch v := v.(type) {
	case *time.Location:
		return v, nil
	case nil, render.Undefined:
		if loc := s.Run.Env.Location; loc != nil {
			return loc, nil
		}
		return time.UTC, nil
	case string, render.SafeString:
		name := render.String(v)
		loc, err := time.LoadLocation(name)
		if err != nil || name == "" || strings.EqualFold(name, "local") {
			return nil, fmt.Errorf("unknown time zone %q", name)
		}
		return loc, nil
	}
	return nil, fmt.Errorf("a time zone must be a name or a *time.Location, not %s", render.TypeName(v))
}

// timezoneNode is {% timezone tz %}…{% endtimezone %}.
type timezoneNode struct {
	x       render.Expr
	body    render.Nodes
	ordered bool
	pos     render.Pos
}

func compileTimezone(call *compiler.TagCall) (render.Node, error) {
	x, err := call.OneArg("a time zone", `{% timezone "Europe/Paris" %}…{% endtimezone %}`)
	if err != nil {
		return nil, err
	}
	body, ordered := call.Ordered(call.Node.Body)
	return &timezoneNode{x: x, body: body, ordered: ordered, pos: call.Pos(call.Node.Pos)}, nil
}

func (n *timezoneNode) Render(s *render.State, out *render.Out) error {
	v, deferred, err := compiler.Consume(s, out, n.pos, "{% timezone %}", n.x, n.ordered, n)
	if deferred || err != nil {
		return err
	}
	loc, err := zone(s, v)
	if err != nil {
		return s.Errorf(n.pos, err, "{%% timezone %%}")
	}
	saved := s.Zone
	s.Zone = loc
	err = n.body.Render(s, out)
	s.Zone = saved
	return err
}

// localtimeNode is {% localtime on|off %}…{% endlocaltime %}.
type localtimeNode struct {
	off  bool
	body render.Nodes
}

func compileLocaltime(call *compiler.TagCall) (render.Node, error) {
	n := &localtimeNode{body: call.Nodes(call.Node.Body)}
	switch call.Node.Args {
	case "", "on":
	case "off":
		n.off = true
	default:
		return nil, call.Errorf(call.Node.Pos, "{%% localtime %%}: the argument must be on or off, not %q", call.Node.Args)
	}
	return n, nil
}

func (n *localtimeNode) Render(s *render.State, out *render.Out) error {
	saved := s.NoLocalTime
	s.NoLocalTime = n.off
	err := n.body.Render(s, out)
	s.NoLocalTime = saved
	return err
}

// getCurrentNode is {% get_current_timezone as name %}.
type getCurrentNode struct{ as string }

func compileGetCurrent(call *compiler.TagCall) (render.Node, error) {
	toks := call.Node.Tokens
	if len(toks) != 2 || toks[0].Text != "as" || toks[1].Kind != parser.IdentToken {
		return nil, call.Errorf(call.Node.Pos, "{%% get_current_timezone %%}: usage: {%% get_current_timezone as name %%}")
	}
	return &getCurrentNode{as: toks[1].Text}, nil
}

func (n *getCurrentNode) Render(s *render.State, _ *render.Out) error {
	name := "UTC"
	if z := s.CurrentZone(); z != nil {
		name = z.String()
	}
	s.Scope.Set(n.as, name)
	return nil
}

// localtimeFilter is {{ t|localtime }}: t in the current time zone, even
// under {% localtime off %}; "" for what is not a datetime.
func localtimeFilter(s *render.State, in, _ any) (any, error) {
	t, _, ok := render.AsTime(in)
	if !ok {
		return "", nil
	}
	if z := s.CurrentZone(); z != nil {
		t = t.In(z)
	}
	return pinned(t), nil
}

// utcFilter is {{ t|utc }}.
func utcFilter(_ *render.State, in, _ any) (any, error) {
	t, _, ok := render.AsTime(in)
	if !ok {
		return "", nil
	}
	return pinned(t.UTC()), nil
}

// timezoneFilter is {{ t|timezone:"Europe/Paris" }}; "" for what is not
// a datetime or an unknown zone, as in Django.
func timezoneFilter(s *render.State, in, arg any) (any, error) {
	t, _, ok := render.AsTime(in)
	if !ok {
		return "", nil
	}
	loc, err := zone(s, arg)
	if err != nil {
		return "", nil
	}
	return pinned(t.In(loc)), nil
}

// pinned marks a converted datetime so that showing it does not convert
// it again (Django's convert_to_local_time = False).
func pinned(t time.Time) render.ZonedTime { return render.ZonedTime{Time: t} }
