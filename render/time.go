package render

import "time"

// ZonedTime is a datetime that a filter put in a zone of its choosing
// (tz's localtime, utc, timezone): it is shown in that zone and never
// converted to the template's again, as Django's converted datetimes
// (convert_to_local_time = False).
type ZonedTime struct{ time.Time }

// AsTime returns the datetime v holds: a time.Time, a non-nil *time.Time
// or a ZonedTime (zoned).
func AsTime(v any) (t time.Time, zoned, ok bool) {
	switch x := v.(type) {
	case time.Time:
		return x, false, true
	case ZonedTime:
		return x.Time, true, true
	case *time.Time:
		if x != nil {
			return *x, false, true
		}
	}
	return time.Time{}, false, false
}

// ShownTime is the datetime v as the template shows it: in the current
// time zone (LocalTime), unless a filter gave it a zone (ZonedTime).
func (s *State) ShownTime(v any) (time.Time, bool) {
	t, zoned, ok := AsTime(v)
	if ok && !zoned {
		t = s.LocalTime(t)
	}
	return t, ok
}
