// Package cli is Deposit Desk's command line (PRODUCT.md §5): a thin layer
// over app.Desk. Flags and --json keys are a stable interface.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"depositdesk/app"
	"depositdesk/data"
)

// Env is what a command runs with.
type Env struct {
	Stdout, Stderr io.Writer
	// Open opens the desk at the database path (tests can wrap it).
	Open func(path string) (*app.Desk, error)
	// Context is what the command runs under, nil for until it ends; Ctrl-C
	// cancels it either way.
	Context context.Context
}

// command is one subcommand: its words and what it does.
type command struct {
	words []string // e.g. {"shop", "add"}
	usage string
	run   func(c *ctx, args []string) error
}

type ctx struct {
	Env
	dbPath string
	desk   *app.Desk
	// Ctx is cancelled by Ctrl-C: whatever the command reads or writes
	// stops cleanly (an import leaves nothing half-written).
	Ctx context.Context
}

// the desk opens lazily so that usage errors never create a database.
func (c *ctx) open() (*app.Desk, error) {
	if c.desk != nil {
		return c.desk, nil
	}
	d, err := c.Open(c.dbPath)
	if err != nil {
		return nil, err
	}
	c.desk = d
	return d, nil
}

// printf prints a line; string values (names, files, cells) are made
// data.Printable, so no raw byte of a file reaches the terminal.
func (c *ctx) printf(format string, a ...any) {
	for i, v := range a {
		if s, ok := v.(string); ok {
			a[i] = data.Printable(s)
		}
	}
	fmt.Fprintf(c.Stdout, format, a...)
}

func (c *ctx) json(v any) error {
	enc := json.NewEncoder(c.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

var commands []command

func init() {
	commands = []command{
		{[]string{"shop", "add"}, "shop add NAME --site US --deposit 500 --currency USD " + shopFlagUsage, shopAdd},
		{[]string{"shop", "set"}, "shop set NAME [--name NEW] [--site S] [--deposit AMOUNT] [--currency C] " + shopFlagUsage, shopSet},
		{[]string{"shop", "list"}, "shop list [--json]", shopList},
		{[]string{"import"}, "import [--shop NAME] [--exported-at DATETIME] FILE|DIR...", importFiles},
		{[]string{"imports"}, "imports [--shop NAME] [--json]", importsList},
		{[]string{"undo"}, "undo BATCH_ID | undo --group GROUP_ID", undo},
		{[]string{"violation", "add"}, "violation add --shop NAME --date DATE --kind K [--penalty AMOUNT] [--resolved DATE]", violationAdd},
		{[]string{"violation", "list"}, "violation list [--shop NAME] [--json]", violationList},
		{[]string{"readiness"}, "readiness [--as-of DATE] [--shop NAME]... [--json]", readiness},
		{[]string{"rules", "list"}, "rules list [--json]", rulesList},
		{[]string{"audit"}, "audit [--shop NAME] [--json] [--export FILE.xlsx|FILE.csv]", audit},
		{[]string{"demo"}, "demo", demo},
	}
	commands = append(commands, applicationCommands...)
	commands = append(commands, statusCommands...)
	commands = append(commands, teamCommands...)
}

// Usage is the help text.
func Usage() string {
	var b strings.Builder
	b.WriteString("Deposit Desk (保证金助手): know when each shop's deposit can be refunded.\n\n")
	b.WriteString("usage: depositdesk [--db PATH]                 open the window\n")
	b.WriteString("       depositdesk [--db PATH] COMMAND [FLAGS]\n\ncommands:\n")
	for _, c := range commands {
		b.WriteString("  depositdesk " + c.usage + "\n")
	}
	b.WriteString("\n--db PATH (or DEPOSITDESK_DB) chooses the database: a file, or postgres://USER@HOST/DATABASE\n")
	b.WriteString("for a team database (password from the address, PGPASSWORD or ~/.pgpass); dates are YYYY-MM-DD.\n")
	return b.String()
}

// SplitDB takes --db PATH / --db=PATH out of args, wherever it stands.
func SplitDB(args []string) (db string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return db, append(rest, args[i:]...), nil
		case a == "--db" || a == "-db":
			if i+1 >= len(args) {
				return "", nil, usagef("--db needs a path")
			}
			db = args[i+1]
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			db = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return db, rest, nil
}

// Run runs one command line (without the program name) and returns the exit
// status: 0 done, 1 failed, 2 called wrongly.
func Run(args []string, env Env) int {
	if env.Open == nil {
		env.Open = app.Open
	}
	db, args, err := SplitDB(args)
	if err == nil && db == "" {
		db, err = app.DefaultDBPath()
	}
	if err != nil {
		return fail(env, err)
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(env.Stdout, Usage())
		return 0
	}
	cmd, rest := find(args)
	if cmd == nil {
		return fail(env, usagef("unknown command %q\n\n%s", strings.Join(args[:min(2, len(args))], " "), Usage()))
	}
	// Ctrl-C cancels the command's context: what it reads or writes stops
	// cleanly. A second Ctrl-C ends the program at once, as it would anyway.
	parent := env.Context
	if parent == nil {
		parent = context.Background()
	}
	interrupted, stop := signal.NotifyContext(parent, os.Interrupt)
	defer stop()
	context.AfterFunc(interrupted, stop)
	c := &ctx{Env: env, dbPath: db, Ctx: interrupted}
	defer func() {
		if c.desk != nil {
			c.desk.Close()
		}
	}()
	if err := cmd.run(c, rest); err != nil {
		if errors.Is(err, context.Canceled) && interrupted.Err() != nil {
			err = errCancelled // not "read the orders of …: context canceled"
		}
		var u usageError
		if errors.As(err, &u) && !strings.Contains(u.msg, "usage:") {
			err = usageError{u.msg + "\nusage: depositdesk " + cmd.usage}
		}
		return fail(env, err)
	}
	return 0
}

// errCancelled is what a command stopped by Ctrl-C says.
var errCancelled = errors.New("cancelled")

func find(args []string) (*command, []string) {
	var best *command
	for i := range commands {
		c := &commands[i]
		if len(args) < len(c.words) {
			continue
		}
		match := true
		for j, w := range c.words {
			if args[j] != w {
				match = false
				break
			}
		}
		if match && (best == nil || len(c.words) > len(best.words)) {
			best = c
		}
	}
	if best == nil {
		return nil, nil
	}
	return best, args[len(best.words):]
}

func fail(env Env, err error) int {
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintln(env.Stderr, "depositdesk:", u.msg)
		return 2
	}
	fmt.Fprintln(env.Stderr, "depositdesk:", printableError(err))
	return 1
}

// printableError is err's text, made data.Printable in case something other
// than a *data.Message (which quotes its own values) carried raw bytes in.
func printableError(err error) string { return data.Printable(err.Error()) }

func parseID(s string) (int64, error) {
	n, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || n <= 0 {
		return 0, usagef("%q is not a batch number (see: depositdesk imports)", s)
	}
	return n, nil
}

// asOfFlag reads --as-of, defaulting to today.
func asOfFlag(c *ctx, v string) (data.Date, error) {
	if v == "" {
		d, err := c.open()
		if err != nil {
			return 0, err
		}
		return d.Today(), nil
	}
	return dateFlag("as-of", v)
}
