package braid_test

import (
	"context"
	"fmt"
	"strings"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
	brender "github.com/braidtpl/braid/render"
)

func ExampleSimpleTag() {
	// Django's @register.simple_tag: positional and keyword arguments,
	// defaults, and "as name".
	price := braid.SimpleTag{
		Fn:       func(cost float64, currency string) string { return fmt.Sprintf("%.2f %s", cost, currency) },
		Params:   []string{"cost", "currency"},
		Defaults: []any{"EUR"},
	}
	eng := braid.New(braid.WithTag("price", price))
	tpl, err := eng.FromString(`{% price item.Cost %} / {% price item.Cost currency="USD" as usd %}{{ usd }}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := tpl.RenderString(context.Background(), map[string]any{"item": map[string]any{"Cost": 9.5}})
	fmt.Println(out)
	// Output:
	// 9.50 EUR / 9.50 USD
}

func ExampleSimpleTag_pending() {
	// A tag function may take the render's context and return a pending
	// value: each use is fetched concurrently, and the page stays in order.
	user := braid.SimpleTag{Fn: func(ctx context.Context, id int) *braid.Future {
		return braid.Go(ctx, func(ctx context.Context) (string, error) { return fmt.Sprintf("user%d", id), nil })
	}}
	tpl, _ := braid.New(braid.WithTag("user", user)).FromString(`{% for id in ids %}{% user id %} {% endfor %}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"ids": []int{1, 2, 3}})
	fmt.Println(out)
	// Output:
	// user1 user2 user3
}

func ExampleInclusionTag() {
	// Django's @register.inclusion_tag: the function's result is the
	// data of a template rendered in place of the tag.
	sources := fstest.MapFS{"menu.html": {Data: []byte(`<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>`)}}
	menu := braid.InclusionTag{Template: "menu.html", Fn: func(n int) map[string]any {
		items := []string{"home", "blog", "about"}
		return map[string]any{"items": items[:n]}
	}}
	eng := braid.New(braid.WithFS(sources), braid.WithTag("menu", menu))
	tpl, _ := eng.FromString(`<nav>{% menu 2 %}</nav>`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// <nav><ul><li>home</li><li>blog</li></ul></nav>
}

// shoutNode renders its body upper-cased.
type shoutNode struct{ body brender.Nodes }

func (n shoutNode) Render(s *brender.State, out *brender.Out) error {
	buf := brender.NewCapture()
	if err := n.body.Render(s, buf); err != nil {
		return err
	}
	out.WriteString(strings.ToUpper(buf.String()))
	return nil
}

func ExampleBlockTag() {
	// Django's @register.tag with nodelist = parser.parse(("endshout",)):
	// the compile function gets the tag's body and returns its node.
	shout := braid.BlockTag{Body: true, Compile: func(call *braid.TagCall) (brender.Node, error) {
		if call.Node.Args != "" {
			return nil, call.Errorf(call.Node.Pos, "{%% shout %%} takes no arguments")
		}
		return shoutNode{call.Nodes(call.Node.Body)}, nil
	}}
	tpl, _ := braid.New(braid.WithTag("shout", shout)).FromString(`{% shout %}hello, {{ name }}{% endshout %}`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"name": "ann"})
	fmt.Println(out)
	// Output:
	// HELLO, ANN
}

