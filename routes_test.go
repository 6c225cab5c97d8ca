package braid_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/braidtpl/braid"
)

// TestRoutes checks {% url %} over ServeMux patterns.
func TestRoutes(t *testing.T) {
	r := braid.NewRoutes()
	for name, pattern := range map[string]string{
		"home":   "/{$}",
		"post":   "GET /posts/{id}/",
		"file":   "example.com/files/{path...}",
		"byyear": "POST /archive/{year}/{slug}",
	} {
		if err := r.Add(name, pattern); err != nil {
			t.Fatal(err)
		}
	}
	eng := braid.New(braid.WithURLResolver(r.Resolve))
	for _, tt := range []struct{ src, want, err string }{
		{`{% url "home" %}`, "/", ""},
		{`{% url "post" 42 %}`, "/posts/42/", ""},
		{`{% url "post" id="a b/c" %}`, "/posts/a%20b%2Fc/", ""},
		{`{% url "file" "docs/a b.txt" %}`, "/files/docs/a%20b.txt", ""},
		{`{% url "byyear" year=2024 slug="x" %}`, "/archive/2024/x", ""},
		{`{% url "byyear" 2024 "x" %}`, "/archive/2024/x", ""},
		{`{% url "post" %}`, "", `route "post" (GET /posts/{id}/): no value for {id}`},
		{`{% url "post" 1 2 %}`, "", `route "post" (GET /posts/{id}/) takes 1 arguments, got 2`},
		{`{% url "post" ident=1 %}`, "", `no value for {id}`},
		{`{% url "nope" %}`, "", `no route named "nope"`},
	} {
		tpl, err := eng.FromString(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tpl.RenderString(context.Background(), nil)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.src, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
	for _, bad := range []string{"GET", "/a/{b", "/a/{}"} {
		if err := braid.NewRoutes().Add("x", bad); err == nil {
			t.Errorf("Add(%q) accepted", bad)
		}
	}
	if err := r.Add("home", "/again"); err == nil {
		t.Error("a route name added twice")
	}
}

// TestRoutesServeTheirPaths checks that the paths Resolve makes are the
// ones the ServeMux routes to the named handler.
func TestRoutesServeTheirPaths(t *testing.T) {
	mux := http.NewServeMux()
	r := braid.NewRoutes()
	for _, rt := range []struct{ name, pattern string }{
		{"post", "GET /posts/{id}/"},
		{"file", "/files/{path...}"},
	} {
		r.Handle(mux, rt.name, rt.pattern, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			fmt.Fprint(w, rt.name, ":", req.PathValue("id"), req.PathValue("path"))
		}))
	}
	for _, tt := range []struct {
		name string
		args []any
		want string
	}{
		{"post", []any{"a b"}, "post:a b"},
		{"file", []any{"x/y z.txt"}, "file:x/y z.txt"},
	} {
		path, err := r.Resolve(tt.name, tt.args, nil)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Body.String() != tt.want {
			t.Errorf("%s %v: %s served %q, want %q", tt.name, tt.args, path, rec.Body.String(), tt.want)
		}
	}
}

func ExampleRoutes() {
	mux := http.NewServeMux()
	routes := braid.NewRoutes()
	routes.Handle(mux, "post-detail", "GET /posts/{id}/", http.NotFoundHandler())
	eng := braid.New(braid.WithURLResolver(routes.Resolve))
	tpl, _ := eng.FromString(`<a href="{% url "post-detail" post.ID %}">{{ post.Title }}</a>`)
	out, _ := tpl.RenderString(context.Background(), map[string]any{"post": map[string]any{"ID": 42, "Title": "Hello"}})
	fmt.Println(out)
	// Output:
	// <a href="/posts/42/">Hello</a>
}
