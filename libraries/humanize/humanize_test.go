package humanize_test

import (
	"context"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // America/Chicago whatever the machine has

	"github.com/braidtpl/braid/compiler"
	"github.com/braidtpl/braid/libraries/humanize"
	"github.com/braidtpl/braid/libraries/internal/libtest"
	"github.com/braidtpl/braid/render"
)

// The cases follow Django's documentation (docs/ref/contrib/humanize.txt)
// and tests (tests/humanize_tests/tests.py); the other expected values
// were checked against Django's code (humanize.py, numberformat.format,
// floatformat and timesince, copied out with the en locale's settings)
// run under Python 3.11.

// errWant marks a case where Django raises an exception.
const errWant = "\x00error"

type filterCase struct {
	in   any
	arg  any // nil: no argument
	want string
	safe bool // the result must be a SafeString
}

// state is a filter's render state: the render started at now, the
// engine's zone loc (nil: none).
func state(now time.Time, loc *time.Location) *render.State {
	return &render.State{
		Ctx: context.Background(),
		Run: &render.Run{Env: &render.Env{Location: loc, Autoescape: true}, Now: now},
	}
}

func runCases(t *testing.T, name string, s *render.State, cases []filterCase) {
	t.Helper()
	f := humanize.Library().Filters[name]
	if f == nil {
		t.Fatalf("no filter %q", name)
	}
	for _, c := range cases {
		var arg any = render.NoArg{}
		if c.arg != nil {
			arg = c.arg
		}
		out, err := f.Apply(s, c.in, arg)
		if c.want == errWant {
			if err == nil {
				t.Errorf("%s(%#v, %#v) = %q, want an error", name, c.in, arg, render.String(out))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s(%#v, %#v): %v, want %q", name, c.in, arg, err, c.want)
			continue
		}
		if got := render.String(out); got != c.want {
			t.Errorf("%s(%#v, %#v) = %q, want %q", name, c.in, arg, got, c.want)
		}
		if _, safe := out.(render.SafeString); safe != c.safe {
			t.Errorf("%s(%#v, %#v) = %T, safe %v, want safe %v", name, c.in, arg, out, safe, c.safe)
		}
	}
}

var noon = time.Date(2024, 3, 15, 12, 30, 0, 0, time.UTC)

func TestApnumber(t *testing.T) {
	cases := []filterCase{
		{in: 0, want: "0"},
		{in: 10, want: "10"},
		{in: -1, want: "-1"},
		{in: 4.7, want: "four"},  // int(4.7)
		{in: -0.5, want: "0"},    // int(-0.5) is 0
		{in: "4.7", want: "4.7"}, // int("4.7") fails: unchanged
		{in: " 7 ", want: "seven"},
		{in: "٣", want: "three"}, // Unicode digits
		{in: true, want: "one"},
		{in: uint8(9), want: "nine"},
		{in: "ten", want: "ten"},
		{in: nil, want: "None"},
		{in: []int{1}, want: "[1]"},
		{in: math.NaN(), want: "nan"},
		{in: math.Inf(1), want: errWant},                       // OverflowError
		{in: render.SafeString("5"), want: "five", safe: true}, // is_safe
		{in: render.SafeString("12"), want: "12"},              // int(), not a string
	}
	for i, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"} {
		cases = append(cases, filterCase{in: string(rune('1' + i)), want: w}, filterCase{in: i + 1, want: w})
	}
	runCases(t, "apnumber", state(noon, nil), cases)

	// What int() made of the value: the value itself when it was an
	// integer, else the integer.
	f := humanize.Library().Filters["apnumber"]
	big10 := big.NewInt(10)
	for _, c := range []struct{ in, want any }{
		{10, 10}, {int32(10), int32(10)}, {"10", int64(10)}, {12.9, int64(12)}, {false, int64(0)}, {"x", "x"}, {nil, nil},
	} {
		if out, err := f.Fn(state(noon, nil), c.in, render.NoArg{}); err != nil || out != c.want {
			t.Errorf("apnumber(%#v) = %#v, %v; want %#v", c.in, out, err, c.want)
		}
	}
	if out, _ := f.Fn(state(noon, nil), big10, render.NoArg{}); out != any(big10) {
		t.Errorf("apnumber(*big.Int 10) = %#v, want the same value", out)
	}
}

func TestOrdinal(t *testing.T) {
	huge, _ := new(big.Int).SetString("1000000000000000000000000000001", 10)
	cases := []filterCase{
		// Django's tests.
		{in: "1", want: "1st", safe: true}, {in: "2", want: "2nd", safe: true}, {in: "3", want: "3rd", safe: true},
		{in: "4", want: "4th", safe: true}, {in: "11", want: "11th", safe: true}, {in: "12", want: "12th", safe: true},
		{in: "13", want: "13th", safe: true}, {in: "101", want: "101st", safe: true}, {in: "102", want: "102nd", safe: true},
		{in: "103", want: "103rd", safe: true}, {in: "111", want: "111th", safe: true},
		{in: "something else", want: "something else"}, {in: nil, want: "None"},
		// Edge cases.
		{in: 0, want: "0th", safe: true}, {in: 10, want: "10th", safe: true}, {in: 21, want: "21st", safe: true},
		{in: 22, want: "22nd", safe: true}, {in: 23, want: "23rd", safe: true}, {in: 112, want: "112th", safe: true},
		{in: 113, want: "113th", safe: true}, {in: 1011, want: "1011th", safe: true}, {in: 1021, want: "1021st", safe: true},
		{in: huge, want: "1000000000000000000000000000001st", safe: true},
		{in: uint64(math.MaxUint64), want: "18446744073709551615th", safe: true},
		{in: -1, want: "-1"}, {in: -11, want: "-11"}, {in: "-3", want: "-3"},
		{in: 1.9, want: "1st", safe: true}, {in: "1.9", want: "1.9"}, {in: true, want: "1st", safe: true},
		{in: " 1_000 ", want: "1000th", safe: true}, {in: "1__000", want: "1__000"},
		{in: "", want: ""}, {in: math.Inf(-1), want: errWant},
		{in: render.SafeString("-2"), want: "-2", safe: true}, // is_safe
	}
	runCases(t, "ordinal", state(noon, nil), cases)
}

func TestIntcomma(t *testing.T) {
	big30, _ := new(big.Int).SetString("-1000000000000000000000000000000", 10)
	cases := []filterCase{
		// Django's documentation and tests.
		{in: 4500, want: "4,500"}, {in: 45000, want: "45,000"}, {in: 450000, want: "450,000"},
		{in: 4500000, want: "4,500,000"}, {in: 100, want: "100"}, {in: 1000, want: "1,000"},
		{in: 10123, want: "10,123"}, {in: 10311, want: "10,311"}, {in: 1000000, want: "1,000,000"},
		{in: 1234567.25, want: "1,234,567.25"}, {in: "100", want: "100"}, {in: "1000", want: "1,000"},
		{in: "10123", want: "10,123"}, {in: "1000000", want: "1,000,000"},
		{in: "1234567.1234567", want: "1,234,567.1234567"}, // a Decimal as a string
		{in: nil, want: "None"},
		{in: "１２３４５６７", want: "1,234,567"},
		{in: "１２３４５６７．１２", want: "１,２３４,５６７．１２"}, // Decimal() fails on "．": the text path
		// Negative numbers, zeros, floats.
		{in: -1234567, want: "-1,234,567"}, {in: -100, want: "-100"}, {in: -100000, want: "-100,000"},
		{in: 0, want: "0"}, {in: math.Copysign(0, -1), want: "-0.0"}, {in: 0.5, want: "0.5"}, {in: -1234.5, want: "-1,234.5"},
		{in: 1e15, want: "1,000,000,000,000,000.0"}, {in: 1e16, want: "10,000,000,000,000,000"},
		{in: 1.5e-5, want: "0.000015"}, {in: 1e300, want: "1e+300"}, {in: -1e200, want: "-1e+200"},
		{in: 1e199, want: "10" + strings.Repeat(",000", 66)},
		{in: math.NaN(), want: "nan"}, {in: math.Inf(-1), want: "-inf"}, {in: float32(1234.5), want: "1,234.5"},
		// Integers of any size.
		{in: int64(math.MinInt64), want: "-9,223,372,036,854,775,808"},
		{in: uint64(math.MaxUint64), want: "18,446,744,073,709,551,615"},
		{in: big30, want: "-1" + strings.Repeat(",000", 10)},
		{in: new(big.Int).Exp(big.NewInt(10), big.NewInt(250), nil), want: "1." + strings.Repeat("0", 250) + "e+250"},
		{in: true, want: "1"}, {in: false, want: "0"},
		// Strings Python's Decimal() reads.
		{in: "-1234.5000", want: "-1,234.5000"}, {in: "1e3", want: "1,000"}, {in: "1.5E-3", want: "0.0015"},
		{in: "100e-1", want: "10.0"}, {in: "0e5", want: "0"}, {in: "-0", want: "-0"}, {in: ".5", want: "0.5"},
		{in: "5.", want: "5"}, {in: " 1234 ", want: "1,234"}, {in: "+1234", want: "1,234"},
		{in: "1_000_000", want: "1,000,000"}, {in: "00012", want: "12"}, {in: "1e300", want: "1e+300"},
		{in: "1" + strings.Repeat("0", 250), want: "1." + strings.Repeat("0", 250) + "e+250"},
		{in: "NaN", want: errWant}, {in: "-Infinity", want: errWant}, // Django: TypeError
		// Anything else: the text, with commas in its leading digits.
		{in: "", want: ""}, {in: "abc", want: "abc"}, {in: "1234abc", want: "1,234abc"},
		{in: "-1234567 apples", want: "-1,234,567 apples"}, {in: "1.2.3", want: "1.2.3"}, {in: "- 12", want: "- 12"},
		{in: "1 000", want: "1 000"}, {in: []int{1000}, want: "[1000]"},
		{in: time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), want: "2,024-03-15 00:00:00+00:00"},
		// Safe in, safe out.
		{in: render.SafeString("1234"), want: "1,234", safe: true},
		{in: render.SafeString("<b>1234</b>"), want: "<b>1234</b>", safe: true},
		// use_l10n=False: the text path for everything.
		{in: 1234567, arg: false, want: "1,234,567"}, {in: 1e16, arg: false, want: "1e+16"},
		{in: "1e3", arg: false, want: "1e3"}, {in: " 1234", arg: false, want: " 1234"},
		{in: true, arg: false, want: "True"}, {in: -1234.5, arg: false, want: "-1,234.5"},
		{in: "NaN", arg: false, want: "NaN"}, {in: "１２３４", arg: false, want: "１,２３４"},
		{in: 1e16, arg: true, want: "10,000,000,000,000,000"},
	}
	runCases(t, "intcomma", state(noon, nil), cases)
}

