// Command djangotests renders templates for Django's own template test suite
// (tests/template_tests in Django's source), so that the suite's
// assertions run against braid. runner.py, beside it, loads Django's test
// modules, replaces the engine their @setup decorator builds with one that
// asks this program, and counts what passes; run.sh does it all.
//
// The protocol is one JSON object per line on stdin and stdout. A request
// names the test's templates, the template to render (or compile), the
// context (values tagged by runner.py's encoder) and the libraries the test
// class lists; the answer is the output or a classified error. While a
// render runs, this program may ask runner.py back, on the same pipes, to
// reverse a URL or to translate a message with Django's own machinery, so
// that what is measured is braid's template language, not a copy of
// Django's URL resolver or catalogs.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing/fstest"
	"time"

	"github.com/braidtpl/braid"
)

// request is what runner.py asks.
type request struct {
	Op         string            `json:"op"` // "render" or "compile"
	Templates  map[string]string `json:"templates"`
	Name       string            `json:"name"`
	Source     *string           `json:"source"` // from_string
	Context    json.RawMessage   `json:"context"`
	Libraries  [][2]string       `json:"libraries"` // name, module path
	Languages  [][4]any          `json:"languages"` // init: code, name, local name, bidi
	TimeZone   string            `json:"time_zone"` // init: Django's TIME_ZONE
	Invalid    string            `json:"invalid"`   // string_if_invalid
	Lang       string            `json:"lang"`
	Autoescape *bool             `json:"autoescape"`
	Sequential bool              `json:"sequential"`
	StaticURL  string            `json:"static_url"`
	MediaURL   string            `json:"media_url"`
}

// answer is what this program replies.
type answer struct {
	OK       bool   `json:"ok"`
	Output   string `json:"output,omitempty"`
	Kind     string `json:"kind,omitempty"` // syntax, notfound, render, python
	Message  string `json:"message,omitempty"`
	Callback string `json:"callback,omitempty"`
	// For callbacks:
	Name   string         `json:"name,omitempty"`
	Args   []any          `json:"args,omitempty"`
	Kwargs map[string]any `json:"kwargs,omitempty"`
	Lang   string         `json:"lang,omitempty"`
	Msgctx string         `json:"msgctx,omitempty"`
	Msgid  string         `json:"msgid,omitempty"`
	Plural string         `json:"plural,omitempty"`
	N      int            `json:"n,omitempty"`
}

// reply is runner.py's answer to a callback.
type reply struct {
	Result string `json:"result"`
	Error  string `json:"error"`
	Exc    int    `json:"exc"` // a Python exception runner.py keeps, by number
}

// pyError is a Python exception raised in a callback or by a value; runner.py
// raises it again when the render fails with it.
type pyError struct {
	id  int
	msg string
}

func (e *pyError) Error() string { return fmt.Sprintf("python exception #%d: %s", e.id, e.msg) }

// peer is runner.py at the other end of the pipes. Callbacks and answers
// share the pipes, one at a time.
type peer struct {
	mu  sync.Mutex
	in  *bufio.Scanner
	out *json.Encoder
}

func (p *peer) call(a answer) (reply, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.out.Encode(a); err != nil {
		return reply{}, err
	}
	if !p.in.Scan() {
		return reply{}, errors.New("runner.py went away")
	}
	var r reply
	if err := json.Unmarshal(p.in.Bytes(), &r); err != nil {
		return reply{}, err
	}
	if r.Exc != 0 {
		return r, &pyError{id: r.Exc, msg: r.Error}
	}
	if r.Error != "" {
		return r, errors.New(r.Error)
	}
	return r, nil
}

type langKey struct{}

// translator asks Django's translation machinery.
type translator struct{ p *peer }

func (t translator) Translate(lang, msgctxt, msgid string) string {
	r, err := t.p.call(answer{Callback: "gettext", Lang: lang, Msgctx: msgctxt, Msgid: msgid})
	if err != nil {
		return msgid
	}
	return r.Result
}

func (t translator) TranslatePlural(lang, msgctxt, singular, plural string, n int) string {
	r, err := t.p.call(answer{Callback: "gettext", Lang: lang, Msgctx: msgctxt, Msgid: singular, Plural: plural, N: n})
	if err != nil {
		if n == 1 {
			return singular
		}
		return plural
	}
	return r.Result
}

// server keeps one engine per set of templates and options.
type server struct {
	p       *peer
	engines map[string]*braid.Engine
}

