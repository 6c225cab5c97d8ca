package lint

import (
	"fmt"
	"slices"
	"strings"
)

// Severity is how serious a finding is.
type Severity int

// The severities, least serious first. A finding at Error severity is one
// that makes the template fail to compile or render; cmd/tplcheck exits 1
// when there is one.
const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = map[Severity]string{Info: "info", Warning: "warning", Error: "error"}

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText writes the severity as String does, for JSON.
func (s Severity) MarshalText() ([]byte, error) {
	if _, ok := severityNames[s]; !ok {
		return nil, fmt.Errorf("lint: no such severity %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads "info", "warning" or "error".
func (s *Severity) UnmarshalText(b []byte) error {
	for v, n := range severityNames {
		if n == string(b) {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("lint: unknown severity %q (info, warning or error)", b)
}

// The rule sets. Rules of DefaultSet run unless disabled; the others run
// when their set is enabled (Config.EnableSets) or they are (Config.Enable).
const (
	DefaultSet  = "default"
	SecuritySet = "security"
)

// Rule is one check: its id (what findings and ignore comments name), its
// default severity, the set that enables it, a one-line summary and a
// paragraph that says what it finds, why it matters and how to fix it.
type Rule struct {
	ID       string
	Severity Severity
	Set      string
	Summary  string
	Doc      string
}

// The rules, in the order tplcheck -rules lists them.
var rules = []Rule{
	{"syntax", Error, DefaultSet,
		"a syntax or compile error the engine reports",
		"Every syntax error of the file, as braid's parser reports it (all the independent ones, not only the first), and every compile error no other rule names more precisely: a tag's wrong arguments, an unclosed block, a stray end tag. The template cannot be compiled: a page that renders it, extends it or includes it fails. The message says what the parser expected; fix the tag it points at."},
	{"bad-input", Error, DefaultSet,
		"a file that is not template text",
		"The file has a NUL byte (a binary file with a template's extension), is not UTF-8, or is larger than the size limit (-max-size, default 1 MiB; tplcheck does not read past it). The engine cannot use it as a template. Exclude it with -ext, convert it to UTF-8, or raise the limit if the template really is that large."},
	{"unknown-tag", Error, DefaultSet,
		"a tag the engine does not know",
		"A {% tag %} that is neither built in, nor registered by the application (braid.WithTag), nor in a library the template loaded before it with {% load %}. The template does not compile. When the tag belongs to one of braid's standard libraries (i18n, l10n, tz, static, humanize, cache) the message says which to load. When the application registers the tag, declare it in tplcheck.json (\"tags\", or a library's \"tags\") or with -tags/-block-tags."},
	{"unknown-filter", Error, DefaultSet,
		"a filter the engine does not know",
		"A |filter that is neither built in, nor registered by the application (braid.WithFilter), nor in a library the template loaded before it. The template does not compile. Check the spelling (Django's names: date, default, escapejs, …), load the library that has it, or declare the application's own filter in tplcheck.json (\"filters\") or with -filters."},
	{"filter-arg", Error, DefaultSet,
		"a filter given an argument it does not take, or without one it needs",
		"A filter written with :argument that takes none ({{ x|upper:1 }}), or without one it requires ({{ x|date }} is fine, {{ x|cut }} is not). The template does not compile. Add or remove the argument; for the application's own filters, tplcheck.json says whether they take one (\"arg\": \"none\", \"optional\" or \"required\")."},
	{"load-unknown", Error, DefaultSet,
		"{% load %} of a library, or a name in one, that is not registered",
		"{% load name %} where name is not one of braid's standard libraries nor one the application registers (braid.WithLibrary), or {% load a from name %} where the library has no tag or filter a. The template does not compile. Declare the application's libraries and their tags and filters in tplcheck.json (\"libraries\")."},
	{"extends-first", Error, DefaultSet,
		"{% extends %} that is not the first tag, or appears twice",
		"Django requires {% extends %} to be the first tag of the template, at the top level and only once: text and comments may come before it, nothing else. braid reports it as a syntax error, so the template does not compile. Move the {% extends %} to the top, and put {% load %} after it."},
	{"missing-template", Error, DefaultSet,
		"a static extends, include, import or ssi of a template that does not exist",
		"{% extends \"base.html\" %}, {% include \"card.html\" %}, {% import \"macros.html\" … %} or {% ssi \"file\" %} with a literal name that no file under the root has (relative names, ./x and ../x, resolved as the loader resolves them; \"page.html#card\" also needs the partial). Rendering fails when it reaches the tag: with streaming, that is half a page sent with status 200. {% include … if_exists %} is not reported; names computed at render time cannot be checked."},
	{"include-cycle", Error, DefaultSet,
		"templates that include each other unconditionally",
		"A template that includes itself, directly or through others, where no {% if %}, {% for %}, macro or block of another name stands between the includes: every render recurses until braid's depth limit (64 templates) stops it with an error. A recursive include inside a loop or a condition (a tree of comments) is fine and not reported."},
	{"extends-cycle", Error, DefaultSet,
		"templates that extend each other",
		"a.html extends b.html, which extends a.html (or a longer chain back to the start): no template in the cycle can render, braid stops with \"extends itself\". Break the chain: one of them should be the base that extends nothing."},
	{"block-duplicate", Error, DefaultSet,
		"two blocks of the same name in one template",
		"A template may define each {% block name %} once (Django's rule); braid reports the second as a syntax error. Rename one of them; to show the same content twice, put it in a partial or an include."},
	{"endblock-mismatch", Error, DefaultSet,
		"{% endblock name %} that names another block",
		"{% endblock %} may repeat the block's name, and when it does the name must be the one the {% block %} opened with. A mismatch is a syntax error, usually the sign that blocks are nested differently than meant."},
	{"block-unknown", Warning, DefaultSet,
		"a child template's block that no ancestor has",
		"A template that extends another renders only the blocks its ancestors define: a {% block name %} at its top level that no template up the {% extends %} chain has is never shown. It is usually a typo (sidebar for side_bar) or a block renamed in the base. Not checked when a template in the chain is missing, does not compile, or is named at render time."},
	{"block-super-outside", Error, DefaultSet,
		"{{ block.super }} outside a block of a child template",
		"{{ block.super }} is the parent template's version of the enclosing block: it means something only inside a {% block %} of a template that extends another. In a template that extends nothing, rendering it fails (\"Did you use {{ block.super }} in a base template?\"); outside any block it is an undefined variable and prints nothing."},
	{"forloop-outside-loop", Warning, DefaultSet,
		"forloop read outside a {% for %} body",
		"forloop.counter, forloop.first and their kin exist only inside a {% for %} body (not in its {% empty %} clause): elsewhere they are undefined and print nothing, or make conditions false. Templates that another template includes are not reported (the include may be inside a loop), nor are blocks that a parent renders inside a loop."},
	{"cycle-outside-loop", Warning, DefaultSet,
		"{% cycle %} outside a loop",
		"{% cycle a b %} advances each time it is rendered; outside a {% for %} it is rendered once per page (or per include) and always gives its first value. Name it ({% cycle a b as row silent %}) and advance it with {% cycle row %} inside the loop, or move it into the loop. Named cycles, references to them and cycles in macros or in blocks that a parent renders inside a loop are not reported."},
	{"resetcycle-unknown", Error, DefaultSet,
		"{% resetcycle %} with no such cycle before it",
		"{% resetcycle name %} must name a {% cycle … as name %} that comes before it in the template, and a plain {% resetcycle %} needs some {% cycle %} before it. The template does not compile."},
	{"unescaped-context", Warning, DefaultSet,
		"a variable where HTML escaping does not protect it",
		"Autoescaping makes a value safe as HTML text and inside a quoted attribute, nowhere else. Inside <script> a value can end the string or the statement it is in (escaping does not touch backslashes or line breaks); inside <style> it can add CSS; in an onclick=\"…\" attribute the browser decodes &#x27; back to a quote before the JavaScript runs; an unquoted attribute value, or a value in the attribute list, can add attributes with a space; an href, src, action or formaction whose value starts with the variable can be javascript:…. Pass data to scripts with {{ value|json_script:\"id\" }} and JSON.parse, write {{ value|escapejs }} inside a quoted JavaScript string, quote attribute values, and start URLs with a fixed prefix ({% url %}, {% static %}, \"/path/\") or filter them with urlencode."},
	{"unsafe-output", Info, SecuritySet,
		"output that autoescaping does not escape",
		"|safe and |safeseq on a variable, and {% autoescape off %}, print values as HTML without escaping: if the value can come from a user, that is cross-site scripting. Listed so that a security review can find every such place; enable with -enable-set security. Prefer building the HTML in the template, or mark only markup the application made itself safe (braid.Safe) in Go."},
	{"sequential-loop", Info, DefaultSet,
		"a loop that renders in template order in a concurrent render",
		"braid renders independent slow values concurrently, but a {% for %} whose body holds a node whose output depends on render order ({% cycle %}, {% ifchanged %}, {% set %}, a tag with \"as name\", a stateful custom tag) waits for its sequence in place and keeps its body in template order. The finding names the tag that causes it and where it is. It is correct output, only slower with slow data: compute the alternating class from forloop.counter|divisibleby:2 instead of {% cycle %}, or bind with {% with %} instead of {% set %}, if the loop's data is slow."},
	{"deprecated", Warning, DefaultSet,
		"a construct Django removed or deprecated",
		"{% ifequal a b %} and {% ifnotequal a b %} (removed in Django 4.0: write {% if a == b %}), the legacy {% with value as name %} (write {% with name=value %}) and the length_is filter (deprecated in Django 4.2: write {% if value|length == n %}). braid accepts them for old templates; Django no longer does."},
}

// Rules returns every rule, in the order tplcheck -rules lists them.
func Rules() []Rule { return slices.Clone(rules) }

// RuleByID returns the rule with that id.
func RuleByID(id string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// ruleIDs lists the ids, for messages.
func ruleIDs() string {
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}
