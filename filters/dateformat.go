package filters

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// English names from django.utils.dates.
var (
	weekdayNames = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	weekdayAbbr  = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	monthNames   = [13]string{"", "January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	// monthNames3 is MONTHS_3 (lower case); M is its title case.
	monthNames3 = [13]string{"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	monthNamesM = [13]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	// monthNamesAP is MONTHS_AP, the Associated Press abbreviations of N.
	monthNamesAP = [13]string{"", "Jan.", "Feb.", "March", "April", "May", "June",
		"July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}
)

// dateOnlyChars are the format characters that DateFormat knows and
// django.utils.dateformat.TimeFormat does not.
const dateOnlyChars = "bcdDEFIjlLmMnNorStUwWyYz"

// formatCharKind tells, for each ASCII byte, whether it is a format character:
// 0 no, 1 time character (TimeFormat and DateFormat), 2 date-only character.
var formatCharKind = func() (k [128]uint8) {
	for _, c := range "aAefgGhHiOPsTuZ" {
		k[c] = 1
	}
	for _, c := range dateOnlyChars {
		k[c] = 2
	}
	return k
}()

// DateFormat formats t with Django's date format characters
// (django.utils.dateformat.format), as the date filter and the now tag do.
//
// Every character of Django's table is supported: d D j l N S w z W m M n b
// E F t y Y L o a A f g G h H i s u e O P T Z c r U I, with Django's English
// names. A backslash makes the next character literal (a backslash before a
// newline, or at the end of the format, is kept as is); every other
// character, ASCII or not, is copied.
//
// t is treated as Django treats an aware datetime: the time zone is t's
// Location. T and e print the zone abbreviation (for a zone without one,
// Python's fixed-offset name such as "UTC+02:00"); O, T, Z and I print
// nothing for a wall-clock time that occurs twice (the hour repeated when
// daylight saving time ends), as Django does for ambiguous datetimes.
// Values are Python's: microseconds (u, c) are t's nanoseconds truncated.
func DateFormat(t time.Time, format string) string {
	var b strings.Builder
	b.Grow(len(format)*4 + 32)
	formatInto(&b, t, format)
	return b.String()
}

// TimeFormat is the time filter's formatting (django.utils.dateformat.time_format):
// like DateFormat, but only the time characters a A e f g G h H i O P s T u Z
// are known. A format with any other (unescaped) format character, such as d,
// gives an error: Django's TimeFormat has no method for it and the time
// filter then renders the empty string.
func TimeFormat(t time.Time, format string) (string, error) {
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c < utf8.RuneSelf && formatCharKind[c] == 2 && (i == 0 || format[i-1] != '\\') {
			return "", fmt.Errorf("the format for time values may not contain date-related format specifiers (found %q)", c)
		}
	}
	var b strings.Builder
	b.Grow(len(format)*4 + 32)
	formatInto(&b, t, format)
	return b.String(), nil
}

// NamedFormat returns Django's default setting for a named format, as
// django.utils.formats.get_format gives it for the English locale (the
// default LANGUAGE_CODE "en-us"; the same values as global_settings):
// DATE_FORMAT "N j, Y", DATETIME_FORMAT "N j, Y, P", SHORT_DATE_FORMAT
// "m/d/Y", SHORT_DATETIME_FORMAT "m/d/Y P", TIME_FORMAT "P",
// YEAR_MONTH_FORMAT "F Y", MONTH_DAY_FORMAT "F j". The scalar format settings
// that get_format also answers for are given as the text Django formats with
// them: DECIMAL_SEPARATOR ".", THOUSAND_SEPARATOR ",", NUMBER_GROUPING "3",
// FIRST_DAY_OF_WEEK "0". ok is false for any other name, which the date and
// time filters use as a format string itself.
func NamedFormat(name string) (format string, ok bool) {
	switch name {
	case "DATE_FORMAT":
		return "N j, Y", true
	case "DATETIME_FORMAT":
		return "N j, Y, P", true
	case "SHORT_DATE_FORMAT":
		return "m/d/Y", true
	case "SHORT_DATETIME_FORMAT":
		return "m/d/Y P", true
	case "TIME_FORMAT":
		return "P", true
	case "YEAR_MONTH_FORMAT":
		return "F Y", true
	case "MONTH_DAY_FORMAT":
		return "F j", true
	case "DECIMAL_SEPARATOR":
		return ".", true
	case "THOUSAND_SEPARATOR":
		return ",", true
	case "NUMBER_GROUPING":
		return "3", true
	case "FIRST_DAY_OF_WEEK":
		return "0", true
	}
	return "", false
}

// formatInto writes t formatted with format to b. Django splits the format
// on format characters not preceded by a backslash and, in the text between
// them, replaces every backslash and the character after it (not a newline)
// by that character; this single pass does the same.
func formatInto(b *strings.Builder, t time.Time, format string) {
	d := dateParts{t: t}
	d.year, d.month, d.day = t.Date()
	d.hour, d.minute, d.second = t.Clock()
	for i := 0; i < len(format); {
		c := format[i]
		if c == '\\' {
			if i+1 < len(format) && format[i+1] != '\n' {
				_, size := utf8.DecodeRuneInString(format[i+1:])
				b.WriteString(format[i+1 : i+1+size])
				i += 1 + size
				continue
			}
			b.WriteByte('\\')
			i++
			continue
		}
		if c < utf8.RuneSelf && formatCharKind[c] != 0 && (i == 0 || format[i-1] != '\\') {
			formatChar(b, &d, c)
		} else {
			b.WriteByte(c)
		}
		i++
	}
}

// dateParts is the time being formatted with its calendar and clock fields
// computed once.
type dateParts struct {
	t                    time.Time
	year, day            int
	month                time.Month
	hour, minute, second int
}

// formatChar writes the value of one format character.
func formatChar(b *strings.Builder, d *dateParts, c byte) {
	t := d.t
	switch c {
	// Time characters (TimeFormat).
	case 'a':
		if d.hour > 11 {
			b.WriteString("p.m.")
		} else {
			b.WriteString("a.m.")
		}
	case 'A':
		if d.hour > 11 {
			b.WriteString("PM")
		} else {
			b.WriteString("AM")
		}
	case 'e':
		b.WriteString(zoneName(t))
	case 'f':
		writeF(b, d.hour, d.minute)
	case 'g':
		writeInt(b, int64(hour12(d.hour)))
	case 'G':
		writeInt(b, int64(d.hour))
	case 'h':
		writePad(b, int64(hour12(d.hour)), 2)
	case 'H':
		writePad(b, int64(d.hour), 2)
	case 'i':
		writePad(b, int64(d.minute), 2)
	case 'O':
		if isAmbiguous(t) {
			return
		}
		_, off := t.Zone()
		if off < 0 {
			b.WriteByte('-')
			off = -off
		} else {
			b.WriteByte('+')
		}
		writePad(b, int64(off/3600), 2)
		writePad(b, int64(off/60%60), 2)
	case 'P':
		switch {
		case d.minute == 0 && d.hour == 0:
			b.WriteString("midnight")
		case d.minute == 0 && d.hour == 12:
			b.WriteString("noon")
		default:
			writeF(b, d.hour, d.minute)
			if d.hour > 11 {
				b.WriteString(" p.m.")
			} else {
				b.WriteString(" a.m.")
			}
		}
	case 's':
		writePad(b, int64(d.second), 2)
	case 'T':
		if !isAmbiguous(t) {
			b.WriteString(zoneName(t))
		}
	case 'u':
		writePad(b, int64(t.Nanosecond()/1000), 6)
	case 'Z':
		if !isAmbiguous(t) {
			_, off := t.Zone()
			writeInt(b, int64(off))
		}

	// Date characters (DateFormat only).
	case 'b':
		b.WriteString(monthNames3[d.month])
	case 'c':
		writeISO(b, d)
	case 'd':
		writePad(b, int64(d.day), 2)
	case 'D':
		b.WriteString(weekdayAbbr[t.Weekday()])
	case 'E', 'F':
		// E is MONTHS_ALT, the same as MONTHS in English.
		b.WriteString(monthNames[d.month])
	case 'I':
		if isAmbiguous(t) {
			return
		}
		if t.IsDST() {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	case 'j':
		writeInt(b, int64(d.day))
	case 'l':
		b.WriteString(weekdayNames[t.Weekday()])
	case 'L':
		if isLeap(d.year) {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case 'm':
		writePad(b, int64(d.month), 2)
	case 'M':
		b.WriteString(monthNamesM[d.month])
	case 'n':
		writeInt(b, int64(d.month))
	case 'N':
		b.WriteString(monthNamesAP[d.month])
	case 'o':
		y, _ := t.ISOWeek()
		writeInt(b, int64(y))
	case 'r':
		writeRFC5322(b, d)
	case 'S':
		b.WriteString(ordinalSuffix(d.day))
	case 't':
		writePad(b, int64(daysIn(d.year, d.month)), 2)
	case 'U':
		// Python: int(dt.timestamp()), which truncates toward zero.
		sec := t.Unix()
		if sec < 0 && t.Nanosecond() >= 1000 {
			sec++
		}
		writeInt(b, sec)
	case 'w':
		writeInt(b, int64(t.Weekday()))
	case 'W':
		_, w := t.ISOWeek()
		writeInt(b, int64(w))
	case 'y':
		y := d.year % 100
		if y < 0 {
			y += 100 // Python's modulo is never negative
		}
		writePad(b, int64(y), 2)
	case 'Y':
		writePad(b, int64(d.year), 4)
	case 'z':
		writeInt(b, int64(t.YearDay()))
	}
}

// hour12 is the hour on a 12-hour clock, 1 to 12.
func hour12(hour int) int {
	if h := hour % 12; h != 0 {
		return h
	}
	return 12
}

// writeF writes Django's f: 12-hour hours, and ":mm" unless the minutes are zero.
func writeF(b *strings.Builder, hour, minute int) {
	writeInt(b, int64(hour12(hour)))
	if m := minute; m != 0 {
		b.WriteByte(':')
		writePad(b, int64(m), 2)
	}
}

func ordinalSuffix(day int) string {
	if day == 11 || day == 12 || day == 13 {
		return "th"
	}
	switch day % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// zoneName is Python's tzname() for t: the zone abbreviation, or for a zone
// without one the name of Python's fixed-offset timezone ("UTC", "UTC+02:00").
func zoneName(t time.Time) string {
	name, off := t.Zone()
	if name != "" {
		return name
	}
	if off == 0 {
		return "UTC"
	}
	var buf [16]byte
	s := append(buf[:0], "UTC"...)
	s = appendOffset(s, off, true)
	return string(s)
}

// appendOffset appends ±HH:MM (colon true) or ±HHMM, and the seconds when
// the offset has any, as Python's isoformat and strftime("%z") do.
func appendOffset(s []byte, off int, colon bool) []byte {
	if off < 0 {
		s = append(s, '-')
		off = -off
	} else {
		s = append(s, '+')
	}
	s = append2(s, off/3600)
	if colon {
		s = append(s, ':')
	}
	s = append2(s, off/60%60)
	if sec := off % 60; sec != 0 {
		if colon {
			s = append(s, ':')
		}
		s = append2(s, sec)
	}
	return s
}

func append2(s []byte, v int) []byte {
	return append(s, byte('0'+v/10%10), byte('0'+v%10))
}

// isAmbiguous reports whether t's wall-clock time occurs twice in t's
// location (the repeated hour when the offset decreases). Django prints
// nothing for O, T, Z and I then (_datetime_ambiguous_or_imaginary).
func isAmbiguous(t time.Time) bool {
	start, end := t.ZoneBounds()
	_, off := t.Zone()
	if !start.IsZero() {
		if _, prev := start.Add(-time.Nanosecond).Zone(); prev > off &&
			t.Sub(start) < time.Duration(prev-off)*time.Second {
			return true
		}
	}
	if !end.IsZero() {
		if _, next := end.Zone(); next < off &&
			end.Sub(t) <= time.Duration(off-next)*time.Second {
			return true
		}
	}
	return false
}

// writeISO writes Python's datetime.isoformat() of an aware datetime:
// 2008-01-02T10:30:00.000123+02:00, without the fraction when it is zero.
func writeISO(b *strings.Builder, d *dateParts) {
	var buf [48]byte
	s := appendPad(buf[:0], int64(d.year), 4)
	s = append(s, '-')
	s = append2(s, int(d.month))
	s = append(s, '-')
	s = append2(s, d.day)
	s = append(s, 'T')
	s = append2(s, d.hour)
	s = append(s, ':')
	s = append2(s, d.minute)
	s = append(s, ':')
	s = append2(s, d.second)
	if us := d.t.Nanosecond() / 1000; us != 0 {
		s = append(s, '.')
		s = appendPad(s, int64(us), 6)
	}
	_, off := d.t.Zone()
	s = appendOffset(s, off, true)
	b.Write(s)
}

// writeRFC5322 writes email.utils.format_datetime of an aware datetime:
// "Thu, 21 Dec 2000 16:01:07 +0200".
func writeRFC5322(b *strings.Builder, d *dateParts) {
	var buf [48]byte
	s := append(buf[:0], weekdayAbbr[d.t.Weekday()]...)
	s = append(s, ", "...)
	s = append2(s, d.day)
	s = append(s, ' ')
	s = append(s, monthNamesM[d.month]...)
	s = append(s, ' ')
	s = appendPad(s, int64(d.year), 4)
	s = append(s, ' ')
	s = append2(s, d.hour)
	s = append(s, ':')
	s = append2(s, d.minute)
	s = append(s, ':')
	s = append2(s, d.second)
	s = append(s, ' ')
	_, off := d.t.Zone()
	s = appendOffset(s, off, false)
	b.Write(s)
}

// appendPad appends v in decimal, zero-padded to width like Python's "%0*d"
// (the sign counts toward the width).
func appendPad(s []byte, v int64, width int) []byte {
	var digits [20]byte
	u := uint64(v)
	if v < 0 {
		s = append(s, '-')
		u = uint64(-v)
		width--
	}
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	for n := len(digits) - i; n < width; n++ {
		s = append(s, '0')
	}
	return append(s, digits[i:]...)
}

func writePad(b *strings.Builder, v int64, width int) {
	var buf [24]byte
	b.Write(appendPad(buf[:0], v, width))
}

func writeInt(b *strings.Builder, v int64) {
	writePad(b, v, 0)
}
