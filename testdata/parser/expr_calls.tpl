{{ fn() }}{{ fn(a, "b", 3) }}{{ obj.method(x).field }}{{ fn(a)(b) }}{{ m["key"] }}{{ list[0] }}{{ list[i + 1].name }}{{ f(g(h(1))) }}
