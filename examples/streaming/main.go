// Command streaming serves a dashboard of widgets whose data comes from
// slow sources (20 to 800 ms, the slowest first), rendered three ways:
//
//	?mode=sequential   one widget after the other: the sum of the latencies
//	?mode=inorder      concurrently, streamed in order (the default): about
//	                   the slowest latency, but the slow first widget holds
//	                   back the rest of the page
//	?mode=outoforder   concurrently, out of order: the page and every fast
//	                   widget arrive at once, each slow one when it is ready
//	                   (&native=1: no script, for browsers that apply
//	                   <template for> themselves)
//
// /compare shows the three side by side. Each widget says when its data
// was ready on the server and when it arrived in the browser; the footer
// has the render's statistics. The template has no annotation for any of
// this: braid sees which parts of the page wait.
//
//	go run ./examples/streaming            # then open http://127.0.0.1:8080/compare
//	go run ./examples/streaming -port 9000
package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"log"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/braidtpl/braid"
)

// Latencies are the widgets' data sources' latencies, in page order.
var Latencies = []time.Duration{
	800 * time.Millisecond, 20 * time.Millisecond, 150 * time.Millisecond, 40 * time.Millisecond,
	400 * time.Millisecond, 60 * time.Millisecond, 250 * time.Millisecond, 30 * time.Millisecond,
	600 * time.Millisecond, 90 * time.Millisecond, 120 * time.Millisecond, 50 * time.Millisecond,
}

// Modes are the ways the page renders.
var Modes = []string{"sequential", "inorder", "outoforder"}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>braid · {{ mode }}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:#1d2330;color:#fff;padding:12px 20px}header h1{margin:0;font-size:18px}
header p{margin:2px 0 0;color:#aab}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;padding:16px 20px}
section{background:#fff;border-radius:8px;padding:10px 12px;box-shadow:0 1px 2px #0002;min-height:96px}
section h2{margin:0 0 6px;font-size:14px}.value{font-size:20px;font-weight:600}
.when{color:#667;font-size:12px}.skeleton{color:#99a}.skeleton .value{color:#ccd}
footer{padding:0 20px 20px;color:#667;font-size:12px}
</style>
<script>
// Stamps each widget with the time it appeared in this document.
var t0=performance.now();
new MutationObserver(function(){document.querySelectorAll("section[data-w]:not([data-seen])").forEach(function(s){
var v=s.querySelector(".value");if(!v||v.textContent.indexOf("-ready")<0)return;
s.setAttribute("data-seen",Math.round(performance.now()-t0));s.querySelector(".arrived").textContent="arrived "+s.getAttribute("data-seen")+" ms after the page began";
})}).observe(document,{childList:true,subtree:true});
</script></head>
<body><header><h1>Dashboard</h1><p>{{ mode }} · {{ widgets|length }} widgets, data from 20 to 800 ms</p></header>
<main>
{% for w in widgets %}<section data-w="{{ forloop.counter }}">{% region %}<h2>{{ w.Title }}</h2>
<div class="value">{{ w.Data.Text }}</div>
<div class="when">data ready {{ w.Data.ReadyMS }} ms after the request ({{ w.Latency }} source)</div>
<div class="when arrived"></div>{% placeholder %}<div class="skeleton"><h2>{{ w.Title }}</h2><div class="value">loading…</div></div>{% endregion %}</section>
{% endfor %}</main>
`

// Data is what a widget's source returns.
type Data struct {
	Text    string // "widget-N-ready"
	ReadyMS int64  // when it was ready, in ms since the request began
}

func main() {
	port := flag.Int("port", 8080, "port to listen on, on 127.0.0.1")
	flag.Parse()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving http://%s/ (?mode=sequential, inorder, outoforder) and http://%s/compare", ln.Addr(), ln.Addr())
	log.Fatal(http.Serve(ln, Handler()))
}

// Handler serves the dashboard and the comparison page.
func Handler() http.Handler { return handler(fetch) }

// source is a widget's data source: it takes the widget's latency.
type source func(ctx context.Context, widget int, latency time.Duration, start time.Time) (Data, error)

// handler serves the dashboard with src as the widgets' data.
func handler(src source) http.Handler {
	concurrent := braid.New()
	sequential := braid.New(braid.WithSequential())
	ct, err := concurrent.FromString(page)
	if err != nil {
		panic(err)
	}
	st, err := sequential.FromString(page)
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /compare", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, comparePage)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		mode := r.URL.Query().Get("mode")
		tpl, ctx := ct, r.Context()
		switch mode {
		case "sequential":
			tpl = st
		case "outoforder":
			// native=1: the browser applies <template for> itself (Chrome
			// 148 and later), so no script is sent.
			ctx = braid.WithStreaming(ctx, braid.Streaming{OutOfOrder: true, Native: r.URL.Query().Get("native") == "1"})
		case "", "inorder":
			mode = "inorder"
		default:
			http.Error(w, "mode is sequential, inorder or outoforder", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var stats braid.Stats
		if err := tpl.Render(braid.RecordStats(ctx, &stats), w, data(mode, src, start)); err != nil {
			log.Print(err)
			return
		}
		// The footer comes after the render: its statistics are final.
		fmt.Fprintf(w, "<footer>rendered %s in %d ms · %d nodes deferred, %d lazy values, at most %d at once, waited %d ms in all</footer></body></html>\n",
			mode, time.Since(start).Milliseconds(), stats.Deferred, stats.LazyStarted, stats.Peak, stats.Waited.Milliseconds())
	})
	return mux
}

// fetch is a widget's data: it takes latency, as a database query or a
// remote call would.
func fetch(ctx context.Context, widget int, latency time.Duration, start time.Time) (Data, error) {
	select {
	case <-time.After(latency):
		return Data{Text: fmt.Sprintf("widget-%d-ready", widget), ReadyMS: time.Since(start).Milliseconds()}, nil
	case <-ctx.Done():
		return Data{}, ctx.Err()
	}
}

// data is the dashboard's data: each widget's Data is a lazy value that
// asks src.
func data(mode string, src source, start time.Time) map[string]any {
	widgets := make([]map[string]any, len(Latencies))
	for i, lat := range Latencies {
		widgets[i] = map[string]any{
			"Title":   fmt.Sprintf("Widget %d", i+1),
			"Latency": lat.String(),
			"Data":    func(ctx context.Context) (Data, error) { return src(ctx, i+1, lat, start) },
		}
	}
	return map[string]any{"mode": mode, "widgets": widgets}
}

// comparePage shows the three modes side by side, loaded at the same time.
var comparePage = func() string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>braid · compare</title>
<style>body{margin:0;font:14px system-ui,sans-serif}div{display:flex;height:100vh}
section{flex:1;display:flex;flex-direction:column;border-right:1px solid #ccd}h1{font-size:14px;margin:6px 10px}
iframe{flex:1;border:0}</style></head><body><div>`)
	for _, m := range Modes {
		fmt.Fprintf(&b, `<section><h1>%s</h1><iframe src="/?mode=%s"></iframe></section>`, html.EscapeString(m), m)
	}
	b.WriteString(`</div></body></html>`)
	return b.String()
}()
