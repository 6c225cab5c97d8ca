// Package cache is Django's cache template library ({% load cache %}):
// {% cache timeout name [vary_on …] %}…{% endcache %} keeps a fragment's
// output in a Store and renders it again only when it has expired.
//
// It is written on braid's public tag-library API (package compiler); the
// store is pluggable (Store), the default one in memory.
package cache

import (
	"crypto/md5"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/render"
)

// Store keeps rendered fragments. It must be safe for concurrent use.
type Store interface {
	// Get returns the fragment stored under key, if it has not expired.
	Get(key string) (string, bool)
	// Set stores a fragment for ttl (0: until it is evicted).
	Set(key, fragment string, ttl time.Duration)
}

// Library returns the library over store (nil: a new Memory store of
// 10,000 fragments).
func Library(store Store) *compiler.Library {
	if store == nil {
		store = NewMemory(10_000)
	}
	return &compiler.Library{Tags: map[string]compiler.Tag{
		"cache": compiler.BlockTag{Body: true, Compile: func(call *compiler.TagCall) (render.Node, error) {
			return compileCache(call, store)
		}},
	}}
}

// cacheNode is {% cache timeout name [vary …] %}.
type cacheNode struct {
	store   Store
	timeout render.Expr
	name    string
	vary    []render.Expr
	body    render.Nodes
	ordered bool
	pos     render.Pos
}

const usage = `{% cache timeout name [vary_on …] %}…{% endcache %}`

func compileCache(call *compiler.TagCall, store Store) (render.Node, error) {
	args, err := call.Args()
	if err != nil {
		return nil, err
	}
	if len(args.Args) < 2 || args.As != "" {
		return nil, call.Errorf(call.Node.Pos, "{%% cache %%} takes at least two arguments; usage: %s", usage)
	}
	for _, a := range args.Args {
		if a.Name != "" {
			// Django's using="name" picks a cache backend: the engine has one store.
			return nil, call.Errorf(a.Pos, "{%% cache %%}: unexpected %s=; usage: %s", a.Name, usage)
		}
	}
	n := &cacheNode{store: store, timeout: call.Expr(args.Args[0].Value), pos: call.Pos(call.Node.Pos)}
	n.name = args.Args[1].Value.String() // Django: the fragment name is the token as written
	for _, a := range args.Args[2:] {
		n.vary = append(n.vary, call.Expr(a.Value))
	}
	n.body, n.ordered = call.Ordered(call.Node.Body)
	return n, nil
}

func (n *cacheNode) Render(s *render.State, out *render.Out) error {
	t, deferred, err := compiler.Consume(s, out, n.pos, "{% cache %}", n.timeout, n.ordered, n)
	if deferred || err != nil {
		return err
	}
	ttl, err := timeout(t)
	if err != nil {
		return s.Errorf(n.pos, err, "{%% cache %%}")
	}
	parts := make([]string, len(n.vary))
	for i, x := range n.vary {
		v, deferred, err := compiler.Consume(s, out, n.pos, "{% cache %}", x, n.ordered, n)
		if deferred || err != nil {
			return err
		}
		parts[i] = render.String(v)
	}
	key := FragmentKey(n.name, parts)
	if frag, ok := n.store.Get(key); ok {
		out.WriteString(frag)
		return nil
	}
	// The fragment renders whole (a capture waits for its values), then
	// goes to the store and the page.
	buf := render.NewCapture()
	if err := n.body.Render(s, buf); err != nil {
		return err
	}
	frag := buf.String()
	n.store.Set(key, frag, ttl)
	out.WriteString(frag)
	return nil
}

// timeout is the tag's timeout in seconds; None is forever.
func timeout(v any) (time.Duration, error) {
	switch x := v.(type) {
	case nil:
		return 0, nil
	case int:
		return time.Duration(x) * time.Second, nil
	case float64:
		return time.Duration(x * float64(time.Second)), nil
	}
	f, ok := render.ToFloat(v)
	if !ok {
		return 0, errTimeout{v}
	}
	return time.Duration(f * float64(time.Second)), nil
}

type errTimeout struct{ v any }

func (e errTimeout) Error() string {
	return "the timeout must be a number of seconds, not " + render.TypeName(e.v)
}

// FragmentKey is Django's make_template_fragment_key: the key a fragment
// is stored under, for a program that clears it.
func FragmentKey(name string, vary []string) string {
	sum := md5.Sum([]byte(strings.Join(vary, ":")))
	return "template.cache." + name + "." + hex.EncodeToString(sum[:])
}

// Memory is a Store in memory, bounded: past its size, expired fragments
// go first, then the oldest.
type Memory struct {
	mu    sync.Mutex
	max   int
	items map[string]entry
	order []string // keys, oldest first (may hold keys since replaced)
	now   func() time.Time
}

type entry struct {
	frag    string
	expires time.Time // zero: never
}

// NewMemory returns a Memory store of at most max fragments.
func NewMemory(max int) *Memory {
	return &Memory{max: max, items: map[string]entry{}, now: time.Now}
}

// Get returns the fragment under key unless it expired.
func (m *Memory) Get(key string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.items[key]
	if !ok || !e.expires.IsZero() && !m.now().Before(e.expires) {
		return "", false
	}
	return e.frag, true
}

// Set stores fragment under key for ttl.
func (m *Memory) Set(key, fragment string, ttl time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e := entry{frag: fragment}
	if ttl > 0 {
		e.expires = m.now().Add(ttl)
	}
	if _, ok := m.items[key]; !ok {
		m.order = append(m.order, key)
	}
	m.items[key] = e
	for len(m.items) > m.max && len(m.order) > 0 {
		m.evict()
	}
}

// evict drops an expired fragment if there is one, else the oldest.
func (m *Memory) evict() {
	now := m.now()
	for i, k := range m.order {
		if e, ok := m.items[k]; ok && !e.expires.IsZero() && !now.Before(e.expires) {
			delete(m.items, k)
			m.order = append(m.order[:i], m.order[i+1:]...)
			return
		}
	}
	k := m.order[0]
	m.order = m.order[1:]
	delete(m.items, k)
}
