package render

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type iterRow struct {
	ID   int
	Name string
	Tags []string
	Next *iterRow
	Any  any
}

// TestRange checks that Range yields the same items as Items, in both
// directions, for the in-place paths and the copying ones.
func TestRange(t *testing.T) {
	rows := []iterRow{{ID: 1, Name: "a", Any: 1.5}, {ID: 2, Name: "b", Tags: []string{"x"}}}
	arr := [3]string{"p", "q", "r"}
	for _, v := range []any{
		[]any{1, "a", nil}, []string{"x", "y"}, []int{3, 4}, []map[string]any{{"k": 1}},
		[]float64{1.5, 2}, []bool{true, false}, []*iterRow{{ID: 9}}, &arr, arr, []uint8{7},
		map[string]int{"b": 2, "a": 1}, "héllo", []any{}, nil,
	} {
		want, _ := Items(v)
		for _, reverse := range []bool{false, true} {
			var got []any
			ok, err := Range(v, reverse, func(i, n int, item any) error {
				if n != len(want) {
					t.Errorf("%T: n = %d, want %d", v, n, len(want))
				}
				got = append(got, item)
				return nil
			})
			if !ok || err != nil {
				t.Fatalf("Range(%T) = %v, %v", v, ok, err)
			}
			w := append([]any(nil), want...)
			if reverse {
				for i, j := 0, len(w)-1; i < j; i, j = i+1, j-1 {
					w[i], w[j] = w[j], w[i]
				}
			}
			if diff := cmp.Diff(fmt.Sprint(w), fmt.Sprint(got)); diff != "" {
				t.Errorf("Range(%T, reverse=%v) (-Items +Range):\n%s", v, reverse, diff)
			}
		}
	}
	// Struct elements come as pointers into the slice, with their fields.
	var names []any
	Range(rows, false, func(i, n int, item any) error {
		if p, ok := item.(*iterRow); !ok || p != &rows[i] {
			t.Errorf("item %d is %T, want a pointer to the element", i, item)
		}
		v, found, _ := Lookup(context.Background(), item, "Name")
		names = append(names, v, found)
		return nil
	})
	if diff := cmp.Diff([]any{"a", true, "b", true}, names); diff != "" {
		t.Errorf("field lookups through Range (-want +got):\n%s", diff)
	}
	if ok, _ := Range(42, false, func(int, int, any) error { return nil }); ok {
		t.Error("Range(42) ok, want not iterable")
	}
}

// TestFieldReadsDoNotAllocate checks the zero-copy paths.
func TestFieldReadsDoNotAllocate(t *testing.T) {
	rows := []iterRow{{ID: 1000, Name: "a", Any: 1.5, Tags: []string{"t"}}, {ID: 2000, Name: "b"}}
	allocs := testing.AllocsPerRun(100, func() {
		Range(rows, false, func(i, n int, item any) error {
			for _, key := range []string{"ID", "Name", "Tags", "Next", "Any"} {
				if _, found, _ := Lookup(context.Background(), item, key); !found {
					t.Fatalf("%s not found", key)
				}
			}
			return nil
		})
	})
	if allocs > 1 { // the closure passed to Range may be allocated once
		t.Errorf("Range + field lookups: %v allocations per run, want at most 1", allocs)
	}
	v, _, _ := Lookup(context.Background(), &rows[0], "ID")
	if v != 1000 {
		t.Errorf("ID = %v", v)
	}
	rows[0].Name = "changed" // reads see the data as it is when read
	if v, _, _ := Lookup(context.Background(), &rows[0], "Name"); v != "changed" {
		t.Errorf("Name = %v", v)
	}
}
