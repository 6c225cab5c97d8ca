// Package gettext is a render.Translator over GNU gettext catalogs laid
// out as Django's: <locale>/LC_MESSAGES/<domain>.po or .mo under a
// "locale" directory, e.g. fr/LC_MESSAGES/django.po and
// pt_BR/LC_MESSAGES/django.mo. Catalogs made for Django fit, since braid's
// {% load i18n %} writes message ids as Django's makemessages does.
//
// It implements render.Translator and nothing else: Load parses every
// catalog at once (a malformed one is a *ParseError naming its file and
// line), and the Catalogs it returns are immutable, so safe for
// concurrent use.
//
// What it knows: .po files (comments, msgctxt, msgid, msgid_plural,
// msgstr, msgstr[N], continuation strings, C escapes, the header's
// Content-Type charset, UTF-8 only, and Plural-Forms; fuzzy entries other
// than the header and obsolete #~ entries are ignored, as msgfmt and
// Django ignore them); .mo files in either byte order; Plural-Forms
// expressions in gettext's C subset, with int64 arithmetic; and Django's
// language lookup: a language code such as "pt-br" is the locale
// directory "pt_BR" (Django's to_locale), which falls back to "pt".
package gettext

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// ParseError is a malformed catalog: the file (its path inside the
// fs.FS given to Load), the 1-based line (0 for a .mo file, which has
// none) and what is wrong.
type ParseError struct {
	File string
	Line int
	Msg  string
}

// Error is "file:line: msg", or "file: msg" without a line.
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// catalog is one parsed file's messages.
type catalog struct {
	// msgs maps "msgctxt\x04msgid" (just msgid without a context) to the
	// translation of a message without plural forms.
	msgs map[string]string
	// plurals maps the same key of the singular to the plural forms.
	plurals map[string][]string
	rule    pluralRule
}

func newCatalog() *catalog {
	return &catalog{msgs: map[string]string{}, plurals: map[string][]string{}, rule: englishRule}
}

// Catalogs are the parsed catalogs of one domain, by locale: a
// render.Translator. They do not change after Load, so they are safe
// for concurrent use.
type Catalogs struct {
	// locales maps a locale directory name to its catalogs, the .po's
	// first, then the .mo's.
	locales map[string][]*catalog
}

// Load reads every <locale>/LC_MESSAGES/<domain>.po and .mo in fsys (the
// "locale" directory) and parses them all now. A malformed file is a
// *ParseError (see errors.As) naming the file by its path in fsys; with
// several, the error joins them all. When a locale has both a .po and a
// .mo, the .po's entries come first and the .mo's are its fallback.
func Load(fsys fs.FS, domain string) (*Catalogs, error) {
	if domain == "" || strings.ContainsAny(domain, "/\\") {
		return nil, fmt.Errorf("gettext: bad domain %q", domain)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("gettext: %w", err)
	}
	c := &Catalogs{locales: map[string][]*catalog{}}
	var errs []error
	for _, ent := range entries {
		name := ent.Name()
		if !ent.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		for _, ext := range []string{".po", ".mo"} {
			file := path.Join(name, "LC_MESSAGES", domain+ext)
			data, err := fs.ReadFile(fsys, file)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("gettext: %w", err))
				continue
			}
			var cat *catalog
			if ext == ".po" {
				cat, err = parsePO(file, data)
			} else {
				cat, err = parseMO(file, data)
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			c.locales[name] = append(c.locales[name], cat)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// Languages are the names of the locale directories that have a
// catalog ("fr", "pt_BR"), sorted.
func (c *Catalogs) Languages() []string {
	names := make([]string, 0, len(c.locales))
	for name := range c.locales {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// chain is the catalogs to look in for a language, the specific locale's
// first, then its base language's: "pt-br" is pt_BR's, then pt's.
func (c *Catalogs) chain(lang string, yield func(*catalog) bool) {
	loc := toLocale(lang)
	for _, cat := range c.locales[loc] {
		if !yield(cat) {
			return
		}
	}
	if base, _, ok := strings.Cut(loc, "_"); ok {
		for _, cat := range c.locales[base] {
			if !yield(cat) {
				return
			}
		}
	}
}

func key(msgctxt, msgid string) string {
	if msgctxt == "" {
		return msgid
	}
	return msgctxt + "\x04" + msgid
}

// Translate is msgid (in msgctxt, "" for none) in lang, a Django language
// code ("fr", "pt-br"): Django's pgettext, or gettext without a context.
// Without a translation it is msgid.
func (c *Catalogs) Translate(lang, msgctxt, msgid string) string {
	if msgid == "" {
		return "" // not the header, as Django's gettext("")
	}
	k := key(msgctxt, msgid)
	result := msgid
	c.chain(lang, func(cat *catalog) bool {
		if s, ok := cat.msgs[k]; ok {
			result = s
			return false
		}
		return true
	})
	return result
}

// TranslatePlural is the form of a message with plural forms for n
// things in lang: Django's npgettext, or ngettext without a context. The
// form is chosen by the catalog's Plural-Forms; without a translation it
// is singular for n == 1 and plural otherwise.
func (c *Catalogs) TranslatePlural(lang, msgctxt, singular, plural string, n int) string {
	k := key(msgctxt, singular)
	result, found := "", false
	c.chain(lang, func(cat *catalog) bool {
		forms, ok := cat.plurals[k]
		if !ok {
			return true
		}
		// A form the entry lacks, or left empty, is untranslated: look on.
		if i := cat.rule.index(n); i < len(forms) && forms[i] != "" {
			s := forms[i]
			result, found = s, true
			return false
		}
		return true
	})
	if found {
		return result
	}
	if n == 1 {
		return singular
	}
	return plural
}

// toLocale is Django's to_locale: a language code as a locale directory
// name, "pt-br" → "pt_BR", "sr-latn" → "sr_Latn", "fr" → "fr".
func toLocale(language string) string {
	lang, country, ok := strings.Cut(strings.ToLower(language), "-")
	if !ok {
		if len(language) <= 3 {
			return strings.ToLower(language)
		}
		return strings.ToLower(language[:3]) + language[3:]
	}
	country, tail, hasTail := strings.Cut(country, "-")
	if len(country) > 2 {
		country = strings.ToUpper(country[:1]) + country[1:]
	} else {
		country = strings.ToUpper(country)
	}
	if hasTail {
		country += "-" + tail
	}
	return lang + "_" + country
}
