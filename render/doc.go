// Package render is braid's runtime: the value model over Go data, scopes,
// the nodes a compiled template is made of, and the ordered output stream
// they write to.
//
// It knows nothing about template syntax (that is package parser) or how
// nodes are built from it (package compiler), and it imports no other
// package of this module. One Program serves any number of concurrent
// renders: nodes are never mutated while rendering; all per-render state
// lives in a State and the Run it points to.
package render
