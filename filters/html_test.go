package filters

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/braidtpl/braid/render"
)

func TestUrlizeDjangoCases(t *testing.T) { runDjangoCases(t, urlizeDjangoCases) }

// urlizeDjangoCases are the current Django's Urlizer (django/utils/html.py
// of Django main: CountsDict punctuation trimming, MAX_URL_LENGTH,
// EmailValidator(allowlist=[]) with DomainNameValidator's labels, IDN
// percent-encoded in smart_urlquote), run under Python 3.11 with Django
// 3.2's escape and template engine, {{ v|urlize }} with autoescape on and
// off. Inputs are the cases of tests/template_tests/filter_tests/
// test_urlize.py and test_urlizetrunc.py, plus edge cases of punctuation,
// entities, e-mail addresses and query strings.
var urlizeDjangoCases = []djangoCase{
	// urlize
	{"urlize", "http://example.com/?x=&y=", render.NoArg{}, true, "<a href=\"http://example.com/?x=&amp;y=\" rel=\"nofollow\">http://example.com/?x=&amp;y=</a>"},
	{"urlize", "http://example.com/?x=&y=", render.NoArg{}, false, "<a href=\"http://example.com/?x=&amp;y=\" rel=\"nofollow\">http://example.com/?x=&y=</a>"},
	{"urlize", render.SafeString("http://example.com?x=&amp;y=&lt;2&gt;"), render.NoArg{}, true, "<a href=\"http://example.com?x=&amp;y=%3C2%3E\" rel=\"nofollow\">http://example.com?x=&amp;y=&lt;2&gt;</a>"},
	{"urlize", render.SafeString("http://example.com?x=&amp;y=&lt;2&gt;"), render.NoArg{}, false, "<a href=\"http://example.com?x=&amp;y=%3C2%3E\" rel=\"nofollow\">http://example.com?x=&amp;y=&lt;2&gt;</a>"},
	{"urlize", render.SafeString("a &amp; b"), render.NoArg{}, true, "a &amp; b"},
	{"urlize", render.SafeString("a &amp; b"), render.NoArg{}, false, "a &amp; b"},
	{"urlize", "<script>alert('foo')</script>", render.NoArg{}, true, "&lt;script&gt;alert(&#x27;foo&#x27;)&lt;/script&gt;"},
	{"urlize", "<script>alert('foo')</script>", render.NoArg{}, false, "<script>alert('foo')</script>"},
	{"urlize", "Email me at me@example.com", render.NoArg{}, true, "Email me at <a href=\"mailto:me@example.com\">me@example.com</a>"},
	{"urlize", "Email me at me@example.com", render.NoArg{}, false, "Email me at <a href=\"mailto:me@example.com\">me@example.com</a>"},
	{"urlize", "Email me at <me@example.com>", render.NoArg{}, true, "Email me at &lt;<a href=\"mailto:me@example.com\">me@example.com</a>&gt;"},
	{"urlize", "Email me at <me@example.com>", render.NoArg{}, false, "Email me at <<a href=\"mailto:me@example.com\">me@example.com</a>>"},
	{"urlize", "http://example.com/?x=&amp;y=&lt;2&gt;", render.NoArg{}, true, "<a href=\"http://example.com/?x=&amp;y=%3C2%3E\" rel=\"nofollow\">http://example.com/?x=&amp;amp;y=&amp;lt;2&amp;gt;</a>"},
	{"urlize", "http://example.com/?x=&amp;y=&lt;2&gt;", render.NoArg{}, false, "<a href=\"http://example.com/?x=&amp;y=%3C2%3E\" rel=\"nofollow\">http://example.com/?x=&amp;y=&lt;2&gt;</a>"},
	{"urlize", "http://google.com", render.NoArg{}, true, "<a href=\"http://google.com\" rel=\"nofollow\">http://google.com</a>"},
	{"urlize", "http://google.com", render.NoArg{}, false, "<a href=\"http://google.com\" rel=\"nofollow\">http://google.com</a>"},
	{"urlize", "http://google.com/", render.NoArg{}, true, "<a href=\"http://google.com/\" rel=\"nofollow\">http://google.com/</a>"},
	{"urlize", "http://google.com/", render.NoArg{}, false, "<a href=\"http://google.com/\" rel=\"nofollow\">http://google.com/</a>"},
	{"urlize", "www.google.com", render.NoArg{}, true, "<a href=\"http://www.google.com\" rel=\"nofollow\">www.google.com</a>"},
	{"urlize", "www.google.com", render.NoArg{}, false, "<a href=\"http://www.google.com\" rel=\"nofollow\">www.google.com</a>"},
	{"urlize", "djangoproject.org", render.NoArg{}, true, "<a href=\"http://djangoproject.org\" rel=\"nofollow\">djangoproject.org</a>"},
	{"urlize", "djangoproject.org", render.NoArg{}, false, "<a href=\"http://djangoproject.org\" rel=\"nofollow\">djangoproject.org</a>"},
	{"urlize", "djangoproject.org/", render.NoArg{}, true, "<a href=\"http://djangoproject.org/\" rel=\"nofollow\">djangoproject.org/</a>"},
	{"urlize", "djangoproject.org/", render.NoArg{}, false, "<a href=\"http://djangoproject.org/\" rel=\"nofollow\">djangoproject.org/</a>"},
	{"urlize", "www.server.com\"abc", render.NoArg{}, true, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>&quot;abc"},
	{"urlize", "www.server.com\"abc", render.NoArg{}, false, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>\"abc"},
	{"urlize", "www.server.com'abc", render.NoArg{}, true, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>&#x27;abc"},
	{"urlize", "www.server.com'abc", render.NoArg{}, false, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>'abc"},
	{"urlize", "www.server.com<abc", render.NoArg{}, true, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>&lt;abc"},
	{"urlize", "www.server.com<abc", render.NoArg{}, false, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a><abc"},
	{"urlize", "www.server.com>abc", render.NoArg{}, true, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>&gt;abc"},
	{"urlize", "www.server.com>abc", render.NoArg{}, false, "<a href=\"http://www.server.com\" rel=\"nofollow\">www.server.com</a>>abc"},
	{"urlize", "info@djangoproject.org", render.NoArg{}, true, "<a href=\"mailto:info@djangoproject.org\">info@djangoproject.org</a>"},
	{"urlize", "info@djangoproject.org", render.NoArg{}, false, "<a href=\"mailto:info@djangoproject.org\">info@djangoproject.org</a>"},
	{"urlize", "some.organization", render.NoArg{}, true, "some.organization"},
	{"urlize", "some.organization", render.NoArg{}, false, "some.organization"},
	{"urlize", "https://google.com", render.NoArg{}, true, "<a href=\"https://google.com\" rel=\"nofollow\">https://google.com</a>"},
	{"urlize", "https://google.com", render.NoArg{}, false, "<a href=\"https://google.com\" rel=\"nofollow\">https://google.com</a>"},
	{"urlize", "http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B", render.NoArg{}, true, "<a href=\"http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B\" rel=\"nofollow\">http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B</a>"},
	{"urlize", "http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B", render.NoArg{}, false, "<a href=\"http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B\" rel=\"nofollow\">http://hi.baidu.com/%E9%87%8D%E6%96%B0%E5%BC%80%E5%A7%8B</a>"},
	{"urlize", "www.mystore.com/30%OffCoupons!", render.NoArg{}, true, "<a href=\"http://www.mystore.com/30%25OffCoupons\" rel=\"nofollow\">www.mystore.com/30%OffCoupons</a>!"},
	{"urlize", "www.mystore.com/30%OffCoupons!", render.NoArg{}, false, "<a href=\"http://www.mystore.com/30%25OffCoupons\" rel=\"nofollow\">www.mystore.com/30%OffCoupons</a>!"},
	{"urlize", "https://en.wikipedia.org/wiki/Caf%C3%A9", render.NoArg{}, true, "<a href=\"https://en.wikipedia.org/wiki/Caf%C3%A9\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Caf%C3%A9</a>"},
	{"urlize", "https://en.wikipedia.org/wiki/Caf%C3%A9", render.NoArg{}, false, "<a href=\"https://en.wikipedia.org/wiki/Caf%C3%A9\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Caf%C3%A9</a>"},
	{"urlize", "https://en.wikipedia.org/wiki/Café", render.NoArg{}, true, "<a href=\"https://en.wikipedia.org/wiki/Caf%C3%A9\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Café</a>"},
	{"urlize", "https://en.wikipedia.org/wiki/Café", render.NoArg{}, false, "<a href=\"https://en.wikipedia.org/wiki/Caf%C3%A9\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Café</a>"},
	{"urlize", "https://en.wikipedia.org/wiki/Django_(web_framework)", render.NoArg{}, true, "<a href=\"https://en.wikipedia.org/wiki/Django_(web_framework)\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Django_(web_framework)</a>"},
	{"urlize", "https://en.wikipedia.org/wiki/Django_(web_framework)", render.NoArg{}, false, "<a href=\"https://en.wikipedia.org/wiki/Django_(web_framework)\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Django_(web_framework)</a>"},
	{"urlize", "(see https://en.wikipedia.org/wiki/Django_(web_framework))", render.NoArg{}, true, "(see <a href=\"https://en.wikipedia.org/wiki/Django_(web_framework)\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Django_(web_framework)</a>)"},
	{"urlize", "(see https://en.wikipedia.org/wiki/Django_(web_framework))", render.NoArg{}, false, "(see <a href=\"https://en.wikipedia.org/wiki/Django_(web_framework)\" rel=\"nofollow\">https://en.wikipedia.org/wiki/Django_(web_framework)</a>)"},
	{"urlize", "foo@bar.com or www.bar.com", render.NoArg{}, true, "<a href=\"mailto:foo@bar.com\">foo@bar.com</a> or <a href=\"http://www.bar.com\" rel=\"nofollow\">www.bar.com</a>"},
	{"urlize", "foo@bar.com or www.bar.com", render.NoArg{}, false, "<a href=\"mailto:foo@bar.com\">foo@bar.com</a> or <a href=\"http://www.bar.com\" rel=\"nofollow\">www.bar.com</a>"},
	{"urlize", "http://c✶.ws", render.NoArg{}, true, "<a href=\"http://c%E2%9C%B6.ws\" rel=\"nofollow\">http://c✶.ws</a>"},
	{"urlize", "http://c✶.ws", render.NoArg{}, false, "<a href=\"http://c%E2%9C%B6.ws\" rel=\"nofollow\">http://c✶.ws</a>"},
	{"urlize", "www.c✶.ws", render.NoArg{}, true, "<a href=\"http://www.c%E2%9C%B6.ws\" rel=\"nofollow\">www.c✶.ws</a>"},
	{"urlize", "www.c✶.ws", render.NoArg{}, false, "<a href=\"http://www.c%E2%9C%B6.ws\" rel=\"nofollow\">www.c✶.ws</a>"},
	{"urlize", "c✶.org", render.NoArg{}, true, "<a href=\"http://c%E2%9C%B6.org\" rel=\"nofollow\">c✶.org</a>"},
	{"urlize", "c✶.org", render.NoArg{}, false, "<a href=\"http://c%E2%9C%B6.org\" rel=\"nofollow\">c✶.org</a>"},
	{"urlize", "info@c✶.org", render.NoArg{}, true, "<a href=\"mailto:info@c%E2%9C%B6.org\">info@c✶.org</a>"},
	{"urlize", "info@c✶.org", render.NoArg{}, false, "<a href=\"mailto:info@c%E2%9C%B6.org\">info@c✶.org</a>"},
	{"urlize", "http:///www.google.com", render.NoArg{}, true, "http:///www.google.com"},
	{"urlize", "http:///www.google.com", render.NoArg{}, false, "http:///www.google.com"},
	{"urlize", "http://.google.com", render.NoArg{}, true, "http://.google.com"},
	{"urlize", "http://.google.com", render.NoArg{}, false, "http://.google.com"},
	{"urlize", "http://@foo.com", render.NoArg{}, true, "http://@foo.com"},
	{"urlize", "http://@foo.com", render.NoArg{}, false, "http://@foo.com"},
	{"urlize", "usa.gov", render.NoArg{}, true, "<a href=\"http://usa.gov\" rel=\"nofollow\">usa.gov</a>"},
	{"urlize", "usa.gov", render.NoArg{}, false, "<a href=\"http://usa.gov\" rel=\"nofollow\">usa.gov</a>"},
	{"urlize", "email@.stream.ru", render.NoArg{}, true, "email@.stream.ru"},
	{"urlize", "email@.stream.ru", render.NoArg{}, false, "email@.stream.ru"},
	{"urlize", "HTTPS://github.com/", render.NoArg{}, true, "<a href=\"https://github.com/\" rel=\"nofollow\">HTTPS://github.com/</a>"},
	{"urlize", "HTTPS://github.com/", render.NoArg{}, false, "<a href=\"https://github.com/\" rel=\"nofollow\">HTTPS://github.com/</a>"},
	{"urlize", "(Go to http://www.example.com/foo.)", render.NoArg{}, true, "(Go to <a href=\"http://www.example.com/foo\" rel=\"nofollow\">http://www.example.com/foo</a>.)"},
	{"urlize", "(Go to http://www.example.com/foo.)", render.NoArg{}, false, "(Go to <a href=\"http://www.example.com/foo\" rel=\"nofollow\">http://www.example.com/foo</a>.)"},
	{"urlize", "A test http://testing.com/example..", render.NoArg{}, true, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>.."},
	{"urlize", "A test http://testing.com/example..", render.NoArg{}, false, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>.."},
	{"urlize", "A test http://testing.com/example!!", render.NoArg{}, true, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>!!"},
	{"urlize", "A test http://testing.com/example!!", render.NoArg{}, false, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>!!"},
	{"urlize", "A test http://testing.com/example.,:;)\"!", render.NoArg{}, true, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>.,:;)&quot;!"},
	{"urlize", "A test http://testing.com/example.,:;)\"!", render.NoArg{}, false, "A test <a href=\"http://testing.com/example\" rel=\"nofollow\">http://testing.com/example</a>.,:;)\"!"},
	{"urlize", "[see www.example.com]", render.NoArg{}, true, "[see <a href=\"http://www.example.com\" rel=\"nofollow\">www.example.com</a>]"},
	{"urlize", "[see www.example.com]", render.NoArg{}, false, "[see <a href=\"http://www.example.com\" rel=\"nofollow\">www.example.com</a>]"},
	{"urlize", "see test[at[example.com", render.NoArg{}, true, "see test[at[example.com"},
	{"urlize", "see test[at[example.com", render.NoArg{}, false, "see test[at[example.com"},
	{"urlize", "[http://168.192.0.1](http://168.192.0.1)", render.NoArg{}, true, "[<a href=\"http://168.192.0.1](http://168.192.0.1)\" rel=\"nofollow\">http://168.192.0.1](http://168.192.0.1)</a>"},
	{"urlize", "[http://168.192.0.1](http://168.192.0.1)", render.NoArg{}, false, "[<a href=\"http://168.192.0.1](http://168.192.0.1)\" rel=\"nofollow\">http://168.192.0.1](http://168.192.0.1)</a>"},
	{"urlize", "(https://www.example.org/)", render.NoArg{}, true, "(<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>)"},
	{"urlize", "(https://www.example.org/)", render.NoArg{}, false, "(<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>)"},
	{"urlize", "<https://www.example.org/>", render.NoArg{}, true, "&lt;<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>&gt;"},
	{"urlize", "<https://www.example.org/>", render.NoArg{}, false, "<<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>>"},
	{"urlize", "[https://www.example.org/]", render.NoArg{}, true, "[<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>]"},
	{"urlize", "[https://www.example.org/]", render.NoArg{}, false, "[<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>]"},
	{"urlize", "\"https://www.example.org/\"", render.NoArg{}, true, "&quot;<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>&quot;"},
	{"urlize", "\"https://www.example.org/\"", render.NoArg{}, false, "\"<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>\""},
	{"urlize", "'https://www.example.org/'", render.NoArg{}, true, "&#x27;<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>&#x27;"},
	{"urlize", "'https://www.example.org/'", render.NoArg{}, false, "'<a href=\"https://www.example.org/\" rel=\"nofollow\">https://www.example.org/</a>'"},
	{"urlize", "http://192.168.0.15/api/9", render.NoArg{}, true, "<a href=\"http://192.168.0.15/api/9\" rel=\"nofollow\">http://192.168.0.15/api/9</a>"},
	{"urlize", "http://192.168.0.15/api/9", render.NoArg{}, false, "<a href=\"http://192.168.0.15/api/9\" rel=\"nofollow\">http://192.168.0.15/api/9</a>"},
	{"urlize", "http://[2001:db8:cafe::2]/api/9", render.NoArg{}, true, "<a href=\"http://[2001:db8:cafe::2]/api/9\" rel=\"nofollow\">http://[2001:db8:cafe::2]/api/9</a>"},
	{"urlize", "http://[2001:db8:cafe::2]/api/9", render.NoArg{}, false, "<a href=\"http://[2001:db8:cafe::2]/api/9\" rel=\"nofollow\">http://[2001:db8:cafe::2]/api/9</a>"},
	{"urlize", "before \"hi@example.com\" afterwards", render.NoArg{}, true, "before &quot;<a href=\"mailto:hi@example.com\">hi@example.com</a>&quot; afterwards"},
	{"urlize", "before \"hi@example.com\" afterwards", render.NoArg{}, false, "before \"<a href=\"mailto:hi@example.com\">hi@example.com</a>\" afterwards"},
	{"urlize", "Email us at \"hi@example.com\", or phone us at +xx.yy", render.NoArg{}, true, "Email us at &quot;<a href=\"mailto:hi@example.com\">hi@example.com</a>&quot;, or phone us at +xx.yy"},
	{"urlize", "Email us at \"hi@example.com\", or phone us at +xx.yy", render.NoArg{}, false, "Email us at \"<a href=\"mailto:hi@example.com\">hi@example.com</a>\", or phone us at +xx.yy"},
	{"urlize", "Go to djangoproject.com! and enjoy.", render.NoArg{}, true, "Go to <a href=\"http://djangoproject.com\" rel=\"nofollow\">djangoproject.com</a>! and enjoy."},
	{"urlize", "Go to djangoproject.com! and enjoy.", render.NoArg{}, false, "Go to <a href=\"http://djangoproject.com\" rel=\"nofollow\">djangoproject.com</a>! and enjoy."},
	{"urlize", "Search for google.com/?q=! and see.", render.NoArg{}, true, "Search for <a href=\"http://google.com/?q=\" rel=\"nofollow\">google.com/?q=</a>! and see."},
	{"urlize", "Search for google.com/?q=! and see.", render.NoArg{}, false, "Search for <a href=\"http://google.com/?q=\" rel=\"nofollow\">google.com/?q=</a>! and see."},
	{"urlize", "Search for google.com/?q=dj!`? and see.", render.NoArg{}, true, "Search for <a href=\"http://google.com/?q=dj%21%60%3F\" rel=\"nofollow\">google.com/?q=dj!`?</a> and see."},
	{"urlize", "Search for google.com/?q=dj!`? and see.", render.NoArg{}, false, "Search for <a href=\"http://google.com/?q=dj%21%60%3F\" rel=\"nofollow\">google.com/?q=dj!`?</a> and see."},
	{"urlize", "Search for google.com/?q=dj!`?! and see.", render.NoArg{}, true, "Search for <a href=\"http://google.com/?q=dj%21%60%3F\" rel=\"nofollow\">google.com/?q=dj!`?</a>! and see."},
	{"urlize", "Search for google.com/?q=dj!`?! and see.", render.NoArg{}, false, "Search for <a href=\"http://google.com/?q=dj%21%60%3F\" rel=\"nofollow\">google.com/?q=dj!`?</a>! and see."},
	{"urlize", 123, render.NoArg{}, true, "123"},
	{"urlize", 123, render.NoArg{}, false, "123"},
	{"urlize", "foo<a href=\" google.com \">bar</a>buz", render.NoArg{}, true, "foo&lt;a href=&quot; <a href=\"http://google.com\" rel=\"nofollow\">google.com</a> &quot;&gt;bar&lt;/a&gt;buz"},
	{"urlize", "foo<a href=\" google.com \">bar</a>buz", render.NoArg{}, false, "foo<a href=\" <a href=\"http://google.com\" rel=\"nofollow\">google.com</a> \">bar</a>buz"},
	{"urlize", "http://example.com/a&amp;b;", render.NoArg{}, true, "<a href=\"http://example.com/a&amp;b\" rel=\"nofollow\">http://example.com/a&amp;amp;b</a>;"},
	{"urlize", "http://example.com/a&amp;b;", render.NoArg{}, false, "<a href=\"http://example.com/a&amp;b\" rel=\"nofollow\">http://example.com/a&amp;b</a>;"},
	{"urlize", "http://example.com/?a=1&amp;b=2&amp;", render.NoArg{}, true, "<a href=\"http://example.com/?a=1&amp;b=2\" rel=\"nofollow\">http://example.com/?a=1&amp;amp;b=2&amp;amp;</a>"},
	{"urlize", "http://example.com/?a=1&amp;b=2&amp;", render.NoArg{}, false, "<a href=\"http://example.com/?a=1&amp;b=2\" rel=\"nofollow\">http://example.com/?a=1&amp;b=2&amp;</a>"},
	{"urlize", "x.com;;", render.NoArg{}, true, "<a href=\"http://x.com\" rel=\"nofollow\">x.com</a>;;"},
	{"urlize", "x.com;;", render.NoArg{}, false, "<a href=\"http://x.com\" rel=\"nofollow\">x.com</a>;;"},
	{"urlize", "see &lt;www.x.com&gt;", render.NoArg{}, true, "see &amp;lt;www.x.com&amp;gt;"},
	{"urlize", "see &lt;www.x.com&gt;", render.NoArg{}, false, "see &lt;www.x.com&gt;"},
	{"urlize", "google.com/?q=1&lt;", render.NoArg{}, true, "<a href=\"http://google.com/?q=1%3C\" rel=\"nofollow\">google.com/?q=1&amp;lt;</a>"},
	{"urlize", "google.com/?q=1&lt;", render.NoArg{}, false, "<a href=\"http://google.com/?q=1%3C\" rel=\"nofollow\">google.com/?q=1&lt;</a>"},
	{"urlize", "test@example.com;", render.NoArg{}, true, "<a href=\"mailto:test@example.com\">test@example.com</a>;"},
	{"urlize", "test@example.com;", render.NoArg{}, false, "<a href=\"mailto:test@example.com\">test@example.com</a>;"},
	{"urlize", "a+b@example.com", render.NoArg{}, true, "<a href=\"mailto:a%2Bb@example.com\">a+b@example.com</a>"},
	{"urlize", "a+b@example.com", render.NoArg{}, false, "<a href=\"mailto:a%2Bb@example.com\">a+b@example.com</a>"},
	{"urlize", "a@localhost", render.NoArg{}, true, "a@localhost"},
	{"urlize", "a@localhost", render.NoArg{}, false, "a@localhost"},
	{"urlize", "a@[127.0.0.1]", render.NoArg{}, true, "<a href=\"mailto:a@%5B127.0.0.1%5D\">a@[127.0.0.1]</a>"},
	{"urlize", "a@[127.0.0.1]", render.NoArg{}, false, "<a href=\"mailto:a@%5B127.0.0.1%5D\">a@[127.0.0.1]</a>"},
	{"urlize", "a@[::1]", render.NoArg{}, true, "a@[::1]"},
	{"urlize", "a@[::1]", render.NoArg{}, false, "a@[::1]"},
	{"urlize", "a@b.c", render.NoArg{}, true, "a@b.c"},
	{"urlize", "a@b.c", render.NoArg{}, false, "a@b.c"},
	{"urlize", "a@b.c1", render.NoArg{}, true, "a@b.c1"},
	{"urlize", "a@b.c1", render.NoArg{}, false, "a@b.c1"},
	{"urlize", "x\"@b.com", render.NoArg{}, true, "x&quot;@b.com"},
	{"urlize", "x\"@b.com", render.NoArg{}, false, "x\"@b.com"},
	{"urlize", "a..b@c.com", render.NoArg{}, true, "a..b@c.com"},
	{"urlize", "a..b@c.com", render.NoArg{}, false, "a..b@c.com"},
	{"urlize", "www.foo.com/?q=a b", render.NoArg{}, true, "<a href=\"http://www.foo.com/?q=a\" rel=\"nofollow\">www.foo.com/?q=a</a> b"},
	{"urlize", "www.foo.com/?q=a b", render.NoArg{}, false, "<a href=\"http://www.foo.com/?q=a\" rel=\"nofollow\">www.foo.com/?q=a</a> b"},
	{"urlize", "https://[::1", render.NoArg{}, true, "https://[::1"},
	{"urlize", "https://[::1", render.NoArg{}, false, "https://[::1"},
	{"urlize", "http://x.com/?q=%zz&r=a%20b+c", render.NoArg{}, true, "<a href=\"http://x.com/?q=%25zz&amp;r=a+b+c\" rel=\"nofollow\">http://x.com/?q=%zz&amp;r=a%20b+c</a>"},
	{"urlize", "http://x.com/?q=%zz&r=a%20b+c", render.NoArg{}, false, "<a href=\"http://x.com/?q=%25zz&amp;r=a+b+c\" rel=\"nofollow\">http://x.com/?q=%zz&r=a%20b+c</a>"},
	{"urlize", "mailto:a@b.com", render.NoArg{}, true, "mailto:a@b.com"},
	{"urlize", "mailto:a@b.com", render.NoArg{}, false, "mailto:a@b.com"},
	{"urlize", "foo.bar.baz.com.", render.NoArg{}, true, "<a href=\"http://foo.bar.baz.com\" rel=\"nofollow\">foo.bar.baz.com</a>."},
	{"urlize", "foo.bar.baz.com.", render.NoArg{}, false, "<a href=\"http://foo.bar.baz.com\" rel=\"nofollow\">foo.bar.baz.com</a>."},
	{"urlize", "http://x.com/#frag ment", render.NoArg{}, true, "<a href=\"http://x.com/#frag\" rel=\"nofollow\">http://x.com/#frag</a> ment"},
	{"urlize", "http://x.com/#frag ment", render.NoArg{}, false, "<a href=\"http://x.com/#frag\" rel=\"nofollow\">http://x.com/#frag</a> ment"},
	{"urlize", "http://x.com/path?a=1;b=2", render.NoArg{}, true, "<a href=\"http://x.com/path?a=1%3Bb%3D2\" rel=\"nofollow\">http://x.com/path?a=1;b=2</a>"},
	{"urlize", "http://x.com/path?a=1;b=2", render.NoArg{}, false, "<a href=\"http://x.com/path?a=1%3Bb%3D2\" rel=\"nofollow\">http://x.com/path?a=1;b=2</a>"},
	{"urlize", "((((www.a.com))))", render.NoArg{}, true, "((((<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>))))"},
	{"urlize", "((((www.a.com))))", render.NoArg{}, false, "((((<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>))))"},
	{"urlize", "[[www.a.com]", render.NoArg{}, true, "[[<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>]"},
	{"urlize", "[[www.a.com]", render.NoArg{}, false, "[[<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>]"},
	{"urlize", "www.a.com)))", render.NoArg{}, true, "<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>)))"},
	{"urlize", "www.a.com)))", render.NoArg{}, false, "<a href=\"http://www.a.com\" rel=\"nofollow\">www.a.com</a>)))"},
	{"urlize", "http://example.com/?q=é&x=%E2%9C%B6", render.NoArg{}, true, "<a href=\"http://example.com/?q=%C3%A9&amp;x=%E2%9C%B6\" rel=\"nofollow\">http://example.com/?q=é&amp;x=%E2%9C%B6</a>"},
	{"urlize", "http://example.com/?q=é&x=%E2%9C%B6", render.NoArg{}, false, "<a href=\"http://example.com/?q=%C3%A9&amp;x=%E2%9C%B6\" rel=\"nofollow\">http://example.com/?q=é&x=%E2%9C%B6</a>"},
	{"urlize", "ex-ample.com", render.NoArg{}, true, "<a href=\"http://ex-ample.com\" rel=\"nofollow\">ex-ample.com</a>"},
	{"urlize", "ex-ample.com", render.NoArg{}, false, "<a href=\"http://ex-ample.com\" rel=\"nofollow\">ex-ample.com</a>"},
	{"urlize", "-bad.com", render.NoArg{}, true, "-bad.com"},
	{"urlize", "-bad.com", render.NoArg{}, false, "-bad.com"},
	{"urlize", "a.b-.com", render.NoArg{}, true, "a.b-.com"},
	{"urlize", "a.b-.com", render.NoArg{}, false, "a.b-.com"},
	{"urlize", "xn--bcher-kva.com", render.NoArg{}, true, "<a href=\"http://xn--bcher-kva.com\" rel=\"nofollow\">xn--bcher-kva.com</a>"},
	{"urlize", "xn--bcher-kva.com", render.NoArg{}, false, "<a href=\"http://xn--bcher-kva.com\" rel=\"nofollow\">xn--bcher-kva.com</a>"},
	{"urlize", "abc.museum", render.NoArg{}, true, "abc.museum"},
	{"urlize", "abc.museum", render.NoArg{}, false, "abc.museum"},
	{"urlize", "HTTP://EXAMPLE.COM/X", render.NoArg{}, true, "<a href=\"http://EXAMPLE.COM/X\" rel=\"nofollow\">HTTP://EXAMPLE.COM/X</a>"},
	{"urlize", "HTTP://EXAMPLE.COM/X", render.NoArg{}, false, "<a href=\"http://EXAMPLE.COM/X\" rel=\"nofollow\">HTTP://EXAMPLE.COM/X</a>"},
	{"urlize", "http://a.com/&#39;", render.NoArg{}, true, "<a href=\"http://a.com/&#x27;\" rel=\"nofollow\">http://a.com/&amp;#39;</a>"},
	{"urlize", "http://a.com/&#39;", render.NoArg{}, false, "<a href=\"http://a.com/&#x27;\" rel=\"nofollow\">http://a.com/&#39;</a>"},
	{"urlize", "http://a.com/&amp;", render.NoArg{}, true, "<a href=\"http://a.com/&amp;\" rel=\"nofollow\">http://a.com/&amp;amp;</a>"},
	{"urlize", "http://a.com/&amp;", render.NoArg{}, false, "<a href=\"http://a.com/&amp;\" rel=\"nofollow\">http://a.com/&amp;</a>"},
	{"urlize", "http://a.com/x&y;", render.NoArg{}, true, "<a href=\"http://a.com/x&amp;y\" rel=\"nofollow\">http://a.com/x&amp;y</a>;"},
	{"urlize", "http://a.com/x&y;", render.NoArg{}, false, "<a href=\"http://a.com/x&amp;y\" rel=\"nofollow\">http://a.com/x&y</a>;"},
	{"urlize", "http://a.com/x&amp;;", render.NoArg{}, true, "<a href=\"http://a.com/x&amp;\" rel=\"nofollow\">http://a.com/x&amp;amp;</a>;"},
	{"urlize", "http://a.com/x&amp;;", render.NoArg{}, false, "<a href=\"http://a.com/x&amp;\" rel=\"nofollow\">http://a.com/x&amp;</a>;"},
	{"urlize", "http://a.com/x&amp;;;", render.NoArg{}, true, "<a href=\"http://a.com/x&amp;\" rel=\"nofollow\">http://a.com/x&amp;amp;</a>;;"},
	{"urlize", "http://a.com/x&amp;;;", render.NoArg{}, false, "<a href=\"http://a.com/x&amp;\" rel=\"nofollow\">http://a.com/x&amp;</a>;;"},
	{"urlize", "https://www.example.org/?q=&amp;&amp;", render.NoArg{}, true, "<a href=\"https://www.example.org/?q=\" rel=\"nofollow\">https://www.example.org/?q=&amp;amp;&amp;amp;</a>"},
	{"urlize", "https://www.example.org/?q=&amp;&amp;", render.NoArg{}, false, "<a href=\"https://www.example.org/?q=\" rel=\"nofollow\">https://www.example.org/?q=&amp;&amp;</a>"},
	{"urlize", "http://a.com:8080/p", render.NoArg{}, true, "<a href=\"http://a.com:8080/p\" rel=\"nofollow\">http://a.com:8080/p</a>"},
	{"urlize", "http://a.com:8080/p", render.NoArg{}, false, "<a href=\"http://a.com:8080/p\" rel=\"nofollow\">http://a.com:8080/p</a>"},
	{"urlize", "http://user:pw@a.com/", render.NoArg{}, true, "<a href=\"http://user:pw@a.com/\" rel=\"nofollow\">http://user:pw@a.com/</a>"},
	{"urlize", "http://user:pw@a.com/", render.NoArg{}, false, "<a href=\"http://user:pw@a.com/\" rel=\"nofollow\">http://user:pw@a.com/</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 15, true, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">http://www.goo…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 15, false, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">http://www.goo…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 1, true, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 1, false, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 0, true, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", 0, false, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", -5, true, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "http://www.google.com/some/long/path", -5, false, "<a href=\"http://www.google.com/some/long/path\" rel=\"nofollow\">…</a>"},
	{"urlizetrunc", "short http://a.com", 100, true, "short <a href=\"http://a.com\" rel=\"nofollow\">http://a.com</a>"},
	{"urlizetrunc", "short http://a.com", 100, false, "short <a href=\"http://a.com\" rel=\"nofollow\">http://a.com</a>"},
	{"urlizetrunc", "http://a.com", "x", true, errWant},
	{"urlizetrunc", "http://a.com", "x", false, errWant},
	{"urlizetrunc", render.SafeString("http://a.com/<b>"), 5, true, "<a href=\"http://a.com/\" rel=\"nofollow\">http…</a><b>"},
	{"urlizetrunc", render.SafeString("http://a.com/<b>"), 5, false, "<a href=\"http://a.com/\" rel=\"nofollow\">http…</a><b>"},
	{"urlizetrunc", "foo@bar.com and stuff", 6, true, "<a href=\"mailto:foo@bar.com\">foo@b…</a> and stuff"},
	{"urlizetrunc", "foo@bar.com and stuff", 6, false, "<a href=\"mailto:foo@bar.com\">foo@b…</a> and stuff"},
}

// Bounded work: deep nesting and long texts stay linear.
func TestTruncateHTMLDeep(t *testing.T) {
	deep := strings.Repeat("<b>", 200000) + strings.Repeat("word ", 10) + strings.Repeat("</b>", 200000)
	out, err := TruncateWordsHTML(deep, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("<b>", 200000) + "word word word …" + strings.Repeat("</b>", 200000); out != want {
		t.Errorf("TruncateWordsHTML(deep) = %.60q…", out)
	}
	out, err = TruncateCharsHTML(deep, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "wo…</b>") {
		t.Errorf("TruncateCharsHTML(deep) = %.60q…", out)
	}
	// Unclosed and mismatched tags, a megabyte of them.
	messy := strings.Repeat("<i><p>x</b>", 100000)
	if _, err := TruncateCharsHTML(messy, 1<<20); err != nil {
		t.Fatal(err)
	}
	// Python's parser raises AssertionError on an unknown marked section.
	if _, err := TruncateCharsHTML("<![bogus[x]]> text", 3); err == nil {
		t.Error("no error for <![bogus[")
	}
	if out, _ := applyFilter(t, "truncatewords_html", true, "<p>x</p>", "z"); out != "<p>x</p>" {
		t.Errorf("bad argument: %#v, want the value", out)
	}
}

// Bounded work: urlize on adversarial text.
func TestUrlizeAdversarial(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("(", 1<<19) + "www.a.com" + strings.Repeat(")", 1<<19),
		strings.Repeat("[", 1<<19) + "http://a.com" + strings.Repeat("]", 1<<18),
		"http://a.com/&" + strings.Repeat(".;", 1<<19),
		"a.com" + strings.Repeat("&amp;;", 1<<17),
		strings.Repeat("x.", 1<<19) + "com",
		strings.Repeat("a@", 1<<19) + "b.com",
		strings.Repeat("www.a.com ", 1<<16),
		strings.Repeat(":", 1<<20),
	} {
		out := Urlize(in, false, -1, true, true)
		if len(out) < len(in)/2 {
			t.Errorf("Urlize(%.30q…) lost text: %d bytes from %d", in, len(out), len(in))
		}
	}
	if got := Urlize("x.com"+strings.Repeat("a", 2048), false, -1, true, false); strings.Contains(got, "<a") {
		t.Error("a word over 2048 characters was linked")
	}
}

// json_script with Go values: structs through encoding/json, times,
// durations, sorted map keys; channels are an error.
func TestJSONScriptGoValues(t *testing.T) {
	type item struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
		Skip  string `json:"-"`
	}
	for _, tt := range []struct {
		in   any
		want string
	}{
		{item{"a</script>", 2, "x"}, `{"count": 2, "name": "a\u003C/script\u003E"}`},
		{map[string]any{"b": 1, "a": []int{1, 2}}, `{"a": [1, 2], "b": 1}`},
		{map[int]bool{2: true, 1: false}, `{"1": false, "2": true}`},
		{time.Date(2020, 1, 2, 3, 4, 5, 678901000, time.FixedZone("", 5400)), `"2020-01-02T03:04:05.678+01:30"`},
		{90*time.Minute + 1500*time.Microsecond, `"P0DT01H30M00.001500S"`},
		{-36 * time.Hour, `"-P1DT12H00M00S"`},
		{[]byte("hi"), `"aGk="`},
		{(*item)(nil), `null`},
		{"\u2028\U0001F600\x7f", `"\u2028\ud83d\ude00\u007f"`},
		{float32(0.1), `0.1`},
		{uint64(math.MaxUint64), `18446744073709551615`},
	} {
		out, err := applyFilter(t, "json_script", true, tt.in, render.NoArg{})
		if err != nil {
			t.Fatal(err)
		}
		want := `<script type="application/json">` + tt.want + `</script>`
		if out != render.SafeString(want) {
			t.Errorf("json_script(%#v) =\n %s\nwant\n %s", tt.in, out, want)
		}
	}
	for _, bad := range []any{make(chan int), func() {}, map[[2]int]int{{1, 2}: 3}, complex(1, 2)} {
		if _, err := applyFilter(t, "json_script", true, bad, "id"); err == nil {
			t.Errorf("json_script(%T): no error", bad)
		}
	}
	self := []any{nil}
	self[0] = self
	if _, err := applyFilter(t, "json_script", true, self, render.NoArg{}); err == nil {
		t.Error("json_script(self-containing list): no error")
	}
}

// The safeness of the HTML filters' results (Django returns SafeString
// from mark_safe / format_html).
func TestHTMLFiltersSafe(t *testing.T) {
	for _, name := range []string{"force_escape", "linebreaks", "linebreaksbr", "linenumbers", "urlize", "escapejs", "json_script"} {
		out, err := applyFilter(t, name, true, "<x>", render.NoArg{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := out.(render.SafeString); !ok {
			t.Errorf("%s returned %T, want render.SafeString", name, out)
		}
	}
	out, _ := applyFilter(t, "urlizetrunc", false, "<x> www.a.com", 3)
	if out != render.SafeString(`<x> <a href="http://www.a.com" rel="nofollow">ww…</a>`) {
		t.Errorf("urlizetrunc autoescape off = %q", out)
	}
	if _, err := applyFilter(t, "urlizetrunc", true, "x", "a"); err == nil {
		t.Error("urlizetrunc:\"a\": no error (Django raises ValueError)")
	}
}

func BenchmarkUrlize(b *testing.B) {
	text := "Visit www.djangoproject.com, read https://docs.djangoproject.com/en/stable/ref/templates/builtins/#urlize " +
		"(or mail me@example.com) for more; plain words stay as they are."
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = Urlize(text, false, -1, true, true)
	}
}

func BenchmarkTruncatecharsHTML(b *testing.B) {
	html := strings.Repeat(`<p>Joel <a href="/slug" class="x">is a slug</a> &amp; <b>more</b> text here.</p>`, 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(html)))
	for b.Loop() {
		_, _ = TruncateCharsHTML(html, 500)
	}
}
