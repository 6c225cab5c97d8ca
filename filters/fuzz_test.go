package filters

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/braidtpl/braid/render"
)

// FuzzFilter runs every built-in filter on a fuzzed input of every kind
// a template can hand one (strings, safe strings, numbers, NaN and the
// infinities, None, missing values, lists, dicts, lists of dicts, times,
// structs with unexported fields, and lists, dicts and structs that
// contain themselves or nest deeply), with a fuzzed argument of every
// kind, autoescape on or off. No filter may panic, hang or overflow the
// stack (the fuzzer calls the filters' functions directly, so a panic
// fails it where a render would turn it into an error), print an
// unexported field, or answer differently when asked twice; its output is
// bounded by its input. Crashers go to testdata/fuzz/FuzzFilter.
func FuzzFilter(f *testing.F) {
	seeds := []struct {
		kind uint8
		s    string
		n    int64
		x    float64
		karg uint8
		arg  string
		narg int64
	}{
		{0, "<b>Hello</b> & 'world'", 3, 1.5, 1, "%s", 2},
		{0, "Joel is a slug http://example.com/?a=1&b=<2> www.x.org (x@y.com)", 0, 0, 1, "10", 0},
		{0, strings.Repeat("(", 200) + "http://x.com", 0, 0, 0, "", 0},
		{0, strings.Repeat("<", 300) + "a>", 0, 0, 0, "", 0},
		{0, strings.Repeat("<p>x ", 100), 5, 0, 2, "", 5},
		{1, "<i>safe</i>", 0, 0, 1, ",", 0},
		{2, "", 1 << 62, 0, 2, "", -1 << 62},
		{3, "", 0, 1e308, 1, "-1000", 0},
		{3, "", 0, -0.0000001, 3, "", 0},
		{20, "", 0, math.Inf(1), 1, "2", 0},
		{7, "a,b,<c>,3", 2, 0, 1, "1:-1", 0},
		{8, "key", 7, 0, 1, "key", 0},
		{9, "b", 1, 0, 1, "a", 0},
		{10, "", 1700000000, 0, 1, "D d M Y H:i", 0},
		{11, "alice", -900, 0, 1, "s", 0},
		{13, "", 0, 0, 1, "r", 0},
		{14, "", 0, 0, 1, "a", 0},
		{15, "", 0, 0, 1, "Name", 0},
		{16, "", 599, 0, 0, "", 0},
		{21, "a,b,c", 3, 0, 0, "", 0},
		{23, "", 7, 0, 0, "", 0},
		{0, "1.2345678901234567890e400", 0, 0, 1, "9999999", 0},
		{0, "yes,no,maybe", 0, 0, 1, "yes,no,maybe", 0},
		{0, "é\u0301x\u00a0\x00\U0001F600", 0, 0, 1, "%(a)s %%", 0},
	}
	for _, s := range seeds {
		for _, auto := range []bool{false, true} {
			f.Add(s.kind, s.s, s.n, s.x, s.karg, s.arg, s.narg, auto)
		}
	}
	table := Builtins()
	names := slices.Sorted(func(yield func(string) bool) {
		for name := range table {
			if !yield(name) {
				return
			}
		}
	})
	f.Fuzz(func(t *testing.T, kind uint8, s string, n int64, x float64, karg uint8, arg string, narg int64, auto bool) {
		if len(s) > 1<<12 || len(arg) > 1<<10 {
			return // the inputs of templates; length is the other fuzzers' concern
		}
		bound := 200*(len(s)+len(arg)) + 1<<16
		if k := kind % 24; k == 16 || k == 23 {
			// Nested deeply, or sharing its parts: printing stops at
			// render.MaxNesting levels or at a count of nodes, which
			// bound the output (pprint indents each level).
			bound = 4 << 20
		}
		for _, name := range names {
			filter := table[name]
			in := fuzzValue(kind, s, n, x)
			a := fuzzArg(karg, arg, narg, x)
			if filter.Arg == render.ArgNone {
				a = render.NoArg{}
			}
			st := newState(auto)
			// A hang is a crash the fuzzer records (it has no timeout
			// of its own per input): this is a watchdog, not a timing.
			dog := time.AfterFunc(20*time.Second, func() {
				panic(fmt.Sprintf("%s(%s %.100q, %v) does not return", name, render.TypeName(in), s, a))
			})
			out, err := filter.Fn(st, in, a)
			dog.Stop()
			if err != nil {
				continue
			}
			got := printed(out, auto)
			if strings.Contains(got, "mallory-secret") {
				t.Fatalf("%s(%s) shows an unexported field: %.200q", name, render.TypeName(in), got)
			}
			if len(got) > bound && name != "random" {
				t.Fatalf("%s(%s, %v) printed %d bytes from %d", name, render.TypeName(in), a, len(got), len(s)+len(arg))
			}
			if name == "random" || name == "timesince" || name == "timeuntil" {
				continue // the result may change between two calls
			}
			again, err := filter.Fn(newState(auto), fuzzValue(kind, s, n, x), fuzzArg(karg, arg, narg, x))
			if err != nil || printed(again, auto) != got {
				t.Fatalf("%s(%s, %v) answered %.100q, then %.100q, %v", name, render.TypeName(in), a, got, printed(again, auto), err)
			}
			if utf8.ValidString(s) && utf8.ValidString(arg) && !utf8.ValidString(got) && name != "slice" && name != "truncatechars" {
				t.Fatalf("%s(%q, %v) printed invalid UTF-8 from valid input: %q", name, s, a, got)
			}
		}
	})
}

