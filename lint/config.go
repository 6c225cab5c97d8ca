package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/internal/stdlib"
	"github.com/braidtpl/braid/render"
)

// ConfigFile is the name of the configuration file tplcheck looks for
// in the root of a template tree.
const ConfigFile = "tplcheck.json"

// DefaultMaxSize is the largest template file a Checker reads unless
// Config.MaxSize says otherwise: 1 MiB.
const DefaultMaxSize = 1 << 20

// Config is what a Checker needs to know about the application beyond
// the templates: the tags, filters and libraries it registers with the
// engine (so that they are not reported unknown), and which rules run.
// A tplcheck.json file holds one, as JSON:
//
//	{
//	  "tags": {"price": {}, "panel": {"body": true, "intermediates": ["else"]}},
//	  "filters": ["money", {"name": "truncate_at", "arg": "required"}],
//	  "libraries": {"shop": {"tags": ["cart"], "filters": ["money"]}},
//	  "disable": ["sequential-loop"],
//	  "enable-sets": ["security"],
//	  "max-size": 2097152,
//	  "search": ["../common-templates"]
//	}
//
// "tags" and "filters" (in a library too) are each a list of names, an
// object from name to its description, or a list mixing names and
// descriptions with a "name".
type Config struct {
	// Tags are custom tags every template has (braid.WithTag in the application).
	Tags Tags `json:"tags,omitempty"`
	// Filters are custom filters every template has (braid.WithFilter in the application).
	Filters Filters `json:"filters,omitempty"`
	// Libraries are tag libraries for {% load name %} (braid.WithLibrary in the application);
	// one named as a standard library (i18n, static, …) replaces it.
	Libraries map[string]Library `json:"libraries,omitempty"`
	// Disable turns rules off; Enable turns on rules of sets not enabled.
	Disable []string `json:"disable,omitempty"`
	Enable  []string `json:"enable,omitempty"`
	// EnableSets turns on every rule of the sets named ("security").
	EnableSets []string `json:"enable-sets,omitempty"`
	// MaxSize is the largest file read, in bytes (0: DefaultMaxSize).
	// Larger files are a bad-input finding and are not read.
	MaxSize int64 `json:"max-size,omitempty"`
	// Search are more template directories, relative to the tree's root,
	// where templates the tree extends or includes are found, in order,
	// after the tree (the engine's other WithDir sources). tplcheck opens
	// them and passes them to New; they are not checked themselves.
	Search []string `json:"search,omitempty"`
}

// Tag describes a custom tag: whether it has a body up to
// {% end<name> %}, the intermediate tags that divide it
// ({% else %}), and whether its output depends on render order
// (braid.BlockTag's Stateful).
type Tag struct {
	Name          string   `json:"name,omitempty"` // in a list; the key in an object
	Body          bool     `json:"body,omitempty"`
	Intermediates []string `json:"intermediates,omitempty"`
	Stateful      bool     `json:"stateful,omitempty"`
}

// Filter describes a custom filter: whether it takes an argument, "none",
// "optional" (the default: the linter cannot know) or "required".
type Filter struct {
	Name string `json:"name,omitempty"`
	Arg  string `json:"arg,omitempty"`
}

// Library is a tag library: its tags and filters.
type Library struct {
	Tags    Tags    `json:"tags,omitempty"`
	Filters Filters `json:"filters,omitempty"`
}

// Tags are custom tags by name.
type Tags map[string]Tag

// Filters are custom filters by name.
type Filters map[string]Filter

// UnmarshalJSON reads a list of names, an object of descriptions, or a
// list of names and descriptions.
func (t *Tags) UnmarshalJSON(b []byte) error {
	m, err := unmarshalNamed(b, func(v *Tag) *string { return &v.Name })
	*t = m
	return err
}

// UnmarshalJSON reads a list of names, an object of descriptions, or a
// list of names and descriptions.
func (f *Filters) UnmarshalJSON(b []byte) error {
	m, err := unmarshalNamed(b, func(v *Filter) *string { return &v.Name })
	*f = m
	return err
}

func unmarshalNamed[T any](b []byte, name func(*T) *string) (map[string]T, error) {
	out := map[string]T{}
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var m map[string]T
		if err := strictJSON(b, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			*name(&v) = k
			out[k] = v
		}
		return out, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		return nil, errors.New("expected a list of names or an object")
	}
	for _, raw := range list {
		var v T
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			*name(&v) = s
		} else if err := strictJSON(raw, &v); err != nil {
			return nil, err
		}
		n := *name(&v)
		if n == "" {
			return nil, errors.New("an entry without a name")
		}
		out[n] = v
	}
	return out, nil
}

func strictJSON(b []byte, v any) error {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return err
	}
	if d.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// ParseConfig reads a configuration from JSON (the shape Config
// documents). Unknown fields, unknown rule ids and sets, and filter
// argument rules other than none, optional and required are errors.
func ParseConfig(data []byte) (Config, error) {
	var c Config
	if err := strictJSON(data, &c); err != nil {
		return Config{}, fmt.Errorf("tplcheck config: %w", err)
	}
	if err := c.validate(); err != nil {
		return Config{}, fmt.Errorf("tplcheck config: %w", err)
	}
	return c, nil
}

