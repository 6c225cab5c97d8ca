package main

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
)

// The tag libraries of Django's test suite (tests/template_tests/templatetags)
// that the template tests load, written again in Go with braid's tag API:
// the tests run braid's template language, and these are their fixtures.

// testLibrary is one library, under the module path a test class names.
type testLibrary struct {
	lib braid.Library
}

// echoTag is testtags.echo: the tag's words, joined by spaces.
var echoTag = braid.BlockTag{Compile: func(call *braid.TagCall) (render.Node, error) {
	return textNode(strings.Join(strings.Fields(call.Node.Args), " ")), nil
}}

type textNode string

func (t textNode) Render(s *render.State, out *render.Out) error {
	out.WriteString(string(t))
	return nil
}

// counterNode is custom.counter: a number that counts the node's renders.
type counterNode struct{ n *atomic.Int64 }

func (c counterNode) Render(s *render.State, out *render.Out) error {
	out.WriteString(fmt.Sprint(c.n.Add(1) - 1))
	return nil
}

func toInt(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case float64:
		return int(x), nil
	}
	return 0, fmt.Errorf("unsupported operand type(s) for -: %T and int", v)
}

var testLibraries = map[string]testLibrary{
	"template_tests.templatetags.testtags": {braid.Library{
		Tags:    map[string]braid.Tag{"echo": echoTag, "other_echo": echoTag},
		Filters: map[string]any{"upper": strings.ToUpper},
	}},
	"template_tests.templatetags.subpackage.echo": {braid.Library{
		Tags: map[string]braid.Tag{"echo2": braid.SimpleTag{Fn: func(a any) any { return a }}},
	}},
	"template_tests.templatetags.bad_tag": {braid.Library{
		Tags: map[string]braid.Tag{
			"badtag": braid.BlockTag{Compile: func(call *braid.TagCall) (render.Node, error) {
				return nil, errors.New("I am a bad tag")
			}},
			"badsimpletag": braid.SimpleTag{Fn: func() (string, error) { return "", errors.New("I am a bad simpletag") }},
		},
	}},
	"template_tests.templatetags.custom": {braid.Library{
		Tags: map[string]braid.Tag{
			"counter": braid.BlockTag{Stateful: true, Compile: func(call *braid.TagCall) (render.Node, error) {
				return counterNode{new(atomic.Int64)}, nil
			}},
			"minusone":  braid.SimpleTag{Fn: func(v any) (int, error) { i, err := toInt(v); return i - 1, err }},
			"minustwo":  braid.SimpleTag{Fn: func(v any) (int, error) { i, err := toInt(v); return i - 2, err }},
			"no_params": braid.SimpleTag{Fn: func() string { return "no_params - Expected result" }},
			"one_param": braid.SimpleTag{Fn: func(a any) string {
				return fmt.Sprintf("one_param - Expected result: %s", render.String(a))
			}},
		},
		Filters: map[string]any{
			"noop": func(in, arg any) (any, error) { return in, nil },
			"trim": func(in, arg any) (any, error) {
				n, err := toInt(arg)
				r := []rune(render.String(in))
				if err != nil || n > len(r) {
					return string(r), err
				}
				return string(r[:n]), nil
			},
			"make_data_div": func(in any) any {
				return braid.Safe(`<div data-name="` + render.String(in) + `"></div>`)
			},
		},
	}},
}

// djangoLanguages is Django's LANGUAGES with LANG_INFO, as runner.py sends
// it at the start.
var djangoLanguages []braid.Language