func TestIntword(t *testing.T) {
	cases := []filterCase{
		{in: nil, want: "None"}, {in: "abc", want: "abc"}, {in: "1.5e6", want: "1.5e6"}, // int() fails
		{in: 999999, want: "999999"}, {in: -999999, want: "-999999"}, {in: 0, want: "0"},
		{in: 1049999, want: "1.0 million"}, {in: 1050000, want: "1.1 million"}, // half up on the float's digits
		{in: 1250000, want: "1.3 million"}, {in: 1350000, want: "1.4 million"},
		{in: 999999999, want: "1000.0 million"}, {in: 1200000000, want: "1.2 billion"},
		{in: int64(math.MaxInt64), want: "9.2 quintillion"}, {in: uint64(math.MaxUint64), want: "18.4 quintillion"},
		{in: 1.5e6, want: "1.5 million"}, {in: -2.5e9, want: "-2.5 billion"}, {in: true, want: "1"},
		{in: "1" + strings.Repeat("0", 36), want: "0.0 googol"}, // 1e36 / 1e100
		{in: "1" + strings.Repeat("0", 102), want: "100.0 googol"},
		{in: strings.Repeat("9", 103), want: "1000.0 googol"},                                                                         // 10^103 - 1
		{in: "1" + strings.Repeat("0", 103), want: "1" + strings.Repeat("0", 103)},                                                    // 1000 googol: unchanged
		{in: 1e103, want: "10000000000000000019156750857346687362159551272651920111528035145993793242039887559612361451081803235328"}, // int(1e103)
		{in: "1" + strings.Repeat("0", 4300), want: "1" + strings.Repeat("0", 4300)},                                                  // more than int()'s 4300 digits
		{in: math.NaN(), want: "nan"}, {in: math.Inf(1), want: errWant},
		{in: render.SafeString("2000000"), want: "2.0 million"}, // not is_safe
	}
	// Django's tests, positive and negative.
	for _, c := range [][2]string{
		{"100", "100"}, {"1000000", "1.0 million"}, {"1200000", "1.2 million"}, {"1290000", "1.3 million"},
		{"1000000000", "1.0 billion"}, {"2000000000", "2.0 billion"}, {"6000000000000", "6.0 trillion"},
		{"1300000000000000", "1.3 quadrillion"}, {"3500000000000000000000", "3.5 sextillion"},
		{"8100000000000000000000000000000000", "8.1 decillion"},
		{"1" + strings.Repeat("0", 100), "1.0 googol"}, {"1" + strings.Repeat("0", 104), "1" + strings.Repeat("0", 104)},
	} {
		cases = append(cases, filterCase{in: c[0], want: c[1]}, filterCase{in: "-" + c[0], want: "-" + c[1]})
	}
	for i, w := range []string{"million", "billion", "trillion", "quadrillion", "quintillion", "sextillion", "septillion", "octillion", "nonillion", "decillion"} {
		n := "1" + strings.Repeat("0", 6+3*i)
		cases = append(cases, filterCase{in: n, want: "1.0 " + w}, filterCase{in: strings.Repeat("9", 9+3*i), want: "1000.0 " + w})
	}
	runCases(t, "intword", state(noon, nil), cases)
}

