package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/braidtpl/braid"
	"github.com/braidtpl/braid/render"
)

// timeZone is Django's TIME_ZONE: naive datetimes are wall times in it.
var timeZone = time.UTC

// pyObject is a Python object as runner.py sends it: its attributes (the
// results of its methods that take no argument, already called) and what
// str() gives.
type pyObject map[string]any

func (o pyObject) String() string {
	s, _ := o["\x00str"].(string)
	return s
}

// decodeContext turns runner.py's tagged JSON into Go data.
func decodeContext(raw json.RawMessage) (map[string]any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return map[string]any{}, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	out, err := decodeValue(v)
	if err != nil {
		return nil, err
	}
	m, ok := out.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("context is %T, not a dict", out)
	}
	return m, nil
}

func decodeValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, string:
		return x, nil
	case json.Number:
		s := x.String()
		if !strings.ContainsAny(s, ".eE") {
			if i, err := strconv.Atoi(s); err == nil {
				return i, nil
			}
		}
		return strconv.ParseFloat(s, 64)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			d, err := decodeValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = d
		}
		return out, nil
	case map[string]any:
		return decodeTagged(x)
	}
	return nil, fmt.Errorf("unexpected JSON %T", v)
}

func decodeTagged(x map[string]any) (any, error) {
	str := func(k string) string { s, _ := x[k].(string); return s }
	switch {
	case x["$dict"] != nil:
		pairs, _ := x["$dict"].([]any)
		m := map[string]any{}
		var other map[any]any
		for _, p := range pairs {
			kv, _ := p.([]any)
			if len(kv) != 2 {
				return nil, fmt.Errorf("bad dict pair %v", p)
			}
			k, err := decodeValue(kv[0])
			if err != nil {
				return nil, err
			}
			v, err := decodeValue(kv[1])
			if err != nil {
				return nil, err
			}
			if ks, ok := k.(string); ok && other == nil {
				m[ks] = v
				continue
			}
			if other == nil {
				other = map[any]any{}
				for k, v := range m {
					other[k] = v
				}
			}
			other[k] = v
		}
		if other != nil {
			return other, nil
		}
		return m, nil
	case x["$obj"] != nil:
		attrs, err := decodeValue(map[string]any{"$dict": x["$obj"]})
		if err != nil {
			return nil, err
		}
		m, ok := attrs.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("object attributes with non-string names")
		}
		o := pyObject(m)
		o["\x00str"] = str("$str")
		return o, nil
	case x["$safe"] != nil:
		return braid.Safe(str("$safe")), nil
	case x["$float"] != nil:
		switch str("$float") {
		case "nan":
			return math.NaN(), nil
		case "inf":
			return math.Inf(1), nil
		}
		return math.Inf(-1), nil
	case x["$decimal"] != nil:
		return strconv.ParseFloat(str("$decimal"), 64)
	case x["$date"] != nil:
		return time.ParseInLocation("2006-01-02", str("$date"), timeZone)
	case x["$datetime"] != nil:
		t, err := time.ParseInLocation("2006-01-02T15:04:05.999999", str("$datetime"), timeZone)
		if err != nil {
			return nil, err
		}
		return aware(t, x), nil
	case x["$time"] != nil:
		t, err := time.ParseInLocation("15:04:05.999999", str("$time"), timeZone)
		if err != nil {
			return nil, err
		}
		// A time of day: on no date, shown as it is.
		t = time.Date(2000, 1, 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), timeZone)
		if z, ok := aware(t, x).(render.ZonedTime); ok {
			return z, nil
		}
		return render.ZonedTime{Time: t}, nil
	case x["$raise"] != nil:
		id, _ := x["$raise"].(json.Number).Int64()
		err := &pyError{id: int(id), msg: str("$msg")}
		return func() (any, error) { return nil, err }, nil
	}
	return nil, fmt.Errorf("unknown tagged value %v", x)
}

// aware puts t, read as a wall time, in the zone x names, if any: Django
// shows an aware datetime in its own zone (USE_TZ is off in the tests).
func aware(t time.Time, x map[string]any) any {
	off, ok := x["$tz"].(json.Number)
	if !ok {
		return t
	}
	secs, _ := off.Int64()
	name, _ := x["$tzname"].(string)
	return render.ZonedTime{Time: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, int(secs)))}
}

// plain makes Go values JSON runner.py understands: strings for times and
// safe strings.
func plain(vs []any) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = plainValue(v)
	}
	return out
}

func plainMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = plainValue(v)
	}
	return out
}

func plainValue(v any) any {
	switch x := v.(type) {
	case nil, bool, string, int, int64, float64:
		return x
	case braid.SafeString:
		return string(x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
