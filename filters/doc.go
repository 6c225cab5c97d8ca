// Package filters holds braid's built-in filters: plain functions over
// render values with Django's output and safeness rules, collected in a
// table (Builtins) that an engine copies and extends.
//
// It knows nothing about template syntax or how filters are resolved.
package filters
