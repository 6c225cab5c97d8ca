package compiler

import (
	"math/rand/v2"
	"strings"

	"github.com/braidtpl/braid/parser"
	"github.com/braidtpl/braid/render"
)

// maxLorem caps {% lorem count %}: more words or paragraphs than this are
// not placeholder text but a way to make a render do unbounded work.
const maxLorem = 10000

// loremNode is {% lorem [count] [w|p|b] [random] %}, Django's placeholder
// text: the classic "Lorem ipsum" words and paragraph first (unless
// random), random Latin after them (not reproducible: math/rand).
type loremNode struct {
	count  render.Expr // nil: 1
	method string
	random bool
}

func (c *compiler) loremTag(n *parser.LoremNode) render.Node {
	l := &loremNode{method: n.Method, random: n.Random}
	if n.Count != nil {
		l.count = c.expr(n.Count)
	}
	return l
}

func (n *loremNode) Render(s *render.State, out *render.Out) error {
	count := int64(1)
	if n.count != nil {
		v, err := evalNow(s, n.count)
		if err != nil {
			return err
		}
		if c, ok := render.ToInt(v); ok {
			count = c // Django: int() of the value, 1 when that fails
		}
	}
	count = min(count, maxLorem)
	if s.Run.Env.Pongo2 {
		pongo2Lorem(out, int(count), n.method, n.random)
		return nil
	}
	if n.method == "w" {
		out.WriteString(loremWords(int(count), !n.random))
		return nil
	}
	for i := range int(count) {
		if i > 0 {
			out.WriteString("\n\n")
		}
		p := loremCommonP
		if n.random || i > 0 {
			p = loremParagraph()
		}
		if n.method == "p" {
			p = "<p>" + p + "</p>"
		}
		out.WriteString(p)
	}
	return nil
}

// loremWords is Django's lorem_ipsum.words.
func loremWords(count int, common bool) string {
	var words []string
	if common {
		words = append(words, loremCommonWords...)
	}
	if count <= len(words) {
		if count < 0 {
			count = 0
		}
		return strings.Join(words[:count], " ")
	}
	count -= len(words)
	for count > 0 {
		c := min(count, len(loremWordList))
		count -= c
		words = append(words, sample(loremWordList, c)...)
	}
	return strings.Join(words, " ")
}

// loremParagraph is Django's lorem_ipsum.paragraph: 1 to 4 sentences.
func loremParagraph() string {
	n := 1 + rand.IntN(4)
	sentences := make([]string, n)
	for i := range sentences {
		sentences[i] = loremSentence()
	}
	return strings.Join(sentences, " ")
}

// loremSentence is Django's lorem_ipsum.sentence: 1 to 5 comma-separated
// sections of 3 to 12 words, capitalised, ending in "." or "?".
func loremSentence() string {
	sections := make([]string, 1+rand.IntN(5))
	for i := range sections {
		sections[i] = strings.Join(sample(loremWordList, 3+rand.IntN(10)), " ")
	}
	s := strings.Join(sections, ", ")
	return strings.ToUpper(s[:1]) + s[1:] + string("?."[rand.IntN(2)])
}

// sample is Python's random.sample: n distinct elements in random order.
func sample(from []string, n int) []string {
	idx := rand.Perm(len(from))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = from[j]
	}
	return out
}

const loremCommonP = "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod " +
	"tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim " +
	"veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea " +
	"commodo consequat. Duis aute irure dolor in reprehenderit in voluptate " +
	"velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint " +
	"occaecat cupidatat non proident, sunt in culpa qui officia deserunt " +
	"mollit anim id est laborum."

var loremCommonWords = []string{"lorem", "ipsum", "dolor", "sit", "amet", "consectetur",
	"adipisicing", "elit", "sed", "do", "eiusmod", "tempor", "incididunt",
	"ut", "labore", "et", "dolore", "magna", "aliqua"}

var loremWordList = strings.Fields(`exercitationem perferendis perspiciatis laborum eveniet
sunt iure nam nobis eum cum officiis excepturi odio consectetur quasi aut quisquam vel eligendi
itaque non odit tempore quaerat dignissimos facilis neque nihil expedita vitae vero ipsum
nisi animi cumque pariatur velit modi natus iusto eaque sequi illo sed ex et voluptatibus
tempora veritatis ratione assumenda incidunt nostrum placeat aliquid fuga provident praesentium rem
necessitatibus suscipit adipisci quidem possimus voluptas debitis sint accusantium unde sapiente
voluptate qui aspernatur laudantium soluta amet quo aliquam saepe culpa libero ipsa dicta
reiciendis nesciunt doloribus autem impedit minima maiores repudiandae ipsam obcaecati ullam enim
totam delectus ducimus quis voluptates dolores molestiae harum dolorem quia voluptatem molestias
magni distinctio omnis illum dolorum voluptatum ea quas quam corporis quae blanditiis atque deserunt
laboriosam earum consequuntur hic cupiditate quibusdam accusamus ut rerum error minus eius
ab ad nemo fugit officia at in id quos reprehenderit numquam iste fugiat sit inventore
beatae repellendus magnam recusandae quod explicabo doloremque aperiam consequatur asperiores commodi
optio dolor labore temporibus repellat veniam architecto est esse mollitia nulla a similique
eos alias dolore tenetur deleniti porro facere maxime corrupti`)