func TestNaturalday(t *testing.T) {
	// Django's documented examples: today is 17 Feb 2007.
	now := time.Date(2007, 2, 17, 16, 30, 0, 0, time.UTC)
	day := func(d int) time.Time { return time.Date(2007, 2, d, 10, 0, 0, 0, time.UTC) }
	p := day(10)
	cases := []filterCase{
		{in: day(16), want: "yesterday"}, {in: day(17), want: "today"}, {in: day(18), want: "tomorrow"},
		{in: &p, want: "Feb. 10, 2007"}, {in: day(15), want: "Feb. 15, 2007"}, {in: day(19), want: "Feb. 19, 2007"},
		{in: time.Date(2007, 2, 17, 0, 0, 0, 0, time.UTC), want: "today"},
		{in: time.Date(2007, 2, 17, 23, 59, 59, 999999999, time.UTC), want: "today"},
		{in: time.Date(2007, 2, 18, 0, 0, 0, 0, time.UTC), want: "tomorrow"},
		{in: time.Date(2006, 2, 17, 0, 0, 0, 0, time.UTC), want: "Feb. 17, 2006"},
		{in: render.ZonedTime{Time: day(16)}, want: "yesterday"},
		// The argument: a format, a named format, or DATE_FORMAT.
		{in: p, arg: "d/m/Y", want: "10/02/2007"}, {in: p, arg: "SHORT_DATE_FORMAT", want: "02/10/2007"},
		{in: p, arg: "", want: "Feb. 10, 2007"}, {in: p, arg: nil, want: "Feb. 10, 2007"},
		{in: day(16), arg: "d/m/Y", want: "yesterday"},
		{in: p, arg: `l \t\h\e jS`, want: "Saturday the 10th"},
		// A date, not a datetime: c, I, r and U read the date alone, and
		// a time character is Django's TypeError.
		{in: p, arg: "c", want: "2007-02-10"}, {in: p, arg: "[I]", want: "[]"},
		{in: p, arg: "r", want: "Sat, 10 Feb 2007 00:00:00 +0000"}, {in: p, arg: "U", want: "1171065600"},
		{in: p, arg: `\H\i`, want: "Hi"}, {in: p, arg: "H:i", want: errWant}, {in: p, arg: "DATETIME_FORMAT", want: errWant},
		{in: p, arg: "j e", want: errWant}, {in: p, arg: "TIME_FORMAT", want: errWant},
		// Not a datetime: unchanged.
		{in: "I'm not a date value", want: "I'm not a date value"}, {in: nil, want: "None"},
		{in: (*time.Time)(nil), want: "None"}, {in: 3, want: "3"},
	}
	runCases(t, "naturalday", state(now, nil), cases)
}

