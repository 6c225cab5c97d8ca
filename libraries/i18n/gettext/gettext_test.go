package gettext

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func load(t testing.TB, dir string) *Catalogs {
	t.Helper()
	c, err := Load(os.DirFS(dir), "django")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// forms are each test language's forms of "%(counter)s apple", by index.
var forms = map[string][]string{
	"fr": {"%(counter)s pomme", "%(counter)s pommes"},
	"ru": {"%(counter)s яблоко", "%(counter)s яблока", "%(counter)s яблок"},
	"ar": {"لا تفاح (%(counter)s)", "تفاحة واحدة (%(counter)s)", "تفاحتان (%(counter)s)", "%(counter)s تفاحات", "%(counter)s تفاحة", "%(counter)s تفاحة (100+)"},
	"ja": {"りんご%(counter)s個"},
}

// ns and wantForm: the form index for each n, worked out by hand from
// each language's Plural-Forms rule.
var ns = []int{0, 1, 2, 3, 5, 11, 21, 101, 111}

var wantForm = map[string][]int{
	// plural=(n > 1)
	"fr": {0, 0, 1, 1, 1, 1, 1, 1, 1},
	// n%10==1 && n%100!=11 ? 0 : n%10 in 2..4 && n%100 not in 10..19 ? 1 : 2
	"ru": {2, 0, 1, 1, 2, 2, 0, 0, 2},
	// 0→0, 1→1, 2→2, n%100 in 3..10 → 3, n%100 >= 11 → 4, else 5
	"ar": {0, 1, 2, 3, 3, 4, 4, 5, 4},
	// plural=0
	"ja": {0, 0, 0, 0, 0, 0, 0, 0, 0},
}

func TestTranslatePlural(t *testing.T) {
	for _, dir := range []string{"testdata/locale", "testdata/mo/le", "testdata/mo/be"} {
		c := load(t, dir)
		for lang, want := range wantForm {
			for i, n := range ns {
				if got := c.TranslatePlural(lang, "", "%(counter)s apple", "%(counter)s apples", n); got != forms[lang][want[i]] {
					t.Errorf("%s: %s n=%d: %q, want form %d %q", dir, lang, n, got, want[i], forms[lang][want[i]])
				}
			}
		}
		// With a context.
		for _, tt := range []struct {
			lang string
			n    int
			want string
		}{
			{"fr", 1, "pomme (fruit)"}, {"fr", 2, "pommes (fruit)"},
			{"ru", 21, "яблоко\t(фрукт)"}, {"ru", 3, "яблока\t(фрукт)"}, {"ru", 11, "яблок\t(фрукт)"},
			{"ar", 0, "ar-fruit-0"}, {"ar", 2, "ar-fruit-2"}, {"ar", 7, "ar-fruit-3"}, {"ar", 99, "ar-fruit-4"}, {"ar", 102, "ar-fruit-5"},
			{"ja", 5, "りんご（果物）"},
			{"de", 1, "apple"}, {"de", 0, "apples"}, // unknown language
		} {
			if got := c.TranslatePlural(tt.lang, "fruit", "apple", "apples", tt.n); got != tt.want {
				t.Errorf("%s: %s fruit n=%d: %q, want %q", dir, tt.lang, tt.n, got, tt.want)
			}
		}
		// Unknown message, and a context the message lacks.
		for _, lang := range []string{"fr", "ru", "ar", "ja"} {
			if got := c.TranslatePlural(lang, "", "pear", "pears", 1); got != "pear" {
				t.Errorf("%s: %s pear 1: %q", dir, lang, got)
			}
			if got := c.TranslatePlural(lang, "", "pear", "pears", 5); got != "pears" {
				t.Errorf("%s: %s pear 5: %q", dir, lang, got)
			}
			if got := c.TranslatePlural(lang, "", "apple", "apples", 0); got != "apples" {
				t.Errorf("%s: %s apple without context: %q", dir, lang, got)
			}
		}
	}
}

func TestTranslate(t *testing.T) {
	for _, dir := range []string{"testdata/locale", "testdata/mo/le", "testdata/mo/be"} {
		c := load(t, dir)
		long := "A long message on several lines."
		for _, tt := range []struct{ lang, ctx, id, want string }{
			{"fr", "", "Hello", "Bonjour"},
			{"fr", "month", "May", "mai"},
			{"fr", "verb", "May", "peut"},
			{"fr", "", "May", "May"}, // only with a context
			{"fr", "", long, "Un long message sur plusieurs lignes."},
			{"fr", "", "Tab\there, \"quoted\", back\\slash\nnew line", "Tab\tici, « A » A\\\r\a\b\f\v"},
			{"fr", "", "Good bye", "Good bye"},         // fuzzy
			{"fr", "", "Untranslated", "Untranslated"}, // empty msgstr
			{"fr", "", "Obsolete", "Obsolete"},         // #~
			{"fr", "", "", ""},                         // not the header
			{"fr", "", "%(counter)s apple", "%(counter)s apple"},
			{"ru", "", "Hello", "Привет"},
			{"ru", "month", "May", "май"},
			{"ru", "", long, "Длинное сообщение на нескольких строках."},
			{"ru", "", "Good bye", "Good bye"},
			{"ru", "", "Obsolete", "Obsolete"},
			{"ar", "", "Hello", "مرحبا"},
			{"ar", "month", "May", "مايو"},
			{"ar", "", long, "رسالة طويلة\nعلى عدة أسطر."},
			{"ar", "", "Good bye", "Good bye"},
			{"ja", "", "Hello", "こんにちは"},
			{"ja", "month", "May", "五月"},
			{"ja", "", long, "複数行の長いメッセージ。"},
			{"ja", "", "Obsolete", "Obsolete"},
			// Languages: Django codes to locale names, and fallback.
			{"pt-br", "", "Hello", "Oi"},
			{"pt-BR", "", "Hello", "Oi"},
			{"pt_BR", "", "Hello", "Oi"},
			{"pt-br", "", "Only in pt", "Só em pt"}, // empty in pt_BR: pt's
			{"pt-pt", "", "Hello", "Olá"},           // no pt_PT: pt's
			{"pt", "", "Hello", "Olá"},
			{"fr-ca", "", "Hello", "Bonjour"},
			{"de", "", "Hello", "Hello"},
			{"", "", "Hello", "Hello"},
			{"en", "month", "May", "May"},
		} {
			if got := c.Translate(tt.lang, tt.ctx, tt.id); got != tt.want {
				t.Errorf("%s: Translate(%q, %q, %q) = %q, want %q", dir, tt.lang, tt.ctx, tt.id, got, tt.want)
			}
		}
		// pt_BR has no Plural-Forms: n != 1; its plurals fall back to pt.
		if got := c.TranslatePlural("pt-br", "", "%(counter)s apple", "%(counter)s apples", 0); got != "%(counter)s maçãs" {
			t.Errorf("%s: pt-br plural: %q", dir, got)
		}
		if got, want := strings.Join(c.Languages(), " "), "ar fr ja pt pt_BR ru"; got != want {
			t.Errorf("%s: Languages() = %q, want %q", dir, got, want)
		}
	}
}

func TestToLocale(t *testing.T) {
	for in, want := range map[string]string{
		"pt-br": "pt_BR", "sr-latn": "sr_Latn", "zh-hans": "zh_Hans", "fr": "fr",
		"en-us": "en_US", "EN-US": "en_US", "de-at-1996": "de_AT-1996", "pt_BR": "pt_BR", "ast": "ast", "": "",
	} {
		if got := toLocale(in); got != want {
			t.Errorf("toLocale(%q) = %q, want %q", in, got, want)
		}
	}
	fsys := fstest.MapFS{
		"sr_Latn/LC_MESSAGES/django.po": {Data: []byte("msgid \"Hello\"\nmsgstr \"Zdravo\"\n")},
		"sr/LC_MESSAGES/django.po":      {Data: []byte("msgid \"Hello\"\nmsgstr \"Здраво\"\n")},
		"zh_Hans/LC_MESSAGES/django.po": {Data: []byte("msgid \"Hello\"\nmsgstr \"你好\"\n")},
		"zh_Hans/LC_MESSAGES/other.po":  {Data: []byte("bogus")},
		"README":                        {Data: []byte("not a locale")},
		"de/LC_MESSAGES/.keep":          {},
	}
	c, err := Load(fsys, "django")
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{"sr-latn": "Zdravo", "sr": "Здраво", "sr-cyrl": "Здраво", "zh-hans": "你好", "zh-hant": "Hello", "de": "Hello"} {
		if got := c.Translate(lang, "", "Hello"); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := strings.Join(c.Languages(), " "); got != "sr sr_Latn zh_Hans" {
		t.Errorf("Languages() = %q", got)
	}
}

// TestMOAgrees checks that msgfmt's .mo files, in both byte orders, hold
// what the .po files they were compiled from hold.
func TestMOAgrees(t *testing.T) {
	po := load(t, "testdata/locale")
	for _, dir := range []string{"testdata/mo/le", "testdata/mo/be"} {
		mo := load(t, dir)
		for loc, pcats := range po.locales {
			p, m := pcats[0], mo.locales[loc][0]
			if !equalMaps(p.msgs, m.msgs) || len(p.plurals) != len(m.plurals) || p.rule.nplurals != m.rule.nplurals {
				t.Errorf("%s: %s: .mo differs from .po:\n%q %v\n%q %v", dir, loc, p.msgs, p.plurals, m.msgs, m.plurals)
				continue
			}
			for k, f := range p.plurals {
				if strings.Join(f, "\x00") != strings.Join(m.plurals[k], "\x00") {
					t.Errorf("%s: %s: %q: %q, want %q", dir, loc, k, m.plurals[k], f)
				}
			}
			for n := range 300 {
				if p.rule.index(n) != m.rule.index(n) {
					t.Errorf("%s: %s: plural(%d) differs", dir, loc, n)
				}
			}
		}
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// TestBothPOAndMO checks that a locale's .po comes before its .mo.
func TestBothPOAndMO(t *testing.T) {
	mo, err := os.ReadFile("testdata/mo/le/fr/LC_MESSAGES/django.mo")
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(fstest.MapFS{
		"fr/LC_MESSAGES/django.mo": {Data: mo},
		"fr/LC_MESSAGES/django.po": {Data: []byte("msgid \"Hello\"\nmsgstr \"Salut\"\n")},
	}, "django")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Translate("fr", "", "Hello"); got != "Salut" {
		t.Errorf("Hello: %q", got)
	}
	if got := c.Translate("fr", "month", "May"); got != "mai" {
		t.Errorf("May: %q", got)
	}
}

func TestErrors(t *testing.T) {
	mo, err := os.ReadFile("testdata/mo/le/ru/LC_MESSAGES/django.mo")
	if err != nil {
		t.Fatal(err)
	}
	const file = "fr/LC_MESSAGES/django.po"
	for _, tt := range []struct {
		name, po string
		mo       []byte
		want     string
	}{
		{name: "unterminated", po: "msgid \"Hello\"\nmsgstr \"Bonjour\n", want: file + ":2: unterminated string"},
		{name: "unterminated continuation", po: "msgid \"Hello\"\nmsgstr \"\"\n\"Bon\\\"\n", want: file + ":3: unterminated string"},
		{name: "msgstr before msgid", po: "# c\n\nmsgstr \"x\"\n", want: file + ":3: msgstr before msgid"},
		{name: "msgstr after msgctxt", po: "msgctxt \"c\"\nmsgstr \"x\"\n", want: file + ":2: msgstr before msgid"},
		{name: "bad escape", po: "msgid \"a\"\nmsgstr \"b\\q\"\n", want: file + `:2: bad escape \q`},
		{name: "bad hex escape", po: "msgid \"a\"\nmsgstr \"b\\xg\"\n", want: file + `:2: bad escape \x without hex digits`},
		{name: "bad octal", po: "msgid \"a\"\nmsgstr \"\\777\"\n", want: file + `:2: octal escape \777 out of range`},
		{name: "bad plural forms", po: "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > );\\n\"\n", want: file + ":4: Plural-Forms: plural=(n > ): expected n, a number, '!' or '(', found \")\""},
		{name: "plural forms unknown name", po: "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=m != 1;\\n\"\n", want: file + ":2: Plural-Forms: plural=m != 1: unexpected character 'm'"},
		{name: "plural forms no nplurals", po: "msgid \"\"\nmsgstr \"Plural-Forms: plural=n != 1;\\n\"\n", want: file + ":2: Plural-Forms: missing nplurals"},
		{name: "unknown charset", po: "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: x\\n\"\n\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", want: file + `:4: unknown charset "ISO-8859-1" (only UTF-8 is supported)`},
		{name: "invalid utf-8", po: "msgid \"a\"\nmsgstr \"\xff\"\n", want: file + ":2: invalid UTF-8"},
		{name: "no msgstr", po: "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"c\"\n", want: file + ":3: msgid without msgstr"},
		{name: "no msgstr at end", po: "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"c\"\n", want: file + ":4: entry without msgstr"},
		{name: "msgstr in plural", po: "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr \"b\"\n", want: file + ":3: msgstr in an entry with msgid_plural: use msgstr[0]"},
		{name: "msgstr[1] first", po: "msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[1] \"b\"\n", want: file + ":3: msgstr[1] out of order: want msgstr[0]"},
		{name: "msgstr[0] without plural", po: "msgid \"a\"\nmsgstr[0] \"b\"\n", want: file + ":2: msgstr[0] in an entry without msgid_plural"},
		{name: "duplicate", po: "msgid \"a\"\nmsgstr \"b\"\n\nmsgid \"a\"\nmsgstr \"c\"\n", want: file + ":4: duplicate message definition (first at line 1)"},
		{name: "unknown keyword", po: "msgid \"a\"\nmsgstr \"b\"\nmsgfoo \"c\"\n", want: file + `:3: unknown keyword "msgfoo"`},
		{name: "stray string", po: "\"a\"\n", want: file + ":1: string without a keyword"},
		{name: "text after string", po: "msgid \"a\" x\nmsgstr \"b\"\n", want: file + `:1: unexpected "x" after string`},
		{name: "keyword without string", po: "msgid a\nmsgstr \"b\"\n", want: file + ":1: msgid needs a quoted string"},
		{name: "truncated mo", mo: mo[:len(mo)-10], want: "fr/LC_MESSAGES/django.mo: truncated .mo file"},
		{name: "truncated mo header", mo: mo[:20], want: "fr/LC_MESSAGES/django.mo: truncated .mo file: 20 bytes, want a 28-byte header"},
		{name: "truncated mo table", mo: mo[:40], want: "fr/LC_MESSAGES/django.mo: truncated .mo file: 6 strings do not fit in 40 bytes"},
		{name: "bad magic", mo: make([]byte, 64), want: "fr/LC_MESSAGES/django.mo: not a .mo file: bad magic number 0x00000000"},
	} {
		fsys := fstest.MapFS{}
		if tt.mo != nil {
			fsys["fr/LC_MESSAGES/django.mo"] = &fstest.MapFile{Data: tt.mo}
		} else {
			fsys[file] = &fstest.MapFile{Data: []byte(tt.po)}
		}
		c, err := Load(fsys, "django")
		if err == nil {
			t.Errorf("%s: no error (%v)", tt.name, c.Languages())
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: %T %v is not a *ParseError", tt.name, err, err)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: error\n%s\nwant\n%s", tt.name, err, tt.want)
		}
	}
}

func TestErrorsJoined(t *testing.T) {
	_, err := Load(fstest.MapFS{
		"fr/LC_MESSAGES/django.po": {Data: []byte("msgid \"a\n")},
		"ru/LC_MESSAGES/django.po": {Data: []byte("msgstr \"a\"\n")},
	}, "django")
	if err == nil || err.Error() != "fr/LC_MESSAGES/django.po:1: unterminated string\nru/LC_MESSAGES/django.po:1: msgstr before msgid" {
		t.Errorf("err = %v", err)
	}
}

func TestPluralExpr(t *testing.T) {
	for _, tt := range []struct {
		expr string
		n    int64
		want int64
	}{
		{"n", 7, 7},
		{"1 + 2 * 3", 0, 7},
		{"(1 + 2) * 3", 0, 9},
		{"10 - 3 - 2", 0, 5},
		{"100 / 10 / 5", 0, 2},
		{"n / 0", 5, 0},
		{"n % 0", 5, 0},
		{"!n", 0, 1},
		{"!!n", 5, 1},
		{"n < 3 == 1", 2, 1},
		{"1 || 0 && 0", 0, 1},
		{"n == 1 ? 10 : n == 2 ? 20 : 30", 2, 20},
		{"n == 1 ? 10 : n == 2 ? 20 : 30", 3, 30},
		{"0 ? 1 : 2 ? 3 : 4", 0, 3},
		{"n >= 2 && n <= 4", 3, 1},
		{"n > 2", 2, 0},
		{"n != 1", 1, 0},
		{"1 + n % 3 * 2", 5, 5},
	} {
		e, err := parseExpr(tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		if got := e.eval(tt.n); got != tt.want {
			t.Errorf("%s at n=%d: %d, want %d", tt.expr, tt.n, got, tt.want)
		}
	}
	for _, bad := range []string{"", "n +", "(n", "n)", "n ? 1", "-n", "n = 1", "nn", "99999999999999999999", strings.Repeat("(", 10000) + "n" + strings.Repeat(")", 10000)} {
		if _, err := parseExpr(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	// Out of range: form 0.
	r, err := parsePluralForms("nplurals=2; plural=n;")
	if err != nil {
		t.Fatal(err)
	}
	if r.index(5) != 0 || r.index(1) != 1 || r.index(-1) != 0 {
		t.Errorf("clamping: %d %d %d", r.index(5), r.index(1), r.index(-1))
	}
}

func FuzzParsePO(f *testing.F) {
	files, _ := filepath.Glob("testdata/locale/*/LC_MESSAGES/*.po")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("msgid \"a\\x4\\101\\n\"\nmsgid_plural \"b\"\nmsgstr[0] \"c\"\nmsgstr[1] \"d\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cat, err := parsePO("x.po", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "x.po" || pe.Line < 1 {
				t.Fatalf("%T %v", err, err)
			}
			return
		}
		for n := -2; n < 200; n++ {
			cat.rule.index(n)
		}
		c := &Catalogs{locales: map[string][]*catalog{"xx": {cat}}}
		for k, v := range cat.plurals {
			if len(v) == 0 {
				t.Fatalf("%q: no forms", k)
			}
			c.TranslatePlural("xx", "", k, k, 3)
		}
	})
}

func FuzzParseMO(f *testing.F) {
	files, _ := filepath.Glob("testdata/mo/*/*/LC_MESSAGES/*.mo")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, err := parseMO("x.mo", data); err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%T %v", err, err)
			}
		}
	})
}
