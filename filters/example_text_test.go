package filters_test

import (
	"fmt"
	"time"

	"github.com/braidtpl/braid/filters"
)

func ExampleDateFormat() {
	t := time.Date(2008, time.January, 9, 13, 5, 0, 0, time.UTC)
	fmt.Println(filters.DateFormat(t, "D d M Y H:i"))
	fmt.Println(filters.DateFormat(t, `l, jS \o\f F Y, P`))
	fmt.Println(filters.DateFormat(t, "r"))
	// Output:
	// Wed 09 Jan 2008 13:05
	// Wednesday, 9th of January 2008, 1:05 p.m.
	// Wed, 09 Jan 2008 13:05:00 +0000
}

func ExampleEscapeHTML() {
	fmt.Println(filters.EscapeHTML(`<a href="/?q=1&r=2">Tom's</a>`))
	// Output:
	// &lt;a href=&quot;/?q=1&amp;r=2&quot;&gt;Tom&#x27;s&lt;/a&gt;
}
