// Package humanize is Django's humanize template library
// (django.contrib.humanize, {% load humanize %}): filters that give data
// a human touch. apnumber spells out 1 to 9, intcomma groups thousands
// with commas, intword writes large numbers as "1.2 million", ordinal
// writes "1st", "2nd", "3rd", naturalday says "today", "tomorrow" or
// "yesterday", and naturaltime says "3 minutes ago" or "an hour from now".
//
// The filters follow django/contrib/humanize/templatetags/humanize.py of
// the current Django release (5.x/6.0) for an English site, as braid's
// built-in filters do: LANGUAGE_CODE "en-us" and the en locale's formats
// (DATE_FORMAT "N j, Y", "." for decimals and "," between thousands),
// USE_THOUSAND_SEPARATOR False, English words and plurals. Library's
// documentation sums up each filter. "Now" is the render's start
// (render.Run.Now), so that every use in one render agrees; naturalday
// reads a datetime as the template shows it (in the render's current
// time zone, as Django's expects_localtime does), naturaltime compares
// instants.
//
// The package is written on braid's public API only: the filters are
// render.Filter values over render's values, dates are formatted with
// filters.DateFormat and timesince is filters.TimeSince, and Library
// returns a compiler.Library for an engine to register under "humanize".
package humanize
