package render

import (
	"context"
	"reflect"
	"sync"
	"sync/atomic"
	"time"
)

// Env is what an engine gives every render: settings and the way to load
// other templates. It is shared by all renders and must not change while
// they run.
type Env struct {
	Autoescape      bool   // the starting autoescape mode
	StringIfInvalid string // what Undefined prints as
	Strict          bool   // a missing variable is an error
	Location        *time.Location
	Loader          Loader // for extends, include, import; nil: none
	// URLResolver resolves {% url %}: a route name and its arguments to a
	// path; nil: {% url %} is an error.
	URLResolver func(name string, args []any, kwargs map[string]any) (string, error)
	// Concurrency is the most lazy values one render computes at once
	// (the rest wait in a queue); Sequential (or Concurrency <= 0)
	// renders without any goroutine.
	Concurrency int
	Sequential  bool
	// MaxBuffered bounds the output bytes one render holds behind nodes
	// still waiting for their values; at the bound, the nodes producing
	// more wait for the head of the page to be written (backpressure).
	// 0: DefaultMaxBuffered.
	MaxBuffered int
	// Translator translates messages; nil: they are their own text.
	Translator Translator
	// Language gives a render's language from its context (say, set by
	// a middleware from the request); nil, or "": DefaultLanguage.
	Language func(ctx context.Context) string
	// DefaultLanguage is the language of renders that Language does not
	// decide (Django's LANGUAGE_CODE); "": "en-us".
	DefaultLanguage string
	// PrintTime formats a time.Time that {{ }} prints; nil: Python's
	// str(). Django localizes it with DATETIME_FORMAT.
	PrintTime func(time.Time) string
	// Streaming is how renders stream when their context does not say
	// (WithStreaming): in order by default.
	Streaming Streaming
	// Pongo2 renders as pongo2 does where it differs from Django: nil
	// as "", floats with six decimals, only strings escaped, arithmetic
	// and comparisons on Go values (Pongo2Arith), a missing variable nil,
	// pongo2's lorem text and its words for render errors.
	Pongo2 bool
	// Limits bound what one render may consume.
	Limits Limits
	// Methods says which methods of the data templates may call.
	Methods MethodPolicy
}

// Loader finds compiled templates by name, for extends, include and import.
type Loader interface {
	// Load returns the template name; from is the name of the template
	// that asks, for relative names.
	Load(ctx context.Context, name, from string) (*Program, error)
}

// RawLoader is a Loader that can also read a file as text, for {% ssi %}.
type RawLoader interface {
	LoadRaw(ctx context.Context, name, from string) (string, error)
}

// Run is the state one render shares between all its nodes.
type Run struct {
	Env *Env
	Now time.Time // the render's start, so every {% now %} agrees
	// began is Now with the monotonic clock's reading, for since.
	began time.Time
	// cycles holds each {% cycle %} node's position; keyed by node.
	cycles map[any]int
	// named holds named cycles ({% cycle … as name %}) by name.
	named map[string]any
	// changed is {% ifchanged %} memory outside loops.
	changed map[any][]any

	ctx       context.Context // the render's context (cancellable, when concurrent)
	streaming *Streaming      // out of order; nil: in order
	limit     int             // lazy values computed at once at most; 0: sequential
	rctx      runContext      // ctx, when concurrent
	sched     Schedule        // a test's schedule (WithSchedule); nil: goroutines

	// The scheduler's counts (see sched.go), under mu.
	mu         sync.Mutex
	inflight   int       // lazy values being computed on slots
	goroutines int       // goroutines of this render still running
	waiting    int       // deferred nodes and bindings waiting for a value
	queue      []*Future // lazy values waiting for a slot, first in first out
	ready      []task    // tasks admitted, ready[taken:] waiting for a goroutine to take them
	taken      int
	idle       int         // goroutines waiting for a task (see dispatch)
	starting   int         // goroutines started that have not taken a task yet
	stopped    bool        // stopIdle was called: no goroutine waits idle any more
	idleCond   sync.Cond   // idle goroutines wait on it, with mu (its L, set by the first)
	streams    []*stream   // the output's chunk chains, closed by seal
	flushOwed  atomic.Bool // a stream put a flush off (see stream.flushSoon)
	wake       chan struct{}
	sealed     atomic.Bool // Wait returned: goroutines still running are abandoned

	failMu    sync.Mutex
	failed    error       // the first error of a deferred node or binding
	remembers atomic.Bool // State.Remember was called
	// beforeWait flushes the output before a sequential render waits.
	beforeWait *Out
	lazy       lazies   // lazy values started, by where they were found
	prog       *Program // the template rendered (its lazies hint)
	stats      stats

	// Limits.MaxSteps and MaxOutput (0: none), and the counts so far,
	// shared by every goroutine of the render.
	maxSteps, maxOutput int64
	steps, output       atomic.Int64
}

