package main

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
	"github.com/google/go-cmp/cmp"
)

// TestDecodeContext checks the tagged JSON runner.py sends.
func TestDecodeContext(t *testing.T) {
	raw := `{"$dict": [
		["i", 3], ["f", 1.5], ["whole", 2.0], ["s", "x"], ["n", null], ["l", [1, "a"]],
		["safe", {"$safe": "<b>"}], ["nan", {"$float": "nan"}], ["dec", {"$decimal": "1.25"}],
		["d", {"$date": "2008-01-02"}],
		["naive", {"$datetime": "2008-01-02T03:04:05.000000", "$tz": null}],
		["aware", {"$datetime": "2008-01-02T03:04:05.000000", "$tz": 1800, "$tzname": "+0030"}],
		["ints", {"$dict": [[1, "one"]]}],
		["obj", {"$obj": [["name", "ann"]], "$str": "Ann"}],
		["bad", {"$raise": 7, "$msg": "SomeOtherException()"}]
	]}`
	got, err := decodeContext(json.RawMessage(raw))
	if err != nil {
		t.Fatal(err)
	}
	if v := got["nan"].(float64); !math.IsNaN(v) {
		t.Errorf("nan = %v", v)
	}
	delete(got, "nan")
	bad := got["bad"].(func() (any, error))
	delete(got, "bad")
	if _, err := bad(); err == nil || err.(*pyError).id != 7 {
		t.Errorf("raise: %v", err)
	}
	obj := got["obj"].(pyObject)
	if obj.String() != "Ann" || obj["name"] != "ann" {
		t.Errorf("obj = %#v", obj)
	}
	delete(got, "obj")
	want := map[string]any{
		"i": 3, "f": 1.5, "whole": 2.0, "s": "x", "n": nil, "l": []any{1, "a"},
		"safe": braid.Safe("<b>"), "dec": 1.25,
		"d":     time.Date(2008, 1, 2, 0, 0, 0, 0, timeZone),
		"naive": time.Date(2008, 1, 2, 3, 4, 5, 0, timeZone),
		"aware": render.ZonedTime{Time: time.Date(2008, 1, 2, 3, 4, 5, 0, time.FixedZone("+0030", 1800))},
		"ints":  map[any]any{1: "one"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("decoded (-want +got):\n%s", diff)
	}
	if _, err := decodeContext(json.RawMessage(`{"$what": 1}`)); err == nil {
		t.Error("an unknown tag decoded")
	}
}
