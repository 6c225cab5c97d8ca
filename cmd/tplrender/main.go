// Command tplrender renders a template with JSON data to standard output.
//
//	tplrender [-dir DIR] [-data file.json] NAME
//
// NAME is looked up in DIR (default "."). On an error it prints the
// positioned error with the source line and exits 1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/braidtpl/braid"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("tplrender", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("dir", ".", "directory the template names are relative to")
	dataFile := fl.String("data", "", "JSON file with the data (an object)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: tplrender [-dir DIR] [-data file.json] NAME")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fl.Usage()
		return 2
	}
	data := map[string]any{}
	if *dataFile != "" {
		b, err := os.ReadFile(*dataFile)
		if err != nil {
			fmt.Fprintln(stderr, "tplrender:", err)
			return 1
		}
		d, err := braid.DecodeJSON(b)
		if err != nil {
			fmt.Fprintf(stderr, "tplrender: %s: %v\n", *dataFile, err)
			return 1
		}
		data = d
	}
	eng := braid.New(braid.WithDir(*dir))
	defer eng.Close()
	tpl, err := eng.Template(fl.Arg(0))
	if err == nil {
		err = tpl.Render(context.Background(), stdout, data)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		var e *braid.Error
		if errors.As(err, &e) && e.Snippet() != "" {
			fmt.Fprintln(stderr, e.Snippet())
		}
		return 1
	}
	return 0
}
