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
// Work in progress: 19 of the 62 tests and subtests of pongo2's own suite
// pass (bench.TestPongo2Suite runs them; bench/testdata/pongo2suite.expect
// says why each other one does not). What is there: Context, Must, the
// sets (NewSet, DefaultSet, Globals, Debug, Options, BanTag, BanFilter,
// CleanCache, FromString, FromBytes, FromFile, FromCache,
// RenderTemplateString/Bytes/File) and the package's functions over
// DefaultSet; the loaders (local file system with or without a base
// directory, sandboxed, fs.FS, http.FileSystem), names relative to the
// including file as in pongo2; Template.Execute, ExecuteBytes,
// ExecuteWriter (buffered: nothing is written on an error),
// ExecuteWriterUnbuffered (streamed); RegisterFilter, ReplaceFilter,
// FilterExists, ApplyFilter, MustApplyFilter with real FilterFunction
// values; RegisterTag and ReplaceTag for tags without a body; Value with
// all of its methods; Error in pongo2's shape; functions whose first
// parameter is an *ExecutionContext.
//
// Not yet: ExecuteBlocks; Parser.WrapUntilTag, SkipUntilTag and
// ParseExpression for custom tags; Options.TrimBlocks and LStripBlocks;
// bans checked at compile time (they fail at render time).
//
// # Where pongo2 and Django differ
//
// braid renders Django's dialect. pongo2's users expect pongo2's where the
// two differ; these are braid's behaviour today, with pongo2's beside it,
// each to become a setting of the engines this package makes:
//
//   - string literals: pongo2 escapes {{ "<b>" }}; Django prints it as is.
//   - None: pongo2 prints nil as ""; Django as "None".
//   - floats: pongo2 prints 3.14 as "3.140000"; Django as "3.14".
//   - a time.Time printed: pongo2 by its String method; Django with
//     DATETIME_FORMAT ("June 10, 2014, 3:30 p.m.").
//   - {{ block.Super }}: pongo2's spelling; Django's is block.super.
//   - {%- -%} and {{- -}}: pongo2 trims the whitespace around; Django has
//     no such syntax.
//   - {% firstof %} with no argument: pongo2 prints ""; Django refuses it.
//   - {% filter safe %}: pongo2 allows it; Django refuses it.
//   - {% with a as b c as d %}: pongo2 takes several legacy pairs; Django
//     one, or name=value pairs.
//   - names that begin with digits (d.51232_3): pongo2 reads names;
//     Django numbers.
//   - "in" over a struct: pongo2 looks for a field of that name.
//   - integer division and number-string arithmetic: pongo2's rules.
//   - the date and time filters: pongo2 takes Go layouts ("2006-01-02");
//     Django its own format characters ("Y-m-d").
//   - lorem: pongo2's text differs from Django's.
//   - error messages: pongo2's words; braid names template, line and
//     column too, in its own words (Error keeps pongo2's shape).
//
// The registries of filters and tags are global, as in pongo2: the one
// place braid keeps package state, because pongo2's API is this.
package pongo2
