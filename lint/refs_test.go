package lint

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestRefs(t *testing.T) {
	c, err := New(fstest.MapFS{}, Config{Tags: Tags{"panel": {Body: true}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"none", "{{ x }}{% include name %}", []string{}},
		{"extends, include, import", `{% extends "base.html" %}{% block b %}{% include "card.html" %}{% import "m.html" a %}{% endblock %}`, []string{"base.html", "card.html", "m.html"}},
		{"relative, once", `{% include "./card.html" %}{% include "../x.html" %}{% include "sub/card.html" %}`, []string{"sub/card.html", "x.html"}},
		{"a partial names its template", `{% include "page.html#row" %}`, []string{"page.html"}},
		{"ssi is not a template", `{% ssi "/etc/motd" %}`, []string{}},
		{"inside a custom block tag", `{% panel %}{% include "in.html" %}{% endpanel %}`, []string{"in.html"}},
		{"with syntax errors", `{% include "a.html" %}{% if %}{% include "b.html" %}{% endif %}`, []string{"a.html", "b.html"}},
		{"not a valid name", `{% include "../../up.html" %}`, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := c.Refs("sub/page.html", tc.src)
			if got == nil {
				got = []string{}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Refs (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLibraries(t *testing.T) {
	std := Libraries(Config{})
	if diff := cmp.Diff([]string{"cache", "humanize", "i18n", "l10n", "static", "tz"}, slices.Sorted(maps.Keys(std))); diff != "" {
		t.Errorf("standard libraries (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		lib, tag string
		want     Tag
	}{
		{"i18n", "trans", Tag{Name: "trans"}},
		{"i18n", "blocktranslate", Tag{Name: "blocktranslate", Body: true, Intermediates: []string{"plural"}}},
		{"cache", "cache", Tag{Name: "cache", Body: true}},
		{"static", "static", Tag{Name: "static"}},
	} {
		got, ok := std[tc.lib].Tags[tc.tag]
		if !ok {
			t.Errorf("%s has no tag %s", tc.lib, tc.tag)
			continue
		}
		got.Stateful = false // not what this test is about
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s's %s (-want +got):\n%s", tc.lib, tc.tag, diff)
		}
	}
	if _, ok := std["humanize"].Filters["intcomma"]; !ok {
		t.Error("humanize has no intcomma")
	}
	// The application's library replaces a standard one of its name.
	own := Libraries(Config{Libraries: map[string]Library{"static": {Filters: Filters{"cdn": {}}}, "shop": {Tags: Tags{"cart": {Body: true}}}}})
	if diff := cmp.Diff(Library{Tags: Tags{}, Filters: Filters{"cdn": {Name: "cdn"}}}, own["static"]); diff != "" {
		t.Errorf("the application's static (-want +got):\n%s", diff)
	}
	if !own["shop"].Tags["cart"].Body {
		t.Errorf("shop's cart: %+v", own["shop"].Tags["cart"])
	}
}
