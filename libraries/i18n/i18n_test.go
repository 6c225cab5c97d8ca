package i18n_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
)

// catalog is a Translator over a table: lang → "msgctxt\x04msgid" → msgstr
// (plural forms as "|"-separated msgstrs, chosen by the language's rule).
type catalog map[string]map[string]string

func (c catalog) Translate(lang, msgctxt, msgid string) string {
	key := msgid
	if msgctxt != "" {
		key = msgctxt + "\x04" + msgid
	}
	if s, ok := c[lang][key]; ok {
		return s
	}
	return msgid
}

func (c catalog) TranslatePlural(lang, msgctxt, singular, plural string, n int) string {
	forms, ok := c[lang][singular]
	if !ok {
		if n == 1 {
			return singular
		}
		return plural
	}
	f := strings.Split(forms, "|")
	if lang == "fr" && n > 1 || lang != "fr" && n != 1 {
		return f[1]
	}
	return f[0]
}

var testCatalog = catalog{
	"fr": {"Hello": "Bonjour", "month\x04May": "mai", "May": "peut", "100%%": "100%% sûr", "French": "français", "Hi %(name)s": "Salut %(name)s"},
	"de": {"Hello": "Hallo"},
}

type langKey struct{}

func engine() *braid.Engine {
	return braid.New(
		braid.WithTranslator(testCatalog, func(ctx context.Context) string { l, _ := ctx.Value(langKey{}).(string); return l }, "en"),
		braid.WithLanguages(
			braid.Language{Code: "en", Name: "English", NameLocal: "English"},
			braid.Language{Code: "fr", Name: "French", NameLocal: "français"},
			braid.Language{Code: "ar", Name: "Arabic", NameLocal: "العربيّة", Bidi: true},
		),
	)
}

