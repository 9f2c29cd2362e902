package cli

import (
	"strings"

	"depositdesk/data"
)

// teamCommands set up and list the logins of a team database (PRODUCT.md §7).
var teamCommands = []command{
	{[]string{"team", "init"}, "team init", teamInit},
	{[]string{"team", "add-user"}, "team add-user NAME [--clients A,B] [--owner]", teamAddUser},
	{[]string{"team", "list"}, "team list", teamList},
	{[]string{"db", "copy"}, "db copy --to URL|PATH", dbCopy},
}

// dbCopy moves all data between SQLite and PostgreSQL (either way).
func dbCopy(c *ctx, args []string) error {
	fs := newFlags("db copy")
	to := fs.String("to", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || strings.TrimSpace(*to) == "" {
		return usagef("db copy needs --to URL|PATH and nothing else")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	counts, err := d.CopyTo(c.Ctx, *to)
	if err != nil {
		return err
	}
	target := *to
	if data.IsPostgresURL(target) {
		target = data.RedactURL(target)
	}
	c.printf("Copied %s to %s: %d shops, %d orders, %d after-sales cases, %d import batches, %d audit entries.\n",
		d.Path(), target, counts["shops"], counts["orders"], counts["return_cases"], counts["import_batches"], counts["audit_log"])
	return nil
}

func teamInit(c *ctx, args []string) error {
	fs := newFlags("team init")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("team init takes no arguments")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	if err := d.TeamInit(c.Ctx); err != nil {
		return err
	}
	c.printf("%s is a team database: add people with depositdesk team add-user NAME --clients A,B (or --owner).\n", d.Path())
	return nil
}

func teamAddUser(c *ctx, args []string) error {
	fs := newFlags("team add-user")
	clients := fs.String("clients", "", "")
	owner := fs.Bool("owner", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("team add-user needs one NAME")
	}
	m := data.TeamMember{Login: pos[0], Owner: *owner}
	if *clients != "" {
		m.Clients = strings.Split(*clients, ",")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	if err := d.TeamAddUser(c.Ctx, m); err != nil {
		return err
	}
	c.printf("%s can log in (set a password on the server: psql -c '\\password %s').\n", m.Login, m.Login)
	return nil
}

func teamList(c *ctx, args []string) error {
	fs := newFlags("team list")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("team list takes no arguments")
	}
	d, err := c.open()
	if err != nil {
		return err
	}
	team, err := d.Team(c.Ctx)
	if err != nil {
		return err
	}
	for _, m := range team {
		sees := strings.Join(m.Clients, ", ")
		if m.Owner {
			sees = "every client (owner)"
		}
		c.printf("%-20s %s\n", m.Login, sees)
	}
	return nil
}
