package filters

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/braidtpl/braid/render"
)

// TestDjangoEdges checks behaviours the differential test against pongo2
// showed, each confirmed with Django.
func TestDjangoEdges(t *testing.T) {
	fs := Builtins()
	st := func(auto bool) *render.State {
		return &render.State{Ctx: context.Background(), Autoescape: auto, Run: &render.Run{Env: &render.Env{}}}
	}
	big1, _ := new(big.Int).SetString("9223372036854775809", 10)
	big2, _ := new(big.Int).SetString("1000000000000000000002", 10)
	when := time.Date(2008, 1, 2, 10, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		filter  string
		in, arg any
		auto    bool
		want    any
		wantErr bool
	}{
		{"first", 5, render.NoArg{}, true, nil, true},                      // TypeError: 'int' object is not subscriptable
		{"last", nil, render.NoArg{}, true, nil, true},                     // TypeError
		{"first", map[string]any{"a": 1}, render.NoArg{}, true, nil, true}, // KeyError: 0
		{"first", "", render.NoArg{}, true, "", false},                     // IndexError: ""
		{"last", []any{1, 2}, render.NoArg{}, true, 2, false},
		{"join", nil, ",", true, nil, false},                   // TypeError: the value (None)
		{"join", []any{1, 2}, ", ", false, []any{1, 2}, false}, // arg.join(value) fails: the value
		{"join", []any{"a", "b"}, ", ", false, "a, b", false},
		{"add", 9223372036854775807, 2, true, big1, false},
		{"add", 1e21, "2", true, big2, false},
		{"date", when, "", true, "Jan. 2, 2008", false}, // "" means DATE_FORMAT
		{"date", "x", "-", true, "-", false},            // no format characters: the text
		{"date", "x", "Y", true, "", false},
		{"time", "x", "15:04", true, "15:04", false},
		{"integer", "2.5", render.NoArg{}, true, 2, false},
		{"integer", 9223372036854775807, render.NoArg{}, true, 9223372036854775807, false},
	} {
		got, err := fs[tt.filter].Apply(st(tt.auto), tt.in, tt.arg)
		if (err != nil) != tt.wantErr {
			t.Errorf("%v|%s:%v: error %v, want error %v", tt.in, tt.filter, tt.arg, err, tt.wantErr)
			continue
		}
		if !tt.wantErr && render.String(got) != render.String(tt.want) {
			t.Errorf("%v|%s:%v = %v (%T), want %v", tt.in, tt.filter, tt.arg, got, got, tt.want)
		}
	}
}