func ExampleWithLibrary() {
	// A library's tags and filters are there after {% load %}, as in Django.
	shop := braid.Library{
		Tags:    map[string]braid.Tag{"total": braid.SimpleTag{Fn: func(a, b int) int { return a + b }}},
		Filters: map[string]any{"money": func(in any) any { return fmt.Sprintf("$%v", in) }},
	}
	eng := braid.New(braid.WithLibrary("shop", shop))
	tpl, _ := eng.FromString(`{% load shop %}{% total 2 3 as t %}{{ t|money }}`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	_, err := eng.FromString(`{% total 2 3 %}`)
	fmt.Println(err)
	// Output:
	// $5
	// string#2:1:1: {% total %} is a tag of the "shop" library: load it first with {% load shop %}
}

func ExampleWithStatic() {
	eng := braid.New(braid.WithStatic(braid.StaticConfig{StaticURL: "https://cdn.example.com/static/"}))
	tpl, _ := eng.FromString(`{% load static %}<img src="{% static "img/logo v2.png" %}">`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// <img src="https://cdn.example.com/static/img/logo%20v2.png">
}

// frenchOnly is a tiny Translator: French for "Hello", the text itself
// otherwise.
type frenchOnly struct{}

func (frenchOnly) Translate(lang, _, msgid string) string {
	if lang == "fr" && msgid == "Hello" {
		return "Bonjour"
	}
	return msgid
}

func (frenchOnly) TranslatePlural(_, _, singular, plural string, n int) string {
	if n == 1 {
		return singular
	}
	return plural
}

type langKey struct{}

func ExampleWithTranslator() {
	// The render's language comes from its context: a middleware would
	// put the request's there.
	eng := braid.New(braid.WithTranslator(frenchOnly{}, func(ctx context.Context) string {
		lang, _ := ctx.Value(langKey{}).(string)
		return lang
	}, "en"))
	tpl, _ := eng.FromString(`{% load i18n %}{% translate "Hello" %}, {{ _("Hello") }}`)
	for _, lang := range []string{"fr", "en"} {
		out, _ := tpl.RenderString(context.WithValue(context.Background(), langKey{}, lang), nil)
		fmt.Println(out)
	}
	// Output:
	// Bonjour, Bonjour
	// Hello, Hello
}

func ExampleWithLanguages() {
	eng := braid.New(braid.WithLanguages(
		braid.Language{Code: "en", Name: "English", NameLocal: "English"},
		braid.Language{Code: "de", Name: "German", NameLocal: "Deutsch"},
	))
	tpl, _ := eng.FromString(`{% load i18n %}{% get_available_languages as langs %}{% for code, name in langs %}{{ code }}:{{ code|language_name_local }} {% endfor %}`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// en:English de:Deutsch
}

// countingStore is a CacheStore that counts what it is asked to keep.
type countingStore struct {
	frags map[string]string
	sets  int
}

func (c *countingStore) Get(key string) (string, bool) { f, ok := c.frags[key]; return f, ok }
func (c *countingStore) Set(key, frag string, _ time.Duration) {
	c.frags[key] = frag
	c.sets++
}

func ExampleWithCacheStore() {
	store := &countingStore{frags: map[string]string{}}
	eng := braid.New(braid.WithCacheStore(store))
	tpl, _ := eng.FromString(`{% load cache %}{% cache 600 menu user %}menu of {{ user }}{% endcache %}`)
	for _, user := range []string{"ann", "ann", "bob"} {
		out, _ := tpl.RenderString(context.Background(), map[string]any{"user": user})
		fmt.Println(out)
	}
	fmt.Println(store.sets, "fragments rendered")
	// Output:
	// menu of ann
	// menu of ann
	// menu of bob
	// 2 fragments rendered
}

func ExampleWithTag() {
	eng := braid.New(braid.WithTag("year", braid.SimpleTag{Fn: func() int { return 2026 }}))
	tpl, _ := eng.FromString(`© {% year %}`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// © 2026
}

// product is an application's data, for Example_djangoTemplatetags.
type product struct {
	Name string
	New  bool
}

type cartKey struct{}

// Example_djangoTemplatetags is docs/django-tags.md's worked example: a
// Django templatetags module (simple tags with a default and with
// takes_context, an inclusion tag, a filter marked safe, a tag with a body)
// as a braid library.
func Example_djangoTemplatetags() {
	shop := braid.Library{
		Tags: map[string]braid.Tag{
			// @register.simple_tag def price(cost, currency="USD")
			"price": braid.SimpleTag{
				Fn:       func(cost float64, currency string) string { return fmt.Sprintf("%.2f %s", cost, currency) },
				Params:   []string{"cost", "currency"},
				Defaults: []any{"USD"},
			},
			// @register.simple_tag(takes_context=True): request data comes
			// from the render's context.Context.
			"cart_count": braid.SimpleTag{Fn: func(ctx context.Context) int {
				cart, _ := ctx.Value(cartKey{}).([]string)
				return len(cart)
			}},
			// @register.inclusion_tag("shop/badge.html")
			"badge": braid.InclusionTag{Template: "shop/badge.html", Fn: func(p product) map[string]any {
				return map[string]any{"name": p.Name, "new": p.New}
			}},
			// @register.tag with parser.parse(("endshout",))
			"shout": braid.BlockTag{Body: true, Compile: func(call *braid.TagCall) (brender.Node, error) {
				return shoutNode{call.Nodes(call.Node.Body)}, nil
			}},
		},
		Filters: map[string]any{
			// @register.filter(is_safe=True) returning mark_safe(…)
			"stars": func(in any) any {
				n, _ := in.(int)
				return braid.Safe(strings.Repeat("★", n))
			},
		},
	}
	sources := fstest.MapFS{
		"shop/badge.html": {Data: []byte(`<b>{{ name }}{% if new %} (new){% endif %}</b>`)},
		"page.html": {Data: []byte(`{% load shop %}{% badge item %} {% price item_cost %} {% price item_cost currency="EUR" as p %}{{ p }} ` +
			`{{ 3|stars }} {% shout %}{% cart_count %} in cart{% endshout %}`)},
	}
	eng := braid.New(braid.WithFS(sources), braid.WithLibrary("shop", shop))
	tpl, err := eng.Template("page.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.WithValue(context.Background(), cartKey{}, []string{"tea", "cups"})
	out, err := tpl.RenderString(ctx, map[string]any{"item": product{Name: "Teapot <XL>", New: true}, "item_cost": 19.5})
	fmt.Println(out, err)
	// Output:
	// <b>Teapot &lt;XL&gt; (new)</b> 19.50 USD 19.50 EUR ★★★ 2 IN CART <nil>
}
