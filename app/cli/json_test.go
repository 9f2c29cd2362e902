package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// jsonPage is the --json contract the test holds the commands to.
const jsonPage = "../../docs/json.md"

// jsonArgs are the arguments a --json command needs besides its words and
// --json, when it needs any; newExport stands for the path of an orders
// export not imported yet, written for the run.
var jsonArgs = map[string][]string{
	"import": {"--shop", "Acme US", newExport},
}

const newExport = "NEW-EXPORT"

// documented is one key of a command's table in docs/json.md.
type documented struct {
	typ, null string
	line      int
}

// canBeNull and canBeAbsent read the page's "null when" column.
func (d documented) canBeNull() bool {
	return !strings.HasPrefix(d.null, "never") && !strings.HasPrefix(d.null, "absent")
}
func (d documented) canBeAbsent() bool { return strings.HasPrefix(d.null, "absent") }

var (
	sectionLine = regexp.MustCompile("^## `(.+) --json`\\s*$")
	keyLine     = regexp.MustCompile("^\\| `([^`]+)` \\| (\\w+) \\| (.+) \\|\\s*$")
	dateText    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	timeText    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)
)

var knownTypes = map[string]bool{"string": true, "integer": true, "number": true, "boolean": true, "date": true,
	"time": true, "timestamp": true, "object": true, "array": true, "map": true}

// readJSONPage reads docs/json.md: command → key path → what the page says.
func readJSONPage(t *testing.T) map[string]map[string]documented {
	t.Helper()
	f, err := os.Open(jsonPage)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page := map[string]map[string]documented{}
	var cur map[string]documented
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := sectionLine.FindStringSubmatch(line); m != nil {
			cur = map[string]documented{}
			page[m[1]] = cur
			continue
		}
		if strings.HasPrefix(line, "## ") {
			cur = nil
			continue
		}
		m := keyLine.FindStringSubmatch(line)
		if m == nil || cur == nil {
			continue
		}
		if !knownTypes[m[2]] {
			t.Errorf("%s:%d: %q is not one of the page's types", jsonPage, n, m[2])
		}
		if _, dup := cur[m[1]]; dup {
			t.Errorf("%s:%d: %s is listed twice", jsonPage, n, m[1])
		}
		cur[m[1]] = documented{m[2], m[3], n}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return page
}

// typeOf names the type of a value as the page would.
func typeOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == math.Trunc(v) {
			return "integer"
		}
		return "number"
	case string:
		switch {
		case dateText.MatchString(v):
			return "date"
		case timeText.MatchString(v):
			return "time"
		}
		if _, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return "timestamp"
		}
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// fits reports whether a value of the observed type fits the page's type.
func fits(page, observed string) bool {
	switch page {
	case observed:
		return true
	case "number":
		return observed == "integer"
	case "string":
		return observed == "date" || observed == "time" || observed == "timestamp"
	case "map":
		return observed == "object"
	}
	return false
}

// observed is what the output held at one key path, over every element.
type observed struct {
	types   map[string]string // type → an example value
	missing int               // objects that lacked the key
}

// outputCheck gathers one command's output by key path.
type outputCheck struct {
	doc  map[string]documented
	keys map[string]*observed
}

func (c *outputCheck) at(path string) *observed {
	o := c.keys[path]
	if o == nil {
		o = &observed{types: map[string]string{}}
		c.keys[path] = o
	}
	return o
}

func (c *outputCheck) walk(path string, v any) {
	o := c.at(path)
	if t := typeOf(v); o.types[t] == "" {
		o.types[t] = clipJSON(v)
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			c.walk(path+"[]", e)
		}
	case map[string]any:
		if d, ok := c.doc[path]; ok && d.typ == "map" {
			for _, e := range v {
				c.walk(path+".*", e)
			}
			return
		}
		for k, e := range v {
			c.walk(joinKey(path, k), e)
		}
		for key := range c.doc {
			if parentKey(key) != path || strings.HasSuffix(key, "[]") || strings.HasSuffix(key, ".*") {
				continue
			}
			if _, there := v[key[len(joinKey(path, "")):]]; !there {
				c.at(key).missing++
			}
		}
	}
}

// problems compares what was gathered with the page, one line per key.
func (c *outputCheck) problems(cmd string) []string {
	var out []string
	say := func(format string, a ...any) { out = append(out, cmd+" --json: "+fmt.Sprintf(format, a...)) }
	for path, o := range c.keys {
		if path == "" {
			continue
		}
		d, ok := c.doc[path]
		if !ok {
			var types []string
			for t := range o.types {
				types = append(types, t)
			}
			sort.Strings(types)
			say("key `%s` is not in docs/json.md (seen as %s); add its row: | `%s` | TYPE | never, or when it is null |", path, strings.Join(types, ", "), path)
			continue
		}
		for t, example := range o.types {
			switch {
			case t == "null" && !d.canBeNull():
				say("`%s` is null; docs/json.md (line %d) says %q", path, d.line, d.null)
			case t != "null" && !fits(d.typ, t):
				say("`%s` is %s (%s); docs/json.md (line %d) says %s", path, t, example, d.line, d.typ)
			}
		}
		if o.missing > 0 && len(o.types) > 0 && !d.canBeAbsent() {
			say("`%s` is missing from %d objects; docs/json.md (line %d) says it is always there", path, o.missing, d.line)
		}
	}
	for key, d := range c.doc {
		o := c.keys[key]
		seen := o != nil && len(o.types) > 0
		// An array seen empty (no rule set limits its sites) vouches for its elements' row.
		if !seen && !(strings.HasSuffix(key, "[]") && c.keys[strings.TrimSuffix(key, "[]")] != nil) {
			say("docs/json.md (line %d) lists `%s`, which the output never held (a key no longer printed, or one the demo session never fills)", d.line, key)
		}
	}
	sort.Strings(out)
	return out
}