// fuzzNode is a struct that can reach itself, with a field a template
// must never see.
type fuzzNode struct {
	Name   string
	N      int64
	Next   *fuzzNode
	secret string
}

// fuzzValue makes a filter's input of the kind chosen from the fuzzer's
// string, integer and float.
func fuzzValue(kind uint8, s string, n int64, x float64) any {
	switch kind % 24 {
	case 0:
		return s
	case 1:
		return render.SafeString(s)
	case 2:
		return int(n)
	case 3:
		return x
	case 4:
		return n%2 == 0
	case 5:
		return nil
	case 6:
		return render.Undefined{Name: s}
	case 7:
		l := []any{}
		for i, p := range strings.Split(s, ",") {
			if i%3 == 2 {
				l = append(l, n+int64(i))
			} else {
				l = append(l, p)
			}
		}
		return l
	case 8:
		return map[string]any{s: n, "a": s, "b": []any{x, nil}}
	case 9:
		return []any{map[string]any{"a": s, "b": n}, map[string]any{"a": n, "b": s}, map[string]any{"b": x}}
	case 10:
		return time.Unix(n%(1<<40), 0).UTC()
	case 11:
		return fuzzNode{Name: s, N: n, secret: "mallory-secret"}
	case 12:
		return &fuzzNode{Name: s, N: n, secret: "mallory-secret", Next: &fuzzNode{Name: s}}
	case 13:
		l := []any{s, nil}
		l[1] = l
		return l
	case 14:
		m := map[string]any{"a": s}
		m[s] = m
		return m
	case 15:
		nd := &fuzzNode{Name: s, N: n, secret: "mallory-secret"}
		nd.Next = nd
		return nd
	case 16:
		var v any = s
		for range int(uint64(n) % 600) { // past render.MaxNesting
			v = []any{v, s}
		}
		return v
	case 17:
		return strings.Split(s, " ")
	case 18:
		return []int{int(n), int(n >> 32), 0, -1}
	case 19:
		return uint64(n)
	case 20:
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), x}[uint64(n)%4]
	case 21:
		// unordered_list's shape: items followed by their sublists.
		return []any{s, []any{strings.ToUpper(s), []any{n}}, "<x>"}
	case 22:
		return []map[string]any{{"a": s, "b": n}, {"a": x, "b": "<b>"}}
	default:
		// Sharing its parts: 2^depth paths through depth structs (the
		// printer's node budget is covered by TestFiltersDeepValues:
		// here it stays small, for the fuzzer's speed).
		type dag struct{ L, R any }
		var d any = s
		for range int(uint64(n) % 8) {
			d = &dag{d, d}
		}
		return d
	}
}

// fuzzArg makes a filter's argument of the kind chosen.
func fuzzArg(kind uint8, s string, n int64, x float64) any {
	switch kind % 9 {
	case 0:
		return render.NoArg{}
	case 1:
		return s
	case 2:
		return int(n)
	case 3:
		return x
	case 4:
		return render.SafeString(s)
	case 5:
		return nil
	case 6:
		return n%2 == 0
	case 7:
		return []any{s, n}
	default:
		return int(n % 100)
	}
}
