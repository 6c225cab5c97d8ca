// Package i18n is Django's i18n template library ({% load i18n %}), on
// braid's public tag-library API: {% translate %} (and {% trans %}),
// {% blocktranslate %} (and {% blocktrans %}), the current and available
// languages, {% language %}, and the language-info
// filters. Translations come from the engine's render.Translator (see
// braid.WithTranslator); without one a message is its own text.
//
// Catalogs: package gettext reads Django's .po and .mo files. Not yet
// here: blocktranslate's legacy "with a as b" and "count x as n" forms.
package i18n

import (
	"fmt"
	"slices"
	"strings"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// Language is one language a site offers (an entry of Django's
// LANGUAGES, with what LANG_INFO knows of it).
type Language struct {
	Code      string // "fr", "pt-br"
	Name      string // in English: "French"
	NameLocal string // in itself: "français"
	Bidi      bool   // written right to left
}

// Config is what the library knows of languages.
type Config struct {
	// Languages are the languages get_available_languages lists and the
	// language-info tags and filters know; nil: English only.
	Languages []Language
}

// bidiLanguages are Django's LANGUAGES_BIDI: the languages written right
// to left, by their base code.
var bidiLanguages = []string{"he", "ar", "ar-dz", "ckb", "fa", "ur"}

// Library returns the library for cfg.
func Library(cfg Config) *compiler.Library {
	if cfg.Languages == nil {
		cfg.Languages = []Language{{Code: "en", Name: "English", NameLocal: "English"}}
	}
	l := &lib{cfg: cfg}
	translate := compiler.BlockTag{Compile: l.compileTranslate}
	block := compiler.BlockTag{Body: true, Intermediates: []string{"plural"}, Compile: l.compileBlocktranslate}
	return &compiler.Library{
		Tags: map[string]compiler.Tag{
			"translate":                 translate,
			"trans":                     translate,
			"blocktranslate":            block,
			"blocktrans":                block,
			"get_current_language":      compiler.BlockTag{Stateful: true, Compile: asTag(func(s *render.State) any { return s.CurrentLanguage() })},
			"get_current_language_bidi": compiler.BlockTag{Stateful: true, Compile: asTag(func(s *render.State) any { return isBidi(s.CurrentLanguage()) })},
			"get_available_languages":   compiler.BlockTag{Stateful: true, Compile: asTag(l.available)},
			"language":                  compiler.BlockTag{Body: true, Compile: compileLanguage},
			"get_language_info":         compiler.BlockTag{Compile: l.compileInfo(false)},
			"get_language_info_list":    compiler.BlockTag{Compile: l.compileInfo(true)},
		},
		Filters: map[string]*render.Filter{
			"language_name":            {Fn: l.infoFilter(func(x Language) any { return x.Name })},
			"language_name_local":      {Fn: l.infoFilter(func(x Language) any { return x.NameLocal })},
			"language_name_translated": {Fn: l.translatedName},
			"language_bidi":            {Fn: l.infoFilter(func(x Language) any { return x.Bidi })},
		},
	}
}

type lib struct{ cfg Config }

// isBidi reports whether lang is written right to left.
func isBidi(lang string) bool {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return slices.Contains(bidiLanguages, base) || slices.Contains(bidiLanguages, strings.ToLower(lang))
}

// info finds a language by code among the engine's languages, then in
// Django's LANG_INFO (following its fallbacks: "zh-cn" is "zh-hans"), then
// by its base code as Django's get_language_info does ("pt-xx" falls back
// to "pt").
func (l *lib) info(code string) (Language, bool) {
	code = strings.ToLower(code)
	for _, x := range l.cfg.Languages {
		if strings.ToLower(x.Code) == code {
			return x, true
		}
	}
	if f, ok := djangoFallbacks[code]; ok {
		code = f
	}
	if x, ok := djangoLanguages[code]; ok {
		return x, true
	}
	if base, _, ok := strings.Cut(code, "-"); ok {
		return l.info(base)
	}
	return Language{}, false
}

// available is get_available_languages' value: [code, name] pairs, the
// names translated (Django's LANGUAGES are marked for translation).
func (l *lib) available(s *render.State) any {
	out := make([]any, len(l.cfg.Languages))
	for i, x := range l.cfg.Languages {
		out[i] = []any{x.Code, s.Gettext("", x.Name)}
	}
	return out
}

// infoFilter is a filter over a language code giving one piece of its
// info; an unknown code is an error, as Django's KeyError.
func (l *lib) infoFilter(piece func(Language) any) func(*render.State, any, any) (any, error) {
	return func(_ *render.State, in, _ any) (any, error) {
		x, ok := l.info(render.String(in))
		if !ok {
			return nil, fmt.Errorf("unknown language code %q", render.String(in))
		}
		return piece(x), nil
	}
}

// translatedName is language_name_translated: the English name translated
// into the current language.
func (l *lib) translatedName(s *render.State, in, _ any) (any, error) {
	x, ok := l.info(render.String(in))
	if !ok {
		return nil, fmt.Errorf("unknown language code %q", render.String(in))
	}
	return s.Gettext("", x.Name), nil
}

// asTag compiles "{% name as var %}", which binds what value gives.
func asTag(value func(*render.State) any) func(*compiler.TagCall) (render.Node, error) {
	return func(call *compiler.TagCall) (render.Node, error) {
		toks := call.Node.Tokens
		if len(toks) != 2 || toks[0].Text != "as" || toks[1].Kind != parser.IdentToken {
			return nil, call.Errorf(call.Node.Pos, "{%% %s %%}: usage: {%% %s as name %%}", call.Name(), call.Name())
		}
		return &bindNode{as: toks[1].Text, value: value}, nil
	}
}

// bindNode binds a name to a value the render knows.
type bindNode struct {
	as    string
	value func(*render.State) any
}

func (n *bindNode) Render(s *render.State, _ *render.Out) error {
	s.Scope.Set(n.as, n.value(s))
	return nil
}

// infoNode is {% get_language_info for code as name %} and
// {% get_language_info_list for codes as name %}: a dict of the
// language's code, name, name_local, name_translated and bidi (a list of
// them).
type infoNode struct {
	l    *lib
	x    render.Expr
	list bool
	as   string
	pos  render.Pos
}

func (l *lib) compileInfo(list bool) func(*compiler.TagCall) (render.Node, error) {
	return func(call *compiler.TagCall) (render.Node, error) {
		args, err := call.Args()
		if err != nil {
			return nil, err
		}
		if len(args.Args) != 2 || word(args.Args[0].Value) != "for" || args.Args[1].Name != "" || args.As == "" {
			return nil, call.Errorf(call.Node.Pos, "{%% %s %%}: usage: {%% %s for code as name %%}", call.Name(), call.Name())
		}
		call.Bind(args.As)
		call.OrderDependent()
		return &infoNode{l: l, x: call.Expr(args.Args[1].Value), list: list, as: args.As, pos: call.Pos(call.Node.Pos)}, nil
	}
}

func (n *infoNode) Render(s *render.State, out *render.Out) error {
	v, _, err := compiler.Consume(s, out, n.pos, "{% get_language_info %}", n.x, true, n)
	if err != nil {
		return err
	}
	if !n.list {
		info, err := n.info(s, v)
		if err != nil {
			return s.Errorf(n.pos, err, "{%% get_language_info %%}")
		}
		s.Scope.Set(n.as, info)
		return nil
	}
	items, ok := render.Items(v)
	if !ok {
		return s.Errorf(n.pos, nil, "{%% get_language_info_list %%}: not a list: %s", render.TypeName(v))
	}
	infos := make([]any, 0, len(items))
	for _, item := range items {
		// Django takes a code, or a (code, name) pair as LANGUAGES has.
		if pair, ok := render.Items(item); ok && len(pair) > 0 {
			if _, isStr := item.(string); !isStr {
				item = pair[0]
			}
		}
		info, err := n.info(s, item)
		if err != nil {
			return s.Errorf(n.pos, err, "{%% get_language_info_list %%}")
		}
		infos = append(infos, info)
	}
	s.Scope.Set(n.as, infos)
	return nil
}

// info is Django's get_language_info(code) as a template sees it.
func (n *infoNode) info(s *render.State, code any) (map[string]any, error) {
	x, ok := n.l.info(render.String(code))
	if !ok {
		return nil, fmt.Errorf("unknown language code %q", render.String(code))
	}
	return map[string]any{
		"code": x.Code, "name": x.Name, "name_local": x.NameLocal,
		"name_translated": s.Gettext("", x.Name), "bidi": x.Bidi,
	}, nil
}
