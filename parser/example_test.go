package parser_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/braidtpl/braid/parser"
)

func ExampleParse() {
	tpl, err := parser.Parse("hello.html", `Hello {{ name|default:"world"|title }}!`)
	if err != nil {
		panic(err)
	}
	fmt.Print(parser.Dump(tpl, true))
	// Output:
	// Template @1:1-1:40 Name="hello.html"
	//   Body:
	//     Text @1:1-1:7 Text="Hello "
	//     Output @1:7-1:39
	//       Expr: Filtered @1:10-1:36
	//         X: Variable @1:10-1:14 Name="name"
	//         Filters:
	//           Filter @1:15-1:30 Name="default"
	//             Arg: StringLit @1:23-1:30 Value="world"
	//           Filter @1:31-1:36 Name="title"
	//     Text @1:39-1:40 Text="!"
}

func ExamplePrint() {
	tpl, err := parser.Parse("list.html", `{%for x in items   reversed%}{{x . name|upper}}{%empty%}none{%endfor%}`)
	if err != nil {
		panic(err)
	}
	fmt.Println(parser.Print(tpl))
	// Output:
	// {% for x in items reversed %}{{ x.name|upper }}{% empty %}none{% endfor %}
}

func ExampleError_Snippet() {
	src := "{% block content %}\n{% for post in posts %}\n\t{% endblock %}\n"
	_, err := parser.Parse("page.html", src)
	var e *parser.Error
	if errors.As(err, &e) {
		fmt.Println(e)
		fmt.Println(e.Snippet())
	}
	// Output:
	// page.html:3:2: {% endblock %} found while the {% for %} opened at 2:1 is still open: expected {% endfor %} first
	//     3 |     {% endblock %}
	//       |     ^^^^^^^^^^^^^^
}

func ExampleErrorList() {
	src := "{{ a| }}\n{% if %}{% endif %}\n{% endfor %}"
	_, err := parser.Parse("many.html", src)
	var list parser.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	// Output:
	// many.html:1:7: {{ }}: unexpected end of {{ }}, expected a filter name after |
	// many.html:2:7: {% if %}: unexpected end of tag; usage: {% if condition %}
	// many.html:3:1: {% endfor %} closes nothing: no {% for %} is open
}

func ExampleWithBlockTag() {
	src := `{% blocktrans count n=items|length %}one item{% plural %}{{ n }} items{% endblocktrans %}`
	tpl, err := parser.Parse("t.html", src, parser.WithBlockTag("blocktrans", "plural"))
	if err != nil {
		panic(err)
	}
	tag := tpl.Body[0].(*parser.TagNode)
	fmt.Println(tag.Name, "|", tag.Args, "|", len(tag.Body), "node,", tag.Clauses[0].Name, "clause")
	// Output:
	// blocktrans | count n=items|length | 1 node, plural clause
}

func ExampleWithMaxDepth() {
	_, err := parser.Parse("deep.html", "{{ ((((x)))) }}", parser.WithMaxDepth(3))
	fmt.Println(err)
	// Output:
	// deep.html:1:7: expression nested deeper than 3 levels
}

// Each link of a dotted lookup nests one level.
func ExampleWithMaxDepth_lookups() {
	_, err := parser.Parse("deep.html", "{{ a.b.c.d }}", parser.WithMaxDepth(2))
	fmt.Println(err)
	// Output:
	// deep.html:1:4: expression nested deeper than 2 levels
}

// A parse stops soon after its context ends, with an error that wraps
// the context's.
func ExampleWithContext() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := parser.Parse("big.html", strings.Repeat("{{ x }}\n", 5000), parser.WithContext(ctx))
	fmt.Println(errors.Is(err, context.Canceled))
	fmt.Println(err)
	// Output:
	// true
	// big.html:1:1: parsing stopped: context canceled
}

func ExampleTagNode_Arguments() {
	tpl, err := parser.Parse("t.html", `{% price item.cost|floatformat:2 currency="EUR" as p %}`)
	if err != nil {
		panic(err)
	}
	args, err := tpl.Body[0].(*parser.TagNode).Arguments()
	if err != nil {
		panic(err)
	}
	for _, a := range args.Args {
		fmt.Printf("%q = %s\n", a.Name, a.Value)
	}
	fmt.Println("as", args.As)
	// Output:
	// "" = item.cost|floatformat:2
	// "currency" = "EUR"
	// as p
}

func ExampleWithWhitespaceControl() {
	tpl, _ := parser.Parse("t", "<ul>\n  {%- for x in xs -%}\n  <li>{{ x }}</li>\n  {%- endfor -%}\n</ul>", parser.WithWhitespaceControl())
	fmt.Println(parser.Print(tpl))
	// Output:
	// <ul>{% for x in xs %}<li>{{ x }}</li>{% endfor %}</ul>
}

func ExampleWithPongo2Syntax() {
	_, err := parser.Parse("t", "{% firstof %}{% filter safe %}x{% endfilter %}")
	fmt.Println(err != nil)
	_, err = parser.Parse("t", "{% firstof %}{% filter safe %}x{% endfilter %}", parser.WithPongo2Syntax())
	fmt.Println(err)
	// Output:
	// true
	// <nil>
}

func ExampleWithTrimBlocks() {
	tpl, _ := parser.Parse("t", "{% if x %}\nyes\n{% endif %}\n", parser.WithTrimBlocks())
	fmt.Printf("%q\n", parser.Print(tpl))
	// Output:
	// "{% if x %}yes\n{% endif %}"
}

func ExampleWithLStripBlocks() {
	tpl, _ := parser.Parse("t", "<p>\n    {% if x %}yes{% endif %}</p>", parser.WithLStripBlocks())
	fmt.Printf("%q\n", parser.Print(tpl))
	// Output:
	// "<p>\n{% if x %}yes{% endif %}</p>"
}

func ExampleWalk() {
	tpl, _ := parser.Parse("t", `{% for x in xs %}{% if x %}{% include "row.html" %}{% endif %}{% endfor %}`)
	parser.Walk(tpl.Body, func(n parser.Node) bool {
		if inc, ok := n.(*parser.IncludeNode); ok {
			fmt.Println("includes", parser.Print(&parser.Template{Body: []parser.Node{inc}}))
		}
		return true
	})
	// Output:
	// includes {% include "row.html" %}
}
