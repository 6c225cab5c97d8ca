// Package static is Django's static template library ({% load static %}):
// the static tag, which turns a static file's path into its URL, and the
// prefixes of static and media files.
//
// It is written on braid's public tag-library API (package compiler) and
// knows nothing of how files are stored: a Config says how paths become
// URLs.
package static

import (
	"strings"

	"github.com/braidtpl/braid/compiler"
)

// Config says how the library makes URLs.
type Config struct {
	// StaticURL is the prefix of static files' URLs (Django's
	// STATIC_URL); "" means "/static/".
	StaticURL string
	// MediaURL is the prefix of uploaded files' URLs (MEDIA_URL).
	MediaURL string
	// URL turns a static file's path into its URL, for file names with a
	// hash of their content (Django's ManifestStaticFilesStorage); nil:
	// the path, quoted, joined to StaticURL.
	URL func(path string) string
}

// Library returns the library for cfg:
//
//	{% static "css/site.css" %}            /static/css/site.css
//	{% static path as url %}               binds url instead
//	{% get_static_prefix %}, {% get_media_prefix %} (also with "as name")
func Library(cfg Config) *compiler.Library {
	if cfg.StaticURL == "" {
		cfg.StaticURL = "/static/"
	}
	url := cfg.URL
	if url == nil {
		url = func(path string) string { return Join(cfg.StaticURL, Quote(path)) }
	}
	return &compiler.Library{Tags: map[string]compiler.Tag{
		"static":            compiler.SimpleTag{Fn: func(path string) string { return url(path) }},
		"get_static_prefix": compiler.SimpleTag{Fn: func() string { return cfg.StaticURL }},
		"get_media_prefix":  compiler.SimpleTag{Fn: func() string { return cfg.MediaURL }},
	}}
}

// Quote is Python's urllib.parse.quote(path) with "/" safe, as Django's
// static tag quotes a path: every byte but letters, digits, "_.-~" and
// "/" becomes %XX.
func Quote(path string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("_.-~/", c) >= 0:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// Join is Python's urllib.parse.urljoin(base, ref) for the references a
// static path makes: a URL with a scheme or a host is itself, a path
// starting with "/" replaces base's path, any other is resolved against
// base's directory (so base should end with "/", as Django requires of
// STATIC_URL).
func Join(base, ref string) string {
	switch {
	case ref == "":
		return base
	case strings.HasPrefix(ref, "//") || hasScheme(ref):
		return ref
	case strings.HasPrefix(ref, "/"):
		return origin(base) + ref
	}
	return base[:strings.LastIndexByte(base, '/')+1] + ref
}

// hasScheme reports whether ref starts with "scheme:".
func hasScheme(ref string) bool {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c == ':':
			return i > 0
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}

// origin is base's "scheme://host", or "" for a path.
func origin(base string) string {
	i := strings.Index(base, "//")
	if i < 0 || !hasScheme(base) && i != 0 {
		return ""
	}
	if j := strings.IndexByte(base[i+2:], '/'); j >= 0 {
		return base[:i+2+j]
	}
	return base
}
