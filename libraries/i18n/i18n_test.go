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
