package screens

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"depositdesk/app"
)

// coreMessages finds every sentence the core (app/ and data/) hands to a
// person as a data.Message: literals passed to Msg(…), Text: literals of
// Message values, and string constants named Msg…, msg… or warn… (the
// templates kept in one place). It maps each template to where it is written.
func coreMessages(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	eachGoFile(t, func(fset *token.FileSet, f *ast.File) {
		add := func(e ast.Expr) {
			lit, ok := e.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			found[s] = fset.Position(lit.Pos()).String()
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if isNamed(n.Fun, "Msg") && len(n.Args) > 0 {
					add(n.Args[0])
				}
			case *ast.CompositeLit:
				if n.Type != nil && !isNamed(n.Type, "Message") {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok && isNamed(kv.Key, "Text") {
						add(kv.Value)
					}
				}
			case *ast.GenDecl:
				if n.Tok != token.CONST {
					return true
				}
				for _, spec := range n.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if messageConst.MatchString(name.Name) && i < len(vs.Values) {
							add(vs.Values[i])
						}
					}
				}
			}
			return true
		})
	}, filepath.Join("..", "app"), filepath.Join("..", "data"))
	for _, text := range app.MessageTexts() {
		if _, ok := found[text]; !ok {
			found[text] = "app.MessageTexts()"
		}
	}
	return found
}

var messageConst = regexp.MustCompile(`^(Msg|msg|warn)[A-Z]`)

// isNamed reports whether e is the identifier name or a selector ending in it (data.Msg).
func isNamed(e ast.Expr, name string) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == name
	case *ast.SelectorExpr:
		return e.Sel.Name == name
	case *ast.UnaryExpr:
		return isNamed(e.X, name)
	}
	return false
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestEveryCoreMessageIsTranslated(t *testing.T) {
	msgs := coreMessages(t)
	if len(msgs) < 60 {
		t.Fatalf("found only %d core messages; is the scan still right?", len(msgs))
	}
	en, zh := readTranslations(t, "en.json"), readTranslations(t, "zh_Hans.json")
	var keys []string
	for k := range msgs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		where := msgs[k]
		if v, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q (%s)", k, where)
		} else if v != k {
			t.Errorf("en.json: %q should read as its key, reads %q", k, v)
		}
		v, ok := zh[k]
		if !ok {
			t.Errorf("zh_Hans.json lacks %q (%s)", k, where)
			continue
		}
		if want, got := placeholders(k), placeholders(v); !slices.Equal(want, got) {
			t.Errorf("zh_Hans.json: %q has placeholders %v, its key %v", v, got, want)
		}
	}
}

// Every translation, not only the core's, keeps the placeholders of its key:
// a lost {{.Row}} would hide where a problem is.
func TestEveryTranslationKeepsItsPlaceholders(t *testing.T) {
	for _, name := range translationFiles {
		for k, v := range readTranslations(t, name) {
			if want, got := placeholders(k), placeholders(v); !slices.Equal(want, got) {
				t.Errorf("%s: %q has placeholders %v, its key %v", name, v, got, want)
			}
		}
	}
}
