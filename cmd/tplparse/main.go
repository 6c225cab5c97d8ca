// Command tplparse parses Django templates and prints each one's syntax
// tree, its canonical source, or its syntax errors with the source line
// and a caret. It exits 1 if any template has an error.
//
//	tplparse [-print] [-pos=false] FILE...
//
// It is the parser's window until the engine's tplrender and tplcheck exist.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/braidtpl/braid/parser"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tplparse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	printSrc := fs.Bool("print", false, "print the canonical source instead of the tree")
	withPos := fs.Bool("pos", true, "show node positions in the tree")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: tplparse [-print] [-pos=false] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for _, name := range fs.Args() {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, err)
			status = 1
			continue
		}
		tpl, err := parser.Parse(name, string(src))
		if err != nil {
			var list parser.ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					fmt.Fprintf(stderr, "%s\n%s\n", e, e.Snippet())
				}
			} else {
				fmt.Fprintln(stderr, err)
			}
			status = 1
			continue
		}
		if *printSrc {
			fmt.Fprint(stdout, parser.Print(tpl))
		} else {
			fmt.Fprint(stdout, parser.Dump(tpl, *withPos))
		}
	}
	return status
}