// TestNaturaldayZones checks that naturalday reads a datetime in the
// render's zone (Django's expects_localtime) and today in the datetime's.
func TestNaturaldayZones(t *testing.T) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Fatal(err)
	}
	// Django's test_naturalday_uses_localtime: 2012-03-09 01:30 UTC is
	// the evening of the 8th in Chicago.
	dt := time.Date(2012, 3, 9, 1, 30, 0, 0, time.UTC)
	now := time.Date(2012, 3, 9, 12, 0, 0, 0, chicago) // 18:00 UTC
	runCases(t, "naturalday", state(now, chicago), []filterCase{
		{in: dt, want: "yesterday"},
		{in: dt, arg: "Y-m-d", want: "yesterday"},
		{in: dt.Add(-24 * time.Hour), arg: "Y-m-d e", want: errWant},
		{in: dt.Add(-24 * time.Hour), arg: "Y-m-d r", want: "2012-03-07 Wed, 07 Mar 2012 00:00:00 -0600"},
		{in: render.ZonedTime{Time: dt}, want: "today"}, // a zone of its own: read in UTC
	})
	// Without an engine zone the datetime is read in its own zone, and
	// today is the render's start there.
	runCases(t, "naturalday", state(now, nil), []filterCase{{in: dt, want: "today"}})
	// A {% timezone %} zone goes before the engine's.
	s := state(now, chicago)
	s.Zone = time.UTC
	runCases(t, "naturalday", s, []filterCase{{in: dt, want: "today"}})
	// {% localtime off %}: the datetime's own zone.
	s = state(now, chicago)
	s.NoLocalTime = true
	runCases(t, "naturalday", s, []filterCase{{in: dt, want: "today"}, {in: dt.In(chicago), want: "yesterday"}})

	// Django's test_naturalday_tz: the same wall-clock midnight 24 hours
	// apart is never the same natural day.
	for _, h := range []int{0, 6, 12, 18, 23} {
		now := time.Date(2024, 3, 15, h, 0, 0, 0, time.UTC)
		west := time.Date(2024, 3, 15, 0, 0, 0, 0, time.FixedZone("", -12*3600))
		east := time.Date(2024, 3, 15, 0, 0, 0, 0, time.FixedZone("", 12*3600))
		f := humanize.Library().Filters["naturalday"]
		a, _ := f.Apply(state(now, nil), west, render.NoArg{})
		b, _ := f.Apply(state(now, nil), east, render.NoArg{})
		if a == b {
			t.Errorf("at %v: naturalday of midnight at -12:00 and +12:00 are both %q", now, a)
		}
	}
}

