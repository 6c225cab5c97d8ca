package gettext_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"testing"
	"testing/fstest"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/libraries/i18n/gettext"
	"github.com/braidtpl/braid/render"
)

var _ render.Translator = (*gettext.Catalogs)(nil)

type langKey struct{}

// TestEngine renders {% translate %} and {% blocktranslate count %}
// through the engine with the Russian catalog.
func TestEngine(t *testing.T) {
	cats, err := gettext.Load(os.DirFS("testdata/locale"), "django")
	if err != nil {
		t.Fatal(err)
	}
	eng := braid.New(braid.WithTranslator(cats, func(ctx context.Context) string {
		l, _ := ctx.Value(langKey{}).(string)
		return l
	}, "en"))
	tpl, err := eng.FromString(`{% load i18n %}{% translate "Hello" %}, {% translate "May" context "month" %}: ` +
		`{% blocktranslate count counter=n %}{{ counter }} apple{% plural %}{{ counter }} apples{% endblocktranslate %}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 1, "Привет, май: 1 яблоко"},
		{"ru", 2, "Привет, май: 2 яблока"},
		{"ru", 5, "Привет, май: 5 яблок"},
		{"ru", 21, "Привет, май: 21 яблоко"},
		{"fr", 0, "Bonjour, mai: 0 pomme"},
		{"pt-br", 2, "Oi, May: 2 maçãs"},
		{"", 1, "Hello, May: 1 apple"}, // "en": no catalog
		{"", 3, "Hello, May: 3 apples"},
	} {
		ctx := context.WithValue(context.Background(), langKey{}, tt.lang)
		got, err := tpl.RenderString(ctx, map[string]any{"n": tt.n})
		if err != nil || got != tt.want {
			t.Errorf("%s n=%d: %q, %v; want %q", tt.lang, tt.n, got, err, tt.want)
		}
	}
}

func ExampleLoad() {
	locale := fstest.MapFS{
		"fr/LC_MESSAGES/django.po": {Data: []byte(`msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Hello"
msgstr "Bonjour"

#, python-format
msgid "%(counter)s apple"
msgid_plural "%(counter)s apples"
msgstr[0] "%(counter)s pomme"
msgstr[1] "%(counter)s pommes"
`)},
	}
	cats, err := gettext.Load(locale, "django")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cats.Languages())
	fmt.Println(cats.Translate("fr", "", "Hello"))
	fmt.Println(cats.Translate("de", "", "Hello"))
	for _, n := range []int{0, 1, 2} {
		fmt.Println(cats.TranslatePlural("fr", "", "%(counter)s apple", "%(counter)s apples", n))
	}

	// A malformed catalog names its file and line.
	locale["fr/LC_MESSAGES/django.po"] = &fstest.MapFile{Data: []byte("msgid \"Hello\"\nmsgstr \"Bonjour\n")}
	_, err = gettext.Load(locale, "django")
	fmt.Println(err)
	// Output:
	// [fr]
	// Bonjour
	// Hello
	// %(counter)s pomme
	// %(counter)s pomme
	// %(counter)s pommes
	// fr/LC_MESSAGES/django.po:2: unterminated string
}