func (s *server) engine(rq *request) *braid.Engine {
	key, _ := json.Marshal([]any{rq.Templates, rq.Libraries, rq.Invalid, rq.Autoescape, rq.Sequential, rq.StaticURL, rq.MediaURL})
	if e, ok := s.engines[string(key)]; ok {
		return e
	}
	files := fstest.MapFS{}
	for name, src := range rq.Templates {
		files[name] = &fstest.MapFile{Data: []byte(src)}
	}
	opts := []braid.Option{
		braid.WithFS(files),
		braid.WithStringIfInvalid(rq.Invalid),
		braid.WithLocation(timeZone),
		braid.WithTranslator(translator{s.p}, func(ctx context.Context) string {
			l, _ := ctx.Value(langKey{}).(string)
			return l
		}, "en-us"),
		braid.WithLanguages(djangoLanguages...),
		braid.WithStatic(braid.StaticConfig{StaticURL: rq.StaticURL, MediaURL: rq.MediaURL}),
		braid.WithURLResolver(func(name string, args []any, kwargs map[string]any) (string, error) {
			r, err := s.p.call(answer{Callback: "reverse", Name: name, Args: plain(args), Kwargs: plainMap(kwargs)})
			return r.Result, err
		}),
	}
	if rq.Autoescape != nil {
		opts = append(opts, braid.WithAutoescape(*rq.Autoescape))
	}
	if rq.Sequential {
		opts = append(opts, braid.WithSequential())
	}
	for _, lib := range rq.Libraries {
		if l, ok := testLibraries[lib[1]]; ok {
			opts = append(opts, braid.WithLibrary(lib[0], l.lib))
		}
	}
	// Django's engine has {% debug %} (braid's is off by default).
	e := braid.New(append(opts, braid.WithDebugTag(true))...)
	if len(s.engines) > 200 {
		for k, old := range s.engines {
			old.Close()
			delete(s.engines, k)
		}
	}
	s.engines[string(key)] = e
	return e
}

func (s *server) handle(rq *request) answer {
	if rq.Op == "init" {
		djangoLanguages = djangoLanguages[:0]
		for _, l := range rq.Languages {
			code, _ := l[0].(string)
			name, _ := l[1].(string)
			local, _ := l[2].(string)
			bidi, _ := l[3].(bool)
			djangoLanguages = append(djangoLanguages, braid.Language{Code: code, Name: name, NameLocal: local, Bidi: bidi})
		}
		loc, err := time.LoadLocation(rq.TimeZone)
		if err != nil {
			return answer{Kind: "harness", Message: err.Error()}
		}
		timeZone = loc
		return answer{OK: true}
	}
	e := s.engine(rq)
	var tpl *braid.Template
	var err error
	if rq.Source != nil {
		tpl, err = e.FromString(*rq.Source)
	} else {
		tpl, err = e.Template(rq.Name)
	}
	if err != nil {
		return failure(err, "syntax")
	}
	if rq.Op == "compile" {
		return answer{OK: true}
	}
	data, err := decodeContext(rq.Context)
	if err != nil {
		return answer{Kind: "harness", Message: err.Error()}
	}
	ctx := context.WithValue(context.Background(), langKey{}, rq.Lang)
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	out, err := tpl.RenderString(ctx, data)
	if err != nil {
		return failure(err, "render")
	}
	return answer{OK: true, Output: out}
}

// failure classifies err as runner.py raises it: a Python exception from a
// callback or a value, a missing template, or kind.
func failure(err error, kind string) answer {
	var pe *pyError
	if errors.As(err, &pe) {
		return answer{Kind: "python", N: pe.id, Message: err.Error()}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return answer{Kind: "notfound", Message: err.Error()}
	}
	return answer{Kind: kind, Message: err.Error()}
}

func main() {
	catalogs := flag.String("catalogs", "", "answer translation requests from the gettext catalogs under this locale directory (catalogs.py)")
	flag.Parse()
	if *catalogs != "" {
		if err := serveCatalogs(*catalogs, os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "djangotests:", err)
			os.Exit(1)
		}
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	p := &peer{in: in, out: json.NewEncoder(os.Stdout)}
	s := &server{p: p, engines: map[string]*braid.Engine{}}
	for in.Scan() {
		var rq request
		if err := json.Unmarshal(in.Bytes(), &rq); err != nil {
			fmt.Fprintln(os.Stderr, "djangotests: bad request:", err)
			os.Exit(2)
		}
		a := s.handle(&rq)
		p.mu.Lock()
		err := p.out.Encode(a)
		p.mu.Unlock()
		if err != nil {
			os.Exit(1)
		}
	}
	if err := in.Err(); err != nil && !strings.Contains(err.Error(), "closed") {
		fmt.Fprintln(os.Stderr, "djangotests:", err)
		os.Exit(1)
	}
}