func joinKey(parent, k string) string {
	if parent == "" {
		return k
	}
	return parent + "." + k
}

// parentKey is the object a documented key belongs to ("" for the top).
func parentKey(key string) string {
	if i := strings.LastIndex(key, "."); i >= 0 {
		return key[:i]
	}
	return ""
}

func clipJSON(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}

// jsonCommands are the commands whose usage offers --json.
func jsonCommands() []string {
	var out []string
	for _, c := range commands {
		if strings.Contains(c.usage, "--json") {
			out = append(out, strings.Join(c.words, " "))
		}
	}
	return out
}

// jsonSession is the demo with every kind of record the --json commands
// print: applications (one submitted, one no longer valid), open and
// resolved violations, csv and xlsx imports.
func jsonSession(t *testing.T) *session {
	s := newSession(t)
	s.ok("demo")
	s.ok("export", "--out", filepath.Join(t.TempDir(), "applications"), "--as-of", "2026-11-24", "--lang", "en",
		"--shop", "Acme US", "--shop", "Lotus MY")
	var apps struct {
		Applications []struct {
			Shop string `json:"shop"`
		} `json:"applications"`
	}
	if err := json.Unmarshal([]byte(s.ok("application", "list", "--json")), &apps); err != nil || len(apps.Applications) < 2 {
		t.Fatalf("the demo should give two applications or more: %v %+v", err, apps)
	}
	s.ok("application", "set", apps.Applications[0].Shop, "--status", "submitted", "--on", "2026-11-24")
	s.ok("violation", "add", "--shop", apps.Applications[1].Shop, "--date", "2026-11-23", "--kind", "Late dispatch", "--penalty", "20")
	warned := filepath.Join(t.TempDir(), "All order-2026-11-22-09_00.csv")
	if err := os.WriteFile(warned, []byte("Order ID,Order Status,Created Time,Order Amount\n583870900000000777,Completed,2026-11-01 10:00:00,lots\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.ok("import", "--shop", "Acme US", warned)
	// status list shows one taught value and one still unknown.
	unknown := filepath.Join(t.TempDir(), "All order-2026-11-22-10_00.csv")
	if err := os.WriteFile(unknown, []byte("Order ID,Order Status,Created Time,Order Amount\n583870900000000778,Awaiting audit,2026-11-01 10:00:00,5\n583870900000000779,Pending review,2026-11-01 10:00:00,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.ok("import", "--shop", "Acme US", unknown)
	s.ok("status", "map", "Awaiting audit", "on_hold")
	return s
}

// writeNewExport writes an orders export of two lines of one order.
func writeNewExport(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "All order-2026-11-23-09_00.csv")
	text := "Order ID,Order Status,Order Substatus,Created Time,Order Amount\n" +
		"583870900000000888,Completed,Completed,2026-11-02 10:00:00,12.50\n583870900000000888,Completed,Completed,2026-11-02 10:00:00,12.50\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEveryJSONOutputIsAsDocsJSONSays(t *testing.T) {
	page := readJSONPage(t)
	s := jsonSession(t)
	var problems []string
	cmds := jsonCommands()
	if len(cmds) < 7 {
		t.Fatalf("found only %d commands with --json: %v", len(cmds), cmds)
	}
	for _, name := range cmds {
		doc, ok := page[name]
		args := strings.Fields(name)
		for _, a := range jsonArgs[name] {
			if a == newExport {
				a = writeNewExport(t)
			}
			args = append(args, a)
		}
		args = append(args, "--json")
		code, out, errs := s.run(args...)
		if code != 0 {
			problems = append(problems, fmt.Sprintf("%s --json: exit %d (%s); if it needs arguments, add them to jsonArgs", name, code, strings.TrimSpace(errs)))
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			problems = append(problems, fmt.Sprintf("%s --json does not print JSON: %v", name, err))
			continue
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("%s --json: the command takes --json and docs/json.md has no section \"## `%s --json`\"; its keys follow", name, name))
			doc = map[string]documented{}
		}
		c := &outputCheck{doc: doc, keys: map[string]*observed{}}
		if _, isObject := v.(map[string]any); !isObject {
			problems = append(problems, fmt.Sprintf("%s --json prints %s, not an object", name, typeOf(v)))
		}
		c.walk("", v)
		problems = append(problems, c.problems(name)...)
	}
	for name := range page {
		found := false
		for _, c := range cmds {
			found = found || c == name
		}
		if !found {
			problems = append(problems, fmt.Sprintf("docs/json.md describes `%s --json`, which no command offers", name))
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
}
