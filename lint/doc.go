// Package lint finds, in a tree of Django templates, what would break or
// leak when braid renders them: syntax and compile errors (every one, as
// the engine reports them), missing and cyclic extends and includes,
// block mistakes, values that HTML escaping does not protect, unsafe
// output, and the loops that keep a concurrent render in template order.
// It is the library behind cmd/tplcheck; its one job is the findings
// for a set of templates (Checker.Check), and writing them out in the
// formats tools read (WriteText, WriteJSON, WriteSARIF, WriteGitHub).
//
// Templates are parsed and compiled exactly as an engine would: with
// braid's parser and compiler and the options an engine compiles with:
// the built-in tags and filters, Django's standard libraries (the table
// the engine takes them from, internal/stdlib) and the application's own
// tags, filters and libraries, stubbed from what Config declares. A Checker keeps each template's syntax tree, so
// each file is read and parsed once however many templates extend or
// include it. The rules (Rules) read the errors the parser and the
// compiler report, with their codes (parser.Error.Code), the static
// facts the compiler records (compiler.Facts: what depends on render
// order, which loops wait in place), and the syntax trees.
//
// The package knows nothing about rendering, and nothing about the file
// system beyond an fs.FS; it keeps no global state.
//
// # JSON output
//
// WriteJSON writes a versioned document (JSONVersion, JSONReport): the
// version, the findings with their rule, severity, file, line, column,
// end and source line, the files that could not be checked, and the
// counts by severity. A field changes meaning or goes away only with a
// new version; new fields may appear within one.
package lint
