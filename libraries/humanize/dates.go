package humanize

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/braidtpl/braid/filters"
	"github.com/braidtpl/braid/render"
)

// This file holds naturalday and naturaltime.

// naturalday is Django's naturalday: "today", "tomorrow" or "yesterday"
// for a datetime on the render's day or the day before or after, else its
// date formatted as the date filter does with the argument, DATE_FORMAT
// ("N j, Y") without one. The datetime is read as the template shows it
// (in the current time zone, Django's expects_localtime) and today is the
// render's start in the datetime's zone. A value that is not a datetime
// is returned unchanged.
//
// As in Django, the date is formatted as a date, not a datetime: a format
// with a time character (a A e f g G h H i O P s T u Z) is an error
// (Django's TypeError), c is the ISO date, I is empty, and r and U read
// the date's midnight in the datetime's zone (Django takes the default
// time zone for r and the server's for U, which is the same zone when the
// engine has one).
func naturalday(s *render.State, in, arg any) (any, error) {
	t, ok := s.ShownTime(in)
	if !ok {
		return in, nil
	}
	today := renderNow(s).In(t.Location())
	switch civilDay(t) - civilDay(today) {
	case 0:
		return "today", nil
	case 1:
		return "tomorrow", nil
	case -1:
		return "yesterday", nil
	}
	format := "DATE_FORMAT"
	if _, none := arg.(render.NoArg); !none && render.Truthy(arg) {
		format = render.String(arg)
	}
	if named, ok := filters.NamedFormat(format); ok {
		format = named
	}
	format, err := dateOnly(format)
	if err != nil {
		return nil, err
	}
	y, m, d := t.Date()
	return filters.DateFormat(time.Date(y, m, d, 0, 0, 0, 0, t.Location()), format), nil
}

// civilDay numbers t's calendar day (in t's zone) from 1970-01-01.
func civilDay(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Django's date format characters, and those of them that only a time has
// (django.utils.dateformat.TimeFormat's).
const (
	formatChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTuUwWyYzZ"
	timeChars   = "aAefgGhHiOPsTuZ"
)

// dateOnly rewrites format for formatting a date object: c becomes the
// ISO date, I nothing, and a time character is Django's TypeError. A
// character is a format character unless a backslash comes before it, as
// in Django's split of the format.
func dateOnly(format string) (string, error) {
	if !strings.ContainsAny(format, timeChars+"cI") {
		return format, nil
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if strings.IndexByte(formatChars, c) < 0 || i > 0 && format[i-1] == '\\' {
			b.WriteByte(c)
			continue
		}
		switch {
		case strings.IndexByte(timeChars, c) >= 0:
			return "", fmt.Errorf("TypeError: the format for date objects may not contain time-related format specifiers (found '%c')", c)
		case c == 'c':
			b.WriteString("Y-m-d")
		case c == 'I':
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// naturaltime is Django's naturaltime: how long ago, or from now, a
// datetime is, counted from the render's start: "now" within a second,
// "a second ago", "29\u00a0seconds ago", "a minute ago", "4\u00a0minutes
// ago", "an hour ago", "23\u00a0hours ago", and from a day on Django's
// timesince, "1\u00a0day, 3\u00a0hours ago", "1\u00a0year, 4\u00a0months
// ago" (two adjacent units at most); in the future "a second from now" …
// "1\u00a0week, 2\u00a0days from now". Non-breaking spaces go between
// numbers and units, as in Django's English strings. Times are compared
// to the microsecond, as Python's datetimes are, and the datetime keeps
// its own zone for timesince's calendar arithmetic while now is in UTC
// (Django's datetime.now(UTC) for an aware value). A value that is not a
// datetime is returned unchanged.
func naturaltime(s *render.State, in, _ any) (any, error) {
	t, _, ok := render.AsTime(in)
	if !ok {
		return in, nil
	}
	t = t.Truncate(time.Microsecond)
	now := renderNow(s).UTC().Truncate(time.Microsecond)
	// now - t as whole seconds and microseconds, 0 <= us < 1e6.
	sec := now.Unix() - t.Unix()
	us := int64(now.Nanosecond()/1000 - t.Nanosecond()/1000)
	if us < 0 {
		sec, us = sec-1, us+1e6
	}
	past := sec > 0 || sec == 0 && us > 0
	if !past { // t - now
		sec, us = -sec, -us
		if us < 0 {
			sec, us = sec-1, us+1e6
		}
	}
	days, secs := sec/86400, sec%86400
	when := " from now"
	if past {
		when = " ago"
	}
	switch {
	case days != 0 && past:
		return filters.TimeSince(t, now) + when, nil
	case days != 0:
		return filters.TimeSince(now, t) + when, nil
	case secs == 0:
		return "now", nil
	case secs < 60:
		return plural(secs, "a second", "seconds") + when, nil
	case secs/60 < 60:
		return plural(secs/60, "a minute", "minutes") + when, nil
	}
	return plural(secs/3600, "an hour", "hours") + when, nil
}

// plural is one for 1, else the count, a non-breaking space and many.
func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return strconv.FormatInt(n, 10) + "\u00a0" + many
}

// renderNow is the render's start (every use in a render agrees), or the
// current time outside a render.
func renderNow(s *render.State) time.Time {
	if s != nil && s.Run != nil && !s.Run.Now.IsZero() {
		return s.Run.Now
	}
	return time.Now()
}