func TestNaturaltime(t *testing.T) {
	// Django's test_naturaltime: now is 2012-03-09 22:30.
	now := time.Date(2012, 3, 9, 22, 30, 0, 0, time.UTC)
	ago := func(d time.Duration) time.Time { return now.Add(-d) }
	const day = 24 * time.Hour
	cases := []filterCase{
		{in: "test", want: "test"},
		{in: now, want: "now"},
		{in: ago(time.Microsecond), want: "now"},
		{in: ago(time.Second), want: "a second ago"},
		{in: ago(30 * time.Second), want: "30\u00a0seconds ago"},
		{in: ago(90 * time.Second), want: "a minute ago"},
		{in: ago(2 * time.Minute), want: "2\u00a0minutes ago"},
		{in: ago(time.Hour + 30*time.Minute + 30*time.Second), want: "an hour ago"},
		{in: ago(23*time.Hour + 50*time.Minute + 50*time.Second), want: "23\u00a0hours ago"},
		{in: ago(day), want: "1\u00a0day ago"},
		{in: ago(500 * day), want: "1\u00a0year, 4\u00a0months ago"},
		{in: ago(-time.Second), want: "a second from now"},
		{in: ago(-30 * time.Second), want: "30\u00a0seconds from now"},
		{in: ago(-90 * time.Second), want: "a minute from now"},
		{in: ago(-2 * time.Minute), want: "2\u00a0minutes from now"},
		{in: ago(-(time.Hour + 30*time.Minute + 30*time.Second)), want: "an hour from now"},
		{in: ago(-(23*time.Hour + 50*time.Minute + 50*time.Second)), want: "23\u00a0hours from now"},
		{in: ago(-day), want: "1\u00a0day from now"},
		{in: ago(-(2*day + 6*time.Hour)), want: "2\u00a0days, 6\u00a0hours from now"},
		{in: ago(-500 * day), want: "1\u00a0year, 4\u00a0months from now"},
		// Edge cases: below a microsecond is nothing (Python's datetimes),
		// the zone of the value does not change the instant.
		{in: ago(999 * time.Nanosecond), want: "now"},
		{in: ago(-999 * time.Nanosecond), want: "now"},
		{in: ago(time.Second - time.Microsecond), want: "now"},
		{in: ago(time.Second + time.Microsecond), want: "a second ago"},
		{in: ago(59*time.Second + 999*time.Millisecond), want: "59\u00a0seconds ago"},
		{in: ago(time.Hour - time.Microsecond), want: "59\u00a0minutes ago"},
		{in: ago(day - time.Microsecond), want: "23\u00a0hours ago"},
		{in: ago(-(day - time.Microsecond)), want: "23\u00a0hours from now"},
		{in: now.In(time.FixedZone("", 5*3600+1800)), want: "now"},
		{in: ago(3 * time.Hour).In(time.FixedZone("", -7*3600)), want: "3\u00a0hours ago"},
		{in: render.ZonedTime{Time: ago(5 * time.Minute)}, want: "5\u00a0minutes ago"},
		{in: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), want: "2011\u00a0years, 2\u00a0months ago"},
		{in: time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC), want: "7987\u00a0years, 9\u00a0months from now"},
		{in: nil, want: "None"}, {in: 3, want: "3"}, {in: (*time.Time)(nil), want: "None"},
	}
	runCases(t, "naturaltime", state(now, nil), cases)

	// Django's test_naturaltime_as_documented: now is 17 Feb 2007 16:30.
	now = time.Date(2007, 2, 17, 16, 30, 0, 0, time.UTC)
	at := func(d, h, m, s int) time.Time { return time.Date(2007, 2, d, h, m, s, 0, time.UTC) }
	runCases(t, "naturaltime", state(now, nil), []filterCase{
		{in: at(17, 16, 30, 0), want: "now"},
		{in: at(17, 16, 29, 31), want: "29\u00a0seconds ago"},
		{in: at(17, 16, 29, 0), want: "a minute ago"},
		{in: at(17, 16, 25, 35), want: "4\u00a0minutes ago"},
		{in: at(17, 15, 30, 29), want: "59\u00a0minutes ago"},
		{in: at(17, 15, 30, 1), want: "59\u00a0minutes ago"},
		{in: at(17, 15, 30, 0), want: "an hour ago"},
		{in: at(17, 13, 31, 29), want: "2\u00a0hours ago"},
		{in: at(16, 13, 31, 29), want: "1\u00a0day, 2\u00a0hours ago"},
		{in: at(16, 13, 30, 1), want: "1\u00a0day, 2\u00a0hours ago"},
		{in: at(16, 13, 30, 0), want: "1\u00a0day, 3\u00a0hours ago"},
		{in: at(17, 16, 30, 30), want: "30\u00a0seconds from now"},
		{in: at(17, 16, 30, 29), want: "29\u00a0seconds from now"},
		{in: at(17, 16, 31, 0), want: "a minute from now"},
		{in: at(17, 16, 34, 35), want: "4\u00a0minutes from now"},
		{in: at(17, 17, 30, 29), want: "an hour from now"},
		{in: at(17, 18, 31, 29), want: "2\u00a0hours from now"},
		{in: at(18, 16, 31, 29), want: "1\u00a0day from now"},
		{in: at(26, 18, 31, 29), want: "1\u00a0week, 2\u00a0days from now"},
	})

	// The engine's zone does not matter: naturaltime compares instants.
	chicago, _ := time.LoadLocation("America/Chicago")
	runCases(t, "naturaltime", state(now.In(chicago), chicago), []filterCase{
		{in: at(17, 16, 25, 35), want: "4\u00a0minutes ago"},
		{in: at(26, 18, 31, 29).In(chicago), want: "1\u00a0week, 2\u00a0days from now"},
	})
}