// State is what a node renders with: the render's shared Run, the scope,
// and the settings that tags change on the way down.
type State struct {
	Ctx    context.Context
	Run    *Run
	Prog   *Program // the template the running node belongs to
	Scope  *Scope
	Blocks *BlockStack // the inheritance chain being rendered; nil outside one
	Loop   *Loop       // the innermost {% for %}'s loop; nil outside loops
	// Depth counts the templates rendering inside each other (include,
	// ssi, inclusion tags), MacroDepth the macro calls; Trail names them.
	Depth, MacroDepth int
	Trail             *Trail
	// Zone is the current time zone ({% timezone %}); nil: the engine's
	// (Env.Location).
	Zone *time.Location
	// Language is the language {% language %} set; "": the render's
	// (see CurrentLanguage).
	Language   string
	Autoescape bool
	// AllowMissing is set while evaluating the input of a default filter:
	// a missing variable is then not an error even in strict mode.
	AllowMissing bool
	// NoLocalTime is {% localtime off %}: datetimes print in their own
	// zone.
	NoLocalTime bool
}

// NewState starts a render of prog over data. Its goroutines (none in a
// sequential render) must be waited for with s.Run.Wait.
func NewState(ctx context.Context, env *Env, prog *Program, data map[string]any) *State {
	a := &stateAlloc{}
	run := &a.run
	*run = Run{Env: env, Now: time.Now(), maxSteps: env.Limits.MaxSteps, maxOutput: env.Limits.MaxOutput}
	run.began = run.Now // with its monotonic reading, which In drops
	if env.Location != nil {
		run.Now = run.Now.In(env.Location)
	}
	if env.Methods != MethodsAll {
		// Lookup, which filters call too, takes only a context.
		ctx = context.WithValue(ctx, methodsKey{}, env.Methods)
	}
	limit := env.Concurrency
	if env.Sequential {
		limit = 0
	}
	run.startGroup(ctx, limit)
	if run.Concurrent() {
		run.streaming = streamingOf(ctx, env)
	}
	// The template's own bindings ({% set %} at the top level) go in a
	// frame above the data, which stays read-only and shared.
	a.data = Scope{data: data}
	a.top.init(&a.data)
	run.prog = prog
	a.state = State{Ctx: run.ctx, Run: run, Prog: prog, Scope: &a.top.Scope, Autoescape: env.Autoescape}
	return &a.state
}

// since is the time since the render began, by the monotonic clock.
func (r *Run) since() time.Duration { return time.Since(r.began) }

// stateAlloc is what NewState makes, in one allocation: the run, the
// state, the scope of the data and the frame of the template's own
// bindings above it.
type stateAlloc struct {
	run   Run
	state State
	data  Scope
	top   frameAlloc
}

// CurrentZone is the time zone datetimes are shown in: the one
// {% timezone %} set, or the engine's; nil when neither is set (a time
// is then shown in its own zone).
func (s *State) CurrentZone() *time.Location {
	if s.Zone != nil {
		return s.Zone
	}
	return s.Run.Env.Location
}

// LocalTime is t as a template shows it (Django's template_localtime): in
// the current time zone, unless {% localtime off %} is in force.
func (s *State) LocalTime(t time.Time) time.Time {
	if z := s.CurrentZone(); z != nil && !s.NoLocalTime {
		return t.In(z)
	}
	return t
}

// CycleIndex returns the next position of the cycle node key over n values.
func (r *Run) CycleIndex(key any, n int) int {
	if r.cycles == nil {
		r.cycles = map[any]int{}
	}
	i := r.cycles[key]
	r.cycles[key] = (i + 1) % n
	return i
}

// ResetCycle makes the cycle node key start again at its first value.
func (r *Run) ResetCycle(key any) { delete(r.cycles, key) }

// NamedCycle returns the cycle registered under name by {% cycle … as name %}.
func (r *Run) NamedCycle(name string) (any, bool) {
	c, ok := r.named[name]
	return c, ok
}

// SetNamedCycle registers a named cycle.
func (r *Run) SetNamedCycle(name string, node any) {
	if r.named == nil {
		r.named = map[string]any{}
	}
	r.named[name] = node
}

// BlockStack is the chain of block definitions in an inheritance render:
// for each name, the most derived definition first.
type BlockStack struct {
	byName map[string][]*Block
}

// Push adds a template's blocks as less derived than those already there.
func (b *BlockStack) Push(blocks map[string]*Block) {
	if b.byName == nil {
		b.byName = make(map[string][]*Block, len(blocks))
	}
	for name, blk := range blocks {
		b.byName[name] = append(b.byName[name], blk)
	}
}

// Chain returns the definitions of name, most derived first.
func (b *BlockStack) Chain(name string) []*Block {
	if b == nil {
		return nil
	}
	return b.byName[name]
}

// TypeName names v's type the way messages to template authors do.
func TypeName(v any) string {
	switch v.(type) {
	case nil:
		return "None"
	case Undefined:
		return "undefined value"
	case SafeString:
		return "string"
	}
	return reflect.TypeOf(v).String()
}
