package compiler

import (
	"maps"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// loadTag makes a library's tags and filters, or some of them, available
// to the rest of the template.
func (c *compiler) loadTag(n *parser.LoadNode) {
	for _, name := range n.Libraries {
		lib, ok := c.opts.Libraries[name]
		if !ok {
			c.errorCode(CodeLoadUnknown, n.Pos, "{%% load %s %%}: %q is not a registered tag library", name, name)
			continue
		}
		if len(n.Names) == 0 {
			for tag, t := range lib.Tags {
				c.addTag(tag, t)
			}
			for f, impl := range lib.Filters {
				c.addFilter(f, impl)
			}
			continue
		}
		for _, want := range n.Names {
			t, isTag := lib.Tags[want]
			f, isFilter := lib.Filters[want]
			if !isTag && !isFilter {
				c.errorCode(CodeLoadUnknown, n.Pos, "{%% load %s from %s %%}: the library has no tag or filter %q", want, name, want)
				continue
			}
			if isTag {
				c.addTag(want, t)
			}
			if isFilter {
				c.addFilter(want, f)
			}
		}
	}
}

// addTag makes a tag available from here on.
func (c *compiler) addTag(name string, t Tag) {
	if !c.ownTags {
		c.tags, c.ownTags = maps.Clone(c.opts.Tags), true
		if c.tags == nil {
			c.tags = map[string]Tag{}
		}
	}
	c.tags[name] = t
}

// addFilter makes a filter available from here on.
func (c *compiler) addFilter(name string, f *render.Filter) {
	if c.filters == nil {
		c.filters = map[string]*render.Filter{}
	}
	c.filters[name] = f
}
