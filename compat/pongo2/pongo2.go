package pongo2

// Version is the pongo2 version whose API this package offers.
const Version = "6.0.0"

// Must panics if err is not nil, and returns tpl otherwise:
// pongo2.Must(pongo2.FromFile("page.html")).
func Must(tpl *Template, err error) *Template {
	if err != nil {
		panic(err)
	}
	return tpl
}
