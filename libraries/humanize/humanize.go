package humanize

import (
	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/render"
)

// Library returns a new humanize library, to register under the name
// "humanize" (compiler.Options.Libraries, or an engine's libraries) so
// that {% load humanize %} makes its filters available:
//
//	{{ 1200000|intword }}   1.2 million
//	{{ 45000|intcomma }}    45,000
//	{{ 3|apnumber }}        three
//	{{ 22|ordinal }}        22nd
//	{{ d|naturalday }}      yesterday
//	{{ t|naturaltime }}     an hour ago
//
// The filters, as in Django (Python's int() and Decimal() read the
// input: strings of digits, Unicode digits, floats truncated):
//
//   - apnumber: "one" to "nine" for 1 to 9, else the integer; a value
//     int() cannot read is returned unchanged.
//   - intcomma: "," every three digits of the integer part, for integers
//     of any size, floats ("1,234,567.25", 1e16 in full) and decimal
//     strings ("1234567.1234567", "1e3"); other values are their text with
//     commas in its leading digits ("None", "1,234abc"). intcomma:False is
//     Django's use_l10n=False path, the text path for everything.
//   - intword: "1.0 million" up to "1000.0 decillion", then googol, one
//     decimal place rounded half up; below a million and from 10^103 the
//     integer.
//   - ordinal: "1st", "2nd", "3rd", "11th", "112th"; a negative integer is
//     its text.
//   - naturalday: "today", "tomorrow", "yesterday", else the date in the
//     argument's format (as the date filter's), DATE_FORMAT by default; a
//     time character in the format (H, i, …) is an error, as Django's
//     TypeError for a date.
//   - naturaltime: "now", "a second ago", "30\u00a0seconds ago", "a minute
//     ago", "an hour ago", "23\u00a0hours ago", from a day on Django's
//     timesince ("1\u00a0year, 4\u00a0months ago"), and the same "from
//     now"; non-breaking spaces between numbers and units.
//
// Filters other than intcomma return non-numbers and None unchanged; an
// infinite float, which int() cannot convert, is an error (Django's
// OverflowError), and so is intcomma of a string Decimal() reads as NaN or
// Infinity (Django's TypeError).
//
// Each call returns a library of its own: nothing is shared between the
// engines that use it.
func Library() *compiler.Library {
	return &compiler.Library{
		Filters: map[string]*render.Filter{
			"apnumber":    {Fn: apnumber, IsSafe: true},
			"intcomma":    {Fn: intcomma, Arg: render.ArgOptional, IsSafe: true},
			"intword":     {Fn: intword},
			"naturalday":  {Fn: naturalday, Arg: render.ArgOptional},
			"naturaltime": {Fn: naturaltime},
			"ordinal":     {Fn: ordinal, IsSafe: true},
		},
	}
}
