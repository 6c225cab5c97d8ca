package lint

import (
	"maps"
	"slices"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/parser"
)

// Refs returns the templates that the template name, whose source is
// src, names with a literal in extends, include and import, resolved as
// the engine resolves names (a relative one from name; "page.html#card"
// names page.html), each once, sorted: the templates whose change can
// change its findings. A source with syntax errors gives the names its
// partial tree holds. Refs reads nothing and keeps nothing.
func (c *Checker) Refs(name, src string) []string {
	tree, _ := parser.Parse(name, src, c.popts...)
	u := &unit{name: name, src: src, tree: tree}
	seen := map[string]bool{}
	for _, r := range u.computeInfo().refs {
		if r.target != "" && r.kind != "ssi" {
			seen[r.target] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// Libraries returns the tag libraries {% load %} knows with cfg, by
// name, each with its tags and filters: Django's standard libraries
// (i18n, l10n, tz, static, humanize, cache), and cfg's over them (one of
// the same name replaces a standard one). A tag's Body and
// Intermediates say whether it has a body up to {% end<name> %}.
func Libraries(cfg Config) map[string]Library {
	copts := cfg.compilerOptions()
	out := make(map[string]Library, len(copts.Libraries))
	for n, l := range copts.Libraries {
		lib := Library{Tags: Tags{}, Filters: Filters{}}
		for t, tag := range l.Tags {
			d := Tag{Name: t}
			if b, ok := tag.(compiler.BlockTag); ok {
				d.Body, d.Intermediates, d.Stateful = b.Body, slices.Clone(b.Intermediates), b.Stateful
			}
			lib.Tags[t] = d
		}
		for f := range l.Filters {
			lib.Filters[f] = Filter{Name: f}
		}
		out[n] = lib
	}
	return out
}