// LoadConfig reads the configuration file at path; a missing file is an
// empty configuration when optional is set.
func LoadConfig(path string, optional bool) (Config, error) {
	b, err := os.ReadFile(path)
	if optional && errors.Is(err, os.ErrNotExist) {
		return Config{}, nil
	}
	if err != nil {
		return Config{}, err
	}
	c, err := ParseConfig(b)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

func (c *Config) validate() error {
	for _, list := range [][]string{c.Disable, c.Enable} {
		for _, id := range list {
			if _, ok := RuleByID(id); !ok {
				return fmt.Errorf("unknown rule %q (the rules: %s)", id, ruleIDs())
			}
		}
	}
	for _, s := range c.EnableSets {
		if s != DefaultSet && s != SecuritySet {
			return fmt.Errorf("unknown rule set %q (%s or %s)", s, DefaultSet, SecuritySet)
		}
	}
	check := func(fs Filters) error {
		for _, n := range slices.Sorted(maps.Keys(fs)) {
			if _, err := argRule(fs[n].Arg); err != nil {
				return fmt.Errorf("filter %q: %w", n, err)
			}
		}
		return nil
	}
	if err := check(c.Filters); err != nil {
		return err
	}
	for _, n := range slices.Sorted(maps.Keys(c.Libraries)) {
		if err := check(c.Libraries[n].Filters); err != nil {
			return fmt.Errorf("library %q: %w", n, err)
		}
	}
	if c.MaxSize < 0 {
		return errors.New("max-size must not be negative")
	}
	return nil
}

func argRule(s string) (render.ArgRule, error) {
	switch s {
	case "", "optional":
		return render.ArgOptional, nil
	case "none":
		return render.ArgNone, nil
	case "required":
		return render.ArgRequired, nil
	}
	return 0, fmt.Errorf("arg is %q: none, optional or required", s)
}

// Merge returns c with what o adds: its tags, filters and libraries (o's
// win on a clash), its disabled and enabled rules and sets, and its
// MaxSize if set; o's Search after c's. tplcheck merges its flags over the file this way.
func (c Config) Merge(o Config) Config {
	out := c
	out.Tags = mergeMaps(c.Tags, o.Tags)
	out.Filters = mergeMaps(c.Filters, o.Filters)
	out.Libraries = mergeMaps(c.Libraries, o.Libraries)
	out.Disable = append(slices.Clone(c.Disable), o.Disable...)
	out.Enable = append(slices.Clone(c.Enable), o.Enable...)
	out.EnableSets = append(slices.Clone(c.EnableSets), o.EnableSets...)
	out.Search = append(slices.Clone(c.Search), o.Search...)
	if o.MaxSize != 0 {
		out.MaxSize = o.MaxSize
	}
	return out
}

func mergeMaps[M ~map[string]V, V any](a, b M) M {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	out := M{}
	maps.Copy(out, a)
	maps.Copy(out, b)
	return out
}

// enabled reports whether rule id runs under c.
func (c *Config) enabled(r Rule) bool {
	if slices.Contains(c.Disable, r.ID) {
		return false
	}
	return r.Set == DefaultSet || slices.Contains(c.EnableSets, r.Set) || slices.Contains(c.Enable, r.ID)
}

// compilerOptions are the options an engine with c's tags, filters and
// libraries compiles with, each registered as a stub: a tag compiles its
// arguments and its body (so their errors are the template's) and renders
// nothing; a filter returns its input.
func (c *Config) compilerOptions() compiler.Options {
	tags := map[string]compiler.Tag{}
	for n, t := range c.Tags {
		tags[n] = stubTag(t)
	}
	filterTable := map[string]*render.Filter{}
	for n, f := range c.Filters {
		filterTable[n] = stubFilter(f)
	}
	libs := map[string]*compiler.Library{}
	for n, l := range c.Libraries {
		lib := &compiler.Library{Tags: map[string]compiler.Tag{}, Filters: map[string]*render.Filter{}}
		for name, t := range l.Tags {
			lib.Tags[name] = stubTag(t)
		}
		for name, f := range l.Filters {
			lib.Filters[name] = stubFilter(f)
		}
		libs[n] = lib
	}
	return stdlib.Options(stdlib.Config{}, tags, filterTable, libs)
}

// stub is what a stub tag renders: nothing. Nothing renders it: the
// linter only compiles.
type stub struct{}

func (stub) Render(*render.State, *render.Out) error { return nil }

func stubTag(t Tag) compiler.Tag {
	return compiler.BlockTag{
		Body:          t.Body,
		Intermediates: slices.Clone(t.Intermediates),
		Stateful:      t.Stateful,
		Compile: func(call *compiler.TagCall) (render.Node, error) {
			// Arguments read as a simple tag's are checked like one's (their
			// filters must exist); a tag with a syntax of its own is left alone.
			if args, err := call.Args(); err == nil {
				for _, a := range args.Args {
					call.Expr(a.Value)
				}
				if args.As != "" {
					call.OrderDependent() // as braid's simple tags with "as name"
				}
			}
			call.Nodes(call.Node.Body)
			for _, cl := range call.Node.Clauses {
				if args, err := cl.Arguments(); err == nil {
					for _, a := range args.Args {
						call.Expr(a.Value)
					}
				}
				call.Nodes(cl.Body)
			}
			return stub{}, nil
		},
	}
}

func stubFilter(f Filter) *render.Filter {
	rule, _ := argRule(f.Arg) // validated
	return &render.Filter{Arg: rule, Fn: func(_ *render.State, in, _ any) (any, error) { return in, nil }}
}
