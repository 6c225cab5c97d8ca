package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/braidtpl/braid/lint"
	"github.com/braidtpl/braid/lint/lsp"
)

// serveLSP runs the language server for the templates under -root (by
// default the working directory) and under the workspace folders the
// editor names, until the editor sends exit: 0 after a shutdown request,
// 1 without one, as the protocol says.
func serveLSP(ctx context.Context, f *flags, stdin io.Reader, stdout, stderr io.Writer) int {
	root := f.root
	if root == "" {
		root = "."
	}
	cfgPath, optional := f.config, false
	if cfgPath == "" {
		cfgPath, optional = filepath.Join(root, lint.ConfigFile), true
	}
	cfg, err := lint.LoadConfig(cfgPath, optional)
	if err != nil {
		fmt.Fprintln(stderr, "tplcheck:", err)
		return 2
	}
	cfg = cfg.Merge(f.flagConfig())
	srv, err := lsp.NewServer(root, cfg, cfg.Search...)
	if err != nil {
		fmt.Fprintln(stderr, "tplcheck:", strings.TrimPrefix(err.Error(), "lint: "))
		return 2
	}
	// A workspace folder the editor names has its own tplcheck.json, and
	// the flags over it, as a root does; -config is every folder's.
	srv.FolderConfig = func(dir string) (lint.Config, error) {
		p, optional := f.config, false
		if p == "" {
			p, optional = filepath.Join(dir, lint.ConfigFile), true
		}
		c, err := lint.LoadConfig(p, optional)
		if err != nil {
			return lint.Config{}, err
		}
		return c.Merge(f.flagConfig()), nil
	}
	// A signal ends the server as the end of its input does: closing
	// stdin ends the read Serve is blocked in.
	done := make(chan struct{})
	defer close(done)
	if c, ok := stdin.(io.Closer); ok {
		go func() {
			select {
			case <-ctx.Done():
				c.Close()
			case <-done:
			}
		}()
	}
	switch err := srv.Serve(ctx, stdin, stdout); {
	case err == nil:
		return 0
	case errors.Is(err, lsp.ErrNoShutdown):
		return 1
	default:
		fmt.Fprintln(stderr, "tplcheck:", err)
		return 1
	}
}
