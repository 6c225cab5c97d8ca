package pongo2

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/braidtpl/braid"
)

// TemplateWriter is what a custom tag's node writes to.
type TemplateWriter interface {
	io.Writer
	WriteString(string) (int, error)
}

// Template is a compiled template of a set.
type Template struct {
	set     *TemplateSet
	tpl     *braid.Template
	display string
	// Options are the template's whitespace settings, a copy of its
	// set's; a change applies from the next Execute (the template is
	// compiled again with them).
	Options *Options

	compiled Options // the options tpl was compiled with
	name     string  // the source's name (FromFile)
	src      string  // the source (FromString)
	isString bool
	mu       sync.Mutex
}

// current is the compiled template for t.Options.
func (t *Template) current() (*braid.Template, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if *t.Options == t.compiled || !t.isString && t.name == "" {
		return t.tpl, nil
	}
	t.set.mu.Lock()
	eng := t.set.engineFor(*t.Options)
	t.set.mu.Unlock()
	var bt *braid.Template
	var err error
	if t.isString {
		bt, err = eng.Compile("<string>", t.src)
	} else {
		bt, err = eng.Template(t.name)
	}
	if err != nil {
		return nil, fromBraid(err, t, "parser")
	}
	t.tpl, t.compiled = bt, *t.Options
	return bt, nil
}

type execKey struct{}

// data is what a render sees: the set's globals, then ctx; functions whose
// first parameter is an *ExecutionContext get it.
func (t *Template) data(ctx Context) (map[string]any, *ExecutionContext, error) {
	if err := ctx.check(); err != nil {
		return nil, nil, &Error{Template: t, Filename: t.display, Sender: "execution", OrigError: err}
	}
	data := make(map[string]any, len(t.set.Globals)+len(ctx)+1)
	for k, v := range t.set.Globals {
		data[k] = v
	}
	for k, v := range ctx {
		data[k] = v
	}
	ec := &ExecutionContext{template: t, Autoescape: autoescape.Load(), Public: Context(data), Private: Context{}, Shared: Context{}}
	for k, v := range data {
		if f, ok := bindExecutionContext(v, ec); ok {
			data[k] = f
		}
	}
	if _, ok := data["pongo2"]; !ok {
		data["pongo2"] = map[string]any{"version": Version}
	}
	return data, ec, nil
}

var execType = reflect.TypeFor[*ExecutionContext]()

// bindExecutionContext turns a func(*ExecutionContext, …) into a func of
// the other parameters, given ec.
func bindExecutionContext(v any, ec *ExecutionContext) (any, bool) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Func || rv.Type().NumIn() == 0 || rv.Type().In(0) != execType {
		return nil, false
	}
	ft := rv.Type()
	in := make([]reflect.Type, 0, ft.NumIn()-1)
	for i := 1; i < ft.NumIn(); i++ {
		in = append(in, ft.In(i))
	}
	out := make([]reflect.Type, ft.NumOut())
	for i := range out {
		out[i] = ft.Out(i)
	}
	bound := reflect.MakeFunc(reflect.FuncOf(in, out, ft.IsVariadic()), func(args []reflect.Value) []reflect.Value {
		all := append([]reflect.Value{reflect.ValueOf(ec)}, args...)
		if ft.IsVariadic() {
			return rv.CallSlice(all)
		}
		return rv.Call(all)
	})
	return bound.Interface(), true
}

func (t *Template) render(w io.Writer, ctx Context) error {
	data, ec, err := t.data(ctx)
	if err != nil {
		return err
	}
	tpl, err := t.current()
	if err != nil {
		return err
	}
	rctx := context.WithValue(context.Background(), execKey{}, ec)
	return fromBraid(tpl.Render(rctx, w, data), t, "execution")
}

// Execute renders the template with ctx.
func (t *Template) Execute(ctx Context) (string, error) {
	var b bytes.Buffer
	if err := t.render(&b, ctx); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ExecuteBytes renders the template with ctx.
func (t *Template) ExecuteBytes(ctx Context) ([]byte, error) {
	var b bytes.Buffer
	if err := t.render(&b, ctx); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ExecuteWriter renders the template with ctx to w, all at once: on an
// error nothing is written.
func (t *Template) ExecuteWriter(ctx Context, w io.Writer) error {
	var b bytes.Buffer
	if err := t.render(&b, ctx); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// ExecuteWriterUnbuffered renders the template with ctx to w as it goes:
// streamed, its slow values resolved concurrently; on an error, what was
// written is a valid prefix of the page.
func (t *Template) ExecuteWriterUnbuffered(ctx Context, w io.Writer) error {
	return t.render(w, ctx)
}

// ExecuteBlocks renders only the named blocks, each as the template's
// inheritance chain resolves it; a name no template of the chain defines
// is left out of the result.
func (t *Template) ExecuteBlocks(ctx Context, blocks []string) (map[string]string, error) {
	data, ec, err := t.data(ctx)
	if err != nil {
		return nil, err
	}
	tpl, err := t.current()
	if err != nil {
		return nil, err
	}
	rctx := context.WithValue(context.Background(), execKey{}, ec)
	out := make(map[string]string, len(blocks))
	for _, name := range blocks {
		if _, done := out[name]; done {
			continue
		}
		var b bytes.Buffer
		err := tpl.RenderBlock(rctx, &b, name, data)
		var be *braid.Error
		if errors.As(err, &be) && be.Line == 0 && strings.HasPrefix(be.Msg, "no block named") {
			continue
		}
		if err != nil {
			return nil, fromBraid(err, t, "execution")
		}
		out[name] = b.String()
	}
	return out, nil
}
