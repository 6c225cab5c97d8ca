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
// Work in progress: 41 of the 62 tests and subtests of pongo2's own suite
// pass (bench.TestPongo2Suite runs them; bench/testdata/pongo2suite.expect
// says why each other one does not). What is there: Context, Must, the
// sets (NewSet, DefaultSet, Globals, Debug, Options, BanTag, BanFilter,
// CleanCache, FromString, FromBytes, FromFile, FromCache,
// RenderTemplateString/Bytes/File) and the package's functions over
// DefaultSet; the loaders (local file system with or without a base
// directory, sandboxed, fs.FS, http.FileSystem), names relative to the
// including file as in pongo2; Template.Execute, ExecuteBytes,
// ExecuteWriter (buffered: nothing is written on an error),
// ExecuteWriterUnbuffered (streamed), ExecuteBlocks; RegisterFilter, ReplaceFilter,
// FilterExists, ApplyFilter, MustApplyFilter with real FilterFunction
// values; RegisterTag and ReplaceTag for tags without a body; Value with
// all of its methods; Error in pongo2's shape; functions whose first
// parameter is an *ExecutionContext.
//
// Options.TrimBlocks and LStripBlocks apply from the next Execute (the
// template is compiled again with them, once).
//
// BanTag and BanFilter make a use of the tag or filter a compile error
// (braid.WithBannedTags, WithBannedFilters).
//
// Not yet: Parser.WrapUntilTag, SkipUntilTag and ParseExpression for
// custom tags.
//
// # Where pongo2 and Django differ
//
// braid renders Django's dialect; the engines of this package render
// pongo2's where the two differ (braid.WithDialect(braid.Pongo2)), as far
// as it goes today:
//
//   - whitespace control: {%- -%} and {{- -}} trim the whitespace around
//     the tag (done; Django has no such syntax: there {{-1}} is -1).
//   - string literals: escaped like any string, {{ "<b>" }} prints &lt;b&gt;
//     (done; Django prints literals as they are).
//   - the apostrophe escapes as &#39; (done; Django: &#x27;).
//   - nil prints as "" (done; Django: None).
//   - floats print with six decimals, 3.140000 (done; Django: 3.14).
//   - a time.Time prints by its String method (done; Django with
//     DATETIME_FORMAT: "June 10, 2014, 3:30 p.m.").
//   - {{ block.Super }} (done; Django: block.super).
//   - {% firstof %} with no argument prints "", {% filter safe %} and
//     {% filter escape %} are allowed (done; Django refuses them).
//   - "in" over a struct tests its field names (done; Django: false).
//   - names that begin with digits (d.51232_3, 995189baz) are names (done;
//     Django reads numbers).
//   - {% with a as b c as d %}: several legacy pairs (done; Django takes
//     one).
//   - a struct, slice or map prints as reflect shows it, "<main.User
//     Value>" (done; Django: Python's str()).
//   - {% spaceless %} keeps the whitespace at its ends (done; Django strips
//     it).
//   - {% now %} and the date filter take Go layouts ("2006-01-02"), and
//     {% now "…" fake %} shows a fixed time (done; Django: "Y-m-d").
//   - not yet: pongo2's integer division and number-string arithmetic;
//     the time filter's Go layouts and the rest of its filter set; its
//     lorem text; its error messages' words (Error keeps pongo2's shape,
//     and names template, line and column).
//
// The registries of filters and tags are global, as in pongo2: the one
// place braid keeps package state, because pongo2's API is this.
package pongo2
