package braid

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/internal/stdlib"
	"github.com/braidtpl/braid/libraries/cache"
	"github.com/braidtpl/braid/libraries/i18n"
	"github.com/braidtpl/braid/libraries/static"
	"github.com/braidtpl/braid/render"
)

// Custom tags, per engine, in Django's shapes: simple tags, inclusion tags
// and tags with a compile function of their own (see the types' docs).
type (
	// Tag is a custom tag: a SimpleTag, an InclusionTag or a BlockTag.
	Tag = compiler.Tag
	// SimpleTag is a Go function called with the tag's arguments; its
	// result is printed, or bound with "as name".
	SimpleTag = compiler.SimpleTag
	// InclusionTag renders a template with the data its function returns.
	InclusionTag = compiler.InclusionTag
	// BlockTag compiles itself, with a body up to its end tag if it has one.
	BlockTag = compiler.BlockTag
	// TagCall is one use of a BlockTag being compiled.
	TagCall = compiler.TagCall
)

// Library is a named set of tags and filters that a template makes
// available with {% load name %} (or {% load a b from name %}), as
// Django's template libraries.
type Library struct {
	Tags map[string]Tag
	// Filters take the shapes WithFilter takes.
	Filters map[string]any
}

// WithTag gives every template of the engine the tag name, without
// {% load %} (Django's builtins).
func WithTag(name string, tag Tag) Option {
	return func(e *Engine) {
		e.ownTags()
		e.tags[name] = tag
	}
}

// WithLibrary registers lib under name for {% load name %}. A definition
// that cannot work (a tag function of the wrong shape, a filter of an
// unsupported one) is reported by the engine's first Template or
// FromString call, naming the tag.
func WithLibrary(name string, lib Library) Option {
	return func(e *Engine) {
		c := &compiler.Library{Tags: maps.Clone(lib.Tags), Filters: map[string]*render.Filter{}}
		for _, f := range slices.Sorted(maps.Keys(lib.Filters)) {
			impl, err := adaptFilter(lib.Filters[f])
			if err != nil {
				e.setErr(fmt.Errorf("braid.WithLibrary(%q): filter %q: %w", name, f, err))
				continue
			}
			c.Filters[f] = impl
		}
		if e.libraries == nil {
			e.libraries = map[string]*compiler.Library{}
		}
		e.libraries[name] = c
	}
}

// StaticConfig says how {% load static %} makes URLs: the static and media
// prefixes (Django's STATIC_URL, default "/static/", and MEDIA_URL), and
// optionally a function from a static file's path to its URL.
type StaticConfig = static.Config

// WithStatic configures Django's static library ({% load static %}:
// {% static "css/site.css" %}, {% get_static_prefix %},
// {% get_media_prefix %}).
func WithStatic(cfg StaticConfig) Option {
	return func(e *Engine) { e.static = cfg }
}

// standardLibraries adds Django's standard libraries that braid provides
// to the engine's, unless the engine registered its own under the name.
func (e *Engine) standardLibraries() {
	std := stdlib.Libraries(stdlib.Config{Static: e.static, Languages: e.languages, CacheStore: e.cacheStore})
	for name, lib := range std {
		if _, own := e.libraries[name]; own {
			continue
		}
		if e.libraries == nil {
			e.libraries = map[string]*compiler.Library{}
		}
		e.libraries[name] = lib
	}
}

// Translator translates templates' messages into a language (Django's
// gettext): see WithTranslator.
type Translator = render.Translator

// Language is a language a site offers, for {% load i18n %}'s
// get_available_languages and the language-info filters.
type Language = i18n.Language

// WithTranslator sets how {% translate %} and _("…") translate; without
// one, a message is its own text. lang tells a render's language from its
// context (a request's choice, set by a middleware); nil, or "", is
// defaultLang, and "" for that is "en-us".
func WithTranslator(t Translator, lang func(ctx context.Context) string, defaultLang string) Option {
	return func(e *Engine) {
		e.env.Translator, e.env.Language, e.env.DefaultLanguage = t, lang, defaultLang
	}
}

// WithLanguages sets the languages a site offers (Django's LANGUAGES), for
// get_available_languages and the language-info filters; the default is
// English only.
func WithLanguages(langs ...Language) Option {
	return func(e *Engine) { e.languages = langs }
}

// CacheStore keeps the fragments of {% load cache %}'s {% cache %} tag.
type CacheStore = cache.Store

// WithCacheStore sets where {% cache %} keeps fragments (Django's cache
// backend); the default is in memory, 10,000 fragments, per engine.
func WithCacheStore(store CacheStore) Option {
	return func(e *Engine) { e.cacheStore = store }
}
