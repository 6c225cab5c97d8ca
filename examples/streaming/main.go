// Command streaming serves a dashboard whose 20 widgets each wait 50 ms
// for their data. braid renders the widgets concurrently and streams the
// page as it is known: the header at once, every widget in order, all in
// about one latency. Add ?sequential=1 to see the same page rendered one
// widget after the other.
//
//	go run ./examples/streaming            # then open http://127.0.0.1:8080/
//	go run ./examples/streaming -port 9000
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/braidtpl/braid"
)

const page = `<!doctype html>
<html><head><title>Dashboard</title></head><body>
<h1>Dashboard</h1><p>rendered {{ mode }}</p>
{% for w in widgets %}<section id="w{{ forloop.counter }}"><h2>{{ w.Title }}</h2><p>{{ w.Body }}</p></section>
{% endfor %}<footer>done</footer>
</body></html>
`

// Widgets and Latency shape the dashboard.
const (
	Widgets = 20
	Latency = 50 * time.Millisecond
)

func main() {
	port := flag.Int("port", 8080, "port to listen on, on 127.0.0.1")
	flag.Parse()
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("serving http://%s/ (add ?sequential=1 for the sequential render)", ln.Addr())
	log.Fatal(http.Serve(ln, Handler()))
}

// Handler serves the dashboard.
func Handler() http.Handler { return handler(fetch) }

// handler serves the dashboard with source as the widgets' data.
func handler(source func(ctx context.Context, widget int) (string, error)) http.Handler {
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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tpl, mode := ct, "concurrently"
		if r.URL.Query().Get("sequential") == "1" {
			tpl, mode = st, "sequentially"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := tpl.Render(r.Context(), w, data(mode, source)); err != nil {
			log.Print(err)
		}
	})
}

// fetch is the data of a widget: it takes Latency, as a database query or
// a remote call would.
func fetch(ctx context.Context, widget int) (string, error) {
	select {
	case <-time.After(Latency):
		return fmt.Sprintf("data for widget %d", widget), nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// data is the dashboard's data: each widget's body is a lazy value that
// asks source for the widget's data.
func data(mode string, source func(ctx context.Context, widget int) (string, error)) map[string]any {
	widgets := make([]map[string]any, Widgets)
	for i := range widgets {
		widgets[i] = map[string]any{
			"Title": fmt.Sprintf("Widget %d", i+1),
			"Body":  func(ctx context.Context) (string, error) { return source(ctx, i+1) },
		}
	}
	return map[string]any{"mode": mode, "widgets": widgets}
}