// TestTranslate checks {% translate %} and the language tags as Django
// documents them, in French.
func TestTranslate(t *testing.T) {
	eng := engine()
	ctx := context.WithValue(context.Background(), langKey{}, "fr")
	for _, tt := range []struct{ src, want string }{
		{`{% translate "Hello" %} {% trans "Hello" %}`, "Bonjour Bonjour"},
		{`{% translate "May" context "month" %} {% translate "May" %}`, "mai peut"},
		{`{% translate "Hello" noop %}`, "Hello"},
		{`{% translate "Hello" as h %}{{ h|upper }}`, "BONJOUR"},
		{`{% translate greeting %}`, "Bonjour"},
		{`{% translate "<b>" %}|{% translate markup %}`, "<b>|&lt;b&gt;"},
		{`{% translate "100%" %}`, "100% sûr"},
		{`{% translate nothing %}|`, "|"},
		{`{% language "de" %}{% translate "Hello" %}{% get_current_language as L %}{{ L }}{% endlanguage %} {% get_current_language as L %}{{ L }}`, "Hallode fr"},
		{`{% get_current_language_bidi as b %}{{ b }} {% language "ar" %}{% get_current_language_bidi as b %}{{ b }}{% endlanguage %}`, "False True"},
		{`{% get_available_languages as langs %}{% for code, name in langs %}{{ code }}={{ name }};{% endfor %}`, "en=English;fr=français;ar=Arabic;"},
		{`{{ "fr"|language_name }} {{ "fr"|language_name_local }} {{ "ar"|language_bidi }} {{ "fr-ca"|language_name_translated }}`, "French français True français"},
		// Django translates the value, then applies the filters.
		{`{% translate "Hello"|upper %} {% translate greeting|slice:"3" %} {% translate "Hello"|upper as h %}{{ h }}`, "BONJOUR Bon BONJOUR"},
		{`{% translate "May"|capfirst context "month" %} {% translate "Hello"|upper noop %}`, "Mai HELLO"},
		// Languages the engine does not list come from Django's LANG_INFO.
		{`{{ "de"|language_name_local }} {{ "zh-cn"|language_name }} {{ "he"|language_bidi }}`, "Deutsch Simplified Chinese True"},
	} {
		tpl, err := eng.FromString("{% load i18n %}" + tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(ctx, map[string]any{"greeting": "Hello", "markup": "<b>"})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}

// TestTranslateErrors checks the tags' positioned errors.
func TestTranslateErrors(t *testing.T) {
	eng := engine()
	for _, tt := range []struct{ src, want string }{
		{`{% translate %}`, "1:16: {% translate %} takes at least one argument"},
		{`{% translate "x" bogus %}`, "1:33: {% translate %}: unknown argument bogus"},
		{`{% translate "x" context %}`, "{% translate %}: context needs a value"},
		{`{% get_current_language %}`, "{% get_current_language %}: usage: {% get_current_language as name %}"},
		{`{% language %}{% endlanguage %}`, "{% language %} takes one argument"},
		{`{{ "xx"|language_name }}`, `unknown language code "xx"`},
		{`{% translate "x" noop noop %}`, "the noop option was given more than once"},
		{`{% translate "x" context "a" context "b" %}`, "the context option was given more than once"},
		{`{% translate "x" context noop %}`, "noop is an option, not a value for context"},
	} {
		tpl, err := eng.FromString("{% load i18n %}" + tt.src)
		if err == nil {
			_, err = tpl.RenderString(context.Background(), nil)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestTranslatePending checks a pending message and language in both
// modes.
func TestTranslatePending(t *testing.T) {
	for _, opt := range []braid.Option{braid.WithConcurrency(4), braid.WithSequential()} {
		eng := braid.New(opt, braid.WithTranslator(testCatalog, nil, "fr"))
		tpl, _ := eng.FromString(`{% load i18n %}[{% translate msg %}][{% language lang %}{% translate "Hello" %}{% endlanguage %}]`)
		got, err := tpl.RenderString(context.Background(), map[string]any{
			"msg":  func(context.Context) (string, error) { return "Hello", nil },
			"lang": func(context.Context) (string, error) { return "de", nil },
		})
		if err != nil || got != "[Bonjour][Hallo]" {
			t.Errorf("%q, %v", got, err)
		}
	}
}

func ExampleLibrary() {
	eng := braid.New(braid.WithTranslator(testCatalog, nil, "fr"))
	tpl, _ := eng.FromString(`{% load i18n %}<h1>{% translate "Hello" %}</h1>{% language "en" %}{% translate "Hello" %}{% endlanguage %}`)
	out, _ := tpl.RenderString(context.Background(), nil)
	fmt.Println(out)
	// Output:
	// <h1>Bonjour</h1>Hello
}

// TestBlocktranslate checks {% blocktranslate %} as Django documents it.
func TestBlocktranslate(t *testing.T) {
	cat := catalog{"fr": {
		"Hi %(name)s":                "Salut %(name)s",
		"There is %(counter)s apple": "Il y a %(counter)s pomme|Il y a %(counter)s pommes",
		"greeting\x04Hi %(name)s":    "Coucou %(name)s",
		"100%% of %(name)s":          "100%% de %(name)s",
		"Bad %(name)s":               "Mauvais %(nom)s",
		"a b c":                      "A B C",
	}}
	eng := braid.New(braid.WithTranslator(cat, nil, "fr"))
	for _, tt := range []struct{ src, want string }{
		{`{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}`, "Salut &lt;ann&gt;"},
		{`{% blocktrans with name=user.name|upper %}Hi {{ name }}{% endblocktrans %}`, "Salut &lt;ANN&gt;"},
		{`{% blocktranslate context "greeting" %}Hi {{ name }}{% endblocktranslate %}`, "Coucou &lt;ann&gt;"},
		{`{% blocktranslate count counter=apples|length %}There is {{ counter }} apple{% plural %}There are {{ counter }} apples{% endblocktranslate %}`, "Il y a 3 pommes"},
		{`{% blocktranslate count counter=1 %}There is {{ counter }} apple{% plural %}There are {{ counter }} apples{% endblocktranslate %}`, "Il y a 1 pomme"},
		{`{% blocktranslate %}100% of {{ name }}{% endblocktranslate %}`, "100% de &lt;ann&gt;"},
		{`{% blocktranslate %}Bad {{ name }}{% endblocktranslate %}`, "Bad &lt;ann&gt;"},
		{"{% blocktranslate trimmed %}\n  a\n  b\n  c\n{% endblocktranslate %}", "A B C"},
		{`{% blocktranslate asvar msg %}Hi {{ name }}{% endblocktranslate %}[{{ msg }}]`, "[Salut &lt;ann&gt;]"},
		{`{% blocktranslate %}Hi {{ nobody }}{% endblocktranslate %}`, "Hi "},
		// Django's older forms: "with value as name [and …]", "count value as name".
		{`{% blocktrans with user.name|upper as name %}Hi {{ name }}{% endblocktrans %}`, "Salut &lt;ANN&gt;"},
		{`{% blocktrans with name as a and user.name|lower as b %}{{ a }}+{{ b }}{% endblocktrans %}`, "&lt;ann&gt;+&lt;ann&gt;"},
		{`{% blocktranslate count apples|length as counter %}There is {{ counter }} apple{% plural %}There are {{ counter }} apples{% endblocktranslate %}`, "Il y a 3 pommes"},
		{`{% blocktranslate with name as who count 1 as counter %}{{ who }}: {{ counter }}{% plural %}{{ who }}: {{ counter }}s{% endblocktranslate %}`, "&lt;ann&gt;: 1"},
	} {
		tpl, err := eng.FromString("{% load i18n %}" + tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{
			"name": "<ann>", "user": map[string]any{"name": "<ann>"}, "apples": []int{1, 2, 3},
		})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
	for _, tt := range []struct{ src, want string }{
		{`{% blocktranslate %}{{ user.name }}{% endblocktranslate %}`, "allows only simple variables"},
		{`{% blocktranslate %}{% if x %}{% endif %}{% endblocktranslate %}`, "allows no tags inside it"},
		{`{% blocktranslate %}a{% plural %}b{% endblocktranslate %}`, "{% plural %} needs count"},
		{`{% blocktranslate count n=1 %}a{% endblocktranslate %}`, "count needs a {% plural %} form"},
		{`{% blocktranslate bogus %}a{% endblocktranslate %}`, "unknown argument bogus"},
		{`{% blocktranslate with a=1 with %}a{% endblocktranslate %}`, "the with option was given more than once"},
		{`{% blocktranslate count n="1" %}{{ n }}{% plural %}{{ n }}s{% endblocktranslate %}`, "the count must be a number, not string"},
	} {
		tpl, err := eng.FromString("{% load i18n %}" + tt.src)
		if err == nil {
			_, err = tpl.RenderString(context.Background(), nil)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.src, err, tt.want)
		}
	}
}

// TestBlocktranslatePending checks pending values inside blocktranslate's
// with (lazy values, one per loop item) in a concurrent and a sequential
// render: the same messages, in order.
func TestBlocktranslatePending(t *testing.T) {
	cat := catalog{"fr": {"Hi %(name)s": "Salut %(name)s"}}
	for _, opt := range []braid.Option{braid.WithConcurrency(4), braid.WithSequential()} {
		eng := braid.New(opt, braid.WithTranslator(cat, nil, "fr"))
		tpl, err := eng.FromString(`{% load i18n %}{% for u in users %}{% blocktranslate with name=u.Name %}Hi {{ name }}{% endblocktranslate %};{% endfor %}`)
		if err != nil {
			t.Fatal(err)
		}
		users := []any{}
		for _, n := range []string{"a", "b", "c"} {
			users = append(users, map[string]any{"Name": func(context.Context) (string, error) { return n, nil }})
		}
		got, err := tpl.RenderString(context.Background(), map[string]any{"users": users})
		if err != nil || got != "Salut a;Salut b;Salut c;" {
			t.Errorf("%q, %v", got, err)
		}
	}
}

// TestUnderscore checks _("…") in expressions, translated at render time.
func TestUnderscore(t *testing.T) {
	eng := braid.New(braid.WithTranslator(testCatalog, nil, "fr"))
	tpl, err := eng.FromString(`{{ _("Hello") }} {{ missing|default:_("Hello") }} {% firstof nothing _("Hello") %} {{ _("100%") }}`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := tpl.RenderString(context.Background(), nil)
	// Django prints _("100%") as "100%%": its Variable doubles the signs
	// for the catalog and nothing restores them.
	if want := "Bonjour Bonjour Bonjour 100%% sûr"; err != nil || got != want {
		t.Errorf("%q, %v; want %q", got, err, want)
	}
}

// TestLanguageInfo checks get_language_info and get_language_info_list.
func TestLanguageInfo(t *testing.T) {
	eng := engine()
	ctx := context.WithValue(context.Background(), langKey{}, "fr")
	for _, tt := range []struct{ src, want string }{
		{`{% get_language_info for "fr" as l %}{{ l.code }} {{ l.name }} {{ l.name_local }} {{ l.name_translated }} {{ l.bidi }}`, "fr French français français False"},
		{`{% get_language_info for "fr-ca" as l %}{{ l.code }}`, "fr"},
		{`{% get_language_info_list for codes as ls %}{% for l in ls %}{{ l.code }}:{{ l.bidi }};{% endfor %}`, "en:False;ar:True;"},
		{`{% get_available_languages as langs %}{% get_language_info_list for langs as ls %}{% for l in ls %}{{ l.name_local }};{% endfor %}`, "English;français;العربيّة;"},
	} {
		tpl, err := eng.FromString("{% load i18n %}" + tt.src)
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		got, err := tpl.RenderString(ctx, map[string]any{"codes": []string{"en", "ar"}})
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
	for _, src := range []string{`{% get_language_info "fr" as l %}`, `{% get_language_info for "fr" %}`, `{% get_language_info for "xx" as l %}`} {
		tpl, err := eng.FromString("{% load i18n %}" + src)
		if err == nil {
			_, err = tpl.RenderString(ctx, nil)
		}
		if err == nil {
			t.Errorf("%s: no error", src)
		}
	}
}
