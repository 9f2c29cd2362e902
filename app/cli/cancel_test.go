package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestACancelledCommandSaysSoAndChangesNothing runs commands whose context
// is already cancelled (as Ctrl-C does): each says "cancelled", prints no
// result, and writes nothing.
func TestACancelledCommandSaysSoAndChangesNothing(t *testing.T) {
	s := newSession(t)
	s.ok("demo")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"readiness"},
		{"readiness", "--json"},
		{"shop", "add", "Tiger SG", "--site", "SG", "--deposit", "100", "--currency", "SGD"},
		{"audit"},
	} {
		var out, errb bytes.Buffer
		code := Run(append([]string{"--db", s.db}, args...), Env{Stdout: &out, Stderr: &errb, Context: cancelled})
		if code != 1 || out.Len() != 0 || strings.TrimSpace(errb.String()) != "depositdesk: cancelled" {
			t.Errorf("%v cancelled: exit %d, printed %q, said %q; want exit 1, nothing printed, \"depositdesk: cancelled\"",
				args, code, out.String(), errb.String())
		}
	}
	if list := s.ok("shop", "list"); strings.Contains(list, "Tiger SG") {
		t.Errorf("the cancelled shop add added the shop:\n%s", list)
	}
}
