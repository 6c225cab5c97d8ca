{% set greeting = "Hello, " + name %}{% set n = items|length %}{{ greeting }}{{ n }}
