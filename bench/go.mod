module github.com/braidtpl/braid/bench

go 1.26.0

replace github.com/braidtpl/braid => ../

require (
	github.com/CloudyKit/jet/v6 v6.3.3
	github.com/braidtpl/braid v0.0.0
	github.com/flosch/pongo2/v6 v6.0.0
	github.com/google/go-cmp v0.7.0
)

require (
	github.com/CloudyKit/fastprinter v0.0.0-20200109182630-33d98a066a53 // indirect
	github.com/alecthomas/participle/v2 v2.1.4 // indirect
	github.com/fsnotify/fsnotify v1.10.1 // indirect
	golang.org/x/sync v0.25.0 // indirect
	golang.org/x/sys v0.13.0 // indirect
)
