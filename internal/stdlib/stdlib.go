// Package stdlib is what every engine has beside the built-in tags and
// filters: braid's own tags ({% region %}) and Django's standard libraries
// ({% load i18n static … %}). The engine and the linter, which compiles as
// an engine does without being one, both take them from here.
package stdlib

import (
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
// takes.
func Libraries(cfg Config) map[string]*compiler.Library {
	return map[string]*compiler.Library{
		"static":   static.Library(cfg.Static),
		"tz":       tz.Library(),
		"humanize": humanize.Library(),
		"i18n":     i18n.Library(i18n.Config{Languages: cfg.Languages}),
		"l10n":     l10n.Library(),
		"cache":    cache.Library(cfg.CacheStore),
	}
}

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
