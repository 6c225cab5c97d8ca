// Package compiler turns a parsed template (package parser) into a
// render.Program: executable nodes with filters resolved, block tables for
// inheritance, and the static facts the loader and the linter need (which
// templates it extends, includes and imports, which variables it reads).
//
// It does all the work that can be done once per template; it knows
// nothing about where sources come from (package loader) or how output is
// scheduled (package render).
package compiler
