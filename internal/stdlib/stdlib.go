// Package stdlib is what every engine has beside the built-in tags and
// filters: braid's own tags ({% region %}) and Django's standard libraries
// ({% load i18n static … %}). The engine and the linter, which compiles as
// an engine does without being one, both take them from here.
package stdlib

import (
	"sync"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/libraries/cache"
	"github.com/braidtpl/braid/libraries/humanize"
	"github.com/braidtpl/braid/libraries/i18n"
	"github.com/braidtpl/braid/libraries/l10n"
	"github.com/braidtpl/braid/libraries/static"
	"github.com/braidtpl/braid/libraries/tz"
	"github.com/braidtpl/braid/render"
)

// Config is what the standard libraries take from an engine's options;
// the zero Config is Django's defaults.
type Config struct {
	Static     static.Config
	Languages  []i18n.Language
	CacheStore cache.Store
}

// Tags are braid's own tags, in every template without {% load %}.
func Tags() map[string]compiler.Tag {
	return map[string]compiler.Tag{"region": compiler.RegionTag()}
}

// Libraries are Django's standard libraries, by the names {% load %}
// takes. Those that hold no state and take no configuration (or the
// default one) are made once and shared, read-only, by every engine; the
// cache library, whose store holds fragments, is every engine's own.
func Libraries(cfg Config) map[string]*compiler.Library {
	fixed := fixedLibraries()
	libs := map[string]*compiler.Library{
		"tz":       fixed.tz,
		"humanize": fixed.humanize,
		"l10n":     fixed.l10n,
		"static":   fixed.static,
		"i18n":     fixed.i18n,
		"cache":    cache.Library(cfg.CacheStore),
	}
	if cfg.Static.StaticURL != "" || cfg.Static.MediaURL != "" || cfg.Static.URL != nil {
		libs["static"] = static.Library(cfg.Static)
	}
	if cfg.Languages != nil {
		libs["i18n"] = i18n.Library(i18n.Config{Languages: cfg.Languages})
	}
	return libs
}

// fixedLibraries are the standard libraries of the default configuration
// that hold no state, made on first use and only read afterwards.
var fixedLibraries = sync.OnceValue(func() (l struct{ tz, humanize, l10n, static, i18n *compiler.Library }) {
	l.tz, l.humanize, l.l10n = tz.Library(), humanize.Library(), l10n.Library()
	l.static, l.i18n = static.Library(static.Config{}), i18n.Library(i18n.Config{})
	return l
})

// Options are the compiler options of an engine with cfg: the built-in
// filters and braid's tags, with tags, filters and libraries of an
// application's over them (its libraries replace standard ones of the
// same name).
func Options(cfg Config, tags map[string]compiler.Tag, filterTable map[string]*render.Filter, libs map[string]*compiler.Library) compiler.Options {
	o := compiler.Options{Filters: filters.Builtins(), Tags: Tags(), Libraries: Libraries(cfg)}
	for n, t := range tags {
		o.Tags[n] = t
	}
	for n, f := range filterTable {
		o.Filters[n] = f
	}
	for n, l := range libs {
		o.Libraries[n] = l
	}
	return o
}
