package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// WriteText writes findings as tplcheck prints them by default: each as
// "file:line:col: severity: message [rule]", followed, when snippets is
// set, by the source line with a caret under the place.
func WriteText(w io.Writer, findings []Finding, snippets bool) error {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
		if s := f.Snippet(); snippets && s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// JSONVersion is the version of the JSON output's schema (WriteJSON). It
// changes only when a field changes meaning or goes away; new fields may
// be added within a version.
const JSONVersion = 1

// JSONReport is the document WriteJSON writes:
//
//	{
//	  "version": 1,
//	  "tool": "tplcheck",
//	  "findings": [
//	    {"rule": "missing-template", "severity": "error", "file": "templates/page.html",
//	     "line": 3, "column": 12, "endLine": 3, "endColumn": 24,
//	     "message": "…", "source": "{% include \"card.html\" %}"}
//	  ],
//	  "errors": [{"file": "templates/gone.html", "message": "…"}],
//	  "counts": {"error": 1, "warning": 0, "info": 0}
//	}
//
// findings are sorted by file, line and column; severity is "error",
// "warning" or "info"; line and column count from 1, the column in
// characters; endLine, endColumn (just after the span) and source (the
// source line) are left out when not known. errors are the files that
// could not be checked.
type JSONReport struct {
	Version  int            `json:"version"`
	Tool     string         `json:"tool"`
	Findings []Finding      `json:"findings"`
	Errors   []JSONError    `json:"errors"`
	Counts   map[string]int `json:"counts"`
}

// JSONError is a file that could not be checked, in a JSONReport.
type JSONError struct {
	File    string `json:"file,omitempty"`
	Message string `json:"message"`
}

// WriteJSON writes findings, and the files err says could not be checked
// (a join of *FileError, as Check returns), as a JSONReport.
func WriteJSON(w io.Writer, findings []Finding, err error) error {
	rep := JSONReport{Version: JSONVersion, Tool: "tplcheck", Findings: findings, Errors: []JSONError{},
		Counts: map[string]int{"error": 0, "warning": 0, "info": 0}}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	for _, f := range findings {
		rep.Counts[f.Severity.String()]++
	}
	for _, e := range flatten(err) {
		var fe *FileError
		if errors.As(e, &fe) {
			rep.Errors = append(rep.Errors, JSONError{File: fe.Name, Message: fe.Err.Error()})
		} else {
			rep.Errors = append(rep.Errors, JSONError{Message: e.Error()})
		}
	}
	return encode(w, rep)
}

// flatten lists the errors of a join.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// SARIF 2.1.0 (OASIS), the subset GitHub code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifHelp      `json:"help"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           sarifRuleProps `json:"properties"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifHelp struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags []string `json:"tags"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// The schema of SARIF 2.1.0 that GitHub's documentation names.
const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// WriteSARIF writes findings as a SARIF 2.1.0 log for GitHub code
// scanning and other SARIF viewers: one run of the tool tplcheck with
// every rule's metadata (summary, documentation, default level) and a
// result per finding, located by its file (a relative URI against
// %SRCROOT%, the repository's root when tplcheck runs there), line and
// column (in Unicode code points).
func WriteSARIF(w io.Writer, findings []Finding) error {
	index := map[string]int{}
	var srules []sarifRule
	for i, r := range rules {
		index[r.ID] = i
		tags := []string{"templates", "django"}
		if r.Set == SecuritySet || r.ID == "unescaped-context" {
			tags = append(tags, "security")
		}
		srules = append(srules, sarifRule{
			ID:                   r.ID,
			Name:                 camel(r.ID),
			ShortDescription:     sarifText{upperFirst(r.Summary)},
			FullDescription:      sarifText{r.Doc},
			Help:                 sarifHelp{Text: r.Doc, Markdown: fmt.Sprintf("**%s** (%s, %s set)\n\n%s\n\nExplain: `tplcheck -explain %s`", r.ID, r.Severity, r.Set, r.Doc, r.ID)},
			DefaultConfiguration: sarifConfig{sarifLevel(r.Severity)},
			Properties:           sarifRuleProps{tags},
		})
	}
	results := []sarifResult{}
	for _, f := range findings {
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(f.File), URIBaseID: "%SRCROOT%"}}
		if f.Line > 0 {
			loc.Region = &sarifRegion{StartLine: f.Line, StartColumn: max(f.Column, 1)}
			if f.EndLine > 0 {
				loc.Region.EndLine, loc.Region.EndColumn = f.EndLine, f.EndColumn
			}
		}
		results = append(results, sarifResult{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
			Message: sarifText{f.Message}, Locations: []sarifLocation{{loc}},
		})
	}
	return encode(w, sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:       sarifTool{sarifDriver{Name: "tplcheck", InformationURI: "https://github.com/braidtpl/braid", Rules: srules}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	})
}

// fileURI is a relative file path as a URI reference.
func fileURI(p string) string {
	u := url.URL{Path: filepath.ToSlash(p)}
	return u.String()
}

// camel turns "missing-template" into "MissingTemplate".
func camel(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		b.WriteString(upperFirst(part))
	}
	return b.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteGitHub writes findings as GitHub Actions workflow commands, which
// a workflow run shows as annotations on the files' lines:
//
//	::error file=F,line=L,col=C,endLine=L,endColumn=C,title=RULE::message
//
// (::warning for warnings, ::notice for infos).
func WriteGitHub(w io.Writer, findings []Finding) error {
	var b strings.Builder
	for _, f := range findings {
		cmd := map[Severity]string{Error: "error", Warning: "warning"}[f.Severity]
		if cmd == "" {
			cmd = "notice"
		}
		fmt.Fprintf(&b, "::%s file=%s", cmd, ghProperty(filepath.ToSlash(f.File)))
		if f.Line > 0 {
			fmt.Fprintf(&b, ",line=%d,col=%d", f.Line, f.Column)
			if f.EndLine > 0 {
				fmt.Fprintf(&b, ",endLine=%d,endColumn=%d", f.EndLine, f.EndColumn)
			}
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty(f.Rule), ghData(f.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
