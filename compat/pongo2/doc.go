// Package pongo2 offers pongo2 v6's API (github.com/flosch/pongo2/v6) on
// braid's engine, so that moving a pongo2 program to braid is changing its
// import line:
//
//	import pongo2 "github.com/braidtpl/braid/compat/pongo2"
//
// Templates render through braid: a data source that is a lazy value
// (func(context.Context) (T, error)) or a method taking a context.Context
// resolves concurrently with the rest of the page, and
// Template.ExecuteWriterUnbuffered streams as braid does. Plain blocking
// functions keep working as they did; compat.Blocking and compat.Lazy
// make them lazy values.
//
// # Status
//
// All 62 tests and subtests of pongo2's own suite pass
// (bench.TestPongo2Suite runs them; bench/testdata/pongo2suite.expect
// would say why one did not). What is there: Context, Must, the sets
// (NewSet, DefaultSet, Globals, Debug, Options, BanTag, BanFilter,
// CleanCache, FromString, FromBytes, FromFile, FromCache,
// RenderTemplateString/Bytes/File) and the package's functions over
// DefaultSet; the loaders (local file system with or without a base
// directory, sandboxed, fs.FS, http.FileSystem), names relative to the
// including file as in pongo2; Template.Execute, ExecuteBytes,
// ExecuteWriter (buffered: nothing is written on an error),
// ExecuteWriterUnbuffered (streamed), ExecuteBlocks; RegisterFilter,
// ReplaceFilter, FilterExists, ApplyFilter, MustApplyFilter with real
// FilterFunction values; Value with all of its methods; Error in pongo2's
// shape; functions whose first parameter is an *ExecutionContext, and
// functions taking (or returning) *Value, variadic ones too.
//
// RegisterTag and ReplaceTag take pongo2's TagParser: it runs when a
// template is parsed, as in pongo2, and reads the tag's arguments with
// the Parser's Match, Peek, Get, Count, Remaining and ParseExpression (an
// IEvaluator: Evaluate, Execute, FilterApplied), and its body with
// WrapUntilTag (again after an intermediate tag such as {% else %}) or
// SkipUntilTag. Its INodeTag renders with an ExecutionContext whose
// Private names the bodies and expressions it runs see; a pending value
// they meet is waited for in place, and the tag runs in template order
// (braid.BlockTag.Parse and Stateful underneath).
//
// Options.TrimBlocks and LStripBlocks apply from the next Execute (the
// template is compiled again with them, once).
//
// BanTag and BanFilter make a use of the tag or filter a compile error
// (braid.WithBannedTags, WithBannedFilters).
//
// # Where pongo2 and Django differ
//
// braid renders Django's dialect; the engines of this package render
// pongo2's where the two differ (braid.WithDialect(braid.Pongo2)); each
// difference is checked in both dialects by braid's TestPongo2Dialect:
//
//   - whitespace control: {%- -%} and {{- -}} trim the whitespace around
//     the tag (Django has no such syntax: there {{-1}} is -1).
//   - string literals: escaped like any string, {{ "<b>" }} prints &lt;b&gt;
//     (Django prints literals as they are); \" is a quote in either kind
//     of quotes, 'a\"b' is a"b (Django: a\"b).
//   - the apostrophe escapes as &#39; (Django: &#x27;).
//   - only strings are escaped: a struct, slice or map prints as reflect
//     shows it, "<main.User Value>", unescaped (Django: Python's str(),
//     escaped).
//   - nil, and a missing variable, print as "" (Django: None, and "").
//   - floats print with six decimals, 3.140000 (Django: 3.14).
//   - a time.Time prints by its String method (Django with
//     DATETIME_FORMAT: "June 10, 2014, 3:30 p.m.").
//   - arithmetic on Go values: 1/2 is 0 and 7/2.0 is 3.500000 (Django's
//     extension: 0.5, 3.5); 1 + "a" is "1a" and "3" * 2 is 6 (Django: an
//     error); ^ is always a float power and binds tighter than a sign,
//     from the right: -2 ^ 2 is -4.000000, 2 ^ 3 ^ 2 is 512.000000
//     (Django's extension: 4, 64); 7 % -3 is 1 (Django: -2, Python's);
//     a sign on a non-number is the error "Negative sign on a non-number
//     expression".
//   - comparisons on Go values: 4.0 == 4 is false, "10" < "9" compares
//     the numbers (Django: True, and strings in order).
//   - a missing variable is nil: as a filter's argument ({{ n|add:x }};
//     Django: an error) and as a filter's input ({{ x|yesno }} is
//     "maybe"; Django: "no").
//   - pongo2's filters where its differ from Django's, each as pongo2 v6
//     defines it (Django's beside it): add (numbers or text joined;
//     Django: "" when it cannot add), capfirst and title (of a string
//     only; Django: of the printed value), center (the extra space on
//     the left), default_if_none (of nil or a missing variable), e (an
//     alias of escape; Django has none), escape (escapes a safe string
//     too; Django: leaves it), escapejs (\uXXXX for all but letters,
//     space and /), first, last and random (of a string or list, "" or
//     the value otherwise; Django: an error), get_digit (its argument
//     optional, "4" a number), join (items as pongo2 prints them,
//     1.500000), length_is (false for what has no length; Django: ""),
//     linebreaks and linebreaksbr (<br />, not safe; Django: <br>, safe),
//     linenumbers (unpadded, "1."; Django: "01." from ten lines),
//     stringformat (Go's fmt: "%03d"; Django: Python's, "03d"),
//     truncatechars, truncatewords and their _html forms ("..." counted
//     in; Django: "…"), urlencode (Go's url.QueryEscape; Django: / kept,
//     %20), urlize and urlizetrunc (pongo2's patterns, "..." and not
//     safe: urlize|safe; Django: safe), wordwrap (a number of words a
//     line; Django: of characters), yesno (one choice, or more than
//     three, is an error; Django: the value, and the second choice for
//     "maybe"), and the date
//     filter and {% now %} with Go layouts ("2006-01-02"; Django:
//     "Y-m-d"), {% now "…" fake %} a fixed time.
//   - {% lorem %}: pongo2's text and algorithm, its paragraphs and words
//     in turn (Django's: "lorem ipsum …" common words, then random Latin).
//   - {{ block.Super }} (Django: block.super).
//   - {% firstof %} with no argument prints "", {% filter safe %} and
//     {% filter escape %} are allowed (Django refuses them).
//   - "in" over a struct tests its field names (Django: false).
//   - names that begin with digits (d.51232_3, 995189baz) are names
//     (Django reads numbers).
//   - {% with a as b c as d %}: several legacy pairs (Django takes one).
//   - {% spaceless %} keeps the whitespace at its ends (Django strips it).
//   - a static {% include "name" %} of a template that is not there is a
//     compile error, as pongo2 loads it when it compiles (Django: an
//     error when it renders).
//   - data with the name of one of the template's exported macros is the
//     error "context key name 'm' clashes with macro 'm'" (Django has no
//     macros; braid's extension lets the data's name be).
//   - pongo2's error messages where their shape is simple (Django:
//     braid's own words): a call with arguments of the wrong types ("function
//     input argument 0 of 'f' must be of type int or *pongo2.Value (not
//     string)") or a function of the wrong shape, a function's own error
//     as it is, a macro called with too many arguments, {{ }} empty,
//     an unknown or banned filter, a banned tag, a filter without its
//     name or argument, an unclosed bracket, a malformed if condition, a
//     tag never closed ("Unexpected EOF, expected tag elif or else or
//     endif."), a block defined twice, an endblock naming another block
//     or more than one, a macro exported twice. Other errors keep braid's
//     words; Error keeps pongo2's shape and names template, line and
//     column.
//
// The registries of filters and tags are global, as in pongo2: the one
// place braid keeps package state, because pongo2's API is this.
package pongo2
