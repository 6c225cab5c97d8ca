// Package bench compares braid with pongo2, jet, html/template and
// text/template on the same pages. It is its own module so that the
// library's go.mod keeps only what the library needs.
package bench