// TestLibrary checks the library's table: the names, argument rules and
// safeness of Django's filters, and that each call makes a new table.
func TestLibrary(t *testing.T) {
	lib := humanize.Library()
	want := map[string]struct {
		arg  render.ArgRule
		safe bool
	}{
		"apnumber":    {render.ArgNone, true},
		"intcomma":    {render.ArgOptional, true},
		"intword":     {render.ArgNone, false},
		"naturalday":  {render.ArgOptional, false},
		"naturaltime": {render.ArgNone, false},
		"ordinal":     {render.ArgNone, true},
	}
	if len(lib.Filters) != len(want) || len(lib.Tags) != 0 {
		t.Errorf("library has %d filters and %d tags, want %d filters", len(lib.Filters), len(lib.Tags), len(want))
	}
	for name, w := range want {
		f := lib.Filters[name]
		if f == nil {
			t.Errorf("no filter %q", name)
			continue
		}
		if f.Arg != w.arg || f.IsSafe != w.safe {
			t.Errorf("%s: Arg %v IsSafe %v, want %v %v", name, f.Arg, f.IsSafe, w.arg, w.safe)
		}
	}
	other := humanize.Library()
	if other.Filters["intcomma"] == lib.Filters["intcomma"] {
		t.Error("two libraries share a filter")
	}
	delete(other.Filters, "intcomma")
	if humanize.Library().Filters["intcomma"] == nil {
		t.Error("changing one library changed another")
	}
}

