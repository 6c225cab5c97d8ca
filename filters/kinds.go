package filters

import "reflect"

// isMapKind reports whether v is a Go map of any type.
func isMapKind(v any) bool {
	return v != nil && reflect.TypeOf(v).Kind() == reflect.Map
}