// renderTemplate compiles src with the built-in filters and the humanize
// library and renders it with data, the render's start set to now.
func renderTemplate(t *testing.T, src string, data map[string]any, now time.Time, env *render.Env) (string, error) {
	t.Helper()
	return libtest.Render(src, map[string]*compiler.Library{"humanize": humanize.Library()}, data, env, now)
}

// TestTemplate renders the filters from templates: {% load humanize %},
// {% load … from humanize %}, arguments, autoescaping and errors.
func TestTemplate(t *testing.T) {
	now := time.Date(2007, 2, 17, 16, 30, 0, 0, time.UTC)
	data := map[string]any{
		"n":     1234567,
		"big":   "1200000000",
		"s":     "<b>1000",
		"place": 22,
		"d":     time.Date(2007, 2, 16, 9, 0, 0, 0, time.UTC),
		"old":   time.Date(2007, 2, 10, 9, 0, 0, 0, time.UTC),
		"t":     time.Date(2007, 2, 17, 16, 25, 35, 0, time.UTC),
		"inf":   math.Inf(1),
	}
	for _, env := range []*render.Env{{Autoescape: true, Sequential: true}, {Autoescape: true, Concurrency: 4}} {
		for _, c := range []struct{ src, want string }{
			{`{% load humanize %}{{ n|intcomma }}`, "1,234,567"},
			{`{% load humanize %}{{ n|intcomma:False }} {{ 1e16|intcomma:False }} {{ 1e16|intcomma }}`, "1,234,567 1e+16 10,000,000,000,000,000"},
			{`{% load humanize %}{{ big|intword }}, {{ 3|apnumber }}, {{ place|ordinal }}`, "1.2 billion, three, 22nd"},
			{`{% load humanize %}{{ s|intcomma }} {{ s|safe|intcomma }}`, "&lt;b&gt;1000 <b>1000"},
			{`{% load humanize %}{{ d|naturalday }}, {{ old|naturalday }}, {{ old|naturalday:"l" }}`, "yesterday, Feb. 10, 2007, Saturday"},
			{`{% load humanize %}{{ t|naturaltime }}`, "4\u00a0minutes ago"},
			{`{% load intcomma ordinal from humanize %}{{ n|intcomma }} {{ 1|ordinal }}`, "1,234,567 1st"},
			{`{% load humanize %}{{ missing|intcomma }}|{{ missing|naturaltime }}|{{ missing|apnumber }}`, "||"},
			{`{% load humanize %}{{ n|intcomma|length }}`, "9"},
		} {
			got, err := renderTemplate(t, c.src, data, now, env)
			if err != nil || got != c.want {
				t.Errorf("%s: %q, %v; want %q", c.src, got, err, c.want)
			}
		}
	}
	env := &render.Env{Autoescape: true, Sequential: true}
	for _, c := range []struct{ src, want string }{
		{`{{ n|intcomma }}`, "intcomma"},                                          // not loaded
		{`{% load apnumber from humanize %}{{ n|intcomma }}`, "intcomma"},         // not this one
		{`{% load humanize %}{{ n|intword:2 }}`, "intword"},                       // takes no argument
		{`{% load humanize %}{{ old|naturalday:"H:i" }}`, "time-related"},         // Django's TypeError
		{`{% load humanize %}{{ "NaN"|intcomma }}`, "intcomma"},                   // Django's TypeError
		{`{% load humanize %}{{ inf|ordinal }}`, "cannot convert float infinity"}, // OverflowError
	} {
		got, err := renderTemplate(t, c.src, data, now, env)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %q, %v; want an error about %q", c.src, got, err, c.want)
		}
	}
}

type celsius float64

type label string

// TestGoTypes checks Go's own kinds of numbers and strings: named types,
// pointers, float32.
func TestGoTypes(t *testing.T) {
	n := 1234567
	var nilInt *int
	s := state(noon, nil)
	runCases(t, "intcomma", s, []filterCase{
		{in: celsius(12), want: "12.0"}, {in: celsius(1234.5), want: "1,234.5"}, {in: label("12345"), want: "12,345"},
		{in: &n, want: "1,234,567"}, {in: nilInt, want: "None"}, {in: float32(0.1), want: "0.1"},
		{in: int8(-100), want: "-100"}, {in: uint16(65535), want: "65,535"},
	})
	runCases(t, "intword", s, []filterCase{
		{in: &n, want: "1.2 million"}, {in: celsius(2.5e6), want: "2.5 million"}, {in: label("3000000"), want: "3.0 million"},
	})
	runCases(t, "ordinal", s, []filterCase{{in: label("2"), want: "2nd", safe: true}, {in: nilInt, want: "None"}})
}
